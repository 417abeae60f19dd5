"""The hash-chained, keyed audit log: verification, tamper detection, checkpoints, concurrency,
and append-only enforcement by the database (requirements 16, 17, 18, 20)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from fullpicture.audit.chain import (
    AuditEntry,
    append_entry,
    verify_chain,
    verify_checkpoint,
    write_checkpoint,
)
from fullpicture.audit.keys import load_or_create_key
from fullpicture.audit.tables import audit_entry

KEY = b"k" * 32
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def create_entries(engine, count: int, key: bytes = KEY) -> None:
    for i in range(count):
        with engine.begin() as conn:
            append_entry(
                conn,
                key,
                AuditEntry(
                    f"user{i}",
                    "social_worker",
                    "social_care",
                    "assignment",
                    "view child page",
                    "view",
                    f"P{i:07d}",
                ),
                now=NOW,
            )


def _drop_sqlite_guards(engine) -> None:
    # What an attacker with file access could do; verification must still catch the change.
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")


def test_should_verify_a_clean_chain(store):
    create_entries(store, 5)
    result = verify_chain(store, KEY)
    assert result.ok and result.entries == 5


def test_should_name_the_first_edited_entry(sqlite_store):
    create_entries(sqlite_store, 6)
    _drop_sqlite_guards(sqlite_store)
    with sqlite_store.begin() as conn:
        conn.execute(audit_entry.update().where(audit_entry.c.seq == 4).values(actor="someone"))
    result = verify_chain(sqlite_store, KEY)
    assert not result.ok and result.first_bad_seq == 4


def test_should_name_the_first_bad_seq_after_a_middle_delete(sqlite_store):
    create_entries(sqlite_store, 6)
    _drop_sqlite_guards(sqlite_store)
    with sqlite_store.begin() as conn:
        conn.execute(audit_entry.delete().where(audit_entry.c.seq == 3))
    result = verify_chain(sqlite_store, KEY)
    assert not result.ok and result.first_bad_seq == 3


def test_should_detect_a_chain_rewritten_without_the_key(sqlite_store):
    create_entries(sqlite_store, 3)
    _drop_sqlite_guards(sqlite_store)
    with sqlite_store.begin() as conn:
        conn.execute(audit_entry.delete())
        conn.execute(sa.text("UPDATE audit_head SET seq = 0, mac = :g"), {"g": "0" * 64})
    create_entries(sqlite_store, 3, key=b"x" * 32)
    result = verify_chain(sqlite_store, KEY)
    assert not result.ok and result.first_bad_seq == 1


def test_should_detect_truncation_against_the_external_checkpoint(sqlite_store, tmp_path):
    create_entries(sqlite_store, 10)
    checkpoint = tmp_path / "checkpoint.json"
    write_checkpoint(sqlite_store, checkpoint)
    assert verify_checkpoint(sqlite_store, checkpoint).ok
    _drop_sqlite_guards(sqlite_store)
    with sqlite_store.begin() as conn:
        conn.execute(audit_entry.delete().where(audit_entry.c.seq > 7))
    assert verify_chain(sqlite_store, KEY).ok  # the chain alone cannot see a cut tail
    result = verify_checkpoint(sqlite_store, checkpoint)
    assert not result.ok and result.first_bad_seq == 10


def test_should_keep_seq_gapless_and_utc_under_eight_concurrent_writers(store):
    errors: list[BaseException] = []

    def write() -> None:
        try:
            create_entries(store, 10)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.connect() as conn:
        rows = conn.execute(
            sa.select(audit_entry.c.seq, audit_entry.c.ts).order_by(audit_entry.c.seq)
        ).all()
    assert [r.seq for r in rows] == list(range(1, 81))
    assert all(datetime.fromisoformat(r.ts).utcoffset().total_seconds() == 0 for r in rows)
    assert verify_chain(store, KEY).ok


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_entry SET actor = 'x'", "DELETE FROM audit_entry", "TRUNCATE audit_entry"],
)
def test_should_refuse_update_delete_and_truncate_on_postgresql(postgres_store, statement):
    create_entries(postgres_store, 2)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), postgres_store.begin() as conn:
        conn.exec_driver_sql(statement)
    assert verify_chain(postgres_store, KEY).entries == 2


def test_should_create_the_key_file_once_with_owner_only_permissions(tmp_path):
    path = tmp_path / "keys" / "fp.key"
    key = load_or_create_key(path)
    assert len(key) == 32 and (path.stat().st_mode & 0o777) == 0o600
    assert load_or_create_key(path) == key
