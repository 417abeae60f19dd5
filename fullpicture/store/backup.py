"""Backups that are shown to restore (security requirement 37).

A backup is the store copied at one instant plus a manifest taken at that same instant: the row
count and a content digest of every table, and the SHA-256 of the backup file. Checking a backup
restores it into a fresh instance, recomputes the counts and digests there, and compares them
with the manifest; it also runs the SQLite integrity check and verifies the audit chain of the
restored copy (and, given one, the external checkpoint), so the one test shows that the copy is
whole, restorable and untampered.

- **SQLite**: the online backup API copies the database from a connection that holds a read
  transaction, so the digests and the copy see the same snapshot while the service keeps writing.
- **PostgreSQL**: a repeatable-read transaction exports its snapshot, the digests are computed
  in it, and ``pg_dump --snapshot`` dumps exactly that snapshot (custom format); restoring uses
  ``pg_restore`` into an empty database.

A table's digest is the sum, modulo 2**256, of the SHA-256 of each row's canonical text, so it
does not depend on the order rows come back in. It detects corruption and loss; deliberate
tampering is what the audit chain's keyed MACs are for. The key file is never part of a backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump / pg_restore with argument lists, no shell
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from fullpicture.errors import StoreError
from fullpicture.store.database import create_store_engine
from fullpicture.store.throwaway import postgres_bindir

MANIFEST_SUFFIX: Final = ".manifest.json"
_MODULUS: Final = 2**256
_FETCH: Final = 10_000


@dataclass(frozen=True)
class TableDigest:
    """One table's row count and order-independent content digest."""

    rows: int
    digest: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, taken at the instant of the copy."""

    backend: str
    created_at: str
    file_sha256: str
    tables: dict[str, TableDigest]

    def to_json(self) -> str:
        """The manifest as indented JSON."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Read a manifest written by :meth:`to_json`."""
        data = json.loads(text)
        tables = {name: TableDigest(**value) for name, value in data["tables"].items()}
        return cls(data["backend"], data["created_at"], data["file_sha256"], tables)


@dataclass
class BackupCheck:
    """The outcome of restoring a backup into a fresh instance and comparing it."""

    ok: bool
    restore_seconds: float
    tables: int
    rows: int
    problems: list[str] = field(default_factory=list)


