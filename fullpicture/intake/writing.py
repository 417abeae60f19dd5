"""Writing batches to the store: upserts by natural key, quarantine and warning rows.

Each call is one ``executemany`` of prepared dictionaries; no per-row queries. Upserts use the
backend's ``INSERT ... ON CONFLICT DO UPDATE`` (SQLite and PostgreSQL share the syntax).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from fullpicture.intake.problems import Problem
from fullpicture.intake.tables import intake_warning
from fullpicture.store import schema

_KEYS: dict[str, tuple[str, ...]] = {
    "source_person": ("source", "local_id"),
    "event": ("source", "record_key"),
    "relationship": ("source", "record_key"),
    "address": ("source", "record_key"),
}
_KEEP_ON_UPDATE = frozenset({"id", "person_id", "restricted"})
"""Columns an update never overwrites: the row id, linkage's assignment, and restriction."""


def dialect_insert(conn: Connection, table: sa.Table) -> Any:
    """Return an INSERT for ``table`` in the connection's dialect (for ON CONFLICT clauses)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def key_column(table: sa.Table) -> str:
    """The column that, with ``source``, is the table's natural key."""
    return _KEYS[table.name][1]


class DuplicateKeyError(Exception):
    """A plain insert met a natural key the store already holds."""


Values = tuple[Any, ...]
"""One record's values in its shape's column order, already in the form the driver takes."""


def _sqlite_datetime(value: datetime) -> str:
    # The form SQLAlchemy's SQLite DateTime type writes and reads (UTC, offset dropped).
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


CONVERTED_CACHE = 65_536
"""Converted dates and instants remembered per column and file: rows repeat the same dates
(each date text is parsed once per file into the same object), and a look-up costs a fiftieth
of ``strftime``."""


def _remembered(convert: Callable[[Any], str], *, zoned: bool) -> Callable[[Any], str]:
    """``convert`` with a bounded cache of its results. Instants (``zoned``) are keyed with
    their time zone too: equal instants in different zones have different wall-clock texts."""
    cache: dict[Any, str] = {}

    def converted(value: Any) -> str:
        key = (value, value.tzinfo) if zoned else value
        found = cache.get(key)
        if found is None:
            found = convert(value)
            if len(cache) < CONVERTED_CACHE:
                cache[key] = found
        return found

    return converted


def _sqlite_converter(column: sa.Column[Any]) -> Callable[[Any], Any] | None:
    """How a non-null value is converted for SQLite (as SQLAlchemy's SQLite types would)."""
    if isinstance(column.type, sa.DateTime):
        return _remembered(_sqlite_datetime, zoned=True)
    if isinstance(column.type, sa.Date):
        return _remembered(date.isoformat, zoned=False)
    if isinstance(column.type, sa.Boolean):
        return int  # as SQLAlchemy stores it; a bool goes through sqlite3's slower adapter path
    return None


class RecordShape:
    """How one table's records travel to the store: a fixed column order, driver-ready values.

    Records (dictionaries) become plain tuples where they are built, which is much cheaper to
    send from a checking worker than dictionaries of dates. On SQLite the values are converted
    as SQLAlchemy's SQLite types would convert them (skipping its per-row processing saves
    about a fifth of the write time); PostgreSQL's driver adapts Python values itself.

    Attributes:
        table: the target table.
        dialect: the store's dialect name.
        names: the column names, from the first record (every record has the same keys).
    """

    def __init__(self, table: sa.Table, dialect: str) -> None:
        self.table = table
        self.dialect = dialect
        self.names: tuple[str, ...] = ()
        self._getter: Callable[[dict[str, Any]], Values] = tuple
        self._typed: list[tuple[str, Callable[[Any], Any]]] = []

    def _learn(self, record: dict[str, Any]) -> None:
        self.names = tuple(record)
        self._getter = _row_getter(list(self.names))
        if self.dialect == "sqlite":
            converters = [(n, _sqlite_converter(self.table.c[n])) for n in self.names]
            self._typed = [(n, convert) for n, convert in converters if convert is not None]

    def values(self, records: list[dict[str, Any]]) -> list[Values]:
        """Return each record's values in column order, in the driver's form.

        The records' own values are converted in place (cheaper than copying each record's
        values out and back): they are built for this and dropped afterwards.
        """
        if records and not self.names:
            self._learn(records[0])
        getter, typed = self._getter, self._typed
        for record in records:
            for name, convert in typed:
                value = record[name]
                if value is not None:
                    record[name] = convert(value)
        return [getter(record) for record in records]


def key_position(table: sa.Table, names: Sequence[str]) -> int:
    """The position in ``names`` of the natural key's own column (``local_id``, ``record_key``)."""
    return list(names).index(key_column(table))


