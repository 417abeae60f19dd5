"""Sign-in, second factor, throttling, sessions and timeouts (requirements 10, 12, 13)."""

from __future__ import annotations

from fullpicture.web.security.sessions import COOKIE_NAME
from fullpicture.web.security.totp import current_code
from tests.web.db import PASSWORD, create_user

WRONG_PASSWORD = "not the password"  # pragma: allowlist secret


def test_should_sign_in_with_password_and_security_code(sample_engine, client_request):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    response = client.sign_in("sw", secret)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    for flag in ("Secure", "HttpOnly", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    assert "domain" not in cookie.lower()
    assert client.get("/").status_code == 200


def test_should_never_set_a_session_cookie_without_the_second_factor(sample_engine, client_request):
    create_user(sample_engine, "sw", "social_worker")
    response = client_request().sign_in("sw", None, code="")
    assert response.status_code == 400
    assert "set-cookie" not in response.headers


def test_should_reject_a_replayed_security_code(sample_engine, client_request, sample_clock):
    secret = create_user(sample_engine, "sw", "social_worker")
    first = client_request()
    assert first.sign_in("sw", secret).status_code == 303
    code = current_code(secret, sample_clock())
    replay = client_request().post(
        "/sign-in",
        {"username": "sw", "password": PASSWORD, "code": code},
        csrf=False,
    )
    assert replay.status_code == 400
    assert "set-cookie" not in replay.headers


def test_should_reject_a_code_from_outside_the_allowed_drift(
    sample_engine, client_request, sample_clock
):
    secret = create_user(sample_engine, "sw", "social_worker")
    old = current_code(secret, sample_clock())
    sample_clock.advance(seconds=90)
    client = client_request()
    client.clock.advance(seconds=-30)  # sign_in moves the clock on by 30 s
    assert client.sign_in("sw", secret, code=old).status_code == 400


def test_should_answer_unknown_and_known_users_with_the_same_body(sample_engine, client_request):
    create_user(sample_engine, "sw", "social_worker")
    known = client_request().sign_in("sw", None, password="wrong password here", code="123456")
    unknown = client_request().sign_in("nobody", None, password="wrong password", code="123456")
    assert known.status_code == unknown.status_code == 400

    def body(r):
        return r.text.replace('value="sw"', "").replace('value="nobody"', "")

    assert body(known) == body(unknown)


def test_should_lock_a_user_out_for_a_while_after_five_failures(
    sample_engine, client_request, sample_clock
):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    statuses = [client.sign_in("sw", secret, password=WRONG_PASSWORD).status_code for _ in range(6)]
    assert statuses == [400, 400, 400, 400, 429, 429]
    assert client.sign_in("sw", secret).status_code == 429  # even with the right password
    sample_clock.advance(minutes=16)
    assert client.sign_in("sw", secret).status_code == 303  # lockout is time-based


def test_should_lock_unknown_user_names_exactly_like_known_ones(client_request):
    client = client_request()
    statuses = [
        client.sign_in("ghost", None, password=WRONG_PASSWORD).status_code for _ in range(6)
    ]
    assert statuses == [400, 400, 400, 400, 429, 429]


def test_should_rotate_the_session_id_at_sign_in(sample_engine, client_request):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.http.cookies.set(COOKIE_NAME, "attacker-chosen-value", domain="testserver.local")
    client.sign_in("sw", secret)
    assert client.http.cookies.get(COOKIE_NAME) != "attacker-chosen-value"
    first = client.http.cookies.get(COOKIE_NAME)
    client.sign_in("sw", secret)
    second = client.http.cookies.get(COOKIE_NAME)
    assert first != second
    stale = client_request()
    stale.http.cookies.set(COOKIE_NAME, first)
    assert stale.get("/").status_code == 303  # the old session was ended at the new sign-in


def test_should_end_a_session_after_the_idle_timeout(sample_engine, client_request, sample_clock):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    sample_clock.advance(minutes=29)
    assert client.get("/").status_code == 200
    sample_clock.advance(minutes=31)
    assert client.get("/").status_code == 303


def test_should_end_a_session_after_the_absolute_timeout(
    sample_engine, client_request, sample_clock
):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    for _ in range(21):  # active every 29 minutes, for 10 h 9 min
        sample_clock.advance(minutes=29)
        last = client.get("/").status_code
    assert last == 303


def test_should_refuse_a_signed_out_session_on_the_server(sample_engine, client_request):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    token = client.http.cookies.get(COOKIE_NAME)
    assert client.post("/sign-out").status_code == 303
    replay = client_request()
    replay.http.cookies.set(COOKIE_NAME, token)
    assert replay.get("/").status_code == 303
    assert replay.http.get("/api/me").status_code == 401


def test_should_refuse_sign_out_by_get(sample_engine, client_request):
    assert client_request().get("/sign-out").status_code == 405


def test_should_refuse_demo_accounts_outside_demo_mode(sample_engine, client_request):
    secret = create_user(sample_engine, "demo.sw", "social_worker", is_demo=True)
    assert client_request().sign_in("demo.sw", secret).status_code == 400


def test_should_allow_demo_accounts_in_demo_mode(sample_engine, sample_settings, sample_clock):
    from fullpicture.web.app import create_app
    from tests.web.conftest import PageClient

    secret = create_user(sample_engine, "demo.sw", "social_worker", is_demo=True)
    demo = sample_settings.model_copy(update={"demo_mode": True})
    client = PageClient(create_app(demo, engine=sample_engine, clock=sample_clock), sample_clock)
    assert client.sign_in("demo.sw", secret).status_code == 303


def test_should_end_live_sessions_when_an_account_is_disabled(sample_engine, client_request):
    from fullpicture.web.accounts import find_user_id, update_user
    from tests.web.db import NOW

    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    with sample_engine.begin() as conn:
        update_user(
            conn,
            find_user_id(conn, "sw"),
            role="social_worker",
            agency="social_care",
            disabled=True,
            now=NOW,
        )
    assert client.http.get("/api/me").status_code == 401
