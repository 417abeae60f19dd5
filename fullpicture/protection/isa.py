"""The information-sharing agreement (ISA) registry, and the agency scope it gives.

An ISA names the agencies party to it, the purposes it covers, the fields approved for each
purpose, the lawful bases it rests on, and the dates it is in force (both inclusive). A
practitioner of agency A sees agency B's records of a child only while an ISA with A and B as
parties covers the purpose, and then only that purpose's approved fields
(:func:`shared_fields`). Social workers, IROs and team managers of the local authority keep the
multi-agency view: their statutory duties (Children Act 1989 s.17 and s.47, Children Act 2004
s.11, Working Together to Safeguard Children) are the lawful basis for it, not an agreement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.protection.tables import isa
from fullpicture.vocabulary import Agency

PURPOSES: dict[str, str] = {
    "safeguarding": "Safeguarding a child: enquiries, plans and multi-agency work on a case",
    "early_help": "Early help: support for a child and family below the statutory threshold",
    "court": "Court proceedings about a child (for example a PD12A chronology)",
    "case_review": "A child safeguarding practice review or other case review",
}
"""What records may be shared for; an ISA approves fields per purpose."""

VIEW_PURPOSE = "safeguarding"
"""The purpose under which a practitioner looks at a child's page."""

FIELDS: tuple[str, ...] = (
    "occurred_on",
    "event_type",
    "agency",
    "summary",
    "action",
    "opinion",
    "location",
    "significance",
    "author_role",
    "record_id",
)
"""The event fields an ISA can approve, in the order a minimised export lists them."""

REQUIRED_FIELDS = frozenset({"occurred_on", "event_type"})
"""A shared record needs at least its date and its kind to mean anything."""

LAWFUL_BASES: dict[str, str] = {
    "ca1989-s17": "Children Act 1989 s.17: services for a child in need",
    "ca1989-s47": "Children Act 1989 s.47: enquiries where a child may be suffering harm",
    "ca2004-s10": "Children Act 2004 s.10: co-operation to improve children's well-being",
    "ca2004-s11": "Children Act 2004 s.11: arrangements to safeguard and promote welfare",
    "ukgdpr-6-1-e": "UK GDPR Article 6(1)(e): a task in the public interest",
    "ukgdpr-6-1-c": "UK GDPR Article 6(1)(c): a legal obligation",
    "dpa2018-sch1-18": "DPA 2018 Schedule 1 paragraph 18: safeguarding children at risk",
    "court-order": "An order of a court requiring the disclosure",
}
"""The lawful bases a share can rest on (codes, with what each means)."""

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


@dataclass(frozen=True)
class Agreement:
    """One information-sharing agreement, as registered."""

    id: str
    title: str
    parties: frozenset[str]
    purposes: Mapping[str, frozenset[str]]
    lawful_bases: frozenset[str]
    start_date: date
    end_date: date | None
    ended_reason: str | None

    def in_force(self, on: date) -> bool:
        """True when ``on`` is between the start and end dates (both inclusive)."""
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)

    def fields_for(self, purpose: str) -> tuple[str, ...]:
        """Return the approved fields for ``purpose`` in export order (empty if not covered)."""
        approved = self.purposes.get(purpose, frozenset())
        return tuple(f for f in FIELDS if f in approved)


def _check_known(values: Iterable[str], known: Iterable[str], what: str) -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ProtectionError(
            f"Unknown {what}: {', '.join(unknown)}.",
            hint=f"Use one of: {', '.join(sorted(known))}.",
        )


def validate_agreement(agreement: Agreement) -> None:
    """Check an agreement before it is registered.

    Raises:
        ProtectionError: a bad id, fewer than two parties, an unknown agency, purpose, field or
            lawful basis, a purpose without date and event type, or an end before the start.
    """
    if not _ID.match(agreement.id):
        raise ProtectionError(
            f"{agreement.id!r} is not a usable agreement id.",
            hint="Use letters, digits, '.', '_' or '-', up to 32 characters (e.g. ISA-2026-01).",
        )
    _check_known(agreement.parties, [a.value for a in Agency], "agency")
    if len(agreement.parties) < 2:
        raise ProtectionError("An agreement needs at least two agencies as parties.")
    if not agreement.purposes:
        raise ProtectionError("An agreement needs at least one purpose with approved fields.")
    _check_known(agreement.purposes, PURPOSES, "purpose")
    for purpose, fields in agreement.purposes.items():
        _check_known(fields, FIELDS, "field")
        if not REQUIRED_FIELDS <= fields:
            raise ProtectionError(
                f"The fields for {purpose} must include occurred_on and event_type.",
            )
    if not agreement.lawful_bases:
        raise ProtectionError("An agreement needs at least one lawful basis.")
    _check_known(agreement.lawful_bases, LAWFUL_BASES, "lawful basis")
    if agreement.end_date is not None and agreement.end_date < agreement.start_date:
        raise ProtectionError("The end date is before the start date.")


