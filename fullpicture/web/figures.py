"""Aggregate figures for analysts: counts only, restricted records excluded, small numbers
suppressed (primary and secondary, ``fullpicture.disclosure``), never a name or an id."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.disclosure import DEFAULT_THRESHOLD, suppress
from fullpicture.store.schema import event, person, source_person
from fullpicture.vocabulary import EVENT_TYPES

SUPPRESS_BELOW = DEFAULT_THRESHOLD
SUPPRESSED = "c"


@dataclass(frozen=True)
class Cell:
    """One published count: the value, or None when suppressed."""

    label: str
    value: int | None

    @property
    def shown(self) -> str:
        """The count as published (``c`` when suppressed, whether small or hidden with one)."""
        return SUPPRESSED if self.value is None else f"{self.value:,}"


def publish_lists(
    by_agency: dict[str, int], by_type: dict[str, int]
) -> tuple[dict[str, int | None], dict[str, int | None]]:
    """Suppress the two breakdowns of the same events together.

    Both lists add up to the same total, so each is a line that must never hold exactly one
    hidden cell (it could be worked out from the other list's total).
    """
    values = {("agency", a): n for a, n in by_agency.items()}
    values.update({("type", t): n for t, n in by_type.items()})
    lines = [[k for k in values if k[0] == "agency"], [k for k in values if k[0] == "type"]]
    shown = suppress(values, lines, SUPPRESS_BELOW)
    return (
        {a: shown[("agency", a)] for a in by_agency},
        {t: shown[("type", t)] for t in by_type},
    )


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
    agencies, types = publish_lists(by_agency, by_type)
    people_shown = suppress({"people": int(people)}, [], SUPPRESS_BELOW)["people"]
    return {
        "people": [Cell("People in the store (not restricted)", people_shown)],
        "agencies": [Cell(a.replace("_", " "), agencies[a]) for a in sorted(by_agency)],
        "types": [
            Cell(labels.get(t, t), types[t])
            for t in sorted(by_type, key=lambda t: (-by_type[t], t))
        ],
    }
