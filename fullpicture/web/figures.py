"""Aggregate figures for analysts: counts only, restricted records excluded, small numbers
suppressed, never a name or an id."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.store.schema import event, person, source_person
from fullpicture.vocabulary import EVENT_TYPES

SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class Cell:
    """One published count: the value, or None when suppressed as too small to publish."""

    label: str
    value: int | None

    @property
    def shown(self) -> str:
        """The count as published (``fewer than 5`` when suppressed)."""
        return f"fewer than {SUPPRESS_BELOW}" if self.value is None else f"{self.value:,}"


def _suppress(label: str, count: int) -> Cell:
    return Cell(label, None if 0 < count < SUPPRESS_BELOW else count)


def _unrestricted_events() -> sa.Select[tuple[str, str, int]]:
    return (
        sa.select(event.c.agency, event.c.event_type, sa.func.count().label("n"))
        .join(source_person, source_person.c.id == event.c.subject_source_person_id)
        .join(person, person.c.id == source_person.c.person_id)
        .where(person.c.restricted.is_(False), event.c.restricted.is_(False))
        .group_by(event.c.agency, event.c.event_type)
    )


def partnership_figures(conn: Connection) -> dict[str, list[Cell]]:
    """Return event counts by agency and by event type, and the number of people."""
    rows = conn.execute(_unrestricted_events()).all()
    by_agency: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for row in rows:
        by_agency[row.agency] = by_agency.get(row.agency, 0) + int(row.n)
        by_type[row.event_type] = by_type.get(row.event_type, 0) + int(row.n)
    people = conn.execute(
        sa.select(sa.func.count()).select_from(person).where(person.c.restricted.is_(False))
    ).scalar_one()
    labels = {name: kind.label for name, kind in EVENT_TYPES.items()}
    return {
        "people": [_suppress("People in the store (not restricted)", int(people))],
        "agencies": [_suppress(a.replace("_", " "), n) for a, n in sorted(by_agency.items())],
        "types": [
            _suppress(labels.get(t, t), n)
            for t, n in sorted(by_type.items(), key=lambda item: -item[1])
        ],
    }
