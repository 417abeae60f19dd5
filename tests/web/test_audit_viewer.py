"""The auditors' pages: who accessed this child (requirement 21) and the chain check."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.audit.tables import audit_entry
from tests.web.db import create_event, create_person, create_user


def test_should_list_exactly_the_accesses_to_one_child(sample_engine, client_request):
    amy = create_person(sample_engine, "P0000001", name="Amy")
    ben = create_person(sample_engine, "P0000002", name="Ben")
    create_event(sample_engine, amy)
    sw = create_user(sample_engine, "sw", "social_worker", children=(amy, ben))
    iro = create_user(sample_engine, "iro", "iro", children=(amy,))
    auditor = create_user(sample_engine, "aud", "auditor", agency="partnership")
    social, reviewer, audit = client_request(), client_request(), client_request()
    social.sign_in("sw", sw)
    reviewer.sign_in("iro", iro)
    audit.sign_in("aud", auditor)
    social.get(f"/children/{amy}")
    social.get(f"/children/{ben}")
    reviewer.get(f"/households/{amy}")
    social.http.get(f"/api/children/{amy}")
    report = audit.http.get(f"/api/audit/children/{amy}").json()
    assert [(r["actor"], r["purpose"]) for r in report] == [
        ("sw", "view child page"),
        ("iro", "view household"),
        ("sw", "api: view child"),
    ]
    page = audit.get(f"/audit/children/{amy}")
    assert page.status_code == 200 and "view household" in page.text
    assert audit.http.get(f"/api/audit/children/{amy}?from=2030-01-01").json() == []


def test_should_show_auditors_that_the_chain_verifies_and_when_it_does_not(
    sample_engine, client_request
):
    auditor = create_user(sample_engine, "aud", "auditor", agency="partnership")
    audit = client_request()
    audit.sign_in("aud", auditor)
    assert "entries verify" in audit.get("/audit/verify").text
    with sample_engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        conn.execute(audit_entry.update().where(audit_entry.c.seq == 1).values(actor="x"))
    page = audit.get("/audit/verify").text
    assert "has been altered" in page and "number 1" in page
    with sample_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_entry)).scalar_one() > 1