def insert(conn: Connection, table: sa.Table, names: Sequence[str], rows: Sequence[Values]) -> None:
    """Insert rows believed new (a plain INSERT is about twice as fast as an upsert).

    Raises:
        DuplicateKeyError: one of the rows' natural keys is already stored; run the insert in
            a savepoint and upsert instead.
    """
    if not rows:
        return
    try:
        if conn.dialect.name == "postgresql":
            _postgres_copy(conn, table, names, rows)
        elif conn.dialect.name == "sqlite":
            names, rows = _without_blank_columns(table, names, rows)
            conn.exec_driver_sql(_sqlite_sql(table, names), rows)
        else:
            conn.execute(sa.insert(table), [dict(zip(names, r, strict=True)) for r in rows])
    except (sa.exc.IntegrityError, psycopg.errors.UniqueViolation) as exc:
        raise DuplicateKeyError(str(exc)) from exc


def can_number(conn: Connection) -> bool:
    """Whether :func:`insert_new` may be used (it chooses row ids): only on SQLite, where the
    import's transaction is the only writer (PostgreSQL ids come from a sequence other sessions
    share)."""
    return conn.dialect.name == "sqlite"


def insert_new(
    conn: Connection,
    table: sa.Table,
    names: Sequence[str],
    rows: Sequence[Values],
    *,
    numbered: bool,
) -> int | None:
    """On SQLite, insert rows believed new without a savepoint; return the first row's id.

    Each row is inserted with ``ON CONFLICT (natural key) DO NOTHING`` and the inserted rows are
    counted. When the store already held one of the keys (a re-import or a corrected file),
    fewer rows went in: those that did are deleted again (they are exactly the rows above the
    largest id read before the insert, since nothing else writes inside the import's
    transaction), which leaves the table as it was, and ``None`` tells the caller to upsert.
    A savepoint around a plain insert does the same, but SQLite then journals every page the
    insert changes (measured: about a seventh of the insert's cost).

    With ``numbered`` the rows get consecutive ids after the largest stored one, in order: the
    ids SQLite itself would give, but known without reading them back. Call only when
    :func:`can_number` holds, inside the import's transaction after its first write (so no
    other writer can come between reading the largest id and the insert).
    """
    ident = table.c.id.name
    # Our own table's name; no values in the text.
    found = conn.exec_driver_sql(f"SELECT max({ident}) FROM {table.name}").scalar()  # nosec B608
    last = int(found or 0)
    if numbered:
        names, rows = (ident, *names), [(last + 1 + at, *row) for at, row in enumerate(rows)]
    names, kept = _without_blank_columns(table, names, rows)
    keys = ", ".join(_KEYS[table.name])
    sql = f"{_sqlite_sql(table, names)} ON CONFLICT ({keys}) DO NOTHING"
    if conn.exec_driver_sql(sql, kept).rowcount == len(kept):
        return last + 1
    conn.exec_driver_sql(f"DELETE FROM {table.name} WHERE {ident} > ?", (last,))  # nosec B608
    return None


def _without_blank_columns(
    table: sa.Table, names: Sequence[str], rows: Sequence[Values]
) -> tuple[Sequence[str], list[Values]]:
    """Leave out of an insert the columns that are NULL in every row and default to NULL.

    The stored rows are the same, and cheaper to insert: Python's sqlite3 module binds
    ``None`` through its adapter look-up (several times the cost of a string or an integer),
    and a batch of events often has a dozen columns the source never fills.
    """
    columns = list(zip(*rows, strict=True))
    size = len(rows)
    keep = [
        at
        for at, (name, values) in enumerate(zip(names, columns, strict=True))
        if values.count(None) != size or not _defaults_to_null(table.c[name])
    ]
    if len(keep) == len(names):
        return names, list(rows)
    if len(keep) == 1:
        return [names[keep[0]]], [(values,) for values in columns[keep[0]]]
    return [names[at] for at in keep], list(zip(*(columns[at] for at in keep), strict=True))


def _defaults_to_null(column: sa.Column[Any]) -> bool:
    """Whether leaving ``column`` out of an INSERT stores NULL (no default of any kind)."""
    return column.default is None and column.server_default is None and not column.primary_key


def _postgres_copy(
    conn: Connection, table: sa.Table, names: Sequence[str], rows: Sequence[Values]
) -> None:
    """Insert through PostgreSQL's COPY on the transaction's own connection (several times
    faster than batched INSERTs); psycopg adapts dates, instants and flags itself."""
    driver = conn.connection.driver_connection
    assert driver is not None  # an open transaction always has its driver connection
    columns = ", ".join(names)
    with driver.cursor() as cursor:
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _row_getter(names: list[str]) -> Callable[[dict[str, Any]], Values]:
    """Return a function giving a row's values in ``names`` order, always as a tuple."""
    if len(names) == 1:
        return lambda row: (row[names[0]],)
    getter: Callable[[dict[str, Any]], Values] = itemgetter(*names)
    return getter


def _updated_columns(table: sa.Table, names: Sequence[str]) -> list[str]:
    keys = _KEYS[table.name]
    return [n for n in names if n not in keys and n not in _KEEP_ON_UPDATE]


