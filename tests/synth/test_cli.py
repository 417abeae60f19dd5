"""``fullpicture synth`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fullpicture.cli import _register, app

runner = CliRunner()
_register()


def test_should_generate_an_authority_and_report_counts_as_json(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["synth", "--children", "40", "--seed", "3", "--out", str(tmp_path / "la"), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["children"] == 40
    assert (tmp_path / "la" / "mappings" / "police.toml").is_file()


def test_should_write_the_calibration_report(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = runner.invoke(
        app, ["synth", "--report", "--children", "60", "--seed", "3", "--out", str(report)]
    )
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    assert "| Referrals per 10,000 children per year |" in text
    assert "fullpicture synth --report --children 60 --seed 3" in text


def test_should_explain_a_missing_output_directory() -> None:
    result = runner.invoke(app, ["synth", "--children", "5"])
    assert result.exit_code == 2
    assert "--out" in result.output
