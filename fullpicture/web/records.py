"""Records added by practitioners through the web application.

They enter the store like any agency's records: a ledger entry (source ``web:<agency>``), a
source person for the child in that source (already linked to the child), and the event itself,
so chronologies, rules and exports treat them like everything else.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.store.schema import event, ledger, person, source_person
from fullpicture.web.security.sessions import SignedInUser


def _ledger_entry(conn: Connection, source: str, user: SignedInUser, now: datetime) -> int:
    digest = hashlib.sha256(secrets.token_bytes(32)).hexdigest()  # each entry is its own "file"
    return int(
        conn.execute(
            ledger.insert()
            .values(
                source=source,
                filename="web entry",
                table_name="web_record",
                sha256=digest,
                status="complete",
                rows_read=1,
                rows_stored=1,
                rows_quarantined=0,
                imported_by=user.username,
                started_at=now,
                finished_at=now,
            )
            .returning(ledger.c.id)
        ).scalar_one()
    )


def _source_person(
    conn: Connection, source: str, agency: str, person_id: str, ledger_id: int, now: datetime
) -> int:
    found = conn.execute(
        sa.select(source_person.c.id).where(
            source_person.c.source == source, source_person.c.local_id == person_id
        )
    ).scalar_one_or_none()
    if found is not None:
        return int(found)
    child = conn.execute(sa.select(person).where(person.c.id == person_id)).one()
    return int(
        conn.execute(
            source_person.insert()
            .values(
                source=source,
                agency=agency,
                local_id=person_id,
                ledger_id=ledger_id,
                row_number=1,
                date_of_birth=child.date_of_birth,
                is_child=True,
                person_id=person_id,
                updated_at=now,
            )
            .returning(source_person.c.id)
        ).scalar_one()
    )


def add_record(
    conn: Connection,
    user: SignedInUser,
    person_id: str,
    *,
    event_type: str,
    occurred_on: date,
    summary: str,
    attributes: dict[str, Any] | None = None,
    now: datetime,
) -> int:
    """Store a record the user wrote about ``person_id`` and return the new event's id."""
    source = f"web:{user.agency}"
    ledger_id = _ledger_entry(conn, source, user, now)
    subject = _source_person(conn, source, user.agency, person_id, ledger_id, now)
    key = f"web-{secrets.token_hex(8)}"
    return int(
        conn.execute(
            event.insert()
            .values(
                source=source,
                agency=user.agency,
                system="fullpicture web",
                ledger_id=ledger_id,
                row_number=1,
                record_key=key,
                record_id=key,
                subject_source_person_id=subject,
                event_type=event_type,
                occurred_on=occurred_on,
                precision="day",
                uncertain=False,
                sequence=0,
                recorded_on=now.date(),
                summary=summary,
                author_role=user.role,
                attributes=json.dumps(attributes) if attributes else None,
            )
            .returning(event.c.id)
        ).scalar_one()
    )
