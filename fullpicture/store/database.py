"""Opening the store: engines for SQLite (WAL) and PostgreSQL, and migrating to the latest schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from fullpicture.errors import StoreError

_MIGRATIONS = Path(__file__).parent / "migrations"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    """Create an engine for the store at ``url``.

    SQLite files get WAL journalling, foreign keys and a busy timeout; their folder is created.

    Args:
        url: a SQLAlchemy URL, ``sqlite:///path`` or ``postgresql+psycopg://...``.

    Returns:
        The engine (not yet migrated; see :func:`migrate`).
    """
    parsed = sa.engine.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return sa.create_engine(parsed, pool_pre_ping=True)


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the store's schema to the newest revision of every migration branch.

    Raises:
        StoreError: the database could not be reached or migrated.
    """
    try:
        command.upgrade(_alembic_config(engine), "heads")
    except sa.exc.OperationalError as exc:
        raise StoreError(
            f"Could not open or migrate the store at {engine.url.render_as_string()}: {exc.orig}",
            hint="Check FULLPICTURE_DATABASE_URL (or --database) and that the server is running.",
        ) from exc


def open_store(url: str) -> Engine:
    """Create the engine for ``url`` and migrate it; the one way the edges open the store."""
    engine = create_store_engine(url)
    migrate(engine)
    return engine
