"""Bulk reads and writes between the store and linkage, through the database driver.

A linkage run moves hundreds of thousands of rows (source persons in, scored pairs and person
assignments out). SQLAlchemy builds a ``Row`` per fetched row and processes every bound parameter,
which at that scale is most of the run's time; these helpers use the driver cursor of the *same*
connection instead, so they share its transaction. Values are passed as plain tuples, already in
the form the column stores (text dates on SQLite, ``0``/``1`` flags): callers convert with
:func:`store_value` where a type needs it. PostgreSQL writes go through ``COPY``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa
from sqlalchemy.engine import Connection


def _driver(conn: Connection) -> Any:
    driver = conn.connection.driver_connection
    assert driver is not None  # an open connection always has its driver connection
    return driver


def fetch_arrow(conn: Connection, sql: str, schema: pa.Schema) -> pa.Table:
    """Run a parameterless ``sql`` on the driver and return its rows as an Arrow table.

    Args:
        conn: a store connection.
        sql: a SELECT whose columns are, in order, the fields of ``schema``.
        schema: the result's column names and types (the rows are converted by Arrow in C++).
    """
    cursor = _driver(conn).cursor()
    try:
        cursor.execute(sql)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    struct = pa.array(rows, type=pa.struct(list(schema)))
    return pa.Table.from_struct_array(struct)


def insert_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``: COPY on PostgreSQL, one
    ``executemany`` elsewhere."""
    names = ", ".join(columns)
    driver = _driver(conn)
    if conn.dialect.name == "postgresql":
        with driver.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * len(columns))
    cursor = driver.cursor()
    # The table and column names are this module's callers' own constants; values are bound.
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # nosec B608
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def store_value(conn: Connection, value: Any) -> Any:
    """A date, instant or flag in the form the store keeps it (SQLAlchemy's SQLite forms:
    ISO text for dates, ``YYYY-MM-DD HH:MM:SS.ffffff`` for instants, as given, and 0/1 for
    flags); PostgreSQL's driver adapts Python values itself."""
    if conn.dialect.name != "sqlite" or value is None:
        return value
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value
