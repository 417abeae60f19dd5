"""Read models for the pages: a child's summary, events (filtered in SQL), household, changes.

These read the store directly so that the filters run in the database and the page stays fast
on a large store; they see only the agencies the access decision allows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import NotFoundError
from fullpicture.store.schema import event, ledger, person, relationship, source_person
from fullpicture.vocabulary import EVENT_TYPES

VOICE_TYPES = ("social_care.wishes_and_feelings", "social_care.child_request")
MAX_EVENTS = 2000


@dataclass(frozen=True)
class EventFilters:
    """The chronology filters a user chose (empty means no filter)."""

    agencies: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class ChildEvent:
    """One event as the pages show it."""

    id: int
    occurred_on: date
    precision: str
    uncertain: bool
    agency: str
    source: str
    event_type: str
    label: str
    valence: str
    summary: str
    action: str
    record_id: str


_PERSON = sa.select(
    person.c.id, person.c.display_name, person.c.date_of_birth, person.c.sex, person.c.restricted
).where(person.c.id == sa.bindparam("person_id"))
_RECORDS = (
    sa.select(source_person.c.source, source_person.c.agency, source_person.c.local_id)
    .add_columns(source_person.c.id)
    .where(source_person.c.person_id == sa.bindparam("person_id"))
    .order_by(source_person.c.agency, source_person.c.source)
)


def child_summary(
    conn: Connection, person_id: str, agencies: frozenset[str] | None = None
) -> dict[str, Any]:
    """Return the person's row, the records of ``agencies`` (None: every agency) linked to them
    (source, agency, local id), and the ids of all their records (``source_person_ids``, for
    reading the chronology, which applies the agency scope to the events themselves)."""
    row = conn.execute(_PERSON, {"person_id": person_id}).mappings().one_or_none()
    if row is None:
        raise NotFoundError("Page not found")
    records = conn.execute(_RECORDS, {"person_id": person_id}).all()
    return {
        "person": dict(row),
        "records": [tuple(r)[:3] for r in records if agencies is None or r[1] in agencies],
        "source_person_ids": [r[3] for r in records],
    }


def _event_query(person_id: str, filters: EventFilters, agencies: frozenset[str] | None) -> Any:
    query = (
        sa.select(event)
        .join(source_person, source_person.c.id == event.c.subject_source_person_id)
        .where(source_person.c.person_id == person_id)
    )
    if agencies is not None:
        query = query.where(event.c.agency.in_(sorted(agencies)))
    if filters.agencies:
        query = query.where(event.c.agency.in_(filters.agencies))
    if filters.event_types:
        query = query.where(event.c.event_type.in_(filters.event_types))
    if filters.date_from:
        query = query.where(event.c.occurred_on >= filters.date_from)
    if filters.date_to:
        query = query.where(event.c.occurred_on <= filters.date_to)
    return query.order_by(event.c.occurred_on, event.c.sequence, event.c.id).limit(MAX_EVENTS)


def _to_event(row: Any) -> ChildEvent:
    kind = EVENT_TYPES.get(row.event_type)
    return ChildEvent(
        id=int(row.id),
        occurred_on=row.occurred_on,
        precision=row.precision,
        uncertain=bool(row.uncertain),
        agency=row.agency,
        source=row.source,
        event_type=row.event_type,
        label=kind.label if kind else row.event_type,
        valence=str(kind.valence) if kind else "neutral",
        summary=row.summary or "",
        action=row.action or "",
        record_id=row.record_id or "",
    )


def _minimised(item: ChildEvent, approved: frozenset[str]) -> ChildEvent:
    """Blank the free-text fields an information-sharing agreement does not approve."""
    return replace(
        item,
        summary=item.summary if "summary" in approved else "",
        action=item.action if "action" in approved else "",
        record_id=item.record_id if "record_id" in approved else "",
    )


def child_events(
    conn: Connection,
    person_id: str,
    filters: EventFilters,
    agencies: frozenset[str] | None,
    shared_fields: Mapping[str, frozenset[str]] | None = None,
) -> list[ChildEvent]:
    """Return the child's events in date order, filtered and scoped to ``agencies``; the
    events of an agency in ``shared_fields`` keep only the fields approved for it."""
    shared = shared_fields or {}
    events = [_to_event(r) for r in conn.execute(_event_query(person_id, filters, agencies))]
    return [_minimised(e, shared[e.agency]) if e.agency in shared else e for e in events]


def event_facets(
    conn: Connection, person_id: str, agencies: frozenset[str] | None
) -> tuple[list[str], list[str]]:
    """Return the agencies and event types present for the child (for the filter choices)."""
    base = (
        sa.select(event.c.agency, event.c.event_type)
        .join(source_person, source_person.c.id == event.c.subject_source_person_id)
        .where(source_person.c.person_id == person_id)
        .distinct()
    )
    if agencies is not None:
        base = base.where(event.c.agency.in_(sorted(agencies)))
    rows = conn.execute(base).all()
    return sorted({r.agency for r in rows}), sorted({r.event_type for r in rows})


def _household_query(scoped: bool) -> Any:
    other = source_person.alias("other")
    mine = sa.select(source_person.c.id).where(
        source_person.c.person_id == sa.bindparam("person_id")
    )
    query = (
        sa.select(
            relationship.c.kind,
            relationship.c.start_date,
            relationship.c.end_date,
            relationship.c.source,
            other.c.person_id,
            person.c.display_name,
        )
        .join(other, other.c.id == relationship.c.from_source_person_id)
        .outerjoin(person, person.c.id == other.c.person_id)
        .where(relationship.c.to_source_person_id.in_(mine))
        # A restricted person is left out entirely: naming them would reveal the record.
        .where(sa.or_(person.c.restricted.is_(False), person.c.id.is_(None)))
        .order_by(relationship.c.kind, other.c.person_id)
    )
    if scoped:
        query = query.where(other.c.agency.in_(sa.bindparam("agencies", expanding=True)))
    return query


# Built once: building the aliased statement costs more than running it.
_HOUSEHOLD = {scoped: _household_query(scoped) for scoped in (False, True)}


def household(
    conn: Connection, person_id: str, agencies: frozenset[str] | None = None
) -> list[dict[str, Any]]:
    """Return the people related to the child in the records of ``agencies`` (None: every
    agency), with the relationship."""
    params: dict[str, Any] = {"person_id": person_id}
    if agencies is not None:
        params["agencies"] = sorted(agencies)
    rows = conn.execute(_HOUSEHOLD[agencies is not None], params)
    return [dict(r._mapping) for r in rows]


def changes_since(
    conn: Connection,
    person_ids: list[str],
    since: datetime | None,
    agencies: frozenset[str] | None = None,
) -> list[dict[str, Any]]:
    """Count, per child, the events of ``agencies`` (None: every agency) taken in after
    ``since`` (all of them when None)."""
    if not person_ids:
        return []
    query = (
        sa.select(source_person.c.person_id, sa.func.count(event.c.id).label("events"))
        .join(event, event.c.subject_source_person_id == source_person.c.id)
        .join(ledger, ledger.c.id == event.c.ledger_id)
        .where(source_person.c.person_id.in_(person_ids))
        .group_by(source_person.c.person_id)
        .order_by(source_person.c.person_id)
    )
    if since is not None:
        query = query.where(ledger.c.finished_at > since)
    if agencies is not None:
        query = query.where(event.c.agency.in_(sorted(agencies)))
    return [dict(r._mapping) for r in conn.execute(query)]


def people_names(conn: Connection, person_ids: list[str]) -> dict[str, str]:
    """Return display names for ``person_ids`` (the caller has checked access to each)."""
    if not person_ids:
        return {}
    rows = conn.execute(
        sa.select(person.c.id, person.c.display_name).where(person.c.id.in_(person_ids))
    )
    return {str(r.id): str(r.display_name) for r in rows}


def attributes_of(raw: str | None) -> dict[str, Any]:
    """Decode an event's JSON attributes (empty when absent)."""
    return dict(json.loads(raw)) if raw else {}
