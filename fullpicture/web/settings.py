"""Settings of the web application (``FULLPICTURE_WEB_*``), beside the shared settings."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

_REPO_FRONTEND = Path(__file__).resolve().parents[2] / "node_modules" / "govuk-frontend"


class WebSettings(BaseSettings):
    """How the web application runs.

    Attributes:
        idle_timeout_minutes: a session ends after this long without a request.
        absolute_timeout_hours: a session ends this long after sign-in, whatever happens.
        allowed_origins: origins accepted on state-changing requests; empty means the
            application's own origin as seen in the request.
        frontend_dir: the installed ``govuk-frontend`` npm package (``npm ci`` at setup).
        audit_checkpoint_file: where the latest audit chain head is written (outside the store).
        oidc_issuer: the OpenID Connect issuer; single sign-on is offered only when this and
            ``oidc_client_id`` are set. Discovery is read from
            ``<issuer>/.well-known/openid-configuration`` unless ``oidc_discovery_url`` is set.
        oidc_client_id: the client id registered with the provider.
        oidc_client_secret: the client secret (prefer ``oidc_client_secret_file``).
        oidc_client_secret_file: a file holding the client secret.
        oidc_scopes: the scopes asked for (``openid`` is always included).
        oidc_user_claim: the ID token claim matched against ``web_user.oidc_subject``.
        oidc_redirect_url: the callback URL registered with the provider; derived from the
            request when unset.
        oidc_mfa_amr: ``amr`` values that count as the provider's own second factor.
        oidc_mfa_acr: ``acr`` values that count as the provider's own second factor.
        oidc_required_for_linked_users: when true, users with an ``oidc_subject`` cannot sign
            in with a password.
        webauthn_rp_id: the relying-party id security keys are registered with (the service's
            host name); derived from the request when unset. Keys stop working if it changes.
        snoop_unrelated_per_hour: a user opening more distinct children they are not assigned
            to (break-glass) than this in an hour is throttled and auditors alerted.
        snoop_children_per_hour: the same for distinct children of any kind.
        webauthn_origin: the origin (``https://host[:port]``) security-key answers must come
            from; derived from the request when unset. Set both behind a proxy.
        route_threads: threads per worker process that run the routes (their store reads,
            audit writes and rendering). Python runs one at a time, so a few are enough to
            cover waits on the store; more only add switching (see docs/web.md, Performance).
            Slow requests (exports, sign-in hashing) hold one each while they run.
    """

    model_config = SettingsConfigDict(env_prefix="FULLPICTURE_WEB_", extra="ignore")

    idle_timeout_minutes: int = 30
    absolute_timeout_hours: int = 10
    allowed_origins: list[str] = []
    frontend_dir: Path = _REPO_FRONTEND
    audit_checkpoint_file: Path | None = None
    oidc_issuer: str | None = None
    oidc_discovery_url: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_client_secret_file: Path | None = None
    oidc_scopes: list[str] = ["openid"]
    oidc_user_claim: str = "sub"
    oidc_redirect_url: str | None = None
    oidc_mfa_amr: list[str] = ["mfa"]
    oidc_mfa_acr: list[str] = []
    oidc_required_for_linked_users: bool = False
    webauthn_rp_id: str | None = None
    webauthn_origin: str | None = None
    snoop_unrelated_per_hour: int = 5
    snoop_children_per_hour: int = 40
    route_threads: int = Field(default=4, ge=1, le=200)

    @property
    def oidc_enabled(self) -> bool:
        """True when single sign-on is configured."""
        return bool(self.oidc_issuer and self.oidc_client_id)
