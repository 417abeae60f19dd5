"""Subject access requests: the register, third-party releases, and the SAR pack.

The pack holds everything the store has about the person from every agency (their agency
records, addresses, relationships, the events about them and the events they took part in) and
the disclosure history. Other people in those records are third parties: their names are
replaced by ``[third party]`` unless a release decision for this request says they may be given
(consent, or reasonable to disclose without it). Restricted records are withheld for a person to
review. Every redaction and withholding is written to ``sar_redaction`` with its reason.

Only third parties the store knows (people linked by a relationship or taking part in an event)
are found; a name typed into free text of someone the store does not hold is not. The pack is
for a person to check before release, not a substitute for that check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.protection.deadlines import check_extension_notice, response_deadline
from fullpicture.protection.disclosure import disclosure_history
from fullpicture.protection.tables import sar_redaction, sar_release, sar_request
from fullpicture.store.schema import (
    address,
    event,
    event_participant,
    person,
    relationship,
    source_person,
)

REDACTED = "[third party]"
REASON_THIRD_PARTY = (
    "Third-party personal data: no consent or release decision for this request "
    "(DPA 2018 Schedule 2 paragraph 16)"
)
REASON_RESTRICTED = (
    "Restricted record withheld for review before release (for example the serious harm test, "
    "DPA 2018 Schedule 3)"
)
_TEXT_FIELDS = ("summary", "opinion", "action", "reason_no_action", "location")
_MIN_TOKEN = 3


def open_request(
    conn: Connection, person_id: str, *, requester: str, received_on: date, by: str, now: datetime
) -> int:
    """Register a request and return its id; the deadline is computed from ``received_on``.

    Raises:
        NotFoundError: no such person.
        ProtectionError: no requester named, or a receipt date in the future.
    """
    if conn.execute(sa.select(person.c.id).where(person.c.id == person_id)).first() is None:
        raise NotFoundError(f"There is no person {person_id}.")
    if not requester.strip():
        raise ProtectionError("Name who made the request (the person, or who acts for them).")
    if received_on > now.date():
        raise ProtectionError("The request cannot be received in the future.")
    return int(
        conn.execute(
            sar_request.insert()
            .values(
                person_id=person_id,
                requester=requester.strip(),
                received_on=received_on,
                due_on=response_deadline(received_on),
                status="open",
                opened_by=by,
                opened_at=now,
            )
            .returning(sar_request.c.id)
        ).scalar_one()
    )


def get_request(conn: Connection, sar_id: int) -> dict[str, Any]:
    """Return one request.

    Raises:
        NotFoundError: no such request.
    """
    row = conn.execute(sa.select(sar_request).where(sar_request.c.id == sar_id)).first()
    if row is None:
        raise NotFoundError(f"There is no subject access request {sar_id}.")
    return dict(row._mapping)


def list_requests(conn: Connection, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Return requests, the soonest due first."""
    query = sa.select(sar_request).order_by(
        sa.func.coalesce(sar_request.c.extended_due_on, sar_request.c.due_on), sar_request.c.id
    )
    if open_only:
        query = query.where(sar_request.c.status == "open")
    return [dict(r._mapping) for r in conn.execute(query)]


def extend_request(conn: Connection, sar_id: int, *, notified_on: date, reason: str) -> date:
    """Extend a request by two months; return the new deadline.

    Raises:
        NotFoundError: no such request.
        ProtectionError: no reason, or the requester was told after the first month.
    """
    found = get_request(conn, sar_id)
    if not reason.strip():
        raise ProtectionError("Give the reason for extending (why the request is complex).")
    due = check_extension_notice(found["received_on"], notified_on)
    conn.execute(
        sar_request.update()
        .where(sar_request.c.id == sar_id)
        .values(extended_due_on=due, extension_notified_on=notified_on, extension_reason=reason)
    )
    return due


def release_third_party(
    conn: Connection, sar_id: int, third_party_id: str, *, reason: str, by: str, now: datetime
) -> None:
    """Record that a third party's name may be given in this request's pack, and why.

    Raises:
        NotFoundError: no such request.
        ProtectionError: no reason given.
    """
    get_request(conn, sar_id)
    if not reason.strip():
        raise ProtectionError("Give the reason the third party's details may be released.")
    conn.execute(
        sar_release.insert().values(
            sar_id=sar_id,
            third_party_id=third_party_id,
            reason=reason.strip(),
            decided_by=by,
            decided_at=now,
        )
    )


def latest_open_request(conn: Connection, person_id: str) -> int:
    """Return the id of the person's most recent open request.

    Raises:
        ProtectionError: the person has no open request.
    """
    found = conn.execute(
        sa.select(sa.func.max(sar_request.c.id)).where(
            sar_request.c.person_id == person_id, sar_request.c.status == "open"
        )
    ).scalar_one_or_none()
    if found is None:
        raise ProtectionError(
            f"{person_id} has no open subject access request.",
            hint=f"Register it first: fullpicture sar open {person_id} --requester NAME",
        )
    return int(found)


