"""Building a person's (or household's) chronology from the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from operator import itemgetter

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.chronology.dates import describe_span, format_when
from fullpicture.chronology.grouping import group_records
from fullpicture.chronology.households import (
    members_of,
    person_not_found,
    source_person_ids_of,
)
from fullpicture.chronology.model import (
    Chronology,
    Entry,
    EntryKind,
    HouseholdMember,
    NamedPerson,
    PersonHeader,
    Record,
)
from fullpicture.chronology.records import (
    chunks,
    read_participant_records,
    read_records,
    read_subject_records,
    record_order,
)
from fullpicture.store.schema import event_participant, person, source_person
from fullpicture.vocabulary import DatePrecision

DEFAULT_GAP_DAYS = 180
"""A stretch longer than this with no record from any agency is shown as a gap entry."""


def build_chronology(
    engine: Engine, person_id: str, *, household: bool = False, gap_days: int = DEFAULT_GAP_DAYS
) -> Chronology:
    """Build the merged multi-agency chronology of one person.

    Args:
        engine: the store.
        person_id: the person's stable id (see ``fullpicture people``).
        household: also include the records of everyone who lived with the person, for the
            periods they lived together, and show when members joined and left.
        gap_days: show a gap entry when no agency recorded anything for longer than this.

    Returns:
        The chronology: entries in date order, each event entry holding every agency's record of
        that incident with its provenance.

    Raises:
        NotFoundError: no person has this id.
    """
    with engine.connect() as conn:
        header = _person_header(conn, person_id)
        own = source_person_ids_of(conn, person_id)
        members = members_of(conn, person_id, own) if household else []
        records = _records(conn, own, members)
        people = _named_people(conn, person_id, records, members, own)
    entries = chronology_entries(records, gap_days=gap_days)
    if household:
        entries = _with_membership(entries, members)
    return Chronology(
        person=header,
        household=household,
        entries=tuple(entries),
        members=tuple(members),
        last_contact=_last_contact(records),
        people=tuple(people),
        gap_threshold_days=gap_days,
    )


def read_person_records(
    conn: Connection, source_person_ids: Sequence[int], agencies: frozenset[str] | None = None
) -> list[Record]:
    """Read one person's records (as subject or participant) in the caller's transaction.

    Args:
        conn: an open connection (the web reads inside its audited transaction).
        source_person_ids: the person's agency records (``source_person_ids_of``).
        agencies: only these agencies' records (a practitioner's view); None for every agency.

    Returns:
        The records, in no particular order.
    """
    return read_records(conn, source_person_ids, agencies)


def chronology_entries(
    records: list[Record],
    *,
    gap_days: int | None = DEFAULT_GAP_DAYS,
    contact_from: str = "any agency",
) -> list[Entry]:
    """Group ``records`` into entries (same incident, every source) in date order, with gaps.

    Args:
        records: the records to show; sorted in place into chronology order.
        gap_days: show a gap entry for a stretch longer than this with no record; None: no gaps.
        contact_from: who the gap text speaks for (``"any agency"`` only when ``records`` holds
            every agency's records; a scoped view names its agencies instead).
    """
    # Each record's place in chronology order is computed once and reused to pick each entry's
    # lead record and to order the entries (this runs on every child page).
    keyed = sorted(((record_order(r), r) for r in records), key=itemgetter(0))
    records[:] = [r for _key, r in keyed]
    rank = {id(r): i for i, r in enumerate(records)}
    entries = [_event_entry(group, rank) for group in group_records(records)]
    entries.sort(key=lambda e: rank[id(e.records[0])])
    return entries if gap_days is None else _with_gaps(entries, gap_days, contact_from)


def _person_header(conn: Connection, person_id: str) -> PersonHeader:
    p = person.c
    row = conn.execute(
        sa.select(p.id, p.display_name, p.date_of_birth, p.sex).where(p.id == person_id)
    ).first()
    if row is None:
        raise person_not_found(person_id)
    return PersonHeader(row.id, row.display_name, row.date_of_birth, row.sex)


def _member_source_persons(conn: Connection, member: HouseholdMember) -> list[int]:
    if member.person_id is None:
        return list(member.source_person_ids)
    query = sa.select(source_person.c.id).where(source_person.c.person_id == member.person_id)
    return [r.id for r in conn.execute(query)]


def _records(
    conn: Connection, own: Sequence[int], members: Sequence[HouseholdMember]
) -> list[Record]:
    records = read_subject_records(conn, own)
    for member in members:
        theirs = read_subject_records(conn, _member_source_persons(conn, member))
        records.extend(r for r in theirs if member.lived_with_on(r.occurred_on))
    seen = {r.event_id for r in records}
    records.extend(read_participant_records(conn, own, seen))
    return records


def _event_entry(group: list[Record], rank: dict[int, int]) -> Entry:
    """One entry for a group of records; ``rank`` gives each record's place in chronology order."""
    if len(group) == 1:
        lead = group[0]
    else:
        # The most precise record dates the entry: "3 May 2021" says more than "May 2021".
        lead = min(group, key=lambda r: (-_fineness(r.precision), rank[id(r)]))
        group = sorted(group, key=lambda r: r.event_id != lead.event_id)  # the lead record first
    return Entry(
        kind=EntryKind.EVENT,
        occurred_on=lead.occurred_on,
        precision=lead.precision,
        uncertain=lead.uncertain,
        when=format_when(lead.occurred_on, lead.precision, lead.uncertain, lead.occurred_at),
        records=tuple(group),
    )


_FINENESS = {
    p.value: rank
    for rank, p in enumerate(
        (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY, DatePrecision.EXACT)
    )
}


def _fineness(precision: str) -> int:
    # A dict lookup: this runs for every record of every chronology built (the child page).
    return _FINENESS.get(precision, 2)


def _with_gaps(entries: list[Entry], gap_days: int, contact_from: str) -> list[Entry]:
    result: list[Entry] = []
    previous: date | None = None
    for entry in entries:
        if previous is not None and (entry.occurred_on - previous).days > gap_days:
            result.append(_gap_entry(previous, entry.occurred_on, contact_from))
        result.append(entry)
        # A grouped entry may span days (a shared reference): contact lasted until its last record.
        records = entry.records
        last = records[0].occurred_on if len(records) == 1 else max(r.occurred_on for r in records)
        previous = max(previous or last, last)
    return result


def _gap_entry(after: date, until: date, contact_from: str) -> Entry:
    days = (until - after).days
    start = after + timedelta(days=1)
    text = (
        f"No contact from {contact_from} for {describe_span(days)} "
        f"({format_when(after, 'day')} to {format_when(until, 'day')})"
    )
    return Entry(
        kind=EntryKind.GAP,
        occurred_on=start,
        precision=DatePrecision.DAY.value,
        uncertain=False,
        when=format_when(start, "day"),
        text=text,
        gap_days=days,
    )


def _with_membership(entries: list[Entry], members: Sequence[HouseholdMember]) -> list[Entry]:
    changes: list[Entry] = []
    for member in members:
        for interval in member.intervals:
            for day, verb in ((interval.start, "joined"), (interval.end, "left")):
                if day is None:
                    continue
                text = f"{member.display_name} {verb} the household ({interval.basis})"
                changes.append(
                    Entry(
                        EntryKind.HOUSEHOLD, day, "day", False, format_when(day, "day"), text=text
                    )
                )
    merged = [*entries, *changes]
    # Stable sort on the day only: membership changes follow the day's events.
    merged.sort(key=lambda e: e.occurred_on)
    return merged


def _last_contact(records: Sequence[Record]) -> dict[str, date]:
    last: dict[str, date] = {}
    for record in records:
        agency = record.provenance.agency
        if agency not in last or record.occurred_on > last[agency]:
            last[agency] = record.occurred_on
    return dict(sorted(last.items()))


def _named_people(
    conn: Connection,
    person_id: str,
    records: Sequence[Record],
    members: Sequence[HouseholdMember],
    own: Sequence[int],
) -> list[NamedPerson]:
    """Everyone the chronology may name, with every spelling, so anonymising misses nobody."""
    ids = set(own) | {r.subject_source_person_id for r in records}
    for member in members:
        ids.update(member.source_person_ids)
    ep = event_participant.c
    for part in chunks(sorted({r.event_id for r in records})):
        ids.update(
            row.source_person_id
            for row in conn.execute(sa.select(ep.source_person_id).where(ep.event_id.in_(part)))
        )
    linked_ids = sorted({m.person_id for m in members if m.person_id} | {person_id})
    return _people_from_rows(conn, person_id, sorted(ids), linked_ids)


def _people_from_rows(
    conn: Connection, person_id: str, ids: list[int], linked_ids: list[str]
) -> list[NamedPerson]:
    sp = source_person.c
    names: dict[str, list[str]] = {}
    info: dict[str, tuple[str, bool | None, date | None]] = {}
    rows = [
        row
        for part in chunks(ids)
        for row in conn.execute(
            sa.select(
                sp.id, sp.person_id, sp.given_name, sp.middle_names, sp.family_name,
                sp.known_as, sp.former_family_name, sp.is_child, sp.date_of_birth,
            ).where(sp.id.in_(part))
        )
    ]  # fmt: skip
    people = {
        r.id: r
        for r in conn.execute(
            sa.select(person.c.id, person.c.display_name).where(person.c.id.in_(linked_ids))
        )
    }
    for row in rows:
        key = row.person_id or f"S{row.id}"
        spelled = [row.given_name, row.middle_names, row.family_name, row.known_as]
        spelled += [row.former_family_name]
        full = " ".join(p for p in (row.given_name, row.family_name) if p)
        names.setdefault(key, []).extend(n for n in (full, *spelled) if n)
        old = info.get(key)
        is_child = row.is_child if row.is_child is not None else (old[1] if old else None)
        info[key] = (full, is_child, row.date_of_birth or (old[2] if old else None))
    for key, linked in people.items():
        names.setdefault(key, []).append(linked.display_name)
    return [
        NamedPerson(
            key=key,
            display_name=people[key].display_name if key in people else info[key][0],
            is_child=info.get(key, ("", None, None))[1],
            date_of_birth=info.get(key, ("", None, None))[2],
            names=tuple(dict.fromkeys(spelled)),
            is_subject=key == person_id,
        )
        for key, spelled in names.items()
    ]
