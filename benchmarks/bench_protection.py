"""Retention: how long ``retention due`` takes to assess every person in a store.

A SQLite store of N people, each with one agency record and five events of mixed kinds and dates
(every tenth person looked after),
is filled with bulk inserts (not timed). Measured: one ``due_for_destruction`` over everyone,
wall and CPU seconds (the machine may be shared: CPU time is the steadier figure). Full run:
20,000 people (100,000 events); ``--quick``: 2,000.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from benchmarks.harness import Result, timed
from fullpicture.protection.retention import due_for_destruction, load_schedule
from fullpicture.store.database import open_store
from fullpicture.store.schema import event, ledger, person, source_person

FULL_PEOPLE = 20_000
QUICK_PEOPLE = 2_000
EVENTS_EACH = 5
_KINDS = (
    "social_care.referral",
    "police.incident",
    "health.concern",
    "education.concern",
    "social_care.placement_start",
)
_NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _kind(j: int) -> str:
    """Every tenth person was looked after (kept to 75); the others have four other kinds."""
    return _KINDS[4] if (j // EVENTS_EACH) % 10 == 0 and j % EVENTS_EACH == 0 else _KINDS[j % 4]


def _fill(engine: Engine, people: int) -> None:
    with engine.begin() as conn:
        values = {"source": "bench", "filename": "bench.csv", "table_name": "t", "sha256": "0" * 64,
                  "status": "complete", "rows_read": 0, "rows_stored": 0, "rows_quarantined": 0,
                  "imported_by": "bench", "started_at": _NOW, "finished_at": _NOW}  # fmt: skip
        lid = conn.execute(ledger.insert().values(**values).returning(ledger.c.id)).scalar_one()
        conn.execute(person.insert(), [
            {"id": f"P{i:06d}", "display_name": "Bench Person", "created_at": _NOW,
             "date_of_birth": date(1990 + i % 30, 1 + i % 12, 1)} for i in range(people)
        ])  # fmt: skip
        conn.execute(source_person.insert(), [
            {"id": i + 1, "source": "bench", "agency": "social_care", "local_id": str(i),
             "ledger_id": lid, "row_number": i, "person_id": f"P{i:06d}", "updated_at": _NOW}
            for i in range(people)
        ])  # fmt: skip
        conn.execute(event.insert(), [
            {"source": "bench", "agency": _KINDS[j % 5].split(".")[0], "ledger_id": lid,
             "row_number": j, "record_key": f"k{j}", "subject_source_person_id": j // 5 + 1,
             "event_type": _kind(j), "occurred_on": date(2010 + j % 15, 1, 1),
             "precision": "day", "uncertain": False, "sequence": 0}
            for j in range(people * EVENTS_EACH)
        ])  # fmt: skip


def run(quick: bool) -> list[Result]:
    """Measure one retention assessment of every person in the store."""
    people = QUICK_PEOPLE if quick else FULL_PEOPLE
    size = f"{people} people, {people * EVENTS_EACH} events (SQLite)"
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'store.db'}")
        _fill(engine, people)
        schedule = load_schedule()
        cpu = time.process_time()
        with timed() as elapsed, engine.connect() as conn:
            due = due_for_destruction(conn, date(2026, 3, 2), schedule)
        cpu = time.process_time() - cpu
        wall = elapsed()
        engine.dispose()
    notes = f"{len(due)} due; CPU {cpu:.2f} s"
    return [
        Result("protection", "retention due (all people)", wall, "s", data_size=size, notes=notes)
    ]
