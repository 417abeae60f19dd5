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
from fullpicture.intake.mapping import Mapping, load_mapping
from fullpicture.intake.readers import FileKind, RawFile
from fullpicture.intake.tables import intake_warning
from fullpicture.intake.worker import WorkerRun
from fullpicture.store import schema
from fullpicture.store.database import open_store
from tests.intake.factories import (
    EVENT_HEADER,
    FLAT_MAPPING,
    create_attendance_row,
    create_attendances_file,
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


def _run_files(directory: Path) -> list[Path]:
    """Persons and four occurrence files: overlapping keys, bad rows, participants."""
    rows = _rows()
    return [
        create_persons_file(directory, [f"P{n}" for n in range(20)]),
        create_events_file(directory, rows[:50], "occurrences_1.csv"),
        create_events_file(directory, rows[30:90], "occurrences_2.csv"),
        create_events_file(directory, rows[80:], "occurrences_3.csv"),
        create_events_file(directory, rows[::3], "occurrences_4.csv"),
    ]


def _written(engine: sa.Engine, *, ids: bool) -> dict[str, list[tuple[object, ...]]]:
    """Everything :func:`_stored` compares, plus the ledger entries and each event's entry, and
    with ``ids`` the event ids too (PostgreSQL's upserts take ids from a sequence, so its ids
    differ from SQLite's, which the reference import uses)."""
    e, lg, q = schema.event, schema.ledger, schema.quarantine
    queries = {
        "ids": sa.select(*([e.c.id] if ids else []), e.c.record_key, e.c.ledger_id).order_by(
            e.c.record_key
        ),
        "ledger": sa.select(
            lg.c.id, lg.c.filename, lg.c.rows_read, lg.c.rows_stored, lg.c.rows_quarantined
        ).order_by(lg.c.id),
        "quarantine": sa.select(q.c.ledger_id, q.c.row_number, q.c.reasons).order_by(q.c.id),
    }
    with engine.connect() as conn:
        found = {name: [tuple(r) for r in conn.execute(query)] for name, query in queries.items()}
    return found | _stored(engine)


def _import_run(engine: sa.Engine, paths: list[Path], mapping: Mapping) -> list[tuple[int, ...]]:
    results = importer.import_files(engine, paths, "police", mapping)
    return [(r.ledger_id, r.read, r.stored, r.quarantined, r.warnings) for r in results]


def test_should_store_files_checked_ahead_in_one_run_exactly_as_one_process(
    store, tmp_path, sample_mapping, monkeypatch
):
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    paths = _run_files(tmp_path)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", -1)
    alone = open_store(f"sqlite:///{tmp_path / 'alone.db'}")
    import_file(alone, paths[3], "police", sample_mapping)  # already imported: left out of the run
    expected = _import_run(alone, paths, sample_mapping)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    runs = []
    monkeypatch.setattr(importer, "WorkerRun", lambda jobs: runs.append(jobs) or WorkerRun(jobs))
    import_file(store, paths[3], "police", sample_mapping)
    assert _import_run(store, paths, sample_mapping) == expected
    assert [len(jobs) for jobs in runs] == ([3] if worker.worker_available() else [])
    sqlite = store.dialect.name == "sqlite"
    assert _written(store, ids=sqlite) == _written(alone, ids=sqlite)
    alone.dispose()


def test_should_stop_the_run_and_check_as_usual_when_a_ledger_id_is_taken(
    store, tmp_path, sample_mapping, monkeypatch
):
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    paths = _run_files(tmp_path)
    opened = []

    def open_after_another(conn: sa.Connection, **entry: object) -> tuple[int, datetime]:
        opened.append(entry["filename"])
        if len(opened) == 3:  # as if another import wrote an entry just before this one
            real_open(conn, **{**entry, "filename": "another.csv", "sha256": "0" * 64})
        return real_open(conn, **entry)

    real_open = importer.ledger.open_entry
    monkeypatch.setattr(importer.ledger, "open_entry", open_after_another)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", -1)
    alone = open_store(f"sqlite:///{tmp_path / 'alone.db'}")
    expected = _import_run(alone, paths, sample_mapping)
    opened.clear()
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    forks = []
    monkeypatch.setattr(
        importer, "worker_chunks", lambda job: forks.append(job) or worker.worker_chunks(job)
    )
    assert _import_run(store, paths, sample_mapping) == expected
    sqlite = store.dialect.name == "sqlite"
    assert _written(store, ids=sqlite) == _written(alone, ids=sqlite)
    if worker.worker_available():  # the persons file, then each file after the taken id
        assert [job.ctx.ledger_id for job in forks] == [1, 4, 5, 6]
    alone.dispose()


def test_should_check_again_when_another_import_adds_persons_between_files(
    store, tmp_path, sample_mapping, monkeypatch
):
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    paths = _run_files(tmp_path)  # rows refer to P0..P24; the persons file holds P0..P19
    (tmp_path / "more").mkdir()
    more = create_persons_file(tmp_path / "more", [f"P{n}" for n in range(20, 25)])

    def add_persons_after_the_first_events(engine: sa.Engine, result: importer.FileResult) -> None:
        if result.path.name == "occurrences_1.csv":
            import_file(engine, more, "police", sample_mapping)

    def imported(engine: sa.Engine) -> list[tuple[int, ...]]:
        results = importer.import_files(
            engine, paths, "police", sample_mapping,
            on_result=lambda result: add_persons_after_the_first_events(engine, result),
        )  # fmt: skip
        return [(r.ledger_id, r.read, r.stored, r.quarantined, r.warnings) for r in results]

    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", -1)
    alone = open_store(f"sqlite:///{tmp_path / 'alone.db'}")
    expected = imported(alone)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    assert imported(store) == expected
    assert expected[1][3] > expected[2][3]  # fewer unknown people once they were added
    sqlite = store.dialect.name == "sqlite"
    assert _written(store, ids=sqlite) == _written(alone, ids=sqlite)
    alone.dispose()


def test_should_check_the_event_tables_of_flat_exports_in_the_run_as_one_process(
    store, tmp_path, monkeypatch
):
    mapping = load_mapping(FLAT_MAPPING)
    rows = [
        create_attendance_row(f"A{n}", f"H{n % 9}" if n % 13 else "", f"0{n % 9 + 1}/04/2024 22:15")
        for n in range(60)
    ]
    paths = [
        create_attendances_file(tmp_path, rows[:40], "ed_attendances_1.csv"),
        create_attendances_file(tmp_path, rows[25:], "ed_attendances_2.csv"),
    ]

    def imported(engine: sa.Engine) -> list[tuple[object, ...]]:
        results = importer.import_files(engine, paths, "ed", mapping)
        return [(r.table, r.ledger_id, r.read, r.stored, r.quarantined) for r in results]

    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", -1)
    alone = open_store(f"sqlite:///{tmp_path / 'alone.db'}")
    expected = imported(alone)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    runs = []
    monkeypatch.setattr(importer, "WorkerRun", lambda jobs: runs.append(jobs) or WorkerRun(jobs))
    assert imported(store) == expected
    assert [r[0] for r in expected] == ["ed_patients"] * 2 + ["ed_attendances"] * 2
    assert [len(jobs) for jobs in runs] == ([2] if worker.worker_available() else [])
    sqlite = store.dialect.name == "sqlite"
    assert _written(store, ids=sqlite) == _written(alone, ids=sqlite)
    alone.dispose()
