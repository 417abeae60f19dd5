"""The ledger: one entry per file taken in, written in the same transaction as its rows.

An entry is ``complete`` or ``superseded`` (by a corrected file). Because the entry and the rows
commit together, a killed import leaves neither behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import IntakeError
from fullpicture.store.schema import ledger

COMPLETE = "complete"
SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """The parts of a ledger entry intake reports back."""

    id: int
    read: int
    stored: int
    quarantined: int


def find_entry(conn: Connection, source: str, sha256: str, table: str) -> LedgerEntry | None:
    """Return the entry for this exact file of this source and table, if taken in before."""
    row = conn.execute(
        sa.select(
            ledger.c.id, ledger.c.rows_read, ledger.c.rows_stored, ledger.c.rows_quarantined
        ).where(ledger.c.source == source, ledger.c.sha256 == sha256, ledger.c.table_name == table)
    ).one_or_none()
    return None if row is None else LedgerEntry(*row)


def open_entry(
    conn: Connection,
    *,
    source: str,
    filename: str,
    table: str,
    sha256: str,
    imported_by: str,
    supersedes: int | None,
) -> tuple[int, datetime]:
    """Insert the entry (counts filled in by :func:`close_entry`) and return its id and start."""
    started = datetime.now(UTC)
    ident = conn.execute(
        sa.insert(ledger)
        .values(
            source=source,
            filename=filename[-512:],
            table_name=table,
            sha256=sha256,
            status=COMPLETE,
            rows_read=0,
            rows_stored=0,
            rows_quarantined=0,
            imported_by=imported_by[:128],
            started_at=started,
            finished_at=started,
            supersedes_id=supersedes,
        )
        .returning(ledger.c.id)
    ).scalar_one()
    return int(ident), started


def close_entry(conn: Connection, ident: int, *, read: int, stored: int, quarantined: int) -> None:
    """Record the final counts and the finishing time."""
    conn.execute(
        sa.update(ledger)
        .where(ledger.c.id == ident)
        .values(
            rows_read=read,
            rows_stored=stored,
            rows_quarantined=quarantined,
            finished_at=datetime.now(UTC),
        )
    )


def supersede(conn: Connection, earlier: int, *, source: str, table: str) -> None:
    """Mark the entry ``earlier`` superseded by a corrected file of the same source and table.

    Raises:
        IntakeError: no such entry, or it belongs to another source or table.
    """
    row = conn.execute(
        sa.select(ledger.c.source, ledger.c.table_name, ledger.c.status).where(
            ledger.c.id == earlier
        )
    ).one_or_none()
    if row is None or (row.source, row.table_name) != (source, table):
        raise IntakeError(
            f"Ledger entry {earlier} is not a {table!r} file of {source!r}, so it cannot be superseded.",
            hint="Run 'fullpicture quarantine --json' or check the ledger id of the earlier file.",
        )
    conn.execute(sa.update(ledger).where(ledger.c.id == earlier).values(status=SUPERSEDED))


def tables_of_entry(conn: Connection, ident: int) -> dict[str, int]:
    """The entries of the file that entry ``ident`` took in, by table: ``{table: entry id}``.

    A file holding several tables (a flat export, a workbook of several sheets) has an entry per
    table, all with its SHA-256; a corrected file supersedes each of them. Empty when there is
    no entry ``ident``.
    """
    row = conn.execute(
        sa.select(ledger.c.source, ledger.c.sha256).where(ledger.c.id == ident)
    ).one_or_none()
    if row is None:
        return {}
    entries = conn.execute(
        sa.select(ledger.c.table_name, ledger.c.id)
        .where(ledger.c.source == row.source, ledger.c.sha256 == row.sha256)
        .order_by(ledger.c.id)
    )
    return {table: int(entry) for table, entry in entries}
