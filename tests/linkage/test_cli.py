"""The commands: link, review, decide, evaluate linkage."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from benchmarks.linkage_data import Dataset, write_truth
from fullpicture.cli import _register, app

_register()
runner = CliRunner()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_should_list_the_review_queue_as_json(linked_store: Engine) -> None:
    result = runner.invoke(
        app, ["link", "review", "--json", "--limit", "2", "--database", _url(linked_store)]
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 2 and items[0]["explanation"]


def test_should_record_a_decision_from_the_command_line(linked_store: Engine) -> None:
    pair = json.loads(
        runner.invoke(
            app, ["link", "review", "--json", "--limit", "1", "--database", _url(linked_store)]
        ).stdout
    )[0]
    result = runner.invoke(
        app,
        [
            "link",
            "decide",
            pair["pair_id"],
            "not-same",
            "--by",
            "A. Worker",
            "--reason",
            "checked",
            "--database",
            _url(linked_store),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Recorded" in result.stdout


def test_should_explain_a_bad_pair_id_without_a_traceback(linked_store: Engine) -> None:
    result = runner.invoke(
        app,
        ["link", "decide", "oops", "same", "--by", "A. Worker", "--database", _url(linked_store)],
    )
    assert result.exit_code == 2
    assert "not a pair id" in result.output


def test_should_evaluate_against_the_truth(
    linked_store: Engine, sample_dataset: Dataset, tmp_path: Path
) -> None:
    write_truth(sample_dataset, tmp_path / "truth")
    result = runner.invoke(
        app,
        [
            "evaluate",
            "linkage",
            "--truth",
            str(tmp_path / "truth"),
            "--json",
            "--database",
            _url(linked_store),
        ],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["linkage"]["f1"] > 0.95
    assert scores["nhs_only_baseline"]["recall"] < scores["linkage"]["recall"]
