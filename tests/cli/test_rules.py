"""The rules, analyse, alerts and evaluate commands."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fullpicture.cli import _register, app
from fullpicture.store.database import open_store
from tests.rules.test_run import create_missing_child

runner = CliRunner()
_register()


@pytest.fixture
def sample_url(sqlite_url: str) -> str:
    engine = open_store(sqlite_url)
    create_missing_child(engine)
    engine.dispose()
    return sqlite_url


def test_should_list_every_rule_with_parameters_and_citations() -> None:
    result = runner.invoke(app, ["rules", "--json"])
    assert result.exit_code == 0, result.output
    rules = json.loads(result.output)
    tim1 = next(r for r in rules if r["id"] == "TIM-1")
    assert tim1["parameters"] == {"hours": 72}
    assert {c["code"] for c in tim1["citations"]} == {"TIM-1"}
    assert len(rules) >= 28


def test_should_analyse_list_and_acknowledge_alerts(sample_url: str) -> None:
    assert runner.invoke(app, ["analyse", "--database", sample_url]).exit_code == 0
    listed = runner.invoke(app, ["alerts", "--rule", "TIM-1", "--json", "--database", sample_url])
    (alert,) = json.loads(listed.output)
    assert alert["explanation"].startswith("Missing 12 to 13 March 2025 (police ref P123).")
    ack = ["alerts", "acknowledge", str(alert["id"]), "--by", "J Smith", "--database", sample_url]
    assert runner.invoke(app, ack).exit_code == 0
    shown = runner.invoke(
        app, ["alerts", "show", str(alert["id"]), "--json", "--database", sample_url]
    )
    assert json.loads(shown.output)["status"] == "acknowledged"


def test_should_explain_a_refused_dismissal(sample_url: str) -> None:
    runner.invoke(app, ["analyse", "--database", sample_url])
    listed = runner.invoke(app, ["alerts", "--json", "--database", sample_url])
    alert_id = json.loads(listed.output)[0]["id"]
    result = runner.invoke(
        app, ["alerts", "dismiss", str(alert_id), "--by", "J Smith", "--database", sample_url]
    )
    assert result.exit_code == 2
    assert "needs a reason" in result.output