@dataclass
class _Redactor:
    """Replaces third parties' names in text and remembers each redaction."""

    patterns: dict[str, re.Pattern[str]]
    made: list[tuple[str, str]] = field(default_factory=list)  # (location, third party key)

    def clean(self, text: str | None, location: str) -> str | None:
        if not text:
            return text
        for key, pattern in self.patterns.items():
            text, count = pattern.subn(REDACTED, text)
            if count:
                self.made.append((location, key))
        return text


def _own_source_ids(conn: Connection, person_id: str) -> list[int]:
    query = sa.select(source_person.c.id).where(source_person.c.person_id == person_id)
    return [int(i) for i in conn.execute(query).scalars()]


def _third_party_keys(conn: Connection, own: list[int]) -> dict[int, str]:
    """Source records of other people linked to the person: relationships and participants."""
    rel = relationship.c
    linked = sa.union(
        sa.select(rel.from_source_person_id.label("sp")).where(rel.to_source_person_id.in_(own)),
        sa.select(rel.to_source_person_id.label("sp")).where(rel.from_source_person_id.in_(own)),
        sa.select(event_participant.c.source_person_id.label("sp"))
        .join(event, event.c.id == event_participant.c.event_id)
        .where(event.c.subject_source_person_id.in_(own)),
        sa.select(event.c.subject_source_person_id.label("sp"))
        .join(event_participant, event_participant.c.event_id == event.c.id)
        .where(event_participant.c.source_person_id.in_(own)),
    ).subquery()
    rows = conn.execute(
        sa.select(source_person.c.id, source_person.c.person_id).where(
            source_person.c.id.in_(sa.select(linked.c.sp)), source_person.c.id.not_in(own)
        )
    )
    return {int(r.id): str(r.person_id) if r.person_id else f"S{r.id}" for r in rows}


def _names(rows: Iterable[Any]) -> set[str]:
    names: set[str] = set()
    for row in rows:
        parts = [row.given_name, row.middle_names, row.family_name, row.known_as]
        parts.append(row.former_family_name)
        words = [p.strip() for p in parts if p and p.strip()]
        names.update(words)
        if row.given_name and row.family_name:
            names.add(f"{row.given_name.strip()} {row.family_name.strip()}")
    return names


def _name_patterns(
    conn: Connection, person_id: str, own: list[int], parties: dict[int, str], released: set[str]
) -> dict[str, re.Pattern[str]]:
    """One pattern per third party (not released) matching their names as whole words; words
    that are also the subject's own names are left alone."""
    sp = source_person
    own_words = {w.lower() for w in _names(conn.execute(sa.select(sp).where(sp.c.id.in_(own))))}
    own_words.update(
        w.lower()
        for name in conn.execute(
            sa.select(person.c.display_name).where(person.c.id == person_id)
        ).scalars()
        for w in str(name).split()
    )
    by_key: dict[str, set[str]] = {}
    rows = conn.execute(sa.select(sp).where(sp.c.id.in_(list(parties))))
    for row in rows:
        key = parties[int(row.id)]
        if key not in released:
            by_key.setdefault(key, set()).update(_names([row]))
    displayed = conn.execute(
        sa.select(person.c.id, person.c.display_name).where(person.c.id.in_(list(by_key)))
    )
    for row in displayed:
        by_key[str(row.id)].add(str(row.display_name))
    patterns = {}
    for key, names in by_key.items():
        usable = sorted(
            (n for n in names if len(n) >= _MIN_TOKEN and n.lower() not in own_words),
            key=len,
            reverse=True,
        )
        if usable:
            alternatives = "|".join(re.escape(n) for n in usable)
            patterns[key] = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    return patterns


def _agency_records(conn: Connection, own: list[int]) -> list[dict[str, Any]]:
    sp = source_person.c
    columns = [sp.id, sp.agency, sp.source, sp.local_id, sp.given_name, sp.middle_names]
    columns += [sp.family_name, sp.known_as, sp.former_family_name, sp.date_of_birth, sp.sex]
    columns += [sp.nhs_number, sp.upn, sp.postcode, sp.address]
    rows = conn.execute(sa.select(*columns).where(sp.id.in_(own)).order_by(sp.agency, sp.id))
    return [dict(r._mapping) for r in rows]


def _addresses(conn: Connection, own: list[int]) -> list[dict[str, Any]]:
    a = address.c
    query = sa.select(a.source, a.postcode, a.address, a.start_date, a.end_date)
    rows = conn.execute(query.where(a.source_person_id.in_(own)).order_by(a.start_date, a.id))
    return [dict(r._mapping) for r in rows]


