"""Security keys (WebAuthn) for administrators and auditors (requirement 10, phishing-resistant).

A software authenticator (tests/web/authenticator.py) builds attestation "none" and assertion
objects by hand, so the ceremonies are checked end to end with real signatures.
"""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from fullpicture.audit.tables import audit_entry
from fullpicture.cli import _register
from fullpicture.cli import app as cli_app
from fullpicture.web.security.key_tables import security_key
from fullpicture.web.security.security_keys import (
    AUTHENTICATE,
    PENDING_COOKIE,
    SecurityKeyRefusedError,
    authentication_options,
    issue_enrolment_code,
    peek_pending,
    start_pending,
    take_pending,
    use_enrolment_code,
    verify_assertion,
)
from fullpicture.web.security.sessions import COOKIE_NAME
from fullpicture.web.tables import web_user
from tests.web.authenticator import SoftAuthenticator
from tests.web.conftest import ORIGIN
from tests.web.db import AUTHENTICATORS, NOW, PASSWORD, TEST_RP, create_user

KEY_STEP = "/sign-in/security-key"


def _user_id(engine: sa.Engine, username: str) -> int:
    with engine.connect() as conn:
        query = sa.select(web_user.c.id).where(web_user.c.username == username)
        return int(conn.execute(query).scalar_one())


def _sign_count(engine: sa.Engine, username: str) -> int:
    with engine.connect() as conn:
        query = sa.select(security_key.c.sign_count).where(
            security_key.c.user_id == _user_id(engine, username)
        )
        return int(conn.execute(query).scalar_one())


