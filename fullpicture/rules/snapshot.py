"""The analysis snapshot: the store copied into DuckDB (through Arrow) in the shape the rules read.

Tables (all person ids are linked ``person.id`` values; events of unlinked source persons are left
out until linkage assigns them):

- ``events``: ``event_id``, ``person_id``, ``event_type``, ``agency``, ``source``, ``record_id``,
  ``incident_ref``, ``location``, ``day`` (the recorded day), ``precision``, ``uncertain``,
  ``day_lo``/``day_hi`` (earliest and latest possible local day), ``t_lo``/``t_hi`` (earliest and
  latest possible UTC instant, naive), and one ``a_<key>`` text column per attribute key a rule
  reads.
- ``people``: ``person_id``, ``date_of_birth``, ``sex``, ``ethnicity``, ``is_child``.
- ``kin``: ``person_id``, ``member_id``, ``role`` (what the member is to the person: parent, child,
  step_parent, step_child, partner_of_parent, partners_child, sibling, household_member, carer,
  cared_for, associate), ``start_date``, ``end_date``.
- ``participants``: ``event_id``, ``person_id``, ``role``.
- ``calendar``: see :mod:`fullpicture.rules.calendar`.
- ``context``: one row, ``as_of_day`` (date) and ``as_of_ts`` (naive UTC timestamp).

Uncertain dates, conservatively: a day-precision event spans its local day; month and year
precision span the whole month or year; an event flagged ``uncertain`` is widened by
``UNCERTAIN_MARGIN_DAYS`` either side. Rules then only assert what holds for every possible date:
a response counts as in time if it *could* have been in time, and events count together in a window
only if they *certainly* fall inside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.errors import RuleError
from fullpicture.rules.calendar import calendar_table
from fullpicture.rules.spec import LONDON
from fullpicture.store import schema
from fullpicture.vocabulary import EVENT_TYPES

UNCERTAIN_MARGIN_DAYS = 7
"""How far an event flagged ``uncertain`` may really lie from its recorded day, either side."""

_INVERSE = {
    "parent": "child",
    "step_parent": "step_child",
    "partner_of_parent": "partners_child",
    "carer": "cared_for",
    "sibling": "sibling",
    "household_member": "household_member",
    "associate": "associate",
}

RAW_EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.int64()),
        ("person_id", pa.string()),
        ("event_type", pa.string()),
        ("agency", pa.string()),
        ("source", pa.string()),
        ("record_id", pa.string()),
        ("incident_ref", pa.string()),
        ("location", pa.string()),
        ("day", pa.date32()),
        ("occurred_at", pa.timestamp("us")),
        ("precision", pa.string()),
        ("uncertain", pa.bool_()),
        ("attributes", pa.string()),
    ]
)
PEOPLE_SCHEMA = pa.schema(
    [
        ("person_id", pa.string()),
        ("date_of_birth", pa.date32()),
        ("sex", pa.string()),
        ("ethnicity", pa.string()),
        ("is_child", pa.bool_()),
    ]
)
RELATIONSHIP_SCHEMA = pa.schema(
    [
        ("from_id", pa.string()),
        ("to_id", pa.string()),
        ("kind", pa.string()),
        ("start_date", pa.date32()),
        ("end_date", pa.date32()),
    ]
)
PARTICIPANT_SCHEMA = pa.schema(
    [("event_id", pa.int64()), ("person_id", pa.string()), ("role", pa.string())]
)


@dataclass(frozen=True)
class SnapshotData:
    """The store's rows as Arrow tables, before preparation."""

    events: pa.Table
    people: pa.Table
    relationships: pa.Table
    participants: pa.Table


@dataclass(frozen=True)
class Tables:
    """The Ibis tables a rule's expression is built over (unbound: compiled to SQL once)."""

    events: ir.Table
    people: ir.Table
    kin: ir.Table
    participants: ir.Table
    calendar: ir.Table
    context: ir.Table


def attribute_column(key: str) -> str:
    """Name of the snapshot column holding attribute ``key``."""
    return f"a_{key}"


