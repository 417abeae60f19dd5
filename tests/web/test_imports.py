"""Data import from the browser: upload, counts, quarantine view and formula-safe download."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from fullpicture.audit.tables import audit_entry
from fullpicture.intake.mapping import load_mapping
from fullpicture.intake.registry import register_mapping
from tests.intake.factories import (
    EXAMPLE_MAPPING,
    FLAT_MAPPING,
    PERSON_HEADER,
    create_attendance_row,
    create_attendances_file,
    create_csv,
    create_person_row,
)
from tests.web.db import create_user


@pytest.fixture
def sample_uploader(sample_engine, client_request):
    mapping = load_mapping(EXAMPLE_MAPPING)
    for table in mapping.tables:
        table.max_bad_ratio = None
    register_mapping(sample_engine, mapping)
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    return client, mapping.source


def _upload(client, source, path):
    with path.open("rb") as handle:
        return client.http.post(
            "/imports",
            data={"source": source, "csrf_token": client.csrf},
            files={"extract": (path.name, handle, "text/csv")},
        )


def test_should_import_a_file_and_quarantine_its_bad_row(sample_uploader, tmp_path):
    client, source = sample_uploader
    bad = create_person_row("")  # no PersonID: the mapping requires one
    bad[2] = '=HYPERLINK("http://evil")'
    path = create_csv(
        tmp_path / "persons.csv",
        PERSON_HEADER,
        [create_person_row("P1"), create_person_row("P2"), bad],
    )
    response = _upload(client, source, path)
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    counts = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in soup.select(".govuk-summary-list__row")
    }
    assert counts["Rows read"] == "3"
    assert (counts["Rows stored"], counts["Rows quarantined"]) == ("2", "1")
    assert "local_id" in page.text
    csv_response = client.http.get(response.headers["location"] + "/quarantine.csv")
    assert csv_response.status_code == 200
    assert "attachment" in csv_response.headers["content-disposition"]
    assert "'=HYPERLINK" in csv_response.text  # neutralised against formula injection
    assert ",=HYPERLINK" not in csv_response.text


def test_should_explain_a_file_the_intake_cannot_read(sample_uploader, tmp_path):
    client, source = sample_uploader
    path = create_csv(tmp_path / "persons.csv", ["Nonsense"], [["x"]])
    page = _upload(client, source, path)
    assert page.status_code == 400
    assert "There is a problem" in page.text and 'href="#extract"' in page.text


def test_should_ask_for_a_source_and_a_file(sample_uploader):
    client, _source = sample_uploader
    page = client.post("/imports", {"source": ""})
    assert page.status_code == 400 and 'href="#source"' in page.text


def test_should_show_a_refused_file_as_an_alert_until_it_is_acknowledged(
    sample_uploader, sample_engine, tmp_path
):
    client, source = sample_uploader
    mapping = load_mapping(EXAMPLE_MAPPING)
    for table in mapping.tables:
        table.max_bad_ratio = 0.5
    register_mapping(sample_engine, mapping)
    rows = [create_person_row("P1"), create_person_row(""), create_person_row("")]
    response = _upload(client, source, create_csv(tmp_path / "persons.csv", PERSON_HEADER, rows))
    assert response.status_code == 400
    assert "recorded as rejection 1" in response.text
    page = BeautifulSoup(client.get("/imports").text, "html.parser")
    assert "persons.csv" in page.select_one("#refused + .govuk-warning-text + table").get_text()
    done = client.http.post("/imports/rejections/1/acknowledge", data={"csrf_token": client.csrf})
    assert (done.status_code, done.headers["location"]) == (303, "/imports")
    assert 'id="refused"' not in client.get("/imports").text
    with sample_engine.connect() as conn:
        actions = conn.execute(sa.select(audit_entry.c.action)).scalars().all()
    assert "acknowledge rejection" in actions


def test_should_answer_404_for_acknowledging_a_refusal_that_does_not_exist(sample_uploader):
    client, _ = sample_uploader
    response = client.http.post(
        "/imports/rejections/7/acknowledge", data={"csrf_token": client.csrf}
    )
    assert response.status_code == 404


def test_should_take_a_flat_export_in_as_each_of_its_tables(
    sample_engine, client_request, tmp_path
):
    register_mapping(sample_engine, load_mapping(FLAT_MAPPING))
    secret = create_user(sample_engine, "dm", "social_worker")
    client = client_request()
    client.sign_in("dm", secret)
    path = create_attendances_file(
        tmp_path, [create_attendance_row("A1", "H1"), create_attendance_row("A2", "H2")]
    )
    response = _upload(client, "ed", path)
    assert (response.status_code, response.headers["location"]) == (303, "/imports")
    listing = client.get("/imports").text
    assert "ed_patients" in listing and "ed_attendances" in listing
