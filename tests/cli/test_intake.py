from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fullpicture.cli import _register, app
from tests.intake.factories import (
    EXAMPLE_MAPPING,
    PERSON_HEADER,
    create_csv,
    create_event_row,
    create_events_file,
    create_person_row,
    create_persons_file,
)

_register()
runner = CliRunner()


@pytest.fixture
def sample_files(tmp_path):
    persons = create_persons_file(tmp_path, ["P1"])
    events = create_events_file(
        tmp_path, [create_event_row("OC1", "P1"), create_event_row("OC2", "P2")]
    )
    return persons, events


def _run(*args: str, url: str):
    return runner.invoke(app, [*args, "--database", url])


def test_should_import_files_and_print_counts_as_json(sqlite_url, sample_files):
    persons, events = sample_files
    result = _run(
        "import",
        str(events),
        str(persons),
        "--source",
        "police",
        "--mapping",
        str(EXAMPLE_MAPPING),
        "--json",
        url=sqlite_url,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["table"], d["read"], d["stored"], d["quarantined"]) for d in data] == [
        ("persons", 1, 1, 0),
        ("occurrences", 2, 1, 1),
    ]
    assert all(len(d["sha256"]) == 64 and d["ledger_id"] for d in data)


def test_should_print_a_table_and_say_when_a_file_was_already_imported(sqlite_url, sample_files):
    persons, _ = sample_files
    _run(
        "import",
        str(persons),
        "--source",
        "police",
        "--mapping",
        str(EXAMPLE_MAPPING),
        url=sqlite_url,
    )
    result = _run("import", str(persons), "--source", "police", url=sqlite_url)
    assert result.exit_code == 0 and "already imported" in result.stdout


def test_should_give_one_clear_message_and_exit_2_for_an_unknown_source(sqlite_url, sample_files):
    persons, _ = sample_files
    result = _run("import", str(persons), "--source", "nobody", url=sqlite_url)
    assert result.exit_code == 2
    assert "No mapping is registered for the source 'nobody'" in result.stderr
    assert "Traceback" not in result.output


def test_should_list_and_export_the_quarantine(sqlite_url, sample_files, tmp_path):
    _run(
        "import",
        *map(str, sample_files),
        "--source",
        "police",
        "--mapping",
        str(EXAMPLE_MAPPING),
        url=sqlite_url,
    )
    listed = _run("quarantine", "--source", "police", "--json", url=sqlite_url)
    assert [row["row_number"] for row in json.loads(listed.stdout)] == [3]
    out = tmp_path / "fix.csv"
    exported = _run("quarantine", "--export", str(out), url=sqlite_url)
    assert exported.exit_code == 0 and "unknown person" in out.read_text(encoding="utf-8-sig")


def test_should_keep_nothing_and_say_why_when_too_many_rows_are_bad(sqlite_url, sample_files):
    persons, events = sample_files  # half of the events name an unknown person
    args = (
        "import",
        str(persons),
        str(events),
        "--source",
        "police",
        "--mapping",
        str(EXAMPLE_MAPPING),
    )
    result = _run(*args, "--max-bad-ratio", "0.25", url=sqlite_url)
    assert result.exit_code == 2 and "more than the limit of 25%" in result.stderr
    listed = _run("quarantine", "--json", url=sqlite_url)
    assert json.loads(listed.stdout) == []


def test_should_list_a_refused_file_and_acknowledge_it(sqlite_url, tmp_path):
    rows = [create_person_row("P1"), create_person_row(""), create_person_row("")]
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER, rows)
    refused = _run(
        "import", str(path), "--source", "police", "--mapping", str(EXAMPLE_MAPPING),
        "--max-bad-ratio", "0.5", url=sqlite_url,
    )  # fmt: skip
    assert refused.exit_code == 2
    assert "recorded as rejection 1" in refused.output
    listed = json.loads(_run("rejections", "--json", url=sqlite_url).stdout)
    assert [(r["id"], r["file"], r["read"], r["bad"]) for r in listed] == [(1, "persons.csv", 3, 2)]
    done = _run("rejections", "--acknowledge", "1", url=sqlite_url)
    assert done.exit_code == 0, done.output
    assert json.loads(_run("rejections", "--json", url=sqlite_url).stdout) == []
    everything = json.loads(_run("rejections", "--all", "--json", url=sqlite_url).stdout)
    assert everything[0]["acknowledged_by"] == "cli"


def test_should_refuse_to_acknowledge_an_unknown_refusal_clearly(sqlite_url):
    result = _run("rejections", "--acknowledge", "4", url=sqlite_url)
    assert result.exit_code == 2
    assert "No refused file has the id 4" in result.output
    assert "Traceback" not in result.output