def unbound_tables(attributes: Iterable[str]) -> Tables:
    """Return the snapshot's tables as unbound Ibis tables with their fixed schemas."""
    event_schema = {
        "event_id": "int64",
        "person_id": "string",
        "event_type": "string",
        "agency": "string",
        "source": "string",
        "record_id": "string",
        "incident_ref": "string",
        "location": "string",
        "day": "date",
        "precision": "string",
        "uncertain": "boolean",
        "day_lo": "date",
        "day_hi": "date",
        "t_lo": "timestamp",
        "t_hi": "timestamp",
        **{attribute_column(k): "string" for k in sorted(set(attributes))},
    }
    return Tables(
        events=ibis.table(event_schema, name="events"),
        people=ibis.table(
            {
                "person_id": "string",
                "date_of_birth": "date",
                "sex": "string",
                "ethnicity": "string",
                "is_child": "boolean",
            },
            name="people",
        ),
        kin=ibis.table(
            {
                "person_id": "string",
                "member_id": "string",
                "role": "string",
                "start_date": "date",
                "end_date": "date",
            },
            name="kin",
        ),
        participants=ibis.table(
            {"event_id": "int64", "person_id": "string", "role": "string"}, name="participants"
        ),
        calendar=ibis.table(
            {"day": "date", "is_working": "boolean", "wd_ord": "int64", "start_utc": "timestamp"},
            name="calendar",
        ),
        context=ibis.table({"as_of_day": "date", "as_of_ts": "timestamp"}, name="context"),
    )


