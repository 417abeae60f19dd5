"""Who may see which child: role, agency, a legitimate relationship, restriction, break-glass.

The order of the checks matters: a restricted record the user has no relationship with is
reported exactly as a missing record (NotFoundError), before any other check can reveal it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import AccessDeniedError, NotFoundError
from fullpicture.protection.isa import VIEW_PURPOSE, shared_fields
from fullpicture.store.schema import person
from fullpicture.web.clock import as_utc
from fullpicture.web.roles import CASE_ROLES, MULTI_AGENCY_ROLES, Role
from fullpicture.web.security.sessions import SignedInUser
from fullpicture.web.tables import assignment, break_glass

BREAK_GLASS_MINUTES = 60
BREAK_GLASS_MIN_REASON = 20


@dataclass(frozen=True)
class ChildAccess:
    """Why a user may see a child, and which agencies' records they see (None: all).

    ``shared_fields`` names the agencies seen only through an information-sharing agreement,
    with the fields the agreement approves; every other agency in ``agencies`` is seen whole.
    """

    person_id: str
    basis: str  # "assignment" or "break-glass"
    agencies: frozenset[str] | None
    shared_fields: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def whole_agencies(self) -> frozenset[str] | None:
        """The agencies whose records are seen whole (None: all), e.g. for the household."""
        if self.agencies is None:
            return None
        return self.agencies - frozenset(self.shared_fields)


def active_break_glass(
    conn: Connection, user_id: int, person_id: str, now: datetime
) -> datetime | None:
    """Return when the user's break-glass window on ``person_id`` ends, if one is open."""
    ends = conn.execute(
        sa.select(sa.func.max(break_glass.c.expires_at)).where(
            break_glass.c.user_id == user_id, break_glass.c.person_id == person_id
        )
    ).scalar_one_or_none()
    return as_utc(ends) if ends is not None and as_utc(ends) > now else None


def _restricted(conn: Connection, person_id: str) -> bool | None:
    found = conn.execute(sa.select(person.c.restricted).where(person.c.id == person_id))
    value = found.scalar_one_or_none()
    return None if value is None else bool(value)


_RESTRICTED_AND_ASSIGNED = sa.select(
    person.c.restricted,
    sa.select(assignment.c.user_id)
    .where(
        assignment.c.user_id == sa.bindparam("user_id"),
        assignment.c.person_id == sa.bindparam("person_id"),
    )
    .exists()
    .label("assigned"),
).where(person.c.id == sa.bindparam("person_id"))


def _restricted_and_assigned(
    conn: Connection, user_id: int, person_id: str
) -> tuple[bool | None, bool]:
    """One round trip: the person's restriction (None: no such person) and the assignment."""
    row = conn.execute(
        _RESTRICTED_AND_ASSIGNED, {"user_id": user_id, "person_id": person_id}
    ).first()
    return (None, False) if row is None else (bool(row[0]), bool(row[1]))


def child_access(
    conn: Connection, user: SignedInUser, person_id: str, now: datetime
) -> ChildAccess:
    """Decide whether ``user`` may see ``person_id``'s case content, and on what basis.

    Raises:
        NotFoundError: no such person, or a restricted person the user is not assigned to.
        AccessDeniedError: no role for case content, or no relationship and no break-glass.
    """
    restricted, assigned = _restricted_and_assigned(conn, user.user_id, person_id)
    if restricted is None or (restricted and not assigned):
        raise NotFoundError("Page not found")
    if Role(user.role) not in CASE_ROLES:
        raise AccessDeniedError("Your role does not give access to case records.")
    if assigned:
        return _scoped(conn, user, person_id, "assignment", now)
    if active_break_glass(conn, user.user_id, person_id, now) is not None:
        return _scoped(conn, user, person_id, "break-glass", now)
    raise AccessDeniedError("You are not assigned to this child.")


def agency_scope(
    conn: Connection, user: SignedInUser, now: datetime
) -> tuple[frozenset[str] | None, dict[str, frozenset[str]]]:
    """Decide, in one place, which agencies' records a user sees (None: every agency), and
    which of those only through an information-sharing agreement (with the approved fields).

    The local authority's social workers, IROs and team managers see every agency: their
    statutory role (Children Act 1989 s.17 and s.47, Children Act 2004 s.11) is the basis. A
    practitioner sees their own agency whole, and another agency only while an agreement in
    force covers the purpose of viewing a case for both agencies.
    """
    if Role(user.role) in MULTI_AGENCY_ROLES:
        return None, {}
    shared = shared_fields(conn, user.agency, VIEW_PURPOSE, now.date())
    shared.pop(user.agency, None)
    return frozenset({user.agency, *shared}), shared


def _scoped(
    conn: Connection, user: SignedInUser, person_id: str, basis: str, now: datetime
) -> ChildAccess:
    agencies, shared = agency_scope(conn, user, now)
    return ChildAccess(person_id, basis, agencies, shared)


def start_break_glass(
    conn: Connection, user: SignedInUser, person_id: str, reason: str, now: datetime
) -> datetime:
    """Open a time-boxed break-glass window on ``person_id`` and return when it ends.

    The caller must have checked the step-up second factor and must audit the grant.

    Raises:
        NotFoundError: no such person, or the record is restricted (sealed records refuse it).
        AccessDeniedError: the role may not break glass, or the reason is too short.
    """
    if _restricted(conn, person_id) in (None, True):
        raise NotFoundError("Page not found")
    if Role(user.role) not in CASE_ROLES:
        raise AccessDeniedError("Your role does not give access to case records.")
    if len(reason.strip()) < BREAK_GLASS_MIN_REASON:
        raise AccessDeniedError(f"Give a reason of at least {BREAK_GLASS_MIN_REASON} characters.")
    ends = now + timedelta(minutes=BREAK_GLASS_MINUTES)
    conn.execute(
        break_glass.insert().values(
            user_id=user.user_id,
            person_id=person_id,
            reason=reason.strip(),
            started_at=now,
            expires_at=ends,
        )
    )
    return ends


def visible_children(conn: Connection, user: SignedInUser) -> list[str]:
    """Return the ids of the people the user is assigned to (restricted or not)."""
    if Role(user.role) not in CASE_ROLES:
        return []
    rows = conn.execute(
        sa.select(assignment.c.person_id)
        .where(assignment.c.user_id == user.user_id)
        .order_by(assignment.c.person_id)
    )
    return [str(pid) for pid in rows.scalars()]
