import json

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from fullpicture.cli import _register, app
from fullpicture.store.database import open_store
from tests.factories import create_event, create_person

runner = CliRunner()
_register()


@pytest.fixture
def sample_store(sqlite_url):
    engine = open_store(sqlite_url)
    pid = create_person(
        engine, given_name="Noah", family_name="Brennan", sources=("police", "health")
    )
    create_event(
        engine, person_id=pid, source="police", summary="Noah Brennan found at the station"
    )
    create_event(engine, person_id=pid, source="health", event_type="health.ed_attendance")
    engine.dispose()
    return sqlite_url, pid


def test_should_list_people_as_json(sample_store):
    url, pid = sample_store
    result = runner.invoke(app, ["people", "--json", "--database", url])
    assert result.exit_code == 0, result.output
    (person,) = json.loads(result.stdout)
    assert person["person_id"] == pid
    assert person["agencies"] == ["health", "police"]
    assert person["events"] == 2


def test_should_print_a_chronology_as_text(sample_store):
    url, pid = sample_store
    result = runner.invoke(app, ["chronology", pid, "--database", url])
    assert result.exit_code == 0, result.output
    assert "Chronology: Noah Brennan" in result.stdout
    assert "Emergency department attendance" in result.stdout


def test_should_write_an_anonymised_court_view_to_a_file(sample_store, tmp_path):
    url, pid = sample_store
    out = tmp_path / "c.html"
    args = [
        "chronology",
        pid,
        "--view",
        "court",
        "--anonymise",
        "--format",
        "html",
        "--out",
        str(out),
    ]
    result = runner.invoke(app, [*args, "--database", url])
    assert result.exit_code == 0, result.output
    soup = BeautifulSoup(out.read_text(), "html.parser")
    assert soup.select_one("h1").get_text().startswith("Chronology: Child A")
    assert "Brennan" not in out.read_text()


def test_should_write_a_pdf_to_a_file(sample_store, tmp_path):
    url, pid = sample_store
    out = tmp_path / "c.pdf"
    result = runner.invoke(
        app, ["chronology", pid, "--format", "pdf", "--out", str(out), "--database", url]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chronology", "P999999"], "No person with id"),
        (["chronology", "{pid}", "--format", "docx"], "cannot be written to the terminal"),
        (["chronology", "{pid}", "--view", "secret"], "Unknown chronology view"),
        (["chronology", "{pid}", "--format", "xml"], "Unknown chronology format"),
    ],
)
def test_should_fail_clearly_without_a_traceback(sample_store, args, message):
    url, pid = sample_store
    result = runner.invoke(app, [*(a.format(pid=pid) for a in args), "--database", url])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