def _utc_naive(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _columns(rows: Sequence[Sequence[Any]], names: Sequence[str]) -> dict[str, list[Any]]:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


# Aliases are built once: building them per call (their column collections) cost more than the
# per-child queries themselves.
_FROM = schema.source_person.alias("a")
_TO = schema.source_person.alias("b")
_SUBJECT = schema.source_person.alias("subj")


def _scope_clause(column: Any, person_ids: Sequence[str] | None) -> Any:
    return sa.true() if person_ids is None else column.in_(list(person_ids))


def _read_events(conn: sa.Connection, person_ids: Sequence[str] | None) -> pa.Table:
    e, sp = schema.event, schema.source_person
    query = (
        sa.select(
            e.c.id,
            sp.c.person_id,
            e.c.event_type,
            e.c.agency,
            e.c.source,
            e.c.record_id,
            e.c.incident_ref,
            e.c.location,
            e.c.occurred_on,
            e.c.occurred_at,
            e.c.precision,
            e.c.uncertain,
            e.c.attributes,
        )
        .join(sp, sp.c.id == e.c.subject_source_person_id)
        .where(sp.c.person_id.is_not(None), _scope_clause(sp.c.person_id, person_ids))
    )
    rows = [list(r) for r in conn.execute(query)]
    for row in rows:
        row[9] = _utc_naive(row[9])
    return pa.Table.from_pydict(_columns(rows, RAW_EVENT_SCHEMA.names), schema=RAW_EVENT_SCHEMA)


def _read_people(conn: sa.Connection, person_ids: Sequence[str] | None) -> pa.Table:
    p, sp = schema.person, schema.source_person
    child = sa.select(sp.c.person_id, sa.func.max(sa.case((sp.c.is_child, 1), else_=0)).label("c"))
    child = child.where(sp.c.is_child.is_not(None), _scope_clause(sp.c.person_id, person_ids))
    child_q = child.group_by(sp.c.person_id).subquery()
    query = (
        sa.select(p.c.id, p.c.date_of_birth, p.c.sex, p.c.ethnicity, child_q.c.c.label("is_child"))
        .outerjoin(child_q, child_q.c.person_id == p.c.id)
        .where(_scope_clause(p.c.id, person_ids))
    )
    rows = [
        [r[0], r[1], r[2], r[3], None if r[4] is None else bool(r[4])] for r in conn.execute(query)
    ]
    return pa.Table.from_pydict(_columns(rows, PEOPLE_SCHEMA.names), schema=PEOPLE_SCHEMA)


def _read_relationships(conn: sa.Connection, person_ids: Sequence[str] | None) -> pa.Table:
    r = schema.relationship
    a, b = _FROM, _TO
    query = (
        sa.select(a.c.person_id, b.c.person_id, r.c.kind, r.c.start_date, r.c.end_date)
        .join(a, a.c.id == r.c.from_source_person_id)
        .join(b, b.c.id == r.c.to_source_person_id)
        .where(a.c.person_id.is_not(None), b.c.person_id.is_not(None))
        .where(
            sa.or_(
                _scope_clause(a.c.person_id, person_ids), _scope_clause(b.c.person_id, person_ids)
            )
        )
    )
    rows = [list(row) for row in conn.execute(query)]
    return pa.Table.from_pydict(
        _columns(rows, RELATIONSHIP_SCHEMA.names), schema=RELATIONSHIP_SCHEMA
    )


def _read_participants(conn: sa.Connection, person_ids: Sequence[str] | None) -> pa.Table:
    ep, sp, e, subj = schema.event_participant, schema.source_person, schema.event, _SUBJECT
    query = (
        sa.select(ep.c.event_id, sp.c.person_id, ep.c.role)
        .join(sp, sp.c.id == ep.c.source_person_id)
        .join(e, e.c.id == ep.c.event_id)
        .join(subj, subj.c.id == e.c.subject_source_person_id)
        .where(sp.c.person_id.is_not(None), _scope_clause(subj.c.person_id, person_ids))
    )
    rows = [list(row) for row in conn.execute(query)]
    return pa.Table.from_pydict(_columns(rows, PARTICIPANT_SCHEMA.names), schema=PARTICIPANT_SCHEMA)


def read_store(engine: Engine, person_ids: Sequence[str] | None = None) -> SnapshotData:
    """Read the store's linked events, people, relationships and participants into Arrow.

    Args:
        engine: the store.
        person_ids: restrict to these people (the per-child path); ``None`` reads everyone.
    """
    with engine.connect() as conn:
        return SnapshotData(
            events=_read_events(conn, person_ids),
            people=_read_people(conn, person_ids),
            relationships=_read_relationships(conn, person_ids),
            participants=_read_participants(conn, person_ids),
        )


def _kin_of(conn: sa.Connection, people: set[str]) -> set[str]:
    r = schema.relationship
    a, b = _FROM, _TO
    pairs = (
        sa.select(a.c.person_id, b.c.person_id)
        .select_from(r)
        .join(a, a.c.id == r.c.from_source_person_id)
        .join(b, b.c.id == r.c.to_source_person_id)
        .where(sa.or_(a.c.person_id.in_(sorted(people)), b.c.person_id.in_(sorted(people))))
    )
    return {str(v) for row in conn.execute(pairs) for v in row if v is not None}


def related_people(engine: Engine, person_id: str) -> list[str]:
    """The child, their kin to two steps (so half-siblings through a parent are included) and
    people sharing an incident reference with them.

    This is the scope of the per-child path: every rule that looks beyond the child (households,
    siblings, peer clusters) finds what it needs among these people.
    """
    e = schema.event
    a, b = _FROM, _TO
    own_refs = (
        sa.select(e.c.incident_ref)
        .join(a, a.c.id == e.c.subject_source_person_id)
        .where(a.c.person_id == person_id, e.c.incident_ref.is_not(None))
    )
    with engine.connect() as conn:
        found = {person_id}
        for _ in range(2):
            found |= _kin_of(conn, found)
        refs = sorted({str(r) for (r,) in conn.execute(own_refs)})
        if refs:  # most children share no incident: skip the search across every event
            sharing = sa.select(b.c.person_id).select_from(e)
            sharing = sharing.join(b, b.c.id == e.c.subject_source_person_id)
            sharing = sharing.where(e.c.incident_ref.in_(refs))
            found.update(str(v) for (v,) in conn.execute(sharing) if v is not None)
    return sorted(found)


def _calendar_range(events: pa.Table, as_of: date) -> tuple[date, date]:
    days = events.column("day")
    lo = pa.compute.min(days).as_py() if len(days) else as_of
    hi = pa.compute.max(days).as_py() if len(days) else as_of
    first = min(lo, as_of) - timedelta(days=800)
    last = max(hi, as_of) + timedelta(days=800)
    return date(first.year, 1, 1), date(last.year, 12, 31)


EVENT_TYPE_ENUM = "event_type_code"
"""The DuckDB ENUM type of ``events.event_type``: type filters then compare small integers, and
each row group's min/max statistics let a scan skip the row groups without the wanted types."""


def event_type_values(events: pa.Table) -> tuple[str, ...]:
    """The values of the event-type ENUM: the vocabulary's types and any other type in ``events``,
    sorted, so that the ENUM orders like text."""
    present = pa.compute.unique(events.column("event_type")).to_pylist()
    return tuple(sorted(set(EVENT_TYPES) | {str(v) for v in present if v is not None}))


def _create_event_type_enum(con: duckdb.DuckDBPyConnection, values: Sequence[str]) -> None:
    literals = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    con.execute(f"CREATE TYPE {EVENT_TYPE_ENUM} AS ENUM ({literals})")


def _prepare_events_sql(
    attributes: Iterable[str], into: str = "CREATE OR REPLACE TABLE events AS"
) -> str:
    margin = f"INTERVAL {UNCERTAIN_MARGIN_DAYS} DAY"
    keys = sorted(set(attributes))
    unsafe = [k for k in keys if not k.isidentifier() or not k.isascii()]
    if unsafe:  # keys are spliced into SQL text: only plain identifiers may pass
        raise RuleError(f"Attribute keys must be plain identifiers: {unsafe}")
    # One JSON parse per row for every key (a list of paths), not one parse per key.
    paths = ", ".join(f"'$.{k}'" for k in keys)
    parsed = f",\n    json_extract_string(r.attributes, [{paths}]) AS attrs" if keys else ""
    attrs = "".join(
        f",\n  NULLIF(TRIM(r.attrs[{i}]), '') AS {attribute_column(k)}"
        for i, k in enumerate(keys, start=1)
    )
    # Attribute keys are checked identifiers above; everything else is this module's text.
    # Rows are ordered by event type so that each type sits in few row groups (see
    # EVENT_TYPE_ENUM); the raw rows are narrow, so sorting them is cheaper than the result.
    return f"""
{into}
WITH spans AS (
  SELECT r.* EXCLUDE (attributes, event_type),
    CAST(r.event_type AS {EVENT_TYPE_ENUM}) AS event_type,
    CAST(CASE WHEN r.uncertain THEN r.day - {margin} ELSE r.day END AS DATE) AS day_lo,
    CAST(CASE r.precision
      WHEN 'month' THEN last_day(r.day)
      WHEN 'year' THEN make_date(year(r.day), 12, 31)
      ELSE r.day END + CASE WHEN r.uncertain THEN {margin} ELSE INTERVAL 0 DAY END AS DATE) AS day_hi{parsed}
  FROM raw_events r
  ORDER BY CAST(r.event_type AS {EVENT_TYPE_ENUM})
)
SELECT r.event_id, r.person_id, r.event_type, r.agency, r.source, r.record_id, r.incident_ref,
  r.location, r.day, r.precision, r.uncertain, r.day_lo, r.day_hi,
  CASE WHEN r.precision = 'exact' AND r.occurred_at IS NOT NULL AND NOT r.uncertain
    THEN r.occurred_at ELSE c1.start_utc END AS t_lo,
  CASE WHEN r.precision = 'exact' AND r.occurred_at IS NOT NULL AND NOT r.uncertain
    THEN r.occurred_at ELSE c2.start_utc END AS t_hi{attrs}
FROM spans r
LEFT JOIN calendar c1 ON c1.day = r.day_lo
LEFT JOIN calendar c2 ON c2.day = CAST(r.day_hi + INTERVAL 1 DAY AS DATE)
"""  # nosec B608


def _kin_sql(into: str = "CREATE OR REPLACE TABLE kin AS") -> str:
    inverse = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in _INVERSE.items())
    # The CASE is built from the constant _INVERSE table; no input reaches this text.
    return f"""
{into}
SELECT DISTINCT person_id, member_id, role, start_date, end_date FROM (
  SELECT to_id AS person_id, from_id AS member_id, kind AS role, start_date, end_date
  FROM raw_relationships
  UNION ALL
  SELECT from_id, to_id, CASE kind {inverse} ELSE kind END, start_date, end_date
  FROM raw_relationships
) WHERE person_id <> member_id
"""  # nosec B608


