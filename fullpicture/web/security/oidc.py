"""OpenID Connect single sign-on: the authorization code flow with PKCE, state and nonce.

Authlib runs the OAuth 2.0 client side (authorization URL, PKCE challenge, token exchange);
joserfc checks the ID token's signature against the provider's JWKS and its claims (issuer,
audience, expiry, nonce). Nothing here is hand-made cryptography.

Between the redirect to the provider and the callback, the flow's secrets (state, nonce, PKCE
verifier) travel in a short-lived cookie signed with a key derived from the application key, so
the store holds no half-finished sign-ins and a forged or swapped cookie is refused.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx2
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey

from fullpicture.errors import ConfigurationError, FullpictureError
from fullpicture.web.settings import WebSettings

FLOW_COOKIE = "fullpicture-oidc-flow"
FLOW_SECONDS = 600
ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
CLOCK_LEEWAY_SECONDS = 60


class OidcRefusedError(FullpictureError):
    """The provider's answer did not prove who signed in; ``reason`` is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Single sign-on refused: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class OidcIdentity:
    """Who the provider says signed in, and whether it asserted its own second factor."""

    subject: str
    mfa: bool


@dataclass(frozen=True)
class FlowStart:
    """Where to send the browser, and the signed flow cookie to set."""

    url: str
    cookie: str


def client_secret(web: WebSettings) -> str | None:
    """Return the client secret from its file (preferred) or the setting."""
    if web.oidc_client_secret_file is not None:
        try:
            return web.oidc_client_secret_file.read_text().strip()
        except OSError as error:
            raise ConfigurationError(
                f"Cannot read the OIDC client secret file {web.oidc_client_secret_file}: {error}",
                hint="Set FULLPICTURE_WEB_OIDC_CLIENT_SECRET_FILE to a readable file.",
            ) from error
    if web.oidc_client_secret is not None:
        return web.oidc_client_secret.get_secret_value()
    return None


class OidcProvider:
    """One configured identity provider."""

    def __init__(
        self, web: WebSettings, state_key: bytes, transport: httpx2.BaseTransport | None = None
    ) -> None:
        """Keep the settings; discovery and keys are fetched on first use."""
        self.web = web
        self.issuer = str(web.oidc_issuer).rstrip("/")
        self.client_id = str(web.oidc_client_id)
        self._state_key = OctKey.import_key(state_key)
        self._transport = transport
        self._metadata: dict[str, Any] | None = None

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            with httpx2.Client(transport=self._transport, timeout=10) as http:
                response = http.get(url)
                response.raise_for_status()
                body: dict[str, Any] = response.json()
        except (httpx2.HTTPError, ValueError) as error:
            raise OidcRefusedError("provider metadata unavailable") from error
        return body

    def metadata(self) -> dict[str, Any]:
        """Return the provider's discovery document (fetched once, issuer checked)."""
        if self._metadata is None:
            url = self.web.oidc_discovery_url or f"{self.issuer}/.well-known/openid-configuration"
            found = self._get_json(url)
            if str(found.get("issuer", "")).rstrip("/") != self.issuer:
                raise OidcRefusedError("discovery issuer mismatch")
            self._metadata = found
        return self._metadata

    def _client(self, redirect_uri: str) -> OAuth2Client:
        scopes = ["openid", *(s for s in self.web.oidc_scopes if s != "openid")]
        return OAuth2Client(
            client_id=self.client_id,
            client_secret=client_secret(self.web),
            scope=" ".join(scopes),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            transport=self._transport,
            timeout=10,
        )

    def start(self, redirect_uri: str, now: datetime) -> FlowStart:
        """Begin a sign-in: a fresh state, nonce and PKCE verifier for this browser."""
        state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
        endpoint = self.metadata()["authorization_endpoint"]
        with self._client(redirect_uri) as client:
            url, _ = client.create_authorization_url(
                endpoint, state=state, code_verifier=verifier, nonce=nonce
            )
        expires = int(now.timestamp()) + FLOW_SECONDS
        claims = {"state": state, "nonce": nonce, "verifier": verifier, "exp": expires}
        return FlowStart(str(url), jwt.encode({"alg": "HS256"}, claims, self._state_key))

    def _flow(self, cookie: str | None, now: datetime) -> dict[str, Any]:
        if not cookie:
            raise OidcRefusedError("no flow cookie")
        try:
            token = jwt.decode(cookie, self._state_key, algorithms=["HS256"])
            jwt.JWTClaimsRegistry(now=int(now.timestamp()), exp={"essential": True}).validate(
                token.claims
            )
        except (JoseError, ValueError) as error:
            raise OidcRefusedError("flow cookie invalid or expired") from error
        return token.claims

    def finish(
        self, cookie: str | None, state: str, code: str, redirect_uri: str, now: datetime
    ) -> OidcIdentity:
        """Complete a sign-in from the callback; raises OidcRefusedError on any doubt."""
        flow = self._flow(cookie, now)
        if not state or not hmac.compare_digest(str(flow["state"]), state):
            raise OidcRefusedError("state mismatch")
        if not code:
            raise OidcRefusedError("no authorization code")
        metadata = self.metadata()
        try:
            with self._client(redirect_uri) as client:
                tokens = client.fetch_token(
                    metadata["token_endpoint"], code=code, code_verifier=flow["verifier"]
                )
        except Exception as error:  # Authlib raises OAuthError or httpx errors
            raise OidcRefusedError("token exchange failed") from error
        claims = self._id_token_claims(tokens.get("id_token"), str(flow["nonce"]), now)
        return self._identity(claims)

    def _id_token_claims(self, id_token: object, nonce: str, now: datetime) -> dict[str, Any]:
        if not isinstance(id_token, str):
            raise OidcRefusedError("no ID token")
        keys = KeySet.import_key_set(self._get_json(self.metadata()["jwks_uri"]))  # type: ignore[arg-type]
        registry = jwt.JWTClaimsRegistry(
            now=int(now.timestamp()),
            leeway=CLOCK_LEEWAY_SECONDS,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            token = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
            registry.validate(token.claims)
        except (JoseError, ValueError) as error:
            raise OidcRefusedError(f"ID token rejected ({type(error).__name__})") from error
        azp = token.claims.get("azp")
        if azp is not None and azp != self.client_id:
            raise OidcRefusedError("ID token rejected (azp)")
        return token.claims

    def _identity(self, claims: dict[str, Any]) -> OidcIdentity:
        subject = claims.get(self.web.oidc_user_claim)
        if not isinstance(subject, str) or not subject:
            raise OidcRefusedError(f"claim {self.web.oidc_user_claim!r} missing")
        amr = claims.get("amr") or []
        amr_ok = isinstance(amr, list) and bool(set(map(str, amr)) & set(self.web.oidc_mfa_amr))
        acr_ok = str(claims.get("acr", "")) in self.web.oidc_mfa_acr
        return OidcIdentity(subject, mfa=amr_ok or acr_ok)
