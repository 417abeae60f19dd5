"""Refused requests for a child's data are audited as denied attempts, one entry each, and the
response reveals nothing more than before (the 404s for restricted and missing stay identical)."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

from fullpicture.audit.chain import verify_chain
from fullpicture.audit.tables import audit_entry
from fullpicture.web.app import application_routes
from fullpicture.web.security.totp import current_code
from tests.web.db import create_alert, create_event, create_person, create_user


def _entries(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit_entry).order_by(audit_entry.c.seq))
        return [{**r._mapping, "detail": json.loads(r.detail)} for r in rows]


def _new_entries(engine, client, url: str, *, expect: int) -> list[dict]:
    before = len(_entries(engine))
    response = client.http.get(url)
    assert response.status_code == expect, url
    return _entries(engine)[before:]


@pytest.fixture
def sample_denial_world(sample_engine, client_request):
    pid = create_person(sample_engine, "P0000001", name="Amy Example")
    event_id = create_event(sample_engine, pid, summary="Referral")
    alert_id = create_alert(sample_engine, pid, (event_id,))
    create_person(sample_engine, "P0000005", name="Hidden Child", restricted=True)
    secret = create_user(sample_engine, "nosy", "social_worker")
    client = client_request()
    client.sign_in("nosy", secret)
    return pid, alert_id, client, secret


def _person_routes() -> list[str]:
    return sorted(
        r.path_format
        for r in application_routes()
        if "GET" in r.methods and "{person_id}" in r.path_format and "break-glass" not in r.path_format
        and not r.path_format.startswith(("/audit", "/api/audit"))
    )  # fmt: skip


def test_should_write_one_denied_entry_for_every_refused_child_data_route(
    sample_engine, sample_denial_world
):
    pid, _alert, client, _secret = sample_denial_world
    routes = _person_routes()
    assert len(routes) >= 5
    for path in routes:
        if set(re.findall(r"{(\w+)}", path)) - {"person_id", "fmt"}:
            pytest.fail(f"{path}: add its parameters to this test")
        url = path.replace("{person_id}", pid).replace("{fmt}", "csv")
        rows = _new_entries(sample_engine, client, url, expect=403)
        assert len(rows) == 1, f"{url} wrote {len(rows)} entries"
        entry = rows[0]
        assert (entry["actor"], entry["role"], entry["agency"], entry["basis"]) == (
            "nosy", "social_worker", "social_care", "none",
        )  # fmt: skip
        assert entry["subject"] == pid and entry["purpose"] and entry["ts"].endswith("+00:00")
        assert entry["detail"]["outcome"] == "denied"
        assert entry["detail"]["refused"] == "no relationship"


def test_should_audit_a_refused_alert_view_as_denied(sample_engine, sample_denial_world):
    pid, alert_id, client, _secret = sample_denial_world
    rows = _new_entries(sample_engine, client, f"/alerts/{alert_id}", expect=403)
    assert [(r["subject"], r["detail"]["outcome"]) for r in rows] == [(pid, "denied")]


def test_should_audit_restricted_and_missing_alike_while_their_404s_stay_identical(
    sample_engine, sample_denial_world
):
    _pid, _alert, client, _secret = sample_denial_world
    before = len(_entries(sample_engine))
    restricted = client.http.get("/children/P0000005")
    missing = client.http.get("/children/P0000404")
    assert restricted.status_code == missing.status_code == 404
    assert restricted.content == missing.content
    api_restricted = client.http.get("/api/children/P0000005").json()
    api_missing = client.http.get("/api/children/P0000404").json()
    for body in (api_restricted, api_missing):
        body["error"].pop("correlation_id")
    assert api_restricted == api_missing
    rows = _entries(sample_engine)[before:]
    assert [(r["subject"], r["basis"], r["detail"]["refused"]) for r in rows] == [
        ("P0000005", "none", "restricted"),
        ("P0000404", "none", "not found"),
        ("P0000005", "none", "restricted"),
        ("P0000404", "none", "not found"),
    ]
    assert all(r["detail"]["outcome"] == "denied" for r in rows)


def test_should_audit_every_refused_break_glass(sample_engine, sample_denial_world):
    pid, _alert, client, secret = sample_denial_world
    before = len(_entries(sample_engine))
    client.clock.advance(seconds=30)
    sealed = client.post(
        "/children/P0000005/break-glass",
        {"reason": "Police report the child missing tonight", "code": current_code(secret, client.clock())},
    )  # fmt: skip
    wrong_code = client.post(
        f"/children/{pid}/break-glass",
        {"reason": "Police report the child missing tonight", "code": "000000"},
    )
    short = client.post(f"/children/{pid}/break-glass", {"reason": "urgent", "code": "1"})
    form = client.http.get("/children/P0000005/break-glass")
    assert (sealed.status_code, wrong_code.status_code, short.status_code) == (404, 400, 400)
    assert form.status_code == 404
    rows = _entries(sample_engine)[before:]
    assert [(r["subject"], r["action"], r["detail"]["refused"]) for r in rows] == [
        ("P0000005", "break-glass", "restricted"),
        (pid, "break-glass", "second factor not accepted"),
        (pid, "break-glass", "reason too short"),
        ("P0000005", "break-glass", "restricted"),
    ]


def test_should_audit_a_role_refused_at_the_route_as_denied(
    sample_engine, client_request, sample_denial_world
):
    pid, _alert, _client, _secret = sample_denial_world
    secret = create_user(sample_engine, "admin", "administrator", agency="partnership")
    admin = client_request()
    admin.sign_in("admin", secret)
    rows = _new_entries(sample_engine, admin, f"/children/{pid}", expect=403)
    assert [(r["actor"], r["basis"], r["detail"]) for r in rows] == [
        ("admin", "none", {"outcome": "denied", "refused": "role"})
    ]


def test_should_show_denied_attempts_to_auditors_and_keep_the_chain_valid(
    sample_engine, client_request, sample_denial_world, sample_app
):
    pid, _alert, client, _secret = sample_denial_world
    client.http.get(f"/children/{pid}")
    secret = create_user(sample_engine, "aud", "auditor", agency="partnership")
    auditor = client_request()
    auditor.sign_in("aud", secret)
    home = auditor.get("/audit").text
    assert "Refused attempts" in home and "no relationship" in home and "denied" in home
    report = auditor.get(f"/audit/children/{pid}").text
    assert "nosy" in report and "denied" in report
    assert verify_chain(sample_engine, sample_app.state.fp.audit_key).ok