def _as_of_days(as_of: datetime) -> tuple[datetime, date]:
    as_of_utc = _utc_naive(as_of) or as_of
    return as_of_utc, as_of_utc.replace(tzinfo=UTC).astimezone(LONDON).date()


def load_snapshot(
    data: SnapshotData, attributes: Iterable[str], as_of: datetime, *, threads: int | None = None
) -> duckdb.DuckDBPyConnection:
    """Load Arrow data into a fresh in-memory DuckDB and prepare the rules' tables.

    Args:
        data: the store's rows.
        attributes: attribute keys to extract into ``a_<key>`` columns.
        as_of: the moment of analysis (aware, or naive UTC): deadlines after it have not passed.
        threads: DuckDB threads (default: DuckDB's own choice).
    """
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    _create_event_type_enum(con, event_type_values(data.events))
    as_of_utc, as_of_local = _as_of_days(as_of)
    first, last = _calendar_range(data.events, as_of_utc.date())
    con.register("raw_events", data.events)
    con.register("raw_relationships", data.relationships)
    con.register("calendar_arrow", calendar_table(first, last))
    con.execute("CREATE TABLE calendar AS SELECT * FROM calendar_arrow")
    con.execute(_prepare_events_sql(attributes))
    con.execute(_kin_sql())
    con.register("people_arrow", data.people)
    con.execute("CREATE TABLE people AS SELECT * FROM people_arrow")
    con.register("participants_arrow", data.participants)
    con.execute("CREATE TABLE participants AS SELECT * FROM participants_arrow")
    con.execute(
        "CREATE TABLE context AS SELECT CAST(? AS DATE) AS as_of_day, CAST(? AS TIMESTAMP) AS as_of_ts",
        [as_of_local, as_of_utc],
    )
    for name in ("raw_events", "raw_relationships", "calendar_arrow", "people_arrow"):
        con.unregister(name)
    con.unregister("participants_arrow")
    return con


