#!/usr/bin/env bash
# Make sure `uv` is available (installing it into .tools/ if needed), then sync the locked
# environment into .venv. Works on a fresh Debian machine with Python 3.11.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v uv >/dev/null 2>&1; then
  UV=$(command -v uv)
elif [ -x .tools/bin/uv ]; then
  UV=.tools/bin/uv
else
  if ! python3 -m venv .tools >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      rm -rf .tools && python3 -m venv .tools
    else
      echo "python3 -m venv failed: install python3-venv (sudo apt-get install python3-venv)" >&2
      exit 1
    fi
  fi
  .tools/bin/pip install -q "uv==0.13.8"
  UV=.tools/bin/uv
fi
"$UV" sync --frozen --quiet
# The web application's GOV.UK Frontend assets (and axe-core for the accessibility tests) come
# from npm at setup time, pinned by package-lock.json; they are never committed.
if [ ! -f node_modules/govuk-frontend/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  else
    echo "npm not found: install nodejs and npm, then run 'npm ci' (the web app needs govuk-frontend)" >&2
  fi
fi
echo "$UV"