def _password_step(client, username: str, secret: str | None = None) -> None:
    client.clock.advance(seconds=30)
    code = ""
    if secret:
        from fullpicture.web.security.totp import current_code

        code = current_code(secret, client.clock())
    response = client.post(
        "/sign-in", {"username": username, "password": PASSWORD, "code": code}, csrf=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == KEY_STEP
    assert COOKIE_NAME not in response.cookies


def _signed_in(client) -> bool:
    return client.http.get("/").status_code == 200


def test_should_verify_a_registered_key_and_move_its_counter_on(sqlite_store):
    create_user(sqlite_store, "adm", "administrator")
    key = AUTHENTICATORS["adm"]
    with sqlite_store.begin() as conn:
        token = start_pending(conn, _user_id(sqlite_store, "adm"), AUTHENTICATE, NOW)
        pending = take_pending(conn, token, NOW)
        options = json.loads(authentication_options(conn, TEST_RP, pending))
        verify_assertion(conn, TEST_RP, pending, json.dumps(key.get(options, ORIGIN)), NOW)
    assert options["rpId"] == "testserver"
    assert options["allowCredentials"][0]["id"]
    assert _sign_count(sqlite_store, "adm") == 1


def test_should_use_a_pending_challenge_up_at_its_first_answer(sqlite_store):
    create_user(sqlite_store, "adm", "administrator")
    user_id = _user_id(sqlite_store, "adm")
    with sqlite_store.begin() as conn:
        token = start_pending(conn, user_id, AUTHENTICATE, NOW)
        take_pending(conn, token, NOW)
        with pytest.raises(SecurityKeyRefusedError) as used:
            take_pending(conn, token, NOW)
        fresh = start_pending(conn, user_id, AUTHENTICATE, NOW)
        with pytest.raises(SecurityKeyRefusedError) as expired:
            peek_pending(conn, fresh, NOW.replace(hour=11))
    assert "already used" in used.value.reason and "expired" in expired.value.reason


def test_should_refuse_an_answer_whose_counter_did_not_increase(sqlite_store):
    create_user(sqlite_store, "adm", "administrator")
    key = AUTHENTICATORS["adm"]
    with sqlite_store.begin() as conn:
        for expected_ok in (True, False):
            token = start_pending(conn, _user_id(sqlite_store, "adm"), AUTHENTICATE, NOW)
            pending = take_pending(conn, token, NOW)
            options = json.loads(authentication_options(conn, TEST_RP, pending))
            if not expected_ok:
                key.sign_count = 0  # a cloned key replays an older counter
            answer = json.dumps(key.get(options, ORIGIN))
            if expected_ok:
                verify_assertion(conn, TEST_RP, pending, answer, NOW)
            else:
                with pytest.raises(SecurityKeyRefusedError) as refused:
                    verify_assertion(conn, TEST_RP, pending, answer, NOW)
                assert "sign count" in refused.value.reason


def test_should_refuse_a_totp_only_sign_in_for_administrators_and_auditors(
    sample_engine, client_request
):
    for username, role in (("adm", "administrator"), ("aud", "auditor")):
        secret = create_user(sample_engine, username, role)
        client = client_request()
        _password_step(client, username, secret)  # password and a valid TOTP code
        assert not _signed_in(client)
        assert client.http.get(
            "/admin/users" if role == "administrator" else "/audit"
        ).status_code in (
            303,
            401,
        )


def test_should_sign_an_administrator_in_with_their_security_key(sample_engine, client_request):
    create_user(sample_engine, "adm", "administrator")
    client = client_request()
    _password_step(client, "adm")
    response = client.use_security_key(AUTHENTICATORS["adm"])
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert COOKIE_NAME in response.cookies
    assert _signed_in(client)
    assert client.http.get("/admin/users").status_code == 200
    with sample_engine.connect() as conn:
        actions = conn.execute(sa.select(audit_entry.c.actor, audit_entry.c.action)).all()
    assert ("adm", "sign-in") in [tuple(a) for a in actions]


def test_should_refuse_a_replayed_answer(sample_engine, client_request):
    create_user(sample_engine, "adm", "administrator")
    client = client_request()
    _password_step(client, "adm")
    answer = AUTHENTICATORS["adm"].get(client.key_options(), ORIGIN)
    form = {"credential": json.dumps(answer)}
    pending = client.http.cookies.get(PENDING_COOKIE)
    assert client.post(KEY_STEP, form, csrf=False).status_code == 303
    attacker = client_request()
    attacker.http.cookies.set(PENDING_COOKIE, pending)  # the same pending sign-in again
    assert attacker.post(KEY_STEP, form, csrf=False).status_code == 400
    _password_step(attacker, "adm")  # a new challenge: the old answer does not fit it
    response = attacker.post(KEY_STEP, form, csrf=False)
    assert response.status_code == 400 and COOKIE_NAME not in response.cookies
    assert not _signed_in(attacker)


@pytest.mark.parametrize(
    "changes",
    [{"origin": "https://fullpicture.example.evil"}, {"rp_id": "evil.example"}],
    ids=["wrong-origin", "wrong-rp-id"],
)
def test_should_refuse_an_answer_for_another_origin_or_relying_party(
    sample_engine, client_request, changes
):
    create_user(sample_engine, "adm", "administrator")
    client = client_request()
    _password_step(client, "adm")
    response = client.use_security_key(AUTHENTICATORS["adm"], **changes)
    assert response.status_code == 400 and COOKIE_NAME not in response.cookies
    assert "not accepted" in response.text
    assert not _signed_in(client)


def test_should_refuse_another_users_key(sample_engine, client_request):
    create_user(sample_engine, "adm", "administrator")
    create_user(sample_engine, "aud", "auditor")
    client = client_request()
    _password_step(client, "adm")
    response = client.use_security_key(AUTHENTICATORS["aud"])
    assert response.status_code == 400 and not _signed_in(client)


def _register_page(client, username: str) -> dict:
    _password_step(client, username)
    options = client.key_options()
    assert options["attestation"] == "none" and options["rp"]["id"] == "testserver"
    return options


def test_should_register_a_first_key_only_with_the_enrolment_code(sample_engine, client_request):
    create_user(sample_engine, "adm", "administrator", with_key=False)
    key = SoftAuthenticator()
    client = client_request()
    options = _register_page(client, "adm")
    answer = json.dumps(key.create(options, ORIGIN))
    refused = client.post(KEY_STEP, {"credential": answer, "enrolment_code": "AAA-BBB-CCC"})
    assert refused.status_code == 400 and not _signed_in(client)
    with sample_engine.begin() as conn:
        code = issue_enrolment_code(conn, _user_id(sample_engine, "adm"), client.clock())
    options = _register_page(client, "adm")
    answer = json.dumps(key.create(options, ORIGIN))
    response = client.post(KEY_STEP, {"credential": answer, "enrolment_code": code.lower()})
    assert response.status_code == 303 and _signed_in(client)
    again = client_request()  # the next sign-in asks for the key, not for a registration
    _password_step(again, "adm")
    assert again.use_security_key(key).status_code == 303
    with sample_engine.begin() as conn, pytest.raises(SecurityKeyRefusedError):
        use_enrolment_code(conn, _user_id(sample_engine, "adm"), code, client.clock())


def test_should_issue_an_enrolment_code_from_the_command_line_for_privileged_roles_only(
    sqlite_url, sqlite_store
):
    create_user(sqlite_store, "adm", "administrator", with_key=False)
    create_user(sqlite_store, "sw", "social_worker")
    _register()
    runner = CliRunner()
    issued = runner.invoke(cli_app, ["users", "enrol-key", "adm", "--database", sqlite_url])
    assert issued.exit_code == 0, issued.output
    code = issued.output.rsplit(":", 1)[1].strip()
    with sqlite_store.begin() as conn:
        use_enrolment_code(conn, _user_id(sqlite_store, "adm"), code, NOW)
    refused = runner.invoke(cli_app, ["users", "enrol-key", "sw", "--database", sqlite_url])
    assert refused.exit_code == 2 and "only administrators and auditors" in refused.output


def _admin(sample_engine, client_request):
    create_user(sample_engine, "adm", "administrator")
    client = client_request()
    _password_step(client, "adm")
    assert client.use_security_key(AUTHENTICATORS["adm"]).status_code == 303
    return client


def test_should_let_an_administrator_revoke_a_lost_key_and_issue_a_code_for_a_new_one(
    sample_engine, client_request
):
    admin = _admin(sample_engine, client_request)
    create_user(sample_engine, "aud", "auditor")
    auditor = client_request()
    _password_step(auditor, "aud")
    assert auditor.use_security_key(AUTHENTICATORS["aud"]).status_code == 303
    page = f"/admin/users/{_user_id(sample_engine, 'aud')}"
    assert "Keys registered to aud" in admin.get(page).text
    with sample_engine.connect() as conn:
        key_id = conn.execute(sa.select(security_key.c.id).where(
            security_key.c.user_id == _user_id(sample_engine, "aud"))).scalar_one()  # fmt: skip
    revoked = admin.post(f"{page}/security-keys/{key_id}/revoke", {})
    assert (revoked.status_code, revoked.headers["location"]) == (303, page)
    assert not _signed_in(auditor)  # the auditor's session ended with the key
    assert "None registered" in admin.get(page).text
    issued = admin.post(f"{page}/enrolment-code", {})
    assert issued.status_code == 200
    code = re.search(r'govuk-panel__body">([0-9A-F]{6}(?:-[0-9A-F]{6}){2})<', issued.text).group(1)
    assert code not in admin.get(page).text  # shown once
    new_key = SoftAuthenticator()
    options = _register_page(auditor, "aud")
    answer = json.dumps(new_key.create(options, ORIGIN))
    assert auditor.post(KEY_STEP, {"credential": answer, "enrolment_code": code}).status_code == 303
    assert _signed_in(auditor)
    with sample_engine.connect() as conn:
        purposes = conn.execute(sa.select(audit_entry.c.purpose)).scalars().all()
    assert {"revoke security key", "issue security key enrolment code"} <= set(purposes)


def test_should_answer_404_for_revoking_a_key_the_user_does_not_have(sample_engine, client_request):
    admin = _admin(sample_engine, client_request)
    other = _user_id(sample_engine, "adm")
    assert admin.get(f"/admin/users/{other}").status_code == 200  # the form's CSRF token
    assert admin.post(f"/admin/users/{other}/security-keys/999/revoke", {}).status_code == 404
