"""Shared fixtures: a fresh store per test on SQLite and, where PostgreSQL is installed, on a
throwaway PostgreSQL server started by the suite itself (as the ``postgres`` OS user when root).

Use ``store`` for a test that must hold on both backends, ``sqlite_store`` for SQLite alone and
``postgres_store`` for PostgreSQL alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.config import get_settings
from fullpicture.store.database import open_store
from fullpicture.store.throwaway import postgres_bindir, throwaway_postgres


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Settings are read from the environment anew in every test (tests set FULLPICTURE_*), so
    no test depends on which test ran before it in the same worker."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL server for the session; yield its admin URL."""
    if postgres_bindir() is None:
        pytest.skip("PostgreSQL server binaries not installed (pg_config/initdb not found)")
    with throwaway_postgres() as url:
        yield url


@pytest.fixture
def postgres_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{pg_server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite store file for one test."""
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Engine]:
    engine = open_store(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[Engine]:
    engine = open_store(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """The URL of a fresh, empty store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    """A fresh, migrated store, once on SQLite and once on PostgreSQL."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()
