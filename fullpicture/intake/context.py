"""What every row of one import shares: source, ledger entry, clock and known persons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ImportContext:
    """The shared state of one file's import.

    Attributes:
        source: the source name.
        agency: the source's agency.
        system: the source's system name, if the mapping gives one.
        ledger_id: the ledger entry the rows point at.
        started_at: when the import started (UTC).
        today: the date used to reject future dates of birth.
        person_ids: local id -> ``source_person.id`` for this source (stored before this file).
    """

    source: str
    agency: str
    system: str | None
    ledger_id: int
    started_at: datetime
    today: date
    person_ids: dict[str, int] = field(default_factory=dict)
