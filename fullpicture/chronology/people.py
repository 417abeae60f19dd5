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
                      sa.func.max(sa.case((sp.is_child, 1), else_=0)).label("child"))
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
    child: dict[str, bool] = {}
    for row in per_agency:
        agencies[row.person_id].append(row.agency)
        records[row.person_id] += row.n
        child[row.person_id] = child.get(row.person_id, False) or bool(row.child)
    counts = {row.person_id: row.n for row in events}
    return [
        PersonSummary(
            person_id=p.id,
            display_name=p.display_name,
            date_of_birth=p.date_of_birth,
            sex=p.sex,
            is_child=child.get(p.id),
            agencies=tuple(sorted(agencies[p.id])),
            records=records[p.id],
            events=counts.get(p.id, 0),
        )
        for p in people
    ]