def _sqlite_sql(table: sa.Table, names: Sequence[str], *, upsert: bool = False) -> str:
    # Names come from our own Table definitions and mapping columns; values are bound (?).
    columns, marks = ", ".join(names), ", ".join("?" * len(names))
    sql = f"INSERT INTO {table.name} ({columns}) VALUES ({marks})"  # nosec B608
    if not upsert:
        return sql
    sets = ", ".join(f"{name} = excluded.{name}" for name in _updated_columns(table, names))
    keys = ", ".join(_KEYS[table.name])
    return f"{sql} ON CONFLICT ({keys}) DO UPDATE SET {sets}"  # nosec B608


def upsert(conn: Connection, table: sa.Table, names: Sequence[str], rows: Sequence[Values]) -> None:
    """Insert rows, updating the row with the same natural key if present.

    ``rows`` are in the store's form (see :class:`RecordShape`): on SQLite they go straight to
    the driver; elsewhere SQLAlchemy adapts the Python values.
    """
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_sqlite_sql(table, names, upsert=True), list(rows))
        return
    stmt = dialect_insert(conn, table)
    updated = {name: stmt.excluded[name] for name in _updated_columns(table, names)}
    records = [dict(zip(names, row, strict=True)) for row in rows]
    conn.execute(
        stmt.on_conflict_do_update(index_elements=list(_KEYS[table.name]), set_=updated), records
    )


def ids_by_key(
    conn: Connection, table: sa.Table, source: str, keys: Sequence[str]
) -> dict[str, int]:
    """Return natural key -> row id for ``keys`` of ``source`` in an event-like table.

    Plain driver SQL: these run for every batch of an event file, and SQLAlchemy's compiling
    and row processing cost more than the look-up itself.
    """
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    found: dict[str, int] = {}
    for start in range(0, len(keys), 900):  # stay under every backend's bound-parameter limit
        chunk = keys[start : start + 900]
        # Our own table's name and placeholders only; the keys are bound parameters.
        sql = (
            f"SELECT record_key, id FROM {table.name} "  # nosec B608
            f"WHERE source = {mark} AND record_key IN ({', '.join([mark] * len(chunk))})"
        )
        found.update(
            (str(key), int(ident)) for key, ident in conn.exec_driver_sql(sql, (source, *chunk))
        )
    return found


def person_ids(conn: Connection, source: str) -> dict[str, int]:
    """Return local id -> ``source_person.id`` for every stored person of ``source``.

    Straight through the driver's cursor on the transaction's own connection, fetched at once:
    this runs for every file and reads every person of the source, and SQLAlchemy's result rows
    cost several times the query.
    """
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    # Only the driver's placeholder is formatted in; the source is a bound parameter.
    sql = f"SELECT local_id, id FROM source_person WHERE source = {mark}"  # nosec B608
    driver = conn.connection.driver_connection
    assert driver is not None  # an open connection always has its driver connection
    cursor = driver.cursor()
    try:
        cursor.execute(sql, (source,))
        return dict(cursor.fetchall())
    finally:
        cursor.close()


def replace_participants(
    conn: Connection, pairs: dict[int, list[tuple[int, str]]], updated: set[int]
) -> None:
    """Set each event's participants to exactly ``pairs[event_id]`` (none when absent).

    Args:
        conn: the import's connection.
        pairs: event id -> (source person id, role) pairs, for events that have participants.
        updated: the events that existed before this batch, whose old participants go first.
    """
    if not pairs and not updated:
        return
    ep = schema.event_participant
    ids = list(updated)
    for start in range(0, len(ids), 900):
        conn.execute(sa.delete(ep).where(ep.c.event_id.in_(ids[start : start + 900])))
    rows = [
        (event_id, person, role) for event_id, people in pairs.items() for person, role in people
    ]
    if not rows:
        return
    if conn.dialect.name == "sqlite":  # straight to the driver: no per-row dictionaries
        conn.exec_driver_sql(_sqlite_sql(ep, ("event_id", "source_person_id", "role")), rows)
        return
    names = ("event_id", "source_person_id", "role")
    conn.execute(sa.insert(ep), [dict(zip(names, row, strict=True)) for row in rows])


def quarantine_rows(
    conn: Connection,
    rows: Sequence[tuple[int, dict[str, str], list[Problem]]],
    *,
    ledger_id: int,
    source: str,
) -> None:
    """Store quarantined rows: the raw row as read and every reason."""
    if not rows:
        return
    conn.execute(
        sa.insert(schema.quarantine),
        [
            {
                "ledger_id": ledger_id,
                "source": source,
                "row_number": number,
                "raw": json.dumps(raw, ensure_ascii=False),
                "reasons": json.dumps([p.as_dict() for p in problems], ensure_ascii=False),
            }
            for number, raw, problems in rows
        ],
    )


def warning_rows(
    conn: Connection, rows: Sequence[tuple[int, Problem]], *, ledger_id: int, source: str
) -> None:
    """Store the warnings of stored rows (values left out, with the raw value)."""
    if not rows:
        return
    conn.execute(
        sa.insert(intake_warning),
        [
            {
                "ledger_id": ledger_id,
                "source": source,
                "row_number": number,
                "field": problem.field[:64],
                "problem": problem.problem,
                "value": problem.value,
            }
            for number, problem in rows
        ],
    )
