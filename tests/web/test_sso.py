"""OIDC single sign-on against a fake identity provider served through an httpx transport.

The fake provider signs real ID tokens with its own RSA key, publishes discovery and JWKS, and
checks the client secret and the PKCE verifier at its token endpoint, so every check in the
application meets a real counterpart.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import httpx2
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy.engine import Engine

from fullpicture.config import Settings
from fullpicture.web.app import create_app
from fullpicture.web.security.oidc import FLOW_COOKIE
from fullpicture.web.security.sessions import COOKIE_NAME
from fullpicture.web.security.totp import open_secret
from fullpicture.web.settings import WebSettings
from fullpicture.web.tables import web_user
from tests.web.conftest import MutableClock, PageClient
from tests.web.db import TEST_KEYS, create_user

ISSUER = "https://idp.example.test"
CLIENT_ID = "fullpicture-test"
CLIENT_SECRET = "test-client-secret"  # pragma: allowlist secret
BUTTON = "Sign in with your organisation&#39;s account"


class FakeProvider:
    """A minimal OpenID provider: discovery, JWKS, and a token endpoint with PKCE."""

    def __init__(self, clock: MutableClock) -> None:
        self.clock = clock
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
        self.signing_key = self.key
        self.overrides: dict[str, Any] = {}
        self.pending: dict[str, tuple[str, str]] = {}  # code -> (challenge, nonce)

    def authorize(self, url: str, subject: str = "subject-1") -> str:
        """Play the user signing in at the provider; return the code it would redirect with."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert query["code_challenge_method"] == "S256"
        assert query["client_id"] == CLIENT_ID and "openid" in query["scope"].split()
        code = f"code-{len(self.pending)}"
        self.pending[code] = (query["code_challenge"], query["nonce"])
        self.overrides.setdefault("sub", subject)
        return code

    def _id_token(self, nonce: str) -> str:
        now = int(self.clock().timestamp())
        claims = {"iss": ISSUER, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": nonce}
        claims["amr"] = ["pwd", "mfa"]
        claims.update(self.overrides)
        header = {"alg": "RS256", "kid": "k1"}
        return jwt.encode(
            header, {k: v for k, v in claims.items() if v is not None}, self.signing_key
        )

    def _token(self, request: httpx2.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {basic}":
            return httpx2.Response(401, json={"error": "invalid_client"})
        challenge, nonce = self.pending.pop(form.get("code", ""), ("", ""))
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if not challenge or base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != challenge:
            return httpx2.Response(400, json={"error": "invalid_grant"})
        body = {"access_token": "at", "token_type": "Bearer", "id_token": self._id_token(nonce)}
        return httpx2.Response(200, json=body)

    def handle(self, request: httpx2.Request) -> httpx.Response:
        path = request.url.path
        if path == "/.well-known/openid-configuration":
            return httpx2.Response(
                200,
                json={
                    "issuer": ISSUER,
                    "authorization_endpoint": f"{ISSUER}/authorize",
                    "token_endpoint": f"{ISSUER}/token",
                    "jwks_uri": f"{ISSUER}/jwks",
                },
            )
        if path == "/jwks":
            return httpx2.Response(200, json={"keys": [self.key.as_dict(private=False)]})
        if path == "/token" and request.method == "POST":
            return self._token(request)
        return httpx2.Response(404)


@pytest.fixture
def sample_provider(sample_clock: MutableClock) -> FakeProvider:
    return FakeProvider(sample_clock)


@pytest.fixture
def sample_app(
    sample_settings: Settings,
    sample_engine: Engine,
    sample_clock: MutableClock,
    sample_provider: FakeProvider,
) -> FastAPI:
    web = WebSettings(
        oidc_issuer=ISSUER,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
        oidc_scopes=["openid", "profile"],
        oidc_required_for_linked_users=True,
    )
    transport = httpx2.MockTransport(sample_provider.handle)
    return create_app(
        sample_settings,
        web_settings=web,
        engine=sample_engine,
        clock=sample_clock,
        oidc_transport=transport,
    )


def create_linked_user(engine: Engine, username: str, role: str, subject: str) -> None:
    create_user(engine, username, role)
    with engine.begin() as conn:
        conn.execute(
            web_user.update().where(web_user.c.username == username).values(oidc_subject=subject)
        )


def sso_round_trip(
    client: PageClient, provider: FakeProvider, *, state: str | None = None
) -> httpx.Response:
    start = client.get("/sign-in/oidc")
    assert start.status_code == 303
    assert FLOW_COOKIE in start.headers["set-cookie"]
    location = start.headers["location"]
    assert location.startswith(f"{ISSUER}/authorize?")
    code = provider.authorize(location)
    real_state = parse_qs(urlsplit(location).query)["state"][0]
    return client.get("/sign-in/oidc/callback", params={"state": state or real_state, "code": code})


def test_should_sign_in_the_mapped_user_with_a_new_session(
    sample_engine, client_request, sample_provider
):
    create_linked_user(sample_engine, "sw", "social_worker", "subject-1")
    client = client_request()
    response = sso_round_trip(client, sample_provider)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(f"{COOKIE_NAME}="))
    for flag in ("Secure", "HttpOnly", "SameSite=strict", "Path=/"):
        assert flag.lower() in session.lower()
    page = client.get("/")
    assert page.status_code == 200
    assert "Sw" in page.text  # the display name of the mapped account


def test_should_rotate_an_existing_session_on_single_sign_on(
    sample_engine, client_request, sample_provider
):
    secret = create_user(sample_engine, "pw", "social_worker")
    create_linked_user(sample_engine, "sw", "social_worker", "subject-1")
    client = client_request()
    assert client.sign_in("pw", secret).status_code == 303
    old = client.http.cookies.get(COOKIE_NAME)
    assert sso_round_trip(client, sample_provider).status_code == 303
    assert client.http.cookies.get(COOKIE_NAME) != old
    assert client.get("/").status_code == 200  # the new session works
    replaced = client_request().http.get("/", headers={"Cookie": f"{COOKIE_NAME}={old}"})
    assert replaced.status_code == 303  # the replaced session no longer works


def _other_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "k1"})


