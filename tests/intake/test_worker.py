"""Rows checked by a forked worker are stored and quarantined exactly as in one process."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from fullpicture.errors import IntakeError, UnreadableFileError
from fullpicture.intake import checking, importer, worker
from fullpicture.intake.importer import import_file
from fullpicture.intake.mapping import Mapping
from fullpicture.intake.readers import FileKind, RawFile
from fullpicture.intake.tables import intake_warning
from fullpicture.store import schema
from fullpicture.store.database import open_store
from tests.intake.factories import (
    EVENT_HEADER,
    create_csv,
    create_event_row,
    create_events_file,
    create_persons_file,
)

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the worker is forked (Linux)")


def _rows() -> list[list[str]]:
    """Good rows, unknown people, an unmapped category, a blank date, duplicates, participants."""
    rows = []
    for n in range(120):
        row = create_event_row(f"R{n % 100}", f"P{n % 25}", category="XX" if n % 17 == 0 else "DA")
        if n % 11 == 0:
            row[6], row[7] = f"P{n % 7};P99", "victim;suspect"
        if n % 13 == 0:
            row[9] = ""
        if n % 19 == 0:
            row[10] = "maybe"
        rows.append(row)
    return rows


def _stored(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    """Everything an import wrote, without ids that depend on the order of writing."""
    e, q, w, ep = schema.event, schema.quarantine, intake_warning, schema.event_participant
    sp = schema.source_person
    queries = {
        "event": sa.select(
            e.c.record_key, e.c.row_number, e.c.event_type, e.c.occurred_on, e.c.occurred_at,
            e.c.precision, e.c.attributes, e.c.summary, e.c.sequence,
        ).order_by(e.c.record_key),
        "quarantine": sa.select(q.c.row_number, q.c.raw, q.c.reasons).order_by(q.c.id),
        "warning": sa.select(w.c.row_number, w.c.field, w.c.problem, w.c.value).order_by(w.c.id),
        "participant": sa.select(e.c.record_key, sp.c.local_id, ep.c.role)
        .join(ep, ep.c.event_id == e.c.id)
        .join(sp, sp.c.id == ep.c.source_person_id)
        .order_by(e.c.record_key, sp.c.local_id),
    }  # fmt: skip
    with engine.connect() as conn:
        return {
            name: [tuple(map(_plain, r)) for r in conn.execute(query)]
            for name, query in queries.items()
        }


def _plain(value: object) -> object:
    """Instants as naive UTC, as SQLite returns them, so both backends compare."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _import(engine: sa.Engine, directory: Path, mapping: Mapping) -> tuple[int, int, int]:
    import_file(
        engine, create_persons_file(directory, [f"P{n}" for n in range(20)]), "police", mapping
    )
    result = import_file(engine, create_events_file(directory, _rows()), "police", mapping)
    return result.read, result.stored, result.quarantined


def test_should_store_and_quarantine_exactly_what_one_process_does(
    store, tmp_path, sample_mapping, monkeypatch
):
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)  # many chunks, duplicates across them
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", -1)
    alone = open_store(f"sqlite:///{tmp_path / 'alone.db'}")
    expected = _import(alone, tmp_path, sample_mapping)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    forks = []
    monkeypatch.setattr(
        importer, "worker_chunks", lambda job: forks.append(job) or worker.worker_chunks(job)
    )
    assert _import(store, tmp_path, sample_mapping) == expected
    assert len(forks) == 2 and expected[2] > 0
    assert _stored(store) == _stored(alone)
    assert all(_stored(store).values())  # every kind of outcome occurred
    alone.dispose()


@pytest.mark.parametrize(
    ("failure", "expected", "message"),
    [
        (UnreadableFileError("Cannot read x.csv: row 9.", hint="Fix."), UnreadableFileError, "row 9"),
        (ZeroDivisionError("division by zero"), IntakeError, "failed unexpectedly in the worker"),
    ],
)  # fmt: skip
def test_should_raise_the_workers_error_in_the_importing_process_and_write_nothing(
    sqlite_store, tmp_path, sample_mapping, monkeypatch, failure, expected, message
):
    def fail(*_args: object) -> None:
        raise failure

    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(checking, "check_rows", fail)  # the forked child inherits this
    path = create_events_file(tmp_path, [create_event_row("R1", "P1")])
    with pytest.raises(expected, match=message) as caught:
        import_file(sqlite_store, path, "police", sample_mapping)
    assert type(caught.value) is expected and caught.value.hint
    with sqlite_store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.ledger)).scalar_one() == 0


def test_should_check_small_files_in_the_importing_process(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 1_000)
    small = create_csv(tmp_path / "small.csv", EVENT_HEADER, [])
    with small.open() as handle:
        raw = RawFile(small, FileKind.CSV, EVENT_HEADER, iter([]), close=handle.close)
        assert not worker.use_worker(raw)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    assert worker.use_worker(raw) == worker.worker_available()


def test_should_not_fork_while_other_threads_run(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    path = create_csv(tmp_path / "events.csv", EVENT_HEADER, [])
    raw = RawFile(path, FileKind.CSV, EVENT_HEADER, iter([]))
    assert worker.use_worker(raw) == worker.worker_available()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not worker.use_worker(raw)
    finally:
        release.set()
        other.join()
