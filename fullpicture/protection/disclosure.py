"""Sharing a child's records outside the sharing agency, under an ISA, and the disclosure log.

A share carries an agreement id, a purpose and a lawful basis, and holds only the records of the
agreement's parties and only the purpose's approved fields (data minimisation: the export's
columns are exactly those fields, checked row by row). Restricted records are never shared.
Every share, and every decision not to share with its reason, is written to ``disclosure``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import ProtectionError
from fullpicture.exports.cells import write_safe_csv
from fullpicture.protection.isa import Agreement, agreement_for_share
from fullpicture.protection.tables import disclosure
from fullpicture.store.schema import event, source_person

MIN_DECLINE_REASON = 10


@dataclass(frozen=True)
class ShareRequest:
    """Who shares what with whom, under which agreement, purpose and lawful basis."""

    person_id: str
    isa_id: str
    purpose: str
    lawful_basis: str
    recipient: str
    recipient_agency: str
    sharer_agency: str
    by: str


@dataclass(frozen=True)
class Share:
    """A share made: the disclosure log id, the columns and the CSV body."""

    disclosure_id: int
    fields: tuple[str, ...]
    records: int
    body: bytes


def shared_rows(
    conn: Connection, person_id: str, agencies: frozenset[str], fields: Sequence[str]
) -> list[dict[str, Any]]:
    """Return the person's unrestricted events from ``agencies`` with only ``fields``."""
    columns = [event.c[name] for name in fields]
    query = (
        sa.select(*columns)
        .join(source_person, source_person.c.id == event.c.subject_source_person_id)
        .where(source_person.c.person_id == person_id)
        .where(event.c.agency.in_(sorted(agencies)))
        .where(event.c.restricted.is_(False))
        .order_by(event.c.occurred_on, event.c.sequence, event.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def minimised_csv(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> bytes:
    """Write rows as CSV whose columns are exactly ``fields``.

    Raises:
        ProtectionError: a row holds a column that is not approved, or lacks one that is.
    """
    for row in rows:
        if list(row) != list(fields):
            extra = sorted(set(row) - set(fields))
            raise ProtectionError(
                "The export does not match the agreement's approved fields"
                + (f": not approved {', '.join(extra)}." if extra else "."),
            )
    out = io.StringIO()
    write_safe_csv([list(fields), *([row[f] for f in fields] for row in rows)], out)
    return out.getvalue().encode("utf-8")


def _log(conn: Connection, values: dict[str, Any]) -> int:
    return int(
        conn.execute(disclosure.insert().values(**values).returning(disclosure.c.id)).scalar_one()
    )


def share_records(conn: Connection, request: ShareRequest, now: datetime) -> Share:
    """Check the share against its agreement, build the minimised CSV and log the disclosure.

    Raises:
        ProtectionError: see :func:`fullpicture.protection.isa.agreement_for_share`, or no
            recipient named.
    """
    if not request.recipient.strip():
        raise ProtectionError("Name the recipient of the share.")
    agreement: Agreement = agreement_for_share(
        conn,
        request.isa_id,
        purpose=request.purpose,
        lawful_basis=request.lawful_basis,
        parties={request.sharer_agency, request.recipient_agency},
        on=now.date(),
    )
    fields = agreement.fields_for(request.purpose)
    rows = shared_rows(conn, request.person_id, agreement.parties, fields)
    body = minimised_csv(rows, fields)
    logged = _log(
        conn,
        {
            "person_id": request.person_id,
            "decision": "shared",
            "isa_id": agreement.id,
            "purpose": request.purpose,
            "lawful_basis": request.lawful_basis,
            "recipient": request.recipient.strip(),
            "recipient_agency": request.recipient_agency,
            "fields": json.dumps(list(fields)),
            "records": len(rows),
            "decided_by": request.by,
            "decided_at": now,
        },
    )
    return Share(logged, fields, len(rows), body)


def record_decline(
    conn: Connection,
    person_id: str,
    *,
    recipient: str,
    reason: str,
    by: str,
    now: datetime,
    isa_id: str | None = None,
    purpose: str | None = None,
) -> int:
    """Record a decision not to share, with its reason; return the disclosure log id.

    Raises:
        ProtectionError: no recipient, or a reason shorter than ``MIN_DECLINE_REASON``.
    """
    if not recipient.strip():
        raise ProtectionError("Name who asked for the records.")
    if len(reason.strip()) < MIN_DECLINE_REASON:
        raise ProtectionError(
            f"Give the reason for not sharing (at least {MIN_DECLINE_REASON} characters)."
        )
    return _log(
        conn,
        {
            "person_id": person_id,
            "decision": "declined",
            "isa_id": isa_id or None,
            "purpose": purpose or None,
            "recipient": recipient.strip(),
            "reason": reason.strip(),
            "decided_by": by,
            "decided_at": now,
        },
    )


def disclosure_history(conn: Connection, person_id: str) -> list[dict[str, Any]]:
    """Return every share and decision not to share about the person, oldest first."""
    query = (
        sa.select(disclosure)
        .where(disclosure.c.person_id == person_id)
        .order_by(disclosure.c.decided_at, disclosure.c.id)
    )
    rows = []
    for row in conn.execute(query):
        item = dict(row._mapping)
        item["fields"] = json.loads(item["fields"]) if item["fields"] else []
        rows.append(item)
    return rows
