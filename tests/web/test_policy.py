"""The policy matrix: every route, for every role (and anonymously), compared with the
declared policy file; a route without a policy entry fails (requirement 1)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from fullpicture.errors import ConfigurationError
from fullpicture.web.app import application_routes
from fullpicture.web.policy import PUBLIC, SIGNED_IN, check_policy_covers, load_policy, route_keys
from fullpicture.web.roles import Role
from fullpicture.web.tables import web_user
from tests.web.db import create_event, create_person, create_user


def test_should_have_a_policy_entry_for_every_route_and_no_stale_entries():
    keys = route_keys(application_routes())
    policy = load_policy()
    assert [k for k in keys if k not in policy] == []
    assert [k for k in policy if k not in keys] == []


def test_should_refuse_to_build_an_app_with_an_undeclared_route():
    from fastapi import APIRouter

    router = APIRouter()

    @router.get("/undeclared")
    def undeclared() -> None:
        """A route nobody declared."""

    with pytest.raises(ConfigurationError, match="GET /undeclared"):
        check_policy_covers([*application_routes(), *router.routes])


def _url(key: str, ids: dict[str, str]) -> tuple[str, str]:
    method, path = key.split(" ", 1)
    for name in re.findall(r"{(\w+)}", path):
        path = path.replace("{" + name + "}", ids[name])
    return method, path


def _expected_denied(rule, role: str | None) -> bool:
    if rule == PUBLIC:
        return False
    if role is None:
        return True
    return rule != SIGNED_IN and role not in rule


def test_should_match_the_declared_policy_for_every_route_and_role(sample_engine, client_request):
    pid = create_person(sample_engine, "P0000001")
    create_event(sample_engine, pid)
    clients = {}
    for role in Role:
        agency = "health" if role is Role.PRACTITIONER else "social_care"
        secret = create_user(
            sample_engine, f"u-{role.value}", role.value, agency=agency, children=(pid,)
        )
        clients[role.value] = client_request()
        assert clients[role.value].sign_in(f"u-{role.value}", secret).status_code == 303
    clients[None] = client_request()
    create_user(sample_engine, "target", "practitioner", with_totp=False)
    with sample_engine.connect() as conn:
        target = conn.execute(sa.select(web_user.c.id).where(web_user.c.username == "target"))
        ids = {
            "person_id": pid,
            "user_id": str(target.scalar_one()),
            "ledger_id": "1",
            "fmt": "csv",
            "pair_id": "1-2",
            "alert_id": "1",
            "review_id": "1",
            "item_id": "1",
            "rule_id": "ACC-1",
            "table": "kinds",
            "action_id": "1",
            "rejection_id": "1",
            "key_id": "1",
        }
    mismatches = []
    keys = [k for k in route_keys(application_routes()) if k != "POST /sign-out"]
    for key in [*keys, "POST /sign-out"]:
        method, url = _url(key, ids)
        for role, client in clients.items():
            if key == "POST /sign-in" and role is not None:
                continue  # would replace the session under test; covered in test_auth
            if method == "GET":
                response = client.http.get(url)
            else:
                response = client.http.post(url, data={"csrf_token": client.csrf})
            # Signing out also lands on /sign-in, but only a real sign-out clears the cookie.
            denied = response.status_code in (401, 403) or (
                response.status_code == 303
                and response.headers["location"] == "/sign-in"
                and "set-cookie" not in response.headers
            )
            if denied != _expected_denied(load_policy()[key], role):
                mismatches.append((key, role, response.status_code))
    assert mismatches == []