def manifest_path(backup: Path) -> Path:
    """Where the manifest of ``backup`` is kept (beside it)."""
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def _canonical(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value if value is None or isinstance(value, int | float | str | bool) else str(value)


def _digest_rows(rows: Iterable[tuple[Any, ...]]) -> TableDigest:
    total, count = 0, 0
    for row in rows:
        text = json.dumps([_canonical(v) for v in row], separators=(",", ":"), ensure_ascii=False)
        total = (total + int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")) % _MODULUS
        count += 1
    return TableDigest(count, f"{total:064x}")


def _fetched(cursor: Any) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(_FETCH):
        yield from batch


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_digests(con: sqlite3.Connection) -> dict[str, TableDigest]:
    names = [
        row[0]
        for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: _digest_rows(_fetched(con.execute(f"SELECT * FROM {_quoted(name)}")))  # nosec B608 - names come from sqlite_master and are quoted
        for name in names
    }


def _postgres_digests(conn: sa.Connection) -> dict[str, TableDigest]:
    names = conn.execute(
        sa.text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
    ).scalars()
    digests = {}
    for name in list(names):
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with closing(cursor):
            cursor.execute(f"SELECT * FROM {_quoted(name)}")  # nosec B608 - catalogue names, quoted
            digests[name] = _digest_rows(_fetched(cursor))
    return digests


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise StoreError("An in-memory SQLite store cannot be backed up.")
    return Path(url.database)


def _refuse_existing(path: Path) -> None:
    if path.exists() or manifest_path(path).exists():
        raise StoreError(
            f"{path} already exists; a backup never overwrites another.",
            hint="Choose a new file name (for example one with the date in it).",
        )


def backup_store(engine: Engine, dest: Path) -> Manifest:
    """Copy the store to ``dest`` and write its manifest beside it; return the manifest.

    Raises:
        StoreError: ``dest`` exists, the store is in memory, or ``pg_dump`` failed or is missing.
    """
    _refuse_existing(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    backend = engine.dialect.name
    if backend == "sqlite":
        tables = _backup_sqlite(_sqlite_path(engine.url), dest)
    else:
        tables = _backup_postgres(engine, dest)
    manifest = Manifest(backend, datetime.now(UTC).isoformat(), file_sha256(dest), tables)
    manifest_path(dest).write_text(manifest.to_json())
    return manifest


def _backup_sqlite(source: Path, dest: Path) -> dict[str, TableDigest]:
    with closing(sqlite3.connect(source, isolation_level=None, timeout=30)) as src:
        src.execute("BEGIN")  # one read snapshot for the digests and the copy
        tables = _sqlite_digests(src)
        with closing(sqlite3.connect(dest)) as dst:
            src.backup(dst)
        src.execute("ROLLBACK")
    return tables


def _pg_tool(name: str) -> str:
    bindir = postgres_bindir()
    found = str(Path(bindir, name)) if bindir else shutil.which(name)
    if not found or not Path(found).exists():
        raise StoreError(
            f"{name} is not installed, so a PostgreSQL store cannot be backed up or restored.",
            hint="Install the PostgreSQL client tools (apt-get install postgresql-client).",
        )
    return found


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it."""
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([_pg_tool(tool), *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise StoreError(f"{tool} failed: {done.stderr.strip()[:500]}")


def _backup_postgres(engine: Engine, dest: Path) -> dict[str, TableDigest]:
    dsn, env = _libpq(engine.url)
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        with conn.begin():
            snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
            tables = _postgres_digests(conn)
            _run(
                "pg_dump", ["--format=custom", f"--snapshot={snapshot}", "-f", str(dest), dsn], env
            )
    return tables


def restore_backup(backup: Path, target_url: str) -> Manifest:
    """Restore ``backup`` into ``target_url`` (a new SQLite file or an empty PostgreSQL database).

    Raises:
        StoreError: the manifest is missing, the file does not match it, or the target is not
            empty.
    """
    manifest = read_manifest(backup)
    target = make_url(target_url)
    if target.get_backend_name() != manifest.backend:
        raise StoreError(
            f"This is a {manifest.backend} backup; it cannot be restored into {target.get_backend_name()}."
        )
    if manifest.backend == "sqlite":
        _restore_sqlite(backup, _sqlite_path(target))
    else:
        _restore_postgres(backup, target)
    return manifest


def read_manifest(backup: Path) -> Manifest:
    """The backup's manifest, after checking that the file is the one it describes.

    Raises:
        StoreError: the backup or its manifest is missing, or the file has changed.
    """
    where = manifest_path(backup)
    if not backup.exists() or not where.exists():
        raise StoreError(
            f"{backup} or its manifest {where.name} is missing.",
            hint="Give the file written by 'fullpicture store backup'; keep the manifest beside it.",
        )
    manifest = Manifest.from_json(where.read_text())
    if file_sha256(backup) != manifest.file_sha256:
        raise StoreError(
            f"{backup.name} does not match its manifest (SHA-256 differs): it is damaged or was changed.",
            hint="Use another backup, and find out what altered this one.",
        )
    return manifest


def _restore_sqlite(backup: Path, target: Path) -> None:
    if target.exists():
        raise StoreError(f"{target} already exists; restore into a new file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(backup)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _restore_postgres(backup: Path, target: URL) -> None:
    engine = create_store_engine(target.render_as_string(hide_password=False))
    try:
        if _postgres_table_count(engine):
            raise StoreError(
                f"The database {target.database} is not empty; restore into an empty database."
            )
    finally:
        engine.dispose()
    dsn, env = _libpq(target)
    _run("pg_restore", ["--no-owner", "--exit-on-error", "-d", dsn, str(backup)], env)


def _postgres_table_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.text(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                    "current_schema()"
                )
            ).scalar_one()
        )


@contextmanager
def _scratch_sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="fp-restore-") as folder:
        yield f"sqlite:///{folder}/restored.db"


def restored_digests(url: str) -> tuple[dict[str, TableDigest], list[str]]:
    """The table digests of a restored store, and any integrity problems SQLite reports."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(_sqlite_path(parsed))) as con:
            integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
            problems = [] if integrity == ["ok"] else [f"integrity check: {p}" for p in integrity]
            return _sqlite_digests(con), problems
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return _postgres_digests(conn), []
    finally:
        engine.dispose()


def compare_tables(expected: dict[str, TableDigest], found: dict[str, TableDigest]) -> list[str]:
    """Each difference between a manifest's tables and a restored copy's, in words."""
    problems = [f"table {n} is missing from the restored copy" for n in expected if n not in found]
    problems += [
        f"table {n} is in the restored copy but not the manifest"
        for n in found
        if n not in expected
    ]
    for name in sorted(set(expected) & set(found)):
        want, got = expected[name], found[name]
        if want.rows != got.rows:
            problems.append(f"table {name}: {got.rows} rows restored, {want.rows} backed up")
        elif want.digest != got.digest:
            problems.append(f"table {name}: same row count but different contents")
    return problems


def check_backup(
    backup: Path,
    *,
    into: str | None = None,
    verify: Callable[[Engine], list[str]] | None = None,
) -> BackupCheck:
    """Restore ``backup`` into a fresh instance and compare it with its manifest.

    Args:
        backup: the backup file (its manifest beside it).
        into: the URL of an empty database to restore into; required for a PostgreSQL backup
            (a scratch database), optional for SQLite (a temporary file is used and removed).
        verify: further checks of the restored store (the CLI passes the audit chain's), each
            problem returned in words.

    Raises:
        StoreError: the backup or manifest is missing or damaged, or it cannot be restored.
    """
    manifest = read_manifest(backup)
    if manifest.backend != "sqlite" and into is None:
        raise StoreError(
            "Checking a PostgreSQL backup needs an empty scratch database to restore into.",
            hint="Create one (createdb fullpicture_restore_check) and pass --into with its URL.",
        )
    with _scratch_sqlite() as scratch:
        url = into or scratch
        started = time.perf_counter()
        restore_backup(backup, url)
        elapsed = time.perf_counter() - started
        found, problems = restored_digests(url)
        problems += compare_tables(manifest.tables, found)
        if verify is not None:
            problems += _verified(url, verify)
    rows = sum(t.rows for t in manifest.tables.values())
    return BackupCheck(not problems, elapsed, len(manifest.tables), rows, problems)


def _verified(url: str, verify: Callable[[Engine], list[str]]) -> list[str]:
    engine = create_store_engine(url)
    try:
        return verify(engine)
    finally:
        engine.dispose()