def _relationships(
    conn: Connection, own: list[int], parties: dict[int, str], released: set[str], made: list[Any]
) -> list[dict[str, Any]]:
    rel = relationship.c
    other = sa.case(
        (rel.to_source_person_id.in_(own), rel.from_source_person_id), else_=rel.to_source_person_id
    )
    query = sa.select(
        rel.id, rel.kind, rel.source, rel.start_date, rel.end_date, other.label("other")
    )
    query = query.where(
        sa.or_(rel.to_source_person_id.in_(own), rel.from_source_person_id.in_(own))
    )
    names = {
        int(r.id): " ".join(p for p in (r.given_name, r.family_name) if p)
        for r in conn.execute(sa.select(source_person).where(source_person.c.id.in_(list(parties))))
    }
    out = []
    for row in conn.execute(query.order_by(rel.id)):
        key = parties.get(int(row.other), "-")
        if key in released:
            who = names.get(int(row.other), "")
        else:
            who = REDACTED
            made.append((f"relationship {row.id}", key))
        out.append({"kind": row.kind, "source": row.source, "with": who,
                    "start_date": row.start_date, "end_date": row.end_date})  # fmt: skip
    return out


def _events(
    conn: Connection, own: list[int], redactor: _Redactor, withheld: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    as_participant = sa.select(event_participant.c.event_id, event_participant.c.role).where(
        event_participant.c.source_person_id.in_(own)
    )
    roles = {int(r.event_id): str(r.role) for r in conn.execute(as_participant)}
    query = sa.select(event).where(
        sa.or_(event.c.subject_source_person_id.in_(own), event.c.id.in_(list(roles)))
    )
    out = []
    for row in conn.execute(query.order_by(event.c.occurred_on, event.c.sequence, event.c.id)):
        role = "subject" if row.subject_source_person_id in own else roles[int(row.id)]
        item: dict[str, Any] = {"event_id": row.id, "agency": row.agency, "source": row.source,
                                "occurred_on": row.occurred_on, "precision": row.precision,
                                "event_type": row.event_type, "record_id": row.record_id,
                                "role": role}  # fmt: skip
        if row.restricted:
            withheld.append((f"event {row.id}", "restricted"))
            item["withheld"] = REASON_RESTRICTED
        else:
            for name in _TEXT_FIELDS:
                item[name] = redactor.clean(getattr(row, name), f"event {row.id} {name}")
        out.append(item)
    return out


@dataclass(frozen=True)
class SarPack:
    """A subject access request pack and the number of redactions logged for it."""

    sar_id: int
    person_id: str
    content: dict[str, Any]
    redactions: int


def build_pack(conn: Connection, sar_id: int, now: datetime) -> SarPack:
    """Build the pack for a request and log each redaction with its reason.

    Raises:
        NotFoundError: no such request, or its person no longer exists.
    """
    request = get_request(conn, sar_id)
    person_id = str(request["person_id"])
    header = conn.execute(sa.select(person).where(person.c.id == person_id)).first()
    if header is None:
        raise NotFoundError(f"There is no person {person_id}.")
    own = _own_source_ids(conn, person_id)
    parties = _third_party_keys(conn, own)
    released = {
        str(r) for r in conn.execute(
            sa.select(sar_release.c.third_party_id).where(sar_release.c.sar_id == sar_id)
        ).scalars()
    }  # fmt: skip
    redactor = _Redactor(_name_patterns(conn, person_id, own, parties, released))
    withheld: list[tuple[str, str]] = []
    events = _events(conn, own, redactor, withheld)
    relationships = _relationships(conn, own, parties, released, redactor.made)
    log = [(loc, key, REASON_THIRD_PARTY) for loc, key in redactor.made]
    log += [(loc, key, REASON_RESTRICTED) for loc, key in withheld]
    for location, key, reason in log:
        conn.execute(sar_redaction.insert().values(sar_id=sar_id, location=location,
                                                   third_party_id=key, reason=reason,
                                                   redacted_at=now))  # fmt: skip
    content = {
        "request": request,
        "person": {k: header._mapping[k] for k in ("id", "display_name", "date_of_birth", "sex")},
        "agency_records": _agency_records(conn, own),
        "addresses": _addresses(conn, own),
        "relationships": relationships,
        "events": events,
        "disclosures": disclosure_history(conn, person_id),
        "redactions": [
            {"location": loc, "third_party": key, "reason": reason} for loc, key, reason in log
        ],  # fmt: skip
        "generated_at": now,
    }
    return SarPack(sar_id, person_id, content, len(log))


def pack_json(pack: SarPack) -> str:
    """Return the pack as indented JSON (dates in ISO 8601)."""

    def default(value: Any) -> str:
        if isinstance(value, date | datetime):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return json.dumps(pack.content, default=default, indent=2, ensure_ascii=False)
