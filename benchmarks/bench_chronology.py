"""A child's chronology from a store holding 1M events (``--quick``: 100k): p50 and p95.

The store is built fast by bulk insert straight into the tables (the intake's speed is measured
by its own benchmark): children known to three agencies each, events spread over six years with
some incidents shared between agencies, so grouping and gaps do real work. Then
``build_chronology`` (and, separately, building plus rendering the working view as HTML) is timed
for many children picked at random.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from benchmarks.harness import Result, timed
from fullpicture.chronology import build_chronology, render_chronology
from fullpicture.store.database import open_store
from fullpicture.vocabulary import EVENT_TYPES

_SOURCES = ("social_care", "police", "health", "education")
_NOW = datetime(2026, 1, 1, tzinfo=UTC)
_START = date(2019, 1, 1)


def _types_by_agency() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, kind in EVENT_TYPES.items():
        found.setdefault(kind.agency.value, []).append(name)
    return found


def _insert_people(raw: Any, children: int) -> None:
    cur = raw.cursor()
    cur.executemany(
        "INSERT INTO ledger (id, source, filename, table_name, sha256, status, rows_read, "
        "rows_stored, rows_quarantined, imported_by, started_at, finished_at) "
        "VALUES (?, ?, ?, 'records', ?, 'complete', 0, 0, 0, 'bench', ?, ?)",
        [(i + 1, s, f"{s}.csv", f"{i:064d}", _NOW, _NOW) for i, s in enumerate(_SOURCES)],
    )
    cur.executemany(
        "INSERT INTO person (id, display_name, date_of_birth, created_at, restricted) "
        "VALUES (?, ?, ?, ?, 0)",
        [(f"P{c:07d}", f"Child {c}", date(2010, 1, 1) + timedelta(days=c % 3000), _NOW)
         for c in range(children)],
    )  # fmt: skip
    cur.executemany(
        "INSERT INTO source_person (id, source, agency, local_id, ledger_id, row_number, "
        "given_name, family_name, is_child, person_id, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'Child', ?, 1, ?, ?)",
        [(c * 3 + k + 1, _SOURCES[k], _SOURCES[k], f"L{c}", k + 1, c + 2, str(c), f"P{c:07d}", _NOW)
         for c in range(children) for k in range(3)],
    )  # fmt: skip


def _event_rows(children: int, first: int, count: int, rng: random.Random) -> list[tuple[Any, ...]]:
    by_agency = _types_by_agency()
    rows: list[tuple[Any, ...]] = []
    for i in range(first, first + count):
        child = i % children
        k = rng.randrange(3)
        source = _SOURCES[k]
        kind = rng.choice(by_agency[source])
        day = _START + timedelta(days=rng.randrange(6 * 365))
        shared = f"INC-{child}-{day.toordinal()}" if rng.random() < 0.1 else None
        rows.append(
            (i + 1, source, source, k + 1, i + 2, f"k{i}", f"R{i}", child * 3 + k + 1, kind, day,
             "day", 0, i % 3, f"Summary of record {i}", "worker", shared)
        )  # fmt: skip
    return rows


def build_store(path: Path, children: int, events: int) -> Engine:
    """A fresh SQLite store at ``path`` with ``children`` children and ``events`` events."""
    engine = open_store(f"sqlite:///{path}")
    rng = random.Random(7)
    raw = engine.raw_connection()
    try:
        _insert_people(raw, children)
        cur = raw.cursor()
        sql = (
            "INSERT INTO event (id, source, agency, ledger_id, row_number, record_key, record_id, "
            "subject_source_person_id, event_type, occurred_on, precision, uncertain, sequence, "
            "summary, author_role, incident_ref, restricted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
        )
        step = 100_000
        for start in range(0, events, step):
            cur.executemany(sql, _event_rows(children, start, min(step, events - start), rng))
        raw.commit()
        cur.execute("ANALYZE")
    finally:
        raw.close()
    return engine


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples), cuts[94]


def run(quick: bool) -> list[Result]:
    """Build the store, then time chronologies of many children."""
    events = 100_000 if quick else 1_000_000
    children = events // 100
    picks = 200 if quick else 500
    with tempfile.TemporaryDirectory(prefix="fp-bench-chron-") as tmp:
        with timed() as build_time:
            engine = build_store(Path(tmp) / "store.db", children, events)
        rng = random.Random(11)
        chosen = [f"P{rng.randrange(children):07d}" for _ in range(picks)]
        build_chronology(engine, chosen[0])  # warm the connection pool and caches
        plain, cpu, rendered = [], [], []
        for pid in chosen:
            cpu_start = time.process_time()
            with timed() as took:
                build_chronology(engine, pid)
            plain.append(took() * 1000)
            # CPU time of this process: less disturbed than wall time on a shared machine.
            cpu.append((time.process_time() - cpu_start) * 1000)
            with timed() as took:
                render_chronology(build_chronology(engine, pid), fmt="html")
            rendered.append(took() * 1000)
        engine.dispose()
    size = f"{events:,} events, {children:,} children (about 100 events each), SQLite"
    p50, p95 = _percentiles(plain)
    h50, h95 = _percentiles(rendered)
    c50, c95 = _percentiles(cpu)
    notes = f"{picks} children at random; store built in {build_time():.1f} s by bulk insert"
    results = [
        Result("chronology", "build_chronology p50", round(p50, 2), "ms", "<= 50 ms", size, notes),
        Result("chronology", "build_chronology p95", round(p95, 2), "ms", "<= 50 ms", size, notes),
        Result("chronology", "build_chronology CPU p50", round(c50, 2), "ms", "", size, notes),
        Result("chronology", "build_chronology CPU p95", round(c95, 2), "ms", "", size, notes),
        Result("chronology", "build + render HTML p50", round(h50, 2), "ms", "", size, notes),
        Result("chronology", "build + render HTML p95", round(h95, 2), "ms", "", size, notes),
    ]
    for r in results:
        sys.stdout.write(f"{r.name}: {r.value} {r.unit} ({r.data_size})\n")
    sys.stdout.write(f"load average at the end: {os.getloadavg()[0]:.1f}\n")
    return results
