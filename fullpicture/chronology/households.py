"""Households over time: who lived with a person, when, and what shows it.

Membership comes from two kinds of evidence, each with its dates:

* recorded relationships (parent, step-parent, partner of a parent, sibling, household member,
  carer; not associates) between one of the person's records and another person's record, for the
  relationship's start and end dates (open when unknown);
* shared addresses: an address period of the person and one of another person at the same address
  (same postcode and same address line, compared without case, spaces or punctuation), for the
  time the two periods overlap.

Periods for the same member are merged when they overlap or touch, keeping every basis.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.chronology.model import HouseholdMember, MembershipInterval
from fullpicture.errors import NotFoundError
from fullpicture.store.schema import address, person, relationship, source_person
from fullpicture.vocabulary import RelationshipKind

HOUSEHOLD_KINDS = frozenset(
    {
        RelationshipKind.PARENT,
        RelationshipKind.STEP_PARENT,
        RelationshipKind.PARTNER_OF_PARENT,
        RelationshipKind.SIBLING,
        RelationshipKind.HOUSEHOLD_MEMBER,
        RelationshipKind.CARER,
    }
)
"""Relationship kinds that count as living in the same household."""

# How the other person stands to this one when the relationship was recorded the other way round.
_INVERSE = {
    "parent": "child",
    "step_parent": "step-child",
    "partner_of_parent": "child of partner",
    "sibling": "sibling",
    "household_member": "household member",
    "carer": "cared for",
}


@dataclass(frozen=True)
class _Evidence:
    other_source_person_id: int
    relationship: str | None
    interval: MembershipInterval


def household_members(
    engine: Engine, person_id: str, on: date | None = None
) -> list[HouseholdMember]:
    """List the people who lived with ``person_id``, with membership periods over time.

    Args:
        engine: the store.
        person_id: the person's stable id.
        on: when given, only members whose membership includes this day.

    Returns:
        Members ordered by when they first joined (unknown start first), then by name.

    Raises:
        NotFoundError: no person has this id.
    """
    with engine.connect() as conn:
        own = own_source_person_ids(conn, person_id)
        members = members_of(conn, person_id, own)
    if on is not None:
        members = [m for m in members if m.lived_with_on(on)]
    return members


def members_of(conn: Connection, person_id: str, own: Sequence[int]) -> list[HouseholdMember]:
    """The household members of ``person_id``, whose agency records are ``own``."""
    evidence = [*_relationship_evidence(conn, own), *_address_evidence(conn, own)]
    return _members(conn, person_id, evidence)


def person_not_found(person_id: str) -> NotFoundError:
    """The error for an unknown person id, with what to do."""
    return NotFoundError(
        f"No person with id {person_id!r}.",
        hint="Run 'fullpicture people' to list the people in the store.",
    )


def own_source_person_ids(conn: Connection, person_id: str) -> list[int]:
    """The ids of the person's agency records; NotFoundError when the person does not exist."""
    if conn.execute(sa.select(person.c.id).where(person.c.id == person_id)).first() is None:
        raise person_not_found(person_id)
    return source_person_ids_of(conn, person_id)


def source_person_ids_of(conn: Connection, person_id: str) -> list[int]:
    """The ids of the agency records linked to ``person_id`` (no check that the person exists)."""
    rows = conn.execute(sa.select(source_person.c.id).where(source_person.c.person_id == person_id))
    return [r.id for r in rows]


def _relationship_evidence(conn: Connection, own: Sequence[int]) -> list[_Evidence]:
    if not own:
        return []
    kinds = sorted(k.value for k in HOUSEHOLD_KINDS)
    rel = relationship.c
    query = sa.select(
        rel.from_source_person_id, rel.to_source_person_id, rel.kind, rel.start_date, rel.end_date
    ).where(
        rel.kind.in_(kinds),
        sa.or_(rel.from_source_person_id.in_(own), rel.to_source_person_id.in_(own)),
    )
    found = []
    own_set = set(own)
    for row in conn.execute(query):
        other_is_from = row.from_source_person_id not in own_set
        other = row.from_source_person_id if other_is_from else row.to_source_person_id
        if other in own_set:
            continue
        label = row.kind if other_is_from else _INVERSE.get(row.kind, row.kind)
        basis = f"recorded relationship: {label.replace('_', ' ')}"
        interval = MembershipInterval(row.start_date, row.end_date, basis)
        found.append(_Evidence(other, label.replace("_", " "), interval))
    return found


def _address_key(postcode: str | None, line: str | None) -> tuple[str, str] | None:
    if not postcode or not line:
        return None
    return (
        re.sub(r"\s+", "", postcode).upper(),
        re.sub(r"[^a-z0-9]+", " ", line.casefold()).strip(),
    )


