# fullpicture: make help lists the targets.
.DEFAULT_GOAL := help
UV = $(shell scripts/bootstrap.sh | tail -n 1)
RUN = $(UV) run --frozen

.PHONY: help setup demo test test-all lint fix bench docs serve screenshots sbom audit-deps secrets

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

setup: ## Install the locked environment into .venv
	@scripts/bootstrap.sh >/dev/null

demo: ## Set up, then run the main job on the embedded default (SQLite, synthetic data)
	$(RUN) fullpicture demo

test: ## Set up, then run the whole default test suite (SQLite, and PostgreSQL where installed)
	$(RUN) pytest -n 2 --dist loadgroup

test-all: ## Also run the slow tests
	$(RUN) pytest -n 2 --dist loadgroup -m ''

lint: ## Lint, format check, strict type check, bandit and the secret scan
	$(RUN) ruff check fullpicture tests benchmarks
	$(RUN) ruff format --check fullpicture tests benchmarks
	$(RUN) mypy
	$(RUN) bandit -ll -q -c pyproject.toml -r fullpicture
	$(MAKE) --no-print-directory secrets

secrets: ## Scan every tracked text file for secrets (detect-secrets; known test passwords are allowlisted inline)
	git ls-files -z | grep -z -v -E '\.(png|pdf|docx|xlsx|woff2?|ico)$$' | xargs -0 $(RUN) detect-secrets-hook

fix: ## Apply ruff's fixes and formatting
	$(RUN) ruff check --fix fullpicture tests
	$(RUN) ruff format fullpicture tests

bench: ## Run the benchmarks and print the figures for docs/performance.md
	$(RUN) python -m benchmarks

screenshots: ## Refresh docs/screenshots from the browser tests
	FULLPICTURE_UPDATE_SCREENSHOTS=1 $(RUN) pytest tests/web/test_browser.py

sbom: ## Write the CycloneDX SBOM of the runtime dependencies to out/sbom/
	@mkdir -p out/sbom
	$(UV) export --frozen --no-dev --no-emit-project --format requirements-txt -q -o out/sbom/requirements.txt
	$(RUN) cyclonedx-py requirements out/sbom/requirements.txt --pyproject pyproject.toml --mc-type application --of JSON --output-reproducible -o out/sbom/fullpicture.cdx.json

audit-deps: sbom ## pip-audit the runtime dependencies; "not run" (exit 3) when the service is unreachable
	$(RUN) python -m fullpicture.dependency_audit out/sbom/requirements.txt out/audit

serve: ## Serve the web application on loopback
	$(RUN) fullpicture serve
