"""Rectifying a stored record, keeping its history, and telling whoever received it.

A child, a parent or an agency may show that a record is wrong (UK GDPR Article 16). The
correction changes the stored record, so that the chronology, the rules and every later share
read the corrected value, and keeps the values before and after with the reason, who asked and
who made it (``rectification``). Article 19 then asks that each recipient the data was
disclosed to is told, unless that is impossible or would take disproportionate effort; so each
correction lists, from the disclosure log, every share that carried the corrected field, plus
the agency the record came from (its own system still holds the wrong value, and a later file
from it would bring the value back) (``rectification_notice``). A notice stays open until someone
records that the recipient was told.

Only the factual and identifying columns below can be corrected; a record's provenance (its
source, file, row and ids) never changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.intake.postcodes import normalise_postcode
from fullpicture.intake.problems import InvalidValue
from fullpicture.protection.tables import (
    disclosure,
    isa,
    rectification,
    rectification_notice,
)
from fullpicture.store.schema import event, source_person
from fullpicture.vocabulary import Sex

MIN_REASON = 10
TARGETS = ("event", "person_record")

# The columns a correction may change, per target. Dates are given as YYYY-MM-DD and become
# exact to the day.
EVENT_FIELDS = frozenset(
    {"summary", "opinion", "action", "reason_no_action", "location", "occurred_on", "author_role"}
)
PERSON_FIELDS = frozenset(
    {
        "given_name",
        "middle_names",
        "family_name",
        "known_as",
        "former_family_name",
        "date_of_birth",
        "sex",
        "ethnicity",
        "first_language",
        "religion",
        "postcode",
        "address",
    }
)
_SEXES = frozenset(s.value for s in Sex)
_SEXES_TEXT = ", ".join(sorted(_SEXES))
_DATE_PRECISION = {"occurred_on": ("precision", "uncertain"), "date_of_birth": ("dob_precision",)}


@dataclass(frozen=True)
class RectificationRequest:
    """A correction asked for.

    Attributes:
        person_id: the child (or adult) whose record it is.
        target: ``event`` or ``person_record`` (an agency's record of the person).
        target_id: the record's id.
        field: the column to correct (see EVENT_FIELDS and PERSON_FIELDS).
        value: the corrected value (text; dates as YYYY-MM-DD; empty to clear).
        reason: why the stored value is wrong (at least 10 characters).
        requested_by: who asked (the child, a parent, an agency, a practitioner).
        by: who makes the correction.
    """

    person_id: str
    target: str
    target_id: int
    field: str
    value: str
    reason: str
    requested_by: str
    by: str


@dataclass(frozen=True)
class Notice:
    """A recipient a correction must be communicated to."""

    id: int
    rectification_id: int
    recipient: str
    recipient_agency: str | None
    basis: str
    disclosure_id: int | None
    notified_at: datetime | None
    notified_by: str | None


@dataclass(frozen=True)
class Rectification:
    """A correction made, with its history and the recipients to tell."""

    id: int
    person_id: str
    target: str
    target_id: int
    source: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    requested_by: str
    made_by: str
    made_at: datetime
    notices: tuple[Notice, ...]

    def to_json(self) -> dict[str, Any]:
        """Return the correction as JSON-ready values."""
        return {
            "id": self.id,
            "person_id": self.person_id,
            "target": self.target,
            "target_id": self.target_id,
            "source": self.source,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "requested_by": self.requested_by,
            "made_by": self.made_by,
            "made_at": self.made_at.isoformat(),
            "notices": [_notice_json(n) for n in self.notices],
        }


def rectify(conn: Connection, request: RectificationRequest, now: datetime) -> Rectification:
    """Correct one column of a stored record, keep its history and list whom to tell.

    Runs in the caller's transaction, so the correction, its history and its notices are
    written together or not at all.

    Raises:
        ProtectionError: the target, field, value or reason is not acceptable.
        NotFoundError: no such record belongs to the person.
    """
    _check_request(request)
    table = event if request.target == "event" else source_person
    current = _current(conn, request)
    changes = _changes(request.field, request.value)
    before = {name: _json_value(current[name]) for name in changes}
    if before == {name: _json_value(value) for name, value in changes.items()}:
        raise ProtectionError(
            f"The record already holds that {request.field}; nothing to correct.",
        )
    conn.execute(table.update().where(table.c.id == request.target_id).values(**changes))
    ident = _log(conn, request, str(current["source"]), before, changes, now)
    _write_notices(conn, ident, request, current)
    return get_rectification(conn, ident)


def _check_request(request: RectificationRequest) -> None:
    if request.target not in TARGETS:
        raise ProtectionError(
            f"{request.target!r} is not a record that can be corrected.",
            hint="Correct an 'event' or a 'person_record'.",
        )
    allowed = EVENT_FIELDS if request.target == "event" else PERSON_FIELDS
    if request.field not in allowed:
        raise ProtectionError(
            f"{request.field!r} cannot be corrected on a {request.target.replace('_', ' ')}.",
            hint=f"Correctable: {', '.join(sorted(allowed))}.",
        )
    if len(request.reason.strip()) < MIN_REASON:
        raise ProtectionError(
            "Say why the record is wrong (at least 10 characters).",
            hint="The reason is kept with the correction and shown to its recipients.",
        )
    if not request.requested_by.strip() or not request.by.strip():
        raise ProtectionError("Say who asked for the correction and who is making it.")


def _current(conn: Connection, request: RectificationRequest) -> sa.RowMapping:
    """Return the record, checked to belong to the person (otherwise: not found)."""
    if request.target == "event":
        query = (
            sa.select(event)
            .join(source_person, source_person.c.id == event.c.subject_source_person_id)
            .where(event.c.id == request.target_id)
            .where(source_person.c.person_id == request.person_id)
        )
    else:
        query = sa.select(source_person).where(
            source_person.c.id == request.target_id,
            source_person.c.person_id == request.person_id,
        )
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFoundError(
            f"{request.person_id} has no {request.target.replace('_', ' ')} {request.target_id}.",
            hint="Check the person and the record's id (the chronology shows both).",
        )
    return row


def _changes(field: str, value: str) -> dict[str, Any]:
    """Return the columns to write: the field, and for a date its precision too."""
    text = value.strip()
    if field == "sex" and text and text not in _SEXES:
        raise ProtectionError(f"{value!r} is not a recorded sex.", hint=f"One of: {_SEXES_TEXT}.")
    if field == "postcode" and text:
        text = _postcode(text)
    if field not in _DATE_PRECISION:
        return {field: text or None}
    if not text and field == "occurred_on":
        raise ProtectionError("An event must keep a date.", hint="Give it as YYYY-MM-DD.")
    try:
        day = date.fromisoformat(text) if text else None
    except ValueError:
        raise ProtectionError(
            f"{value!r} is not a date written YYYY-MM-DD.", hint="For example 2021-05-03."
        ) from None
    changes: dict[str, Any] = {field: day}
    for extra in _DATE_PRECISION[field]:
        changes[extra] = False if extra == "uncertain" else ("day" if day else None)
    return changes


def _postcode(text: str) -> str:
    try:
        return normalise_postcode(text)
    except InvalidValue as exc:
        raise ProtectionError(f"{text!r} is {exc}.") from None


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _log(
    conn: Connection,
    request: RectificationRequest,
    source: str,
    before: dict[str, Any],
    changes: dict[str, Any],
    now: datetime,
) -> int:
    after = {name: _json_value(value) for name, value in changes.items()}
    values = {
        "person_id": request.person_id,
        "target": request.target,
        "target_id": request.target_id,
        "source": source,
        "before": json.dumps(before),
        "after": json.dumps(after),
        "reason": request.reason.strip(),
        "requested_by": request.requested_by.strip(),
        "made_by": request.by.strip(),
        "made_at": now,
    }
    statement = rectification.insert().values(**values).returning(rectification.c.id)
    return int(conn.execute(statement).scalar_one())


def _write_notices(
    conn: Connection, ident: int, request: RectificationRequest, current: sa.RowMapping
) -> None:
    rows = [
        {"recipient": name, "recipient_agency": agency, "basis": "disclosure", "disclosure_id": d}
        for d, name, agency in recipients(conn, request, current)
    ]
    if not str(current["source"]).startswith("web:"):
        rows.append(
            {
                "recipient": f"{current['source']} (the record's source)",
                "recipient_agency": current["agency"],
                "basis": "source",
                "disclosure_id": None,
            }
        )
    if rows:
        conn.execute(
            rectification_notice.insert(), [{"rectification_id": ident, **r} for r in rows]
        )


def recipients(
    conn: Connection, request: RectificationRequest, current: sa.RowMapping
) -> list[tuple[int, str, str | None]]:
    """Return (disclosure id, recipient, agency) of every share that carried the field.

    A share carried an event's field when the field was among the share's approved fields and
    the event's agency was a party to the share's agreement (shares hold only the parties'
    records). Shares hold event columns only, so no share carried an agency's record of the
    person itself.
    """
    if request.target != "event":
        return []
    query = (
        sa.select(
            disclosure.c.id,
            disclosure.c.recipient,
            disclosure.c.recipient_agency,
            disclosure.c.fields,
            isa.c.parties,
        )  # fmt: skip
        .join(isa, isa.c.id == disclosure.c.isa_id)
        .where(disclosure.c.person_id == request.person_id, disclosure.c.decision == "shared")
        .order_by(disclosure.c.id)
    )
    found = []
    for ident, recipient, agency, fields, parties in conn.execute(query):
        if request.field in json.loads(fields or "[]") and current["agency"] in json.loads(parties):
            found.append((int(ident), str(recipient), agency))
    return found


def get_rectification(conn: Connection, ident: int) -> Rectification:
    """Return one correction with its notices.

    Raises:
        NotFoundError: no correction has that id.
    """
    row = conn.execute(sa.select(rectification).where(rectification.c.id == ident)).mappings()
    found = row.first()
    if found is None:
        raise NotFoundError(f"No correction has the id {ident}.")
    return _rectification(found, _notices(conn, [ident]).get(ident, ()))


def rectification_history(conn: Connection, person_id: str) -> list[Rectification]:
    """Return every correction of the person's records, oldest first."""
    query = (
        sa.select(rectification)
        .where(rectification.c.person_id == person_id)
        .order_by(rectification.c.id)
    )
    rows = list(conn.execute(query).mappings())
    notices = _notices(conn, [int(r["id"]) for r in rows])
    return [_rectification(r, notices.get(int(r["id"]), ())) for r in rows]


def open_notices(conn: Connection) -> list[Notice]:
    """Return the recipients not yet told of a correction, oldest first."""
    query = (
        sa.select(rectification_notice)
        .where(rectification_notice.c.notified_at.is_(None))
        .order_by(rectification_notice.c.id)
    )
    return [_notice(r) for r in conn.execute(query).mappings()]


def mark_notified(conn: Connection, notice_id: int, by: str, now: datetime) -> Notice:
    """Record that the recipient of a notice was told (once; later calls change nothing).

    Raises:
        NotFoundError: no notice has that id.
    """
    table = rectification_notice
    conn.execute(
        table.update()
        .where(table.c.id == notice_id, table.c.notified_at.is_(None))
        .values(notified_at=now, notified_by=by)
    )
    row = conn.execute(sa.select(table).where(table.c.id == notice_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"No correction notice has the id {notice_id}.")
    return _notice(row)


def _notices(conn: Connection, ids: list[int]) -> dict[int, tuple[Notice, ...]]:
    if not ids:
        return {}
    query = (
        sa.select(rectification_notice)
        .where(rectification_notice.c.rectification_id.in_(ids))
        .order_by(rectification_notice.c.id)
    )
    grouped: dict[int, list[Notice]] = {}
    for row in conn.execute(query).mappings():
        notice = _notice(row)
        grouped.setdefault(notice.rectification_id, []).append(notice)
    return {key: tuple(value) for key, value in grouped.items()}


def _notice(row: sa.RowMapping) -> Notice:
    return Notice(
        id=int(row["id"]),
        rectification_id=int(row["rectification_id"]),
        recipient=str(row["recipient"]),
        recipient_agency=row["recipient_agency"],
        basis=str(row["basis"]),
        disclosure_id=row["disclosure_id"],
        notified_at=row["notified_at"],
        notified_by=row["notified_by"],
    )


def _notice_json(notice: Notice) -> dict[str, Any]:
    return {
        "id": notice.id,
        "recipient": notice.recipient,
        "recipient_agency": notice.recipient_agency,
        "basis": notice.basis,
        "disclosure_id": notice.disclosure_id,
        "notified_at": notice.notified_at.isoformat() if notice.notified_at else None,
        "notified_by": notice.notified_by,
    }


def _rectification(row: sa.RowMapping, notices: tuple[Notice, ...]) -> Rectification:
    return Rectification(
        id=int(row["id"]),
        person_id=str(row["person_id"]),
        target=str(row["target"]),
        target_id=int(row["target_id"]),
        source=str(row["source"]),
        before=json.loads(row["before"]),
        after=json.loads(row["after"]),
        reason=str(row["reason"]),
        requested_by=str(row["requested_by"]),
        made_by=str(row["made_by"]),
        made_at=row["made_at"],
        notices=notices,
    )