def _overlap(
    a: tuple[date | None, date | None], b: tuple[date | None, date | None]
) -> tuple[date | None, date | None] | None:
    starts = [d for d in (a[0], b[0]) if d is not None]
    ends = [d for d in (a[1], b[1]) if d is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start is not None and end is not None and start > end:
        return None
    return start, end


def _address_evidence(conn: Connection, own: Sequence[int]) -> list[_Evidence]:
    if not own:
        return []
    a = address.c
    mine = conn.execute(
        sa.select(a.postcode, a.address, a.start_date, a.end_date).where(
            a.source_person_id.in_(own)
        )
    ).all()
    periods: dict[tuple[str, str], list[tuple[date | None, date | None]]] = defaultdict(list)
    for row in mine:
        key = _address_key(row.postcode, row.address)
        if key is not None:
            periods[key].append((row.start_date, row.end_date))
    if not periods:
        return []
    postcodes = sorted({r.postcode for r in mine if r.postcode})
    others = conn.execute(
        sa.select(a.source_person_id, a.postcode, a.address, a.start_date, a.end_date).where(
            a.postcode.in_(postcodes), a.source_person_id.not_in(own)
        )
    )
    found = []
    for other in others:
        key = _address_key(other.postcode, other.address)
        for period in periods.get(key, []) if key else []:
            shared = _overlap(period, (other.start_date, other.end_date))
            if shared is not None:
                interval = MembershipInterval(*shared, f"shared address {other.postcode}")
                found.append(_Evidence(other.source_person_id, None, interval))
    return found


def merge_intervals(intervals: Iterable[MembershipInterval]) -> tuple[MembershipInterval, ...]:
    """Merge periods that overlap or touch, joining their bases; open ends stay open."""
    low, high = date.min, date.max
    ordered = sorted(intervals, key=lambda i: (i.start or low, i.end or high))
    merged: list[MembershipInterval] = []
    for item in ordered:
        last = merged[-1] if merged else None
        last_end = (last.end or high) if last else None
        if last is not None and last_end is not None and (item.start or low) <= _next_day(last_end):
            end = None if (last.end is None or item.end is None) else max(last.end, item.end)
            bases = "; ".join(dict.fromkeys([*last.basis.split("; "), item.basis]))
            merged[-1] = MembershipInterval(last.start, end, bases)
        else:
            merged.append(item)
    return tuple(merged)


def _next_day(day: date) -> date:
    return day if day == date.max else day + timedelta(days=1)


def _members(
    conn: Connection, person_id: str, evidence: Sequence[_Evidence]
) -> list[HouseholdMember]:
    if not evidence:
        return []
    sp = source_person.c
    ids = sorted({e.other_source_person_id for e in evidence})
    rows = {
        r.id: r
        for r in conn.execute(
            sa.select(
                sp.id, sp.person_id, sp.given_name, sp.family_name, sp.is_child, sp.date_of_birth
            ).where(sp.id.in_(ids))
        )
    }
    linked = sorted({r.person_id for r in rows.values() if r.person_id})
    people = {
        r.id: r
        for r in conn.execute(
            sa.select(person.c.id, person.c.display_name, person.c.date_of_birth).where(
                person.c.id.in_(linked)
            )
        )
    }
    by_key: dict[str, list[_Evidence]] = defaultdict(list)
    for item in evidence:
        row = rows[item.other_source_person_id]
        if row.person_id == person_id:
            continue
        by_key[row.person_id or f"S{row.id}"].append(item)
    members = [_member(key, items, rows, people) for key, items in by_key.items()]
    return sorted(members, key=_member_order)


def _member(
    key: str,
    items: Sequence[_Evidence],
    rows: dict[int, Any],
    people: dict[str, Any],
) -> HouseholdMember:
    sp_ids = tuple(sorted({i.other_source_person_id for i in items}))
    first = rows[sp_ids[0]]
    linked = people.get(first.person_id) if first.person_id else None
    name = (
        linked.display_name
        if linked
        else " ".join(p for p in (first.given_name, first.family_name) if p)
    )
    is_child = next((rows[i].is_child for i in sp_ids if rows[i].is_child is not None), None)
    return HouseholdMember(
        key=key,
        person_id=first.person_id,
        source_person_ids=sp_ids,
        display_name=name or f"Unnamed record {sp_ids[0]}",
        is_child=is_child,
        date_of_birth=(linked.date_of_birth if linked else None) or first.date_of_birth,
        relationships=tuple(dict.fromkeys(i.relationship for i in items if i.relationship)),
        intervals=merge_intervals(i.interval for i in items),
    )


def _member_order(member: HouseholdMember) -> tuple[date, str]:
    starts = [i.start or date.min for i in member.intervals]
    return (min(starts) if starts else date.min, member.display_name)
