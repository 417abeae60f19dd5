"""One settings object for fullpicture, read from the environment (``FULLPICTURE_*``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Deployment settings.

    Attributes:
        data_dir: where the embedded store, snapshots and generated reports live.
        database_url: SQLAlchemy URL of the store; defaults to SQLite (WAL) in ``data_dir``.
        demo_mode: demo accounts exist only when this is true.
        secret_key_file: file holding the keys for sessions and the audit chain.
        environment: ``production`` (the default) or ``development``.
        allow_insecure_database: allow a PostgreSQL URL without ``sslmode=verify-full``;
            honoured only in development or demo mode (see ``fullpicture.store.transport``).
    """

    model_config = SettingsConfigDict(env_prefix="FULLPICTURE_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    demo_mode: bool = False
    secret_key_file: Path | None = None
    environment: Literal["production", "development"] = "production"
    allow_insecure_database: bool = False

    @property
    def production(self) -> bool:
        """True unless running in development or demo mode."""
        return self.environment == "production" and not self.demo_mode

    def checked_database_url(self, url: str) -> str:
        """Return ``url`` after the TLS check of requirement 44.

        Raises:
            ConfigurationError: a PostgreSQL URL without verified TLS (see ``store.transport``).
        """
        from fullpicture.store.transport import check_database_transport

        check_database_transport(
            url, allow_insecure=self.allow_insecure_database, production=self.production
        )
        return url

    def resolved_database_url(self) -> str:
        """Return the configured database URL (TLS-checked), or the embedded SQLite default.

        Raises:
            ConfigurationError: a PostgreSQL URL without verified TLS.
        """
        if self.database_url:
            return self.checked_database_url(self.database_url)
        return f"sqlite:///{(self.data_dir / 'fullpicture.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
