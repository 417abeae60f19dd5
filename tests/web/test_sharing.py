"""Agency boundaries under information-sharing agreements, sharing outside the local authority
and the agreements' administration page (requirements 5, 27, 28)."""

from __future__ import annotations

import csv
import io
from datetime import date

import sqlalchemy as sa

from fullpicture.audit.tables import audit_entry
from fullpicture.protection.tables import disclosure, isa
from tests.protection.factories import create_agreement, create_two_agency_child
from tests.web.db import create_alert, create_event, create_person, create_user


def _health_practitioner(engine, client_request, person_id):
    secret = create_user(engine, "hv", "practitioner", agency="health", children=(person_id,))
    client = client_request()
    client.sign_in("hv", secret)
    return client


def test_should_show_no_row_of_another_agency_without_an_agreement(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    client = _health_practitioner(sample_engine, client_request, pid)
    page = client.get(f"/children/{pid}").text
    assert "Health visitor worried" in page
    assert "Police attended" not in page and "police-test" not in page
    api = client.get(f"/api/children/{pid}").json()
    assert {e["agency"] for e in api["events"]} == {"health"}
    filtered = client.get(f"/children/{pid}?agency=police").text
    assert "Police attended" not in filtered


def test_should_show_only_the_approved_fields_under_an_agreement(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    create_agreement(
        sample_engine,
        parties=("health", "police"),
        purposes={"safeguarding": ("occurred_on", "event_type")},
    )
    client = _health_practitioner(sample_engine, client_request, pid)
    api = client.get(f"/api/children/{pid}").json()
    police = [e for e in api["events"] if e["agency"] == "police"]
    assert len(police) == 1
    assert police[0]["summary"] == ""
    assert police[0]["event_type"] == "police.incident"
    page = client.get(f"/children/{pid}").text
    assert "Police attended" not in page


def test_should_show_the_summary_when_the_agreement_approves_it(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    create_agreement(sample_engine, parties=("health", "police"))
    client = _health_practitioner(sample_engine, client_request, pid)
    assert "Police attended a disturbance" in client.get(f"/children/{pid}").text


def test_should_withdraw_the_view_when_the_agreement_expires(
    sample_engine, client_request, sample_clock
):
    pid = create_two_agency_child(sample_engine)
    create_agreement(sample_engine, parties=("health", "police"), end=date(2026, 3, 3))
    client = _health_practitioner(sample_engine, client_request, pid)
    assert "Police attended" in client.get(f"/children/{pid}").text
    sample_clock.advance(days=2)
    assert "Police attended" not in client.get(f"/children/{pid}").text


def test_should_keep_the_multi_agency_view_for_a_social_worker(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/children/{pid}").text
    assert "Police attended" in page and "Health visitor worried" in page
    assert f"/children/{pid}/share" in page


def _social_worker(engine, client_request, person_id):
    secret = create_user(engine, "sw", "social_worker", children=(person_id,))
    client = client_request()
    client.sign_in("sw", secret)
    client.get(f"/children/{person_id}/share")
    return client


SHARE = {
    "isa-id": "ISA-1",
    "purpose": "safeguarding",
    "lawful-basis": "ca2004-s11",
    "recipient": "Northshire Police public protection unit",
    "recipient-agency": "police",
}


def test_should_refuse_a_share_without_an_agreement_purpose_or_basis(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    create_agreement(sample_engine)
    client = _social_worker(sample_engine, client_request, pid)
    for missing in ("isa-id", "purpose", "lawful-basis"):
        response = client.post(f"/children/{pid}/share", {**SHARE, missing: ""})
        assert response.status_code == 400, missing
        assert "There is a problem" in response.text
    with sample_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(disclosure)).scalar() == 0
        actions = conn.execute(sa.select(audit_entry.c.action, audit_entry.c.detail)).all()
    assert sum(1 for a in actions if a.action == "share" and "refused" in a.detail) == 3


def test_should_share_the_approved_fields_and_log_the_recipient(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    create_agreement(sample_engine)
    client = _social_worker(sample_engine, client_request, pid)
    response = client.post(f"/children/{pid}/share", SHARE)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == ["occurred_on", "event_type", "summary"]
    assert len(rows) == 3
    with sample_engine.connect() as conn:
        logged = conn.execute(sa.select(disclosure)).one()
    assert (logged.recipient, logged.isa_id, logged.decided_by) == (
        SHARE["recipient"],
        "ISA-1",
        "sw",
    )
    log_page = client.get(f"/children/{pid}/share").text
    assert "Northshire Police public protection unit" in log_page


def test_should_block_a_share_when_the_agreement_has_expired(
    sample_engine, client_request, sample_clock
):
    pid = create_two_agency_child(sample_engine)
    create_agreement(sample_engine, end=date(2026, 3, 2))
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    sample_clock.advance(days=1)
    client = client_request()
    client.sign_in("sw", secret)
    client.get(f"/children/{pid}/share")
    response = client.post(f"/children/{pid}/share", SHARE)
    assert response.status_code == 400 and "not in force" in response.text


def test_should_record_a_decision_not_to_share(sample_engine, client_request):
    pid = create_two_agency_child(sample_engine)
    client = _social_worker(sample_engine, client_request, pid)
    short = client.post(f"/children/{pid}/share/decline", {"decline-recipient": "A school"})
    assert short.status_code == 400
    done = client.post(
        f"/children/{pid}/share/decline",
        {"decline-recipient": "A school", "reason": "Would place the child at greater risk"},
    )
    assert done.status_code == 200 and "Would place the child at greater risk" in done.text


def test_should_let_an_administrator_register_and_end_an_agreement(sample_engine, client_request):
    secret = create_user(sample_engine, "admin", "administrator")
    client = client_request()
    client.sign_in("admin", secret)
    assert "/admin/isas" in client.get("/").text
    client.get("/admin/isas")
    bad = client.post("/admin/isas", {"isa-id": "ISA-7", "start": "2026-01-01"})
    assert bad.status_code == 400
    added = client.post(
        "/admin/isas",
        {
            "isa-id": "ISA-7",
            "title": "Health and police",
            "parties": ["health", "police"],
            "purpose": "safeguarding",
            "fields": ["occurred_on", "event_type"],
            "lawful-bases": ["ca2004-s11"],
            "start": "2026-01-01",
        },
    )
    assert added.status_code == 200 and "ISA-7" in added.text
    ended = client.post(
        "/admin/isas/end", {"end-isa-id": "ISA-7", "last-day": "2026-03-01", "reason": "Ended"}
    )
    assert ended.status_code == 200
    with sample_engine.connect() as conn:
        assert conn.execute(sa.select(isa.c.end_date)).scalar_one() == date(2026, 3, 1)


def test_should_count_no_new_record_of_another_agency_without_an_agreement(
    sample_engine, client_request
):
    pid = create_two_agency_child(sample_engine)
    client = _health_practitioner(sample_engine, client_request, pid)
    assert "1 new record<" in client.get("/").text
    create_agreement(sample_engine, parties=("health", "police"))
    assert "2 new records<" in client.get("/").text


def test_should_show_another_agency_s_alert_evidence_only_with_the_approved_fields(
    sample_engine, client_request
):
    pid = create_person(sample_engine, "P0000001", name="Amy Example")
    police = create_event(sample_engine, pid, agency="police", event_type="police.incident",
                          summary="Police attended a disturbance")  # fmt: skip
    alert_id = create_alert(sample_engine, pid, (police,))
    client = _health_practitioner(sample_engine, client_request, pid)
    hidden = client.get(f"/alerts/{alert_id}").text
    assert "None of the records is visible to you" in hidden and "Police attended" not in hidden
    create_agreement(
        sample_engine,
        parties=("health", "police"),
        purposes={"safeguarding": ("occurred_on", "event_type")},
    )
    page = client.get(f"/alerts/{alert_id}").text
    assert "None of the records is visible to you" not in page
    assert "10 Jan 2025" in page and "Police attended" not in page and "police-test R" not in page
