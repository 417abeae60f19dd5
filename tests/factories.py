"""Factories that write rows straight into the store, for tests of any area.

Each ``create_*`` takes keyword arguments with sensible defaults, writes its row (and a ledger row
for its source file when needed) and returns the new row's id. All names are synthetic.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.store.schema import (
    address,
    event,
    event_participant,
    ledger,
    person,
    relationship,
    source_person,
)

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _ledger_id(conn: Connection, source: str, filename: str) -> int:
    found = conn.execute(
        sa.select(ledger.c.id).where(ledger.c.source == source, ledger.c.filename == filename)
    ).scalar()
    if found is not None:
        return int(found)
    values = dict(  # noqa: C408 - keyword form mirrors the columns
        source=source, filename=filename, table_name="records", sha256=_digest(filename),
        status="complete", rows_read=0, rows_stored=0, rows_quarantined=0, imported_by="test",
        started_at=NOW, finished_at=NOW,
    )  # fmt: skip
    return int(conn.execute(sa.insert(ledger).values(**values)).inserted_primary_key[0])


def create_ledger(engine: Engine, *, source: str = "police", filename: str = "police.csv") -> int:
    """A ledger row for ``filename`` from ``source`` (reused when it exists)."""
    with engine.begin() as conn:
        return _ledger_id(conn, source, filename)


def _next_person_id(conn: Connection) -> str:
    count = conn.execute(sa.select(sa.func.count()).select_from(person)).scalar() or 0
    return f"P{count + 1:06d}"


def create_person(
    engine: Engine,
    *,
    person_id: str | None = None,
    given_name: str = "Jamie",
    family_name: str = "Fenwick",
    date_of_birth: date | None = date(2015, 3, 1),
    sex: str | None = "female",
    is_child: bool = True,
    sources: tuple[str, ...] = ("social_care",),
) -> str:
    """A person with one agency record per source in ``sources``; returns the person id."""
    with engine.begin() as conn:
        pid = person_id or _next_person_id(conn)
        conn.execute(
            sa.insert(person).values(
                id=pid, display_name=f"{given_name} {family_name}", date_of_birth=date_of_birth,
                sex=sex, created_at=NOW,
            )
        )  # fmt: skip
    for source in sources:
        create_source_person(
            engine, person_id=pid, source=source, given_name=given_name, family_name=family_name,
            date_of_birth=date_of_birth, sex=sex, is_child=is_child,
        )  # fmt: skip
    return pid


def create_source_person(
    engine: Engine,
    *,
    person_id: str | None = None,
    source: str = "police",
    agency: str | None = None,
    local_id: str | None = None,
    given_name: str | None = "Jamie",
    family_name: str | None = "Fenwick",
    known_as: str | None = None,
    former_family_name: str | None = None,
    date_of_birth: date | None = None,
    sex: str | None = None,
    is_child: bool | None = None,
    nhs_number: str | None = None,
) -> int:
    """One agency's record of a person (``person_id`` None: not linked yet)."""
    with engine.begin() as conn:
        lid = _ledger_id(conn, source, f"{source}_people.csv")
        count = conn.execute(sa.select(sa.func.count()).select_from(source_person)).scalar() or 0
        values = dict(  # noqa: C408 - keyword form mirrors the columns
            source=source, agency=agency or source, local_id=local_id or f"{source}-{count + 1}",
            ledger_id=lid, row_number=count + 2, given_name=given_name, family_name=family_name,
            known_as=known_as, former_family_name=former_family_name, date_of_birth=date_of_birth,
            sex=sex, is_child=is_child, nhs_number=nhs_number, person_id=person_id, updated_at=NOW,
        )  # fmt: skip
        return int(conn.execute(sa.insert(source_person).values(**values)).inserted_primary_key[0])


def source_person_of(engine: Engine, person_id: str, source: str) -> int:
    """The id of ``person_id``'s record from ``source``, created when missing."""
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(source_person.c.id).where(
                source_person.c.person_id == person_id, source_person.c.source == source
            )
        ).scalar()
    return (
        int(found)
        if found is not None
        else create_source_person(engine, person_id=person_id, source=source)
    )


