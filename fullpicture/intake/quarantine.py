"""The quarantine: rows kept aside with every reason, listed and exported for the sending agency.

Rows of a ledger entry that a corrected file superseded are *resolved*: they stay in the table
(nothing is deleted) but are not listed unless asked for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.exports.cells import write_safe_csv
from fullpicture.intake.ledger import COMPLETE
from fullpicture.store.schema import ledger, quarantine


@dataclass(frozen=True)
class QuarantinedRow:
    """One quarantined row with its file and reasons."""

    id: int
    source: str
    ledger_id: int
    filename: str
    row_number: int
    raw: dict[str, Any]
    reasons: list[dict[str, str]]
    resolved: bool

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {
            "id": self.id,
            "source": self.source,
            "ledger_id": self.ledger_id,
            "filename": self.filename,
            "row_number": self.row_number,
            "reasons": self.reasons,
            "raw": self.raw,
            "resolved": self.resolved,
        }


def list_quarantine(
    engine: Engine, *, source: str | None = None, include_resolved: bool = False
) -> list[QuarantinedRow]:
    """Return quarantined rows, oldest file first, in row order.

    Args:
        engine: the store.
        source: only this source's rows.
        include_resolved: also rows of superseded files.
    """
    query = (
        sa.select(quarantine, ledger.c.filename, ledger.c.status)
        .join(ledger, ledger.c.id == quarantine.c.ledger_id)
        .order_by(quarantine.c.ledger_id, quarantine.c.row_number)
    )
    if source is not None:
        query = query.where(quarantine.c.source == source)
    if not include_resolved:
        query = query.where(ledger.c.status == COMPLETE)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        QuarantinedRow(
            r.id,
            r.source,
            r.ledger_id,
            r.filename,
            r.row_number,
            json.loads(r.raw),
            json.loads(r.reasons),
            r.status != COMPLETE,
        )
        for r in rows
    ]


EXPORT_HEADER = ("source", "file", "ledger_id", "row", "problems")
"""The leading export columns; the row's own columns follow, as received."""


def _problems_text(reasons: list[dict[str, str]]) -> str:
    parts = []
    for reason in reasons:
        value = f" (value: {reason['value'][:80]})" if reason.get("value") else ""
        parts.append(f"{reason['field']}: {reason['problem']}{value}")
    return "; ".join(parts)


def export_quarantine(rows: list[QuarantinedRow], target: Path | TextIO) -> int:
    """Write the rows as a formula-safe CSV for the sending agency to correct.

    Each line holds the row's file, number and problems, then the row's own columns as received
    (the union of the columns of every file exported, in first-seen order).

    Returns:
        The number of data rows written.
    """
    columns = list(dict.fromkeys(key for row in rows for key in row.raw))
    lines = (
        (
            row.source,
            row.filename,
            row.ledger_id,
            row.row_number,
            _problems_text(row.reasons),
            *(row.raw.get(column, "") for column in columns),
        )
        for row in rows
    )
    return write_safe_csv([(*EXPORT_HEADER, *columns), *lines], target) - 1
