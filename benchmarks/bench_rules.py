"""All rules over 10M events (``--quick``: 500k) on 2 threads, and per-child re-analysis.

Whole-store figure: the event table is generated in a separate DuckDB connection and handed over
as Arrow (as the store reader hands it over), about 50 events per child across the vocabulary's
types, with the attributes the rules read. Measured:

- ``snapshot``: Arrow tables -> the prepared analysis tables in a fresh DuckDB (attribute
  extraction from JSON, uncertain-date spans, UTC day boundaries from the calendar, kin). It does
  *not* include reading the rows out of SQLite/PostgreSQL through SQLAlchemy, which is the store's
  cost and grows with the store's own speed;
- ``rules``: every rule of the library run to completion (results fetched as Arrow), 2 threads;
- ``total``: snapshot + rules (the target: <= 20 s on 2 cores for 10M events).

Per-child figure: a SQLite store of 1,000 children (~50 events each); ``analyse(person_id=...)``
timed for 100 children (median and p95), including reading the child's scope from the store, the
snapshot, every rule and writing alerts back.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from benchmarks.harness import Result
from fullpicture.rules.library import ALL_RULES, all_attributes
from fullpicture.rules.run import DEFAULT_TIME_LIMIT, compile_rules, run_compiled
from fullpicture.rules.snapshot import SnapshotData, load_snapshot
from fullpicture.vocabulary import EVENT_TYPES

AS_OF = datetime(2026, 6, 1, tzinfo=UTC)
EVENTS_PER_CHILD = 50


def _types_sql() -> str:
    return "[" + ", ".join(f"'{name}'" for name in sorted(EVENT_TYPES)) + "]"


def _events_sql(events: int, people: int) -> str:
    return f"""
