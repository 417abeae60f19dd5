"""The linkage review queue and the chronology exports, from the browser's side."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from docx import Document

from fullpicture.audit.tables import audit_entry
from fullpicture.linkage.decisions import review_queue
from fullpicture.web.app import create_app
from tests.web.conftest import PageClient
from tests.web.db import create_event, create_person, create_user


def test_should_review_a_pair_and_record_the_decision(
    linked_store,
    sample_settings,
    sample_clock,
):
    secret = create_user(linked_store, "sw", "social_worker")
    client = PageClient(
        create_app(sample_settings, engine=linked_store, clock=sample_clock), sample_clock
    )
    client.sign_in("sw", secret)
    page = client.get("/linkage")
    assert page.status_code == 200
    first = review_queue(linked_store, limit=1)[0]
    assert f"Pair {first.pair_id}" in page.text
    missing = client.post(f"/linkage/{first.pair_id}", {})
    assert missing.status_code == 400 and f'href="#decision-{first.pair_id}"' in missing.text
    done = client.post(
        f"/linkage/{first.pair_id}", {"decision": "not_same", "reason": "Different mothers"}
    )
    assert done.status_code == 303
    assert first.pair_id not in {i.pair_id for i in review_queue(linked_store)}
    with linked_store.connect() as conn:
        purposes = list(conn.execute(sa.select(audit_entry.c.purpose)).scalars())
    assert "linkage decision" in purposes


@pytest.fixture
def sample_exporter(sample_engine, client_request):
    pid = create_person(sample_engine, "P0000001", name="Amy Example")
    create_event(sample_engine, pid, summary="=cmd|' /C calc'!A0")
    create_event(
        sample_engine, pid, agency="police", event_type="police.incident", summary="Police attended"
    )
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    client = client_request()
    client.sign_in("sw", secret)
    return pid, client


@pytest.mark.parametrize("fmt", ["html", "csv", "docx", "pdf"])
def test_should_export_the_chronology_with_one_audit_entry(sample_exporter, sample_engine, fmt):
    pid, client = sample_exporter
    with sample_engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(audit_entry)).scalar_one()
    response = client.http.get(f"/children/{pid}/chronology.{fmt}")
    assert response.status_code == 200
    assert f"chronology-{pid}.{fmt}" in response.headers["content-disposition"]
    with sample_engine.connect() as conn:
        rows = conn.execute(sa.select(audit_entry).where(audit_entry.c.seq > before)).all()
    assert [(r.action, r.subject) for r in rows] == [("export", pid)]
    if fmt == "csv":
        assert "Police attended" in response.text and "\n=cmd" not in response.text
        assert ",=cmd" not in response.text
    if fmt == "docx":
        document = Document(io.BytesIO(response.content))
        text = " ".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
        assert "Police attended" in text
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF")


def test_should_refuse_exports_to_a_single_agency_practitioner(sample_engine, client_request):
    pid = create_person(sample_engine, "P0000001")
    secret = create_user(sample_engine, "hv", "practitioner", agency="health", children=(pid,))
    client = client_request()
    client.sign_in("hv", secret)
    assert client.http.get(f"/children/{pid}/chronology.csv").status_code == 403
