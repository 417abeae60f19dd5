"""Settings of the web application (``FULLPICTURE_WEB_*``), beside the shared settings."""

from __future__ import annotations

from pathlib import Path

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
    """

    model_config = SettingsConfigDict(env_prefix="FULLPICTURE_WEB_", extra="ignore")

    idle_timeout_minutes: int = 30
    absolute_timeout_hours: int = 10
    allowed_origins: list[str] = []
    frontend_dir: Path = _REPO_FRONTEND
    audit_checkpoint_file: Path | None = None
