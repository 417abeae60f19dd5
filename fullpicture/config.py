"""One settings object for fullpicture, read from the environment (``FULLPICTURE_*``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Deployment settings.

    Attributes:
        data_dir: where the embedded store, snapshots and generated reports live.
        database_url: SQLAlchemy URL of the store; defaults to SQLite (WAL) in ``data_dir``.
        demo_mode: demo accounts exist only when this is true.
        secret_key_file: file holding the keys for sessions and the audit chain.
    """

    model_config = SettingsConfigDict(env_prefix="FULLPICTURE_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    demo_mode: bool = False
    secret_key_file: Path | None = None

    def resolved_database_url(self) -> str:
        """Return the configured database URL, or the embedded SQLite default."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'fullpicture.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
