"""Alerts on the web: triage list with filters, explanation with evidence and learning, and
acknowledging, actioning or dismissing with a reason (audited)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from fullpicture.alerts import get_alert
from fullpicture.audit.tables import audit_entry
from fullpicture.rules.library import get_rule
from tests.web.db import create_alert, create_event, create_person, create_user


@pytest.fixture
def sample_alert(sample_engine):
    pid = create_person(sample_engine, "P0000001", name="Amy Example")
    e1 = create_event(sample_engine, pid, summary="Referral from school")
    e2 = create_event(
        sample_engine,
        pid,
        agency="police",
        event_type="police.incident",
        summary="Police attended the home",
    )
    other = create_person(sample_engine, "P0000002", name="Ben Example")
    create_alert(sample_engine, other, (create_event(sample_engine, other),), anchor="b")
    return pid, create_alert(sample_engine, pid, (e1, e2))


def test_should_list_only_my_childrens_alerts_with_filters(
    sample_engine, client_request, sample_alert
):
    pid, alert_id = sample_alert
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get("/alerts")
    assert page.status_code == 200
    assert f"/alerts/{alert_id}" in page.text and "Amy Example" in page.text
    assert "Ben Example" not in page.text
    assert f"/alerts/{alert_id}" not in client.get("/alerts?severity=low").text
    assert f"/alerts/{alert_id}" not in client.get("/alerts?status=dismissed").text
    home = client.get("/").text
    assert f"/alerts/{alert_id}" in home
    child = client.get(f"/children/{pid}").text
    assert f"/alerts/{alert_id}" in child


def test_should_explain_an_alert_with_its_evidence_and_learning(
    sample_engine, client_request, sample_alert
):
    pid, alert_id = sample_alert
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/alerts/{alert_id}")
    assert page.status_code == 200
    rule = get_rule("ACC-1")
    assert rule.title in page.text and "Three concerns in 12 months" in page.text
    assert "Referral from school" in page.text and "Police attended the home" in page.text
    assert rule.citations[0].code in page.text


def test_should_acknowledge_with_a_reason_and_audit_it(sample_engine, client_request, sample_alert):
    pid, alert_id = sample_alert
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    client = client_request()
    client.sign_in("sw", secret)
    client.get(f"/alerts/{alert_id}")
    missing = client.post(f"/alerts/{alert_id}/transition", {"to-status": "acknowledged"})
    assert missing.status_code == 400 and 'href="#reason"' in missing.text
    done = client.post(
        f"/alerts/{alert_id}/transition",
        {"to-status": "acknowledged", "reason": "Discussed with school"},
    )
    assert done.status_code == 303
    alert = get_alert(sample_engine, alert_id)
    assert alert.status == "acknowledged"
    assert (alert.transitions[-1].actor, alert.transitions[-1].reason) == (
        "sw",
        "Discussed with school",
    )
    with sample_engine.connect() as conn:
        row = conn.execute(sa.select(audit_entry).order_by(audit_entry.c.seq.desc())).first()
    assert (row.purpose, row.action, row.subject) == ("alert decision", "change", pid)
    refused = client.post(
        f"/alerts/{alert_id}/transition", {"to-status": "acknowledged", "reason": "again"}
    )
    assert refused.status_code == 400 and "cannot become" in refused.text


def test_should_refuse_the_alert_of_a_child_i_am_not_assigned_to(
    sample_engine, client_request, sample_alert
):
    pid, alert_id = sample_alert
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    assert client.get(f"/alerts/{alert_id}").status_code == 403
    assert (
        client.post(
            f"/alerts/{alert_id}/transition", {"to-status": "dismissed", "reason": "x"}
        ).status_code
        == 403
    )
    assert get_alert(sample_engine, alert_id).status == "open"
    assert client.get("/alerts/999999").status_code == 404
