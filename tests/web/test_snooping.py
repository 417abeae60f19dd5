"""Snooping detection (requirement 51): opening too many children in an hour is throttled (429)
and alerted to auditors; a normal day's work is not."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from fullpicture.web.app import create_app
from fullpicture.web.security.snooping_tables import snooping_alert
from fullpicture.web.security.totp import current_code
from fullpicture.web.settings import WebSettings
from tests.web.conftest import PageClient
from tests.web.db import create_event, create_person, create_user

REASON = "Police report the child missing tonight; need the history"


def _children(engine, count: int, start: int = 1) -> list[str]:
    ids = []
    for n in range(start, start + count):
        pid = create_person(engine, f"P{n:07d}", name=f"Child {n}")
        create_event(engine, pid)
        ids.append(pid)
    return ids


def _break_glass(client: PageClient, secret: str, pid: str):
    client.clock.advance(seconds=30)  # a fresh security code for the step-up
    return client.post(
        f"/children/{pid}/break-glass",
        {"reason": REASON, "code": current_code(secret, client.clock())},
    )


def _alerts(engine) -> list[tuple[str, str, int]]:
    with engine.connect() as conn:
        query = sa.select(
            snooping_alert.c.username, snooping_alert.c.kind, snooping_alert.c.children
        )
        return [tuple(row) for row in conn.execute(query)]


def test_should_throttle_and_alert_after_too_many_unrelated_children_in_an_hour(
    sample_engine, client_request
):
    mine = _children(sample_engine, 1)
    others = _children(sample_engine, 7, start=10)
    secret = create_user(sample_engine, "sw", "social_worker", children=tuple(mine))
    auditor = create_user(sample_engine, "aud", "auditor", agency="partnership")
    client = client_request()
    client.sign_in("sw", secret)
    for pid in others[:5]:  # five emergency accesses in an hour: the limit, still allowed
        assert _break_glass(client, secret, pid).status_code == 303
        assert client.get(f"/children/{pid}").status_code == 200
    assert _alerts(sample_engine) == []
    refused = _break_glass(client, secret, others[5])  # the sixth unrelated child
    assert refused.status_code == 429
    assert "paused" in refused.text and "Child 15" not in refused.text
    assert client.get(f"/children/{others[6]}").status_code == 429
    assert client.get(f"/api/children/{others[6]}").json()["error"]["status"] == 429
    assert _alerts(sample_engine) == [("sw", "unrelated-children", 6)]  # one alert, not three
    assert client.get(f"/children/{others[0]}").status_code == 200  # work in hand stays open
    assert client.get(f"/children/{mine[0]}").status_code == 200  # assigned: not unrelated
    audit = client_request()
    audit.sign_in("aud", auditor)
    page = audit.get("/audit")
    assert page.status_code == 200 and "Possible snooping" in page.text
    assert "Children they are not assigned to (limit 5)" in page.text
    client.clock.advance(hours=1, minutes=5)  # the window slides on
    assert _break_glass(client, secret, others[5]).status_code == 303


def test_should_throttle_too_many_children_of_any_kind_in_an_hour(
    sample_engine, sample_settings, sample_clock
):
    web = WebSettings(snoop_children_per_hour=3)
    app = create_app(sample_settings, web_settings=web, engine=sample_engine, clock=sample_clock)
    ids = _children(sample_engine, 4)
    secret = create_user(sample_engine, "sw", "social_worker", children=tuple(ids))
    client = PageClient(app, sample_clock)
    client.sign_in("sw", secret)
    for pid in ids[:3]:
        assert client.get(f"/children/{pid}").status_code == 200
        assert client.get(f"/households/{pid}").status_code == 200  # same child: not counted
    assert client.get(f"/children/{ids[3]}").status_code == 429
    assert _alerts(sample_engine) == [("sw", "many-children", 4)]
    client.http.close()


def test_should_not_alert_on_a_normal_days_work(sample_engine, client_request):
    caseload = _children(sample_engine, 15)
    elsewhere = _children(sample_engine, 2, start=50)
    secret = create_user(sample_engine, "sw", "social_worker", children=tuple(caseload))
    client = client_request()
    client.sign_in("sw", secret)
    for hour in range(8):  # a working day: most of the caseload every hour or two
        for pid in caseload[hour % 3 :: 2]:
            assert client.get(f"/children/{pid}").status_code == 200
            assert client.get(f"/households/{pid}").status_code == 200
        if hour in (2, 5):  # two emergencies in the day
            pid = elsewhere[0 if hour == 2 else 1]
            assert _break_glass(client, secret, pid).status_code == 303
            assert client.get(f"/children/{pid}").status_code == 200
        client.clock.advance(minutes=55)
        client.sign_in("sw", secret)  # back from a visit: the idle session has ended
    assert _alerts(sample_engine) == []


@pytest.mark.parametrize("limit", [0, 1])
def test_should_count_the_child_about_to_be_opened(
    sample_engine, sample_settings, sample_clock, limit
):
    web = WebSettings(snoop_children_per_hour=limit)
    app = create_app(sample_settings, web_settings=web, engine=sample_engine, clock=sample_clock)
    ids = _children(sample_engine, 2)
    secret = create_user(sample_engine, "sw", "social_worker", children=tuple(ids))
    client = PageClient(app, sample_clock)
    client.sign_in("sw", secret)
    statuses = [client.get(f"/children/{pid}").status_code for pid in ids]
    assert statuses == ([429, 429] if limit == 0 else [200, 429])
    client.http.close()
