"""The people in the store, with the agencies that know them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.store.schema import event, person, source_person


@dataclass(frozen=True)
class PersonSummary:
    """One person as listed by ``fullpicture people``."""

    person_id: str
    display_name: str
    date_of_birth: date | None
    sex: str | None
    is_child: bool | None
    agencies: tuple[str, ...]
    records: int  # agency records (source persons) linked to the person
    events: int  # events whose subject is one of those records


def list_people(engine: Engine) -> list[PersonSummary]:
    """List every person with their agencies and counts, ordered by id.

    Args:
        engine: the store.

    Returns:
        One summary per person row (people exist once linkage has assigned records to them).
    """
    sp = source_person.c
    with engine.connect() as conn:
        people = conn.execute(
            sa.select(
                person.c.id, person.c.display_name, person.c.date_of_birth, person.c.sex
            ).order_by(person.c.id)
        ).all()
        per_agency = conn.execute(
            sa.select(sp.person_id, sp.agency, sa.func.count().label("n"),
                      sa.func.sum(sa.case((sp.is_child.is_(True), 1), else_=0)).label("child"),
                      sa.func.sum(sa.case((sp.is_child.is_(False), 1), else_=0)).label("adult"))
            .where(sp.person_id.is_not(None))
            .group_by(sp.person_id, sp.agency)
        ).all()  # fmt: skip
        events = conn.execute(
            sa.select(sp.person_id, sa.func.count().label("n"))
            .select_from(event.join(source_person, sp.id == event.c.subject_source_person_id))
            .where(sp.person_id.is_not(None))
            .group_by(sp.person_id)
        ).all()
    agencies: dict[str, list[str]] = defaultdict(list)
    records: dict[str, int] = defaultdict(int)
    said_child: dict[str, int] = defaultdict(int)
    said_adult: dict[str, int] = defaultdict(int)
    for row in per_agency:
        agencies[row.person_id].append(row.agency)
        records[row.person_id] += row.n
        said_child[row.person_id] += int(row.child or 0)
        said_adult[row.person_id] += int(row.adult or 0)
    counts = {row.person_id: row.n for row in events}
    return [
        PersonSummary(
            person_id=p.id,
            display_name=p.display_name,
            date_of_birth=p.date_of_birth,
            sex=p.sex,
            is_child=_is_child(said_child[p.id], said_adult[p.id]),
            agencies=tuple(sorted(agencies[p.id])),
            records=records[p.id],
            events=counts.get(p.id, 0),
        )
        for p in people
    ]


def _is_child(said_child: int, said_adult: int) -> bool | None:
    # Any agency recording a child wins: an adult flag is more often a default than a finding.
    if said_child:
        return True
    return False if said_adult else None