def create_event(
    engine: Engine,
    *,
    person_id: str | None = None,
    source_person_id: int | None = None,
    source: str = "police",
    agency: str | None = None,
    event_type: str = "police.incident",
    occurred_on: date = date(2021, 5, 3),
    precision: str = "day",
    uncertain: bool = False,
    occurred_at: datetime | None = None,
    sequence: int = 0,
    summary: str | None = None,
    opinion: str | None = None,
    action: str | None = None,
    reason_no_action: str | None = None,
    significance: str | None = None,
    author_role: str | None = None,
    incident_ref: str | None = None,
    record_id: str | None = None,
    attributes: dict[str, Any] | None = None,
    participants: tuple[tuple[int, str], ...] = (),
    filename: str | None = None,
    system: str | None = None,
) -> int:
    """One event about ``person_id`` (its record from ``source``) or ``source_person_id``."""
    subject = source_person_id or source_person_of(engine, person_id or "P000001", source)
    with engine.begin() as conn:
        lid = _ledger_id(conn, source, filename or f"{source}_events.csv")
        count = conn.execute(sa.select(sa.func.count()).select_from(event)).scalar() or 0
        values = dict(  # noqa: C408 - keyword form mirrors the columns
            source=source, agency=agency or re.sub(r"_\d+$", "", source), system=system,
            ledger_id=lid, row_number=count + 2, record_key=f"{source}-{count + 1}",
            record_id=record_id or f"{source.upper()}-{count + 1}", subject_source_person_id=subject,
            event_type=event_type, occurred_on=occurred_on, occurred_at=occurred_at,
            precision=precision, uncertain=uncertain, sequence=sequence, summary=summary,
            opinion=opinion, action=action, reason_no_action=reason_no_action,
            significance=significance, author_role=author_role, incident_ref=incident_ref,
            attributes=json.dumps(attributes) if attributes else None,
        )  # fmt: skip
        event_id = int(conn.execute(sa.insert(event).values(**values)).inserted_primary_key[0])
        for sp_id, role in participants:
            conn.execute(
                sa.insert(event_participant).values(
                    event_id=event_id, source_person_id=sp_id, role=role
                )
            )
    return event_id


def create_relationship(
    engine: Engine,
    *,
    from_source_person_id: int,
    to_source_person_id: int,
    kind: str = "parent",
    start_date: date | None = None,
    end_date: date | None = None,
    source: str = "social_care",
) -> int:
    """A recorded relationship: ``from`` is the ``kind`` of ``to``."""
    with engine.begin() as conn:
        lid = _ledger_id(conn, source, f"{source}_relationships.csv")
        count = conn.execute(sa.select(sa.func.count()).select_from(relationship)).scalar() or 0
        values = dict(  # noqa: C408 - keyword form mirrors the columns
            source=source, ledger_id=lid, row_number=count + 2, record_key=f"rel-{count + 1}",
            from_source_person_id=from_source_person_id, to_source_person_id=to_source_person_id,
            kind=kind, start_date=start_date, end_date=end_date,
        )  # fmt: skip
        return int(conn.execute(sa.insert(relationship).values(**values)).inserted_primary_key[0])


def create_address(
    engine: Engine,
    *,
    source_person_id: int,
    postcode: str = "LS1 4AB",
    line: str = "12 Mill Lane",
    start_date: date | None = None,
    end_date: date | None = None,
    source: str = "housing",
) -> int:
    """An address period of one agency record."""
    with engine.begin() as conn:
        lid = _ledger_id(conn, source, f"{source}_addresses.csv")
        count = conn.execute(sa.select(sa.func.count()).select_from(address)).scalar() or 0
        values = dict(  # noqa: C408 - keyword form mirrors the columns
            source=source, source_person_id=source_person_id, ledger_id=lid, row_number=count + 2,
            record_key=f"addr-{count + 1}", postcode=postcode, address=line,
            start_date=start_date, end_date=end_date,
        )  # fmt: skip
        return int(conn.execute(sa.insert(address).values(**values)).inserted_primary_key[0])
