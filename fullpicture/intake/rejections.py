"""Files the error-rate circuit breaker refused, kept as alerts until someone acknowledges them.

When more than the allowed share of a file's rows is bad, the file is most likely the wrong one
or its mapping no longer fits the agency's export, so nothing from it is kept (the whole
import's transaction rolls back, its ledger entry included). The person who ran the import sees
the refusal at once; this module keeps a record of it in a transaction of its own, so that the
data manager who looks after intake also sees it later (``fullpicture rejections``, the web
application's import page) and the refusal is logged as a warning for monitoring.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.errors import NotFoundError, RejectedFileError
from fullpicture.intake.problems import Problem
from fullpicture.intake.tables import intake_rejection

_log = logging.getLogger("fullpicture.intake.rejections")
_MOST_REASONS = 20  # the most frequent reasons kept: enough to say what to fix


@dataclass(frozen=True)
class Rejection:
    """One refused file.

    Attributes:
        id: the rejection's id.
        source: the agency source the file was imported for.
        filename: the file's name.
        table: the mapping table the file was read as.
        sha256: the file's SHA-256, to recognise the same file sent again.
        rejected_at: when it was refused (UTC).
        imported_by: who ran the import.
        read: rows read.
        bad: rows that would have been quarantined.
        limit: the largest share of bad rows allowed.
        reasons: how often each reason was given, most frequent first.
        acknowledged_at: when someone acknowledged it; None while it is open.
        acknowledged_by: who acknowledged it.
    """

    id: int
    source: str
    filename: str
    table: str
    sha256: str
    rejected_at: datetime
    imported_by: str
    read: int
    bad: int
    limit: float
    reasons: dict[str, int]
    acknowledged_at: datetime | None
    acknowledged_by: str | None

    @property
    def share(self) -> float:
        """The share of rows that were bad."""
        return self.bad / self.read if self.read else 0.0

    def to_json(self) -> dict[str, Any]:
        """Return the rejection as JSON-ready values."""
        return {
            "id": self.id,
            "source": self.source,
            "file": self.filename,
            "table": self.table,
            "sha256": self.sha256,
            "rejected_at": self.rejected_at.isoformat(),
            "imported_by": self.imported_by,
            "read": self.read,
            "bad": self.bad,
            "max_bad_ratio": self.limit,
            "reasons": self.reasons,
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
            "acknowledged_by": self.acknowledged_by,
        }


def count_reasons(rows: Iterable[tuple[int, Any, list[Problem]]], into: Counter[str]) -> None:
    """Add the reasons of quarantined rows (``(row, raw, problems)``) to ``into``."""
    for _number, _raw, problems in rows:
        into.update({f"{p.field}: {p.problem}" for p in problems})


def most_frequent(reasons: Counter[str]) -> dict[str, int]:
    """Return the most frequent reasons, most first (the rest are left out of the record)."""
    return dict(reasons.most_common(_MOST_REASONS))


def record_rejection(
    engine: Engine,
    error: RejectedFileError,
    *,
    source: str,
    filename: str,
    table: str,
    sha256: str,
    imported_by: str,
) -> int:
    """Record a refused file as an open alert, log it, and return its id.

    Written in its own transaction, after the refused import's transaction has rolled back.
    """
    with engine.begin() as conn:
        ident = conn.execute(
            intake_rejection.insert()
            .values(
                source=source,
                filename=filename,
                table_name=table,
                sha256=sha256,
                rejected_at=datetime.now(UTC),
                imported_by=imported_by,
                rows_read=error.read,
                rows_bad=error.quarantined,
                max_bad_ratio=error.limit,
                reasons=error.reasons,
            )
            .returning(intake_rejection.c.id)
        ).scalar_one()
    _log.warning(
        "file refused by the circuit breaker: rejection %s, source %s, file %s, "
        "%s of %s rows bad (limit %.0f%%)",
        ident,
        source,
        filename,
        error.quarantined,
        error.read,
        error.limit * 100,
    )
    return int(ident)


def list_rejections(
    engine: Engine, *, source: str | None = None, open_only: bool = False
) -> list[Rejection]:
    """Return refused files, newest first, optionally of one source or still open only."""
    query = sa.select(intake_rejection).order_by(intake_rejection.c.id.desc())
    if source is not None:
        query = query.where(intake_rejection.c.source == source)
    if open_only:
        query = query.where(intake_rejection.c.acknowledged_at.is_(None))
    with engine.connect() as conn:
        return [_rejection(row) for row in conn.execute(query).mappings()]


def acknowledge_rejection(engine: Engine, ident: int, by: str) -> Rejection:
    """Mark a refused file as seen and dealt with by ``by`` (once; later calls change nothing).

    Raises:
        NotFoundError: no rejection has that id.
    """
    table = intake_rejection
    with engine.begin() as conn:
        conn.execute(
            table.update()
            .where(table.c.id == ident, table.c.acknowledged_at.is_(None))
            .values(acknowledged_at=datetime.now(UTC), acknowledged_by=by)
        )
        row = conn.execute(sa.select(table).where(table.c.id == ident)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"No refused file has the id {ident}.",
            hint="List them with 'fullpicture rejections'.",
        )
    return _rejection(row)


def _rejection(row: sa.RowMapping) -> Rejection:
    return Rejection(
        id=row["id"],
        source=row["source"],
        filename=row["filename"],
        table=row["table_name"],
        sha256=row["sha256"],
        rejected_at=_utc(row["rejected_at"]),
        imported_by=row["imported_by"],
        read=row["rows_read"],
        bad=row["rows_bad"],
        limit=row["max_bad_ratio"],
        reasons=dict(row["reasons"]),
        acknowledged_at=_utc(row["acknowledged_at"]) if row["acknowledged_at"] else None,
        acknowledged_by=row["acknowledged_by"],
    )


def _utc(value: datetime) -> datetime:
    """SQLite gives naive datetimes back; they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