def calendar_span(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """The first and last day of the calendar a loaded snapshot holds."""
    # fetchall, not fetchone: DuckDB keeps a partly fetched result open on the connection, and
    # then refuses the next register() on it (the per-child session reuses this connection).
    [(first, last)] = con.execute("SELECT min(day), max(day) FROM calendar").fetchall()
    return first, last


def refill_snapshot(
    con: duckdb.DuckDBPyConnection,
    data: SnapshotData,
    attributes: Iterable[str],
    as_of: datetime,
    calendar: tuple[date, date] | None,
) -> tuple[date, date]:
    """Replace the rows of a snapshot made by :func:`load_snapshot`, keeping its tables.

    The tables themselves are not recreated, so statements prepared on ``con`` stay valid and
    are not planned again. The result is the same as a fresh :func:`load_snapshot` of ``data``.

    Args:
        con: a connection returned by :func:`load_snapshot` (with the same ``attributes``).
        data: the new rows.
        attributes: attribute keys to extract into ``a_<key>`` columns.
        as_of: the moment of analysis.
        calendar: the first and last day of the calendar ``con`` holds now (``None``: unknown).

    Returns:
        The first and last day of the calendar ``con`` holds afterwards.
    """
    as_of_utc, as_of_local = _as_of_days(as_of)
    span = _calendar_range(data.events, as_of_utc.date())
    if span != calendar:  # working-day ordinals count from the first day, so rebuild it exactly
        con.register("calendar_arrow", calendar_table(*span))
        con.execute("DELETE FROM calendar; INSERT INTO calendar SELECT * FROM calendar_arrow")
        con.unregister("calendar_arrow")
    con.execute("DELETE FROM events; DELETE FROM kin; DELETE FROM people; DELETE FROM participants")
    con.register("raw_events", data.events)
    con.register("raw_relationships", data.relationships)
    con.register("people_arrow", data.people)
    con.register("participants_arrow", data.participants)
    con.execute(_prepare_events_sql(attributes, "INSERT INTO events"))
    con.execute(_kin_sql("INSERT INTO kin"))
    con.execute("INSERT INTO people SELECT * FROM people_arrow")
    con.execute("INSERT INTO participants SELECT * FROM participants_arrow")
    con.execute("DELETE FROM context")
    con.execute("INSERT INTO context VALUES (?, ?)", [as_of_local, as_of_utc]).fetchall()
    for name in ("raw_events", "raw_relationships", "people_arrow", "participants_arrow"):
        con.unregister(name)
    return span


def event_attributes_json(attributes: dict[str, Any] | None) -> str | None:
    """Serialise attributes the way the store keeps them (used by tests and benchmarks)."""
    return None if attributes is None else json.dumps(attributes)