REFUSALS = {
    "wrong nonce": {"nonce": "not-the-nonce"},
    "wrong audience": {"aud": "another-client"},
    "expired token": {"iat": 1_700_000_000, "exp": 1_700_000_300},
    "wrong issuer": {"iss": "https://evil.example.test"},
    "unknown subject": {"sub": "subject-nobody-knows"},
}


@pytest.mark.parametrize("case", [*REFUSALS, "bad signature", "state mismatch"])
def test_should_refuse_a_bad_answer_without_a_session(
    case, sample_engine, client_request, sample_provider, caplog
):
    create_linked_user(sample_engine, "sw", "social_worker", "subject-1")
    sample_provider.overrides.update(REFUSALS.get(case, {}))
    if case == "bad signature":
        sample_provider.signing_key = _other_key()
    client = client_request()
    with caplog.at_level(logging.WARNING, logger="fullpicture.web.sso"):
        response = sso_round_trip(
            client, sample_provider, state="forged" if case == "state mismatch" else None
        )
    assert response.status_code == 400
    assert "organisation" in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert all(not c.startswith(f"{COOKIE_NAME}=") for c in response.headers.get_list("set-cookie"))
    assert client.get("/").status_code == 303  # still not signed in
    logged = [r.getMessage() for r in caplog.records if r.name == "fullpicture.web.sso"]
    assert logged and all(m.startswith("sso refused: ") for m in logged)
    assert not any("subject" in m.split(": ", 1)[1].replace("unknown subject", "") for m in logged)
    with sample_engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from web_session")).scalar() == 0


def test_should_refuse_a_second_factor_role_when_the_provider_asserts_no_mfa(
    sample_engine, client_request, sample_provider
):
    create_linked_user(sample_engine, "sw", "social_worker", "subject-1")
    sample_provider.overrides["amr"] = ["pwd"]
    response = sso_round_trip(client_request(), sample_provider)
    assert response.status_code == 400


def test_should_accept_a_role_without_a_second_factor_when_no_mfa_is_asserted(
    sample_engine, client_request, sample_provider
):
    create_user(sample_engine, "hv", "practitioner", agency="health", with_totp=False)
    with sample_engine.begin() as conn:
        conn.execute(
            web_user.update().where(web_user.c.username == "hv").values(oidc_subject="subject-1")
        )
    sample_provider.overrides["amr"] = None
    assert sso_round_trip(client_request(), sample_provider).status_code == 303


def test_should_refuse_a_password_for_an_account_required_to_use_single_sign_on(
    sample_engine, client_request
):
    create_linked_user(sample_engine, "sw", "social_worker", "subject-1")
    with sample_engine.connect() as conn:
        row = conn.execute(
            sa.select(web_user.c.id, web_user.c.totp_secret).where(web_user.c.username == "sw")
        ).one()
    secret = open_secret(TEST_KEYS.cipher, row.id, row.totp_secret)
    assert secret is not None  # the right second factor: only single sign-on is missing
    assert client_request().sign_in("sw", secret).status_code == 400


def test_should_show_the_button_only_when_configured(
    sample_settings, sample_engine, sample_clock, client_request
):
    assert BUTTON in client_request().get("/sign-in").text
    plain = create_app(
        sample_settings, web_settings=WebSettings(), engine=sample_engine, clock=sample_clock
    )
    client = PageClient(plain, sample_clock)
    try:
        page = client.get("/sign-in")
        assert page.status_code == 200
        assert "organisation" not in page.text
        assert client.get("/sign-in/oidc").status_code == 404
        assert client.get("/sign-in/oidc/callback").status_code == 404
    finally:
        client.http.close()