def add_agreement(conn: Connection, agreement: Agreement, *, by: str, now: datetime) -> None:
    """Validate and register an agreement.

    Raises:
        ProtectionError: the agreement is invalid, or its id is taken.
    """
    validate_agreement(agreement)
    if conn.execute(sa.select(isa.c.id).where(isa.c.id == agreement.id)).first() is not None:
        raise ProtectionError(f"An agreement {agreement.id} already exists.")
    conn.execute(
        isa.insert().values(
            id=agreement.id,
            title=agreement.title,
            parties=json.dumps(sorted(agreement.parties)),
            purposes=json.dumps({p: sorted(f) for p, f in sorted(agreement.purposes.items())}),
            lawful_bases=json.dumps(sorted(agreement.lawful_bases)),
            start_date=agreement.start_date,
            end_date=agreement.end_date,
            created_by=by,
            created_at=now,
        )
    )


def _from_row(row: sa.Row[tuple[object, ...]]) -> Agreement:
    values = row._mapping
    purposes = json.loads(str(values["purposes"]))
    return Agreement(
        id=str(values["id"]),
        title=str(values["title"]),
        parties=frozenset(json.loads(str(values["parties"]))),
        purposes={p: frozenset(f) for p, f in purposes.items()},
        lawful_bases=frozenset(json.loads(str(values["lawful_bases"]))),
        start_date=values["start_date"],
        end_date=values["end_date"],
        ended_reason=values["ended_reason"],
    )


def list_agreements(conn: Connection) -> list[Agreement]:
    """Return every registered agreement, by id."""
    return [_from_row(r) for r in conn.execute(sa.select(isa).order_by(isa.c.id))]


def get_agreement(conn: Connection, isa_id: str) -> Agreement:
    """Return one agreement.

    Raises:
        NotFoundError: no agreement has this id.
    """
    row = conn.execute(sa.select(isa).where(isa.c.id == isa_id)).first()
    if row is None:
        raise NotFoundError(
            f"There is no information-sharing agreement {isa_id}.",
            hint="List them with: fullpicture isa list",
        )
    return _from_row(row)


def end_agreement(conn: Connection, isa_id: str, *, last_day: date, reason: str) -> Agreement:
    """End an agreement: ``last_day`` becomes its last day in force (it is never deleted).

    Raises:
        NotFoundError: no such agreement.
        ProtectionError: no reason given, or the day is before the agreement started.
    """
    current = get_agreement(conn, isa_id)
    if not reason.strip():
        raise ProtectionError("Give the reason the agreement ends.")
    if last_day < current.start_date:
        raise ProtectionError("The last day is before the agreement started.")
    if current.end_date is not None and current.end_date < last_day:
        last_day = current.end_date  # ending never extends an agreement
    conn.execute(
        isa.update()
        .where(isa.c.id == isa_id)
        .values(end_date=last_day, ended_reason=reason.strip())
    )
    return get_agreement(conn, isa_id)


def shared_fields(
    conn: Connection, own_agency: str, purpose: str, on: date
) -> dict[str, frozenset[str]]:
    """Return, for each other agency, the fields ``own_agency`` may see for ``purpose`` on ``on``.

    Several agreements between the same agencies add up (the union of their approved fields).
    """
    granted: dict[str, set[str]] = {}
    for agreement in list_agreements(conn):
        if own_agency not in agreement.parties or not agreement.in_force(on):
            continue
        fields = agreement.purposes.get(purpose)
        if not fields:
            continue
        for other in agreement.parties - {own_agency}:
            granted.setdefault(other, set()).update(fields)
    return {agency: frozenset(fields) for agency, fields in granted.items()}


def agreement_for_share(
    conn: Connection,
    isa_id: str,
    *,
    purpose: str,
    lawful_basis: str,
    parties: Iterable[str],
    on: date,
) -> Agreement:
    """Return the agreement a share rests on, after checking that it allows the share.

    Raises:
        ProtectionError: no agreement, purpose or lawful basis given; the agreement is not in
            force on ``on``; it does not cover the purpose, the lawful basis or the agencies.
    """
    if not isa_id.strip() or not purpose.strip() or not lawful_basis.strip():
        raise ProtectionError(
            "A share needs an information-sharing agreement, a purpose and a lawful basis.",
        )
    try:
        agreement = get_agreement(conn, isa_id.strip())
    except NotFoundError as exc:
        raise ProtectionError(exc.message, hint=exc.hint) from None
    if not agreement.in_force(on):
        raise ProtectionError(
            f"Agreement {agreement.id} is not in force on {on.isoformat()}.",
            hint="Share only under an agreement in force, or record a decision not to share.",
        )
    if purpose not in agreement.purposes:
        raise ProtectionError(f"Agreement {agreement.id} does not cover the purpose {purpose}.")
    if lawful_basis not in agreement.lawful_bases:
        raise ProtectionError(f"Agreement {agreement.id} does not rest on {lawful_basis}.")
    outside = sorted(set(parties) - agreement.parties)
    if outside:
        raise ProtectionError(
            f"Agreement {agreement.id} does not include: {', '.join(outside)}.",
        )
    return agreement
