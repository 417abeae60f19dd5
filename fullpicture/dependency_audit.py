"""Known-vulnerable dependencies (security requirement 49): run pip-audit, record what happened.

``make audit-deps`` runs ``python -m fullpicture.dependency_audit REQUIREMENTS OUT_DIR`` on the
hashed runtime requirements exported from ``uv.lock``. The outcome is written to
``OUT_DIR/status.json`` as one of:

- ``passed``: every dependency was audited and none has a known vulnerability (exit 0);
- ``failed``: vulnerabilities were found, listed in ``pip-audit.json`` (exit 1);
- ``not run``: the vulnerability service could not be reached, or could not answer for some
  dependency, so nothing can be said (exit 3). It is never reported as passed;
- ``error``: pip-audit failed for another reason (exit 2).

pip-audit is a development tool run as a program; the package does not import it.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404 - runs the pinned pip-audit program with fixed arguments
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

PASSED, FAILED, NOT_RUN, ERROR = "passed", "failed", "not run", "error"
EXIT_CODES = {PASSED: 0, FAILED: 1, ERROR: 2, NOT_RUN: 3}

# What pip-audit (through requests) prints when the service cannot be reached or cannot answer.
_UNREACHABLE = (
    "could not be audited",
    "connectionerror",
    "connection refused",
    "failed to establish a new connection",
    "max retries exceeded",
    "name or service not known",
    "temporary failure in name resolution",
    "timed out",
    "proxyerror",
    "sslerror",
)


@dataclass(frozen=True)
class AuditOutcome:
    """What one audit run found: ``status`` (see the module) and a one-line ``detail``."""

    status: str
    detail: str
    vulnerabilities: int = 0


def _count_vulnerabilities(report: dict[str, object]) -> int:
    dependencies = report.get("dependencies", [])
    if not isinstance(dependencies, list):
        return 0
    return sum(len(d.get("vulns", [])) for d in dependencies if isinstance(d, dict))


def classify(returncode: int, report: Path, stderr: str) -> AuditOutcome:
    """Decide the outcome of a pip-audit run from its exit code, JSON report and error output.

    Vulnerabilities found count even when part of the run failed; otherwise any sign that the
    service was not reached (or could not answer for a dependency) makes the run "not run".
    """
    found = 0
    if report.exists():
        found = _count_vulnerabilities(json.loads(report.read_text(encoding="utf-8")))
    if found:
        return AuditOutcome(FAILED, f"{found} known vulnerabilities", found)
    lowered = stderr.lower()
    if any(sign in lowered for sign in _UNREACHABLE):
        why = next(
            line for line in stderr.splitlines() if any(s in line.lower() for s in _UNREACHABLE)
        )
        return AuditOutcome(NOT_RUN, f"vulnerability service unreachable: {why.strip()[:300]}")
    if report.exists() and returncode == 0:
        return AuditOutcome(PASSED, "no known vulnerabilities")
    last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {returncode}"
    return AuditOutcome(ERROR, f"pip-audit failed: {last}")


def run_audit(requirements: Path, out_dir: Path, *, timeout: int = 15) -> AuditOutcome:
    """Run pip-audit on hashed ``requirements``; write its report and ``status.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "pip-audit.json"
    report.unlink(missing_ok=True)
    command = [
        *(sys.executable, "-m", "pip_audit"),
        *("--strict", "--require-hashes", "--disable-pip", "--progress-spinner", "off"),
        *("--timeout", str(timeout), "-r", str(requirements), "-f", "json", "-o", str(report)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # nosec B603
    outcome = classify(done.returncode, report, done.stderr)
    status = {**asdict(outcome), "at": datetime.now(UTC).isoformat(), "input": str(requirements)}
    (out_dir / "status.json").write_text(json.dumps(status, indent=2) + "\n", encoding="utf-8")
    return outcome


def main(argv: list[str] | None = None) -> int:
    """``python -m fullpicture.dependency_audit REQUIREMENTS OUT_DIR``; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.stderr.write("Usage: python -m fullpicture.dependency_audit REQUIREMENTS OUT_DIR\n")
        return EXIT_CODES[ERROR]
    outcome = run_audit(Path(args[0]), Path(args[1]))
    sys.stdout.write(f"Dependency audit: {outcome.status.upper()} - {outcome.detail}\n")
    return EXIT_CODES[outcome.status]


if __name__ == "__main__":
    raise SystemExit(main())
