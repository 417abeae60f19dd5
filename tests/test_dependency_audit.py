"""Requirement 49: pip-audit's outcome is recorded as passed, failed, error or "not run" - and an
unreachable vulnerability service is never recorded as passed."""

from __future__ import annotations

import json
import subprocess

import pytest

from fullpicture.dependency_audit import (
    ERROR,
    EXIT_CODES,
    FAILED,
    NOT_RUN,
    PASSED,
    classify,
    main,
    run_audit,
)


def create_report(path, vulns_per_dependency):
    dependencies = [
        {"name": f"pkg{n}", "version": "1.0", "vulns": [{"id": f"PYSEC-{n}-{v}"} for v in range(k)]}
        for n, k in enumerate(vulns_per_dependency)
    ]
    path.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    return path


@pytest.mark.parametrize(
    ("returncode", "vulns", "stderr", "status"),
    [
        (0, [0, 0], "", PASSED),
        (1, [0, 2], "", FAILED),
        (1, [1], "ERROR: x: Dependency not found on PyPI and could not be audited", FAILED),
        (
            1,
            None,
            "ERROR:pip_audit._cli:alembic: Dependency not found on PyPI and could not be audited",
            NOT_RUN,
        ),
        (1, None, "requests.exceptions.ConnectionError: Max retries exceeded with url", NOT_RUN),
        (1, None, "Temporary failure in name resolution", NOT_RUN),
        (1, None, "ERROR: invalid requirements line", ERROR),
        (1, [0], "", ERROR),  # a report, no vulnerabilities, but pip-audit did not succeed
    ],
)
def test_should_classify_each_outcome(tmp_path, returncode, vulns, stderr, status):
    report = tmp_path / "pip-audit.json"
    if vulns is not None:
        create_report(report, vulns)
    assert classify(returncode, report, stderr).status == status


def test_should_record_not_run_when_the_service_cannot_be_reached(tmp_path, monkeypatch):
    exported = subprocess.run(
        [
            "uv",
            "export",
            "--frozen",
            "--no-dev",
            "--no-emit-project",
            "--format",
            "requirements-txt",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    start = exported.index("\nidna==") + 1  # one small hashed requirement
    end = exported.index("\n", exported.index("--hash", start) + 80)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(exported[start:end].split("\n    #")[0] + "\n")
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens: the service is away
    monkeypatch.setenv("NO_PROXY", "")
    outcome = run_audit(requirements, tmp_path / "audit", timeout=5)
    status = json.loads((tmp_path / "audit" / "status.json").read_text())
    assert outcome.status == NOT_RUN and status["status"] == NOT_RUN
    assert PASSED not in json.dumps(status)
    assert EXIT_CODES[NOT_RUN] != 0


def test_should_refuse_to_run_without_its_two_arguments():
    assert main([]) == EXIT_CODES[ERROR]