SELECT i::BIGINT AS event_id,
  'P' || lpad(CAST(hash(i) % {people} AS VARCHAR), 7, '0') AS person_id,
  et AS event_type, split_part(et, '.', 1) AS agency, 'bench' AS source,
  NULL::VARCHAR AS record_id,
  CASE WHEN hash(i * 29) % 200 = 0 THEN 'INC' || (hash(i * 31) % {max(events // 400, 1)}) END
    AS incident_ref,
  NULL::VARCHAR AS location, d AS day,
  CASE WHEN et LIKE 'police.%' THEN CAST(d AS TIMESTAMP) + to_seconds(hash(i * 17) % 86400) END
    AS occurred_at,
  CASE WHEN et LIKE 'police.%' THEN 'exact' ELSE 'day' END AS precision,
  hash(i * 19) % 100 = 0 AS uncertain,
  CASE et
    WHEN 'social_care.placement_start' THEN '{{"planned": "' ||
      CASE WHEN hash(i) % 3 = 0 THEN 'false' ELSE 'true' END || '", "area": "A' ||
      (hash(i * 23) % 5) || '"}}'
    WHEN 'social_care.risk_assessment' THEN '{{"review_due": "' || strftime(d + 90, '%Y-%m-%d') || '"}}'
    WHEN 'social_care.escalation_raised' THEN '{{"due": "' || strftime(d + 14, '%Y-%m-%d') || '"}}'
    WHEN 'health.ed_attendance' THEN '{{"reason": "' ||
      CASE WHEN hash(i) % 4 = 0 THEN 'self_harm' ELSE 'injury' END || '"}}'
    WHEN 'social_care.strategy_discussion' THEN '{{"agencies_present": "police, social care' ||
      CASE WHEN hash(i) % 2 = 0 THEN ', health' ELSE '' END || '"}}'
    WHEN 'social_care.social_worker_change' THEN '{{"child_told": "' ||
      CASE WHEN hash(i) % 5 = 0 THEN 'false' ELSE 'true' END || '"}}'
    WHEN 'social_care.statutory_visit' THEN '{{"seen_alone": "' ||
      CASE WHEN hash(i) % 3 = 0 THEN 'false' ELSE 'true' END || '"}}'
    WHEN 'social_care.child_request' THEN '{{"service": "therapy"}}'
  END AS attributes
FROM (
  SELECT i, {_types_sql()}[1 + CAST(hash(i * 7) % {len(EVENT_TYPES)} AS INTEGER)] AS et,
    CAST(DATE '2019-01-01' + CAST(hash(i * 13) % 2700 AS INTEGER) AS DATE) AS d
  FROM range({events}) t(i)
)
"""


def generate(events: int) -> SnapshotData:
    """A synthetic event table (and people, kin, participants) as Arrow."""
    people = max(events // EVENTS_PER_CHILD, 1)
    con = duckdb.connect()
    data = SnapshotData(
        events=con.sql(_events_sql(events, people)).to_arrow_table(),
        people=con.sql(
            f"SELECT 'P' || lpad(CAST(i AS VARCHAR), 7, '0') AS person_id, "
            f"CAST(DATE '2004-01-01' + CAST(hash(i) % 8000 AS INTEGER) AS DATE) AS date_of_birth, "
            f"CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END AS sex, 'WBRI' AS ethnicity, "
            f"TRUE AS is_child FROM range({people}) t(i)"
        ).to_arrow_table(),
        relationships=con.sql(
            f"SELECT 'P' || lpad(CAST(i AS VARCHAR), 7, '0') AS from_id, "
            f"'P' || lpad(CAST(i + 1 AS VARCHAR), 7, '0') AS to_id, 'sibling' AS kind, "
            f"NULL::DATE AS start_date, NULL::DATE AS end_date "
            f"FROM range(0, {people} - 1, 3) t(i)"
        ).to_arrow_table(),
        participants=pa.table(
            {
                "event_id": pa.array([], pa.int64()),
                "person_id": pa.array([], pa.string()),
                "role": pa.array([], pa.string()),
            }
        ),
    )
    con.close()
    return data


def _whole_store(events: int) -> list[Result]:
    data = generate(events)
    compiled = compile_rules(ALL_RULES, {})
    started, cpu_started = time.perf_counter(), time.process_time()
    con = load_snapshot(data, all_attributes(), AS_OF, threads=2)
    snapshot = time.perf_counter() - started
    # Rows are fetched into Python, as a run does; turning them into findings with explanations is
    # left out (part of writing back, like the alerts' upsert).
    rows, outcomes = run_compiled(
        con, compiled, time_limit=DEFAULT_TIME_LIMIT, handle=lambda _, found: found
    )
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    con.close()
    findings = len(rows)
    slowest = [(o.seconds, o.rule_id) for o in outcomes]
    size = f"{events:,} events, {events // EVENTS_PER_CHILD:,} children"
    top = ", ".join(f"{rid} {s:.2f}s" for s, rid in sorted(slowest, reverse=True)[:5])
    return [
        Result("rules", "snapshot (Arrow -> prepared DuckDB tables)", snapshot, "s", "", size),
        Result("rules", "all rules", total - snapshot, "s", "", size, f"slowest: {top}"),
        Result(
            "rules",
            "snapshot + all rules",
            total,
            "s",
            "<= 20 s at 10M on 2 cores",
            size,
            f"{len(compiled)} rules, {findings:,} findings, {cpu:.1f} s CPU",
        ),  # fmt: skip
    ]


def _per_child(children: int, samples: int) -> list[Result]:
    from benchmarks.store_fill import fill_store
    from fullpicture.rules.run import analyse
    from fullpicture.store.database import open_store

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        ids = fill_store(engine, generate(children * EVENTS_PER_CHILD))
        analyse(engine, person_id=ids[0], as_of=AS_OF)  # warm: compiled SQL, prepared plans
        times = []
        for pid in ids[1 : samples + 1]:
            t = time.perf_counter()
            analyse(engine, person_id=pid, as_of=AS_OF)
            times.append(time.perf_counter() - t)
        engine.dispose()
    times.sort()
    size = f"SQLite store, {children:,} children, ~{children * EVENTS_PER_CHILD:,} events"
    return [
        Result(
            "rules",
            "per-child analyse p50",
            statistics.median(times) * 1000,
            "ms",
            "<= 100 ms",
            size,
            f"{len(times)} children",
        ),  # fmt: skip
        Result(
            "rules",
            "per-child analyse p95",
            times[int(len(times) * 0.95) - 1] * 1000,
            "ms",
            "",
            size,
        ),  # fmt: skip
    ]


def run(quick: bool) -> list[Result]:
    """Run the rules benchmarks (``quick``: 500k events instead of 10M)."""
    return [*_whole_store(500_000 if quick else 10_000_000), *_per_child(1000, 100)]
