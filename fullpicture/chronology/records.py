"""Reading a chronology's records from the store: the person's events with their provenance."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.chronology.dates import PRECISION_RANK
from fullpicture.chronology.model import Provenance, Record
from fullpicture.store.schema import event, event_participant, ledger, source_person
from fullpicture.vocabulary import EVENT_TYPES, Valence

# SQLite allows a limited number of bound values per statement; long id lists are read in chunks.
_CHUNK = 900

_COLUMNS = (
    event.c.id,
    event.c.source,
    event.c.agency,
    event.c.system,
    event.c.ledger_id,
    event.c.row_number,
    event.c.record_id,
    event.c.subject_source_person_id,
    event.c.event_type,
    event.c.occurred_on,
    event.c.occurred_at,
    event.c.precision,
    event.c.uncertain,
    event.c.sequence,
    event.c.location,
    event.c.summary,
    event.c.opinion,
    event.c.action,
    event.c.reason_no_action,
    event.c.significance,
    event.c.author_role,
    event.c.incident_ref,
    event.c.attributes,
    event.c.restricted,
    ledger.c.filename,
    source_person.c.person_id.label("subject_person_id"),
)
_KINDS = {name: (kind.label, kind.valence.value) for name, kind in EVENT_TYPES.items()}
_FROM = event.join(ledger, ledger.c.id == event.c.ledger_id).join(
    source_person, source_person.c.id == event.c.subject_source_person_id
)


def chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    """Split ``ids`` into lists short enough for one statement on every backend."""
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _with_scope(query: Any, scoped: bool) -> Any:
    return (
        query.where(event.c.agency.in_(sa.bindparam("agencies", expanding=True)))
        if scoped
        else query
    )


_EP = event_participant.c
# Built once, for the scoped (a practitioner's agencies) and unscoped reads: the web reads a
# chronology on every child page, and building these statements cost more than running them.
_SUBJECT_READS = {
    scoped: _with_scope(
        sa.select(*_COLUMNS)
        .select_from(_FROM)
        .where(event.c.subject_source_person_id.in_(sa.bindparam("ids", expanding=True))),
        scoped,
    )
    for scoped in (False, True)
}
# Events where the person took part, with their role, in one statement (no id list in between).
_PARTICIPANT_READS = {
    scoped: _with_scope(
        sa.select(*_COLUMNS, _EP.role)
        .select_from(_FROM.join(event_participant, _EP.event_id == event.c.id))
        .where(_EP.source_person_id.in_(sa.bindparam("ids", expanding=True)), _EP.role != "subject")
        .order_by(_EP.event_id, _EP.role),
        scoped,
    )
    for scoped in (False, True)
}


# Both at once (the web's child page): subject rows carry a NULL role, participant rows theirs.
_SUBJECT_AND_PARTICIPANT_READS = {
    scoped: sa.union_all(
        _with_scope(
            sa.select(*_COLUMNS, sa.cast(sa.null(), _EP.role.type).label("role"))
            .select_from(_FROM)
            .where(event.c.subject_source_person_id.in_(sa.bindparam("ids", expanding=True))),
            scoped,
        ),
        _with_scope(
            sa.select(*_COLUMNS, _EP.role)
            .select_from(_FROM.join(event_participant, _EP.event_id == event.c.id))
            .where(
                _EP.source_person_id.in_(sa.bindparam("ids", expanding=True)),
                _EP.role != "subject",
            ),
            scoped,
        ),
    )
    for scoped in (False, True)
}


def _params(part: list[int], agencies: frozenset[str] | None) -> dict[str, Any]:
    if agencies is None:
        return {"ids": part}
    return {"ids": part, "agencies": sorted(agencies)}


def read_subject_records(
    conn: Connection, source_person_ids: Sequence[int], agencies: frozenset[str] | None = None
) -> list[Record]:
    """Every event whose subject is one of ``source_person_ids`` (only ``agencies``' events
    when given: a practitioner's view)."""
    found: list[Record] = []
    query = _SUBJECT_READS[agencies is not None]
    for part in chunks(sorted(set(source_person_ids))):
        found.extend(
            _record(row, "subject") for row in conn.execute(query, _params(part, agencies))
        )
    return found


def read_participant_records(
    conn: Connection,
    source_person_ids: Sequence[int],
    exclude: set[int],
    agencies: frozenset[str] | None = None,
) -> list[Record]:
    """Events where one of ``source_person_ids`` took part (witness, victim ...) but was not the
    subject; ``exclude`` holds event ids already read; only ``agencies``' events when given.
    An event where the person had several roles is read once, with the first role by name."""
    seen = set(exclude)
    found: list[Record] = []
    query = _PARTICIPANT_READS[agencies is not None]
    for part in chunks(sorted(set(source_person_ids))):
        for row in conn.execute(query, _params(part, agencies)):
            if row[0] not in seen:  # the event id, first of _COLUMNS
                seen.add(row[0])
                found.append(_record(row[:-1], row[-1]))
    return found


def read_records(
    conn: Connection, source_person_ids: Sequence[int], agencies: frozenset[str] | None = None
) -> list[Record]:
    """Every event about ``source_person_ids``: as subject, or as a participant (witness,
    victim ...) in an event about someone else, read in one statement (per chunk of ids).

    The same records as :func:`read_subject_records` followed by :func:`read_participant_records`
    (an event where the person had several roles is read once, with the first role by name).
    """
    subject: list[Any] = []
    taking_part: dict[int, Any] = {}
    query = _SUBJECT_AND_PARTICIPANT_READS[agencies is not None]
    for part in chunks(sorted(set(source_person_ids))):
        for row in conn.execute(query, _params(part, agencies)):
            if row[-1] is None:
                subject.append(row)
            elif row[0] not in taking_part or row[-1] < taking_part[row[0]][-1]:
                taking_part[row[0]] = row  # row[0] is the event id, first of _COLUMNS
    found = [_record(row[:-1], "subject") for row in subject]
    seen = {r.event_id for r in found}
    found.extend(
        _record(row[:-1], row[-1]) for event_id, row in taking_part.items() if event_id not in seen
    )
    return found


def _attributes(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {"attributes": text}  # keep what the agency sent, even when it is not JSON
    if not isinstance(data, dict):
        return {"attributes": text}
    return {str(k): "" if v is None else str(v) for k, v in data.items()}


def _record(row: Any, role: str) -> Record:
    # Unpacked once, in _COLUMNS order: a Row's attribute lookups cost about a microsecond each,
    # which is most of the time of reading a long chronology.
    (event_id, source, agency, system, ledger_id, row_number, record_id, subject_sp, event_type,
     occurred_on, occurred_at, precision, uncertain, sequence, location, summary, opinion, action,
     reason_no_action, significance, author_role, incident_ref, attributes, restricted, filename,
     subject_person_id) = row  # fmt: skip
    label, valence = _KINDS.get(event_type) or (event_type, Valence.NEUTRAL.value)
    return Record(
        event_id=event_id,
        event_type=event_type,
        label=label,
        valence=valence,
        occurred_on=occurred_on,
        precision=precision,
        uncertain=bool(uncertain),
        occurred_at=occurred_at,
        sequence=sequence,
        subject_person_id=subject_person_id,
        subject_source_person_id=subject_sp,
        role=role,
        summary=summary,
        opinion=opinion,
        action=action,
        reason_no_action=reason_no_action,
        significance=significance,
        incident_ref=incident_ref,
        location=location,
        attributes=_attributes(attributes),
        restricted=bool(restricted),
        provenance=Provenance(
            agency=agency,
            source=source,
            system=system,
            filename=filename,
            row_number=row_number,
            record_id=record_id,
            author_role=author_role,
            ledger_id=ledger_id,
        ),
    )


def _time_key(at: datetime | None) -> str:
    if at is None:
        return ""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat()


def record_order(record: Record) -> tuple[Any, ...]:
    """Chronology order: date, coarser precision first, then the source's same-day sequence,
    then time of day, source and id (so the order is total and repeatable)."""
    return (
        record.occurred_on,
        PRECISION_RANK.get(record.precision, 2),
        record.sequence,
        _time_key(record.occurred_at),
        record.provenance.source,
        record.event_id,
    )
