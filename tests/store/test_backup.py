"""Backups copy one instant of the store and are shown to restore (security requirement 37)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.audit.chain import AuditEntry, append_entry, verify_chain
from fullpicture.audit.keys import derive_key, load_or_create_key
from fullpicture.errors import StoreError
from fullpicture.store import backup as backups
from fullpicture.store.backup import (
    backup_store,
    check_backup,
    file_sha256,
    manifest_path,
    read_manifest,
    restore_backup,
)
from fullpicture.store.database import open_store

KEY = b"b" * 32
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def create_audited_store(url: str, entries: int = 5, key: bytes = KEY) -> Engine:
    engine = open_store(url)
    for n in range(entries):
        with engine.begin() as conn:
            entry = AuditEntry(f"user{n}", "social_worker", "social_care", "assignment",
                               "view child page", "view", f"P{n:07d}")  # fmt: skip
            append_entry(conn, key, entry, now=NOW)
    return engine


def chain_problems(key: bytes = KEY):  # type: ignore[no-untyped-def]
    def verify(engine: Engine) -> list[str]:
        result = verify_chain(engine, key)
        return [] if result.ok else [f"audit chain: {result.problem}"]

    return verify


def _audit_rows(url_or_path: str | Path) -> int:
    with closing(sqlite3.connect(url_or_path)) as con:
        return int(con.execute("SELECT count(*) FROM audit_entry").fetchone()[0])


def test_should_restore_a_sqlite_backup_equal_to_its_manifest(sqlite_url, tmp_path):
    engine = create_audited_store(sqlite_url)
    manifest = backup_store(engine, tmp_path / "bk" / "copy.db")
    assert manifest.tables["audit_entry"].rows == 5
    result = check_backup(tmp_path / "bk" / "copy.db", verify=chain_problems())
    assert result.ok, result.problems
    assert result.rows == sum(t.rows for t in manifest.tables.values())


def test_should_copy_the_instant_of_the_manifest_while_others_write(
    sqlite_url, tmp_path, monkeypatch
):
    engine = create_audited_store(sqlite_url, entries=3)
    digests = backups._sqlite_digests

    def digest_then_write(con):  # type: ignore[no-untyped-def]
        taken = digests(con)
        with engine.begin() as conn:  # another writer commits between the manifest and the copy
            append_entry(conn, KEY, AuditEntry("late", "iro", "social_care", "assignment",
                                               "view child page", "view"), now=NOW)  # fmt: skip
        return taken

    monkeypatch.setattr(backups, "_sqlite_digests", digest_then_write)
    backup_store(engine, tmp_path / "bk" / "copy.db")
    assert _audit_rows(tmp_path / "bk" / "copy.db") == 3
    monkeypatch.undo()
    assert check_backup(tmp_path / "bk" / "copy.db", verify=chain_problems()).ok


def test_should_refuse_a_backup_whose_file_changed_since_its_manifest(sqlite_url, tmp_path):
    backup_store(create_audited_store(sqlite_url), tmp_path / "bk" / "copy.db")
    data = bytearray((tmp_path / "bk" / "copy.db").read_bytes())
    data[-100] ^= 0xFF
    (tmp_path / "bk" / "copy.db").write_bytes(bytes(data))
    with pytest.raises(StoreError, match="does not match its manifest"):
        check_backup(tmp_path / "bk" / "copy.db")


def rewrite_backup(backup: Path, statement: str) -> None:
    """Change the backup's contents and re-sign its file hash, as a silent corruption would not."""
    with closing(sqlite3.connect(backup)) as con:
        con.executescript(f"DROP TRIGGER IF EXISTS audit_entry_no_update; {statement}")
    manifest = json.loads(manifest_path(backup).read_text())
    manifest["file_sha256"] = file_sha256(backup)
    manifest_path(backup).write_text(json.dumps(manifest))


def test_should_name_the_table_whose_contents_differ_from_the_manifest(sqlite_url, tmp_path):
    backup_store(create_audited_store(sqlite_url), tmp_path / "bk" / "copy.db")
    rewrite_backup(
        tmp_path / "bk" / "copy.db", "UPDATE audit_entry SET actor = 'someone' WHERE seq = 2;"
    )
    result = check_backup(tmp_path / "bk" / "copy.db", verify=chain_problems())
    assert not result.ok
    assert "table audit_entry: same row count but different contents" in result.problems
    assert any(p.startswith("audit chain:") for p in result.problems)


def test_should_keep_the_key_file_out_of_the_backup(sqlite_url, tmp_path):
    key_file = tmp_path / "secrets" / "fullpicture.key"
    master = load_or_create_key(key_file)
    engine = create_audited_store(sqlite_url, key=derive_key(master, "audit-chain"))
    backup_store(engine, tmp_path / "bk" / "copy.db")
    copied = (tmp_path / "bk" / "copy.db").read_bytes() + manifest_path(
        tmp_path / "bk" / "copy.db"
    ).read_bytes()
    assert key_file.read_bytes().strip() not in copied and master not in copied


def test_should_never_overwrite_a_backup_or_restore_over_a_store(sqlite_url, tmp_path):
    engine = create_audited_store(sqlite_url)
    backup_store(engine, tmp_path / "bk" / "copy.db")
    with pytest.raises(StoreError, match="never overwrites"):
        backup_store(engine, tmp_path / "bk" / "copy.db")
    with pytest.raises(StoreError, match="already exists"):
        restore_backup(tmp_path / "bk" / "copy.db", sqlite_url)
    restore_backup(tmp_path / "bk" / "copy.db", f"sqlite:///{tmp_path}/restored.db")
    assert _audit_rows(tmp_path / "restored.db") == 5


def test_should_say_what_is_missing_when_there_is_no_manifest(tmp_path):
    (tmp_path / "copy.db").write_bytes(b"")
    with pytest.raises(StoreError, match="manifest"):
        read_manifest(tmp_path / "copy.db")


@pytest.mark.postgres
def test_should_restore_a_postgresql_backup_into_an_empty_database(
    postgres_url, pg_server, tmp_path
):
    engine = create_audited_store(postgres_url)
    manifest = backup_store(engine, tmp_path / "store.dump")
    assert manifest.backend == "postgresql" and manifest.tables["audit_entry"].rows == 5
    scratch = "restore_check_" + tmp_path.name[-8:].replace("-", "_")
    admin = sa.create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{scratch}"'))
    try:
        with pytest.raises(StoreError, match="needs an empty scratch database"):
            check_backup(tmp_path / "store.dump")
        result = check_backup(
            tmp_path / "store.dump", into=f"{pg_server}/{scratch}", verify=chain_problems()
        )
        assert result.ok, result.problems
        with pytest.raises(StoreError, match="not empty"):
            restore_backup(tmp_path / "store.dump", f"{pg_server}/{scratch}")
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()
