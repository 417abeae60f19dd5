"""Snooping detection: too many children opened in an hour throttles the user and alerts auditors.

Before a child's case content is read (``context.child_unit``), the user's audit entries of the
last hour are counted: the distinct children they opened, and among them the ones they are not
assigned to (break-glass, or any other basis than an assignment). The child about to be opened
counts too. Over either limit, that child is refused with 429 and an alert is recorded for the
auditors (privacy officer), at most one per user and kind per hour. Children already opened in
the window stay available, so the throttle stops the sweep, not the work in hand.

The audit log is the source because it already holds one entry per view, written with the view;
nothing else has to be written on the way to a child's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.audit.tables import audit_entry
from fullpicture.errors import FullpictureError
from fullpicture.web.security.snooping_tables import snooping_alert
from fullpicture.web.tables import assignment

WINDOW = timedelta(hours=1)
UNRELATED = "unrelated-children"
MANY = "many-children"
_NOT_CHILD_ACCESS = ("role",)  # entries on the basis of the role are not views of a child


class ViewingThrottledError(FullpictureError):
    """The user opened too many children in the last hour; shown as 429."""

    def __init__(self) -> None:
        super().__init__(
            "You have opened an unusually large number of children's records in the last hour, "
            "so opening more is paused.",
            hint="Records you opened in the last hour are still available. An auditor has "
            "been told; ask your manager if you need more now.",
        )


@dataclass(frozen=True)
class ViewingLimits:
    """How many distinct children one user may open per hour.

    Attributes:
        unrelated_per_hour: children they are not assigned to (break-glass and the like).
        children_per_hour: children of any kind, assigned or not.
    """

    unrelated_per_hour: int = 5
    children_per_hour: int = 40


@dataclass(frozen=True)
class Breach:
    """A limit the next view would exceed."""

    kind: str
    count: int
    limit: int


# Built once: these run before every view of a child (building them cost more than running).
_OPENED = (
    sa.select(audit_entry.c.subject, audit_entry.c.basis)
    .where(
        audit_entry.c.actor == sa.bindparam("actor"),
        audit_entry.c.ts >= sa.bindparam("since"),
        audit_entry.c.subject != "-",
        audit_entry.c.basis.not_in(_NOT_CHILD_ACCESS),
    )
    .distinct()
)
# The common case (a child already opened in the window) is one lookup in the (actor, subject, ts)
# index, whatever the number of the user's entries in the hour; only a child not opened yet
# needs the whole window (_OPENED) to count the children.
_OPENED_THIS = (
    sa.select(sa.literal(1))
    .where(
        audit_entry.c.actor == sa.bindparam("actor"),
        audit_entry.c.subject == sa.bindparam("subject"),
        audit_entry.c.ts >= sa.bindparam("since"),
        audit_entry.c.basis.not_in(_NOT_CHILD_ACCESS),
    )
    .limit(1)
)
_ASSIGNED = sa.select(assignment.c.person_id).where(
    assignment.c.user_id == sa.bindparam("user_id"),
    assignment.c.person_id == sa.bindparam("person_id"),
)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")  # as the log stores ``ts``


def _opened_already(conn: Connection, username: str, person_id: str, since: datetime) -> bool:
    """True when the user opened ``person_id`` since ``since``."""
    params = {"actor": username, "subject": person_id, "since": _stamp(since)}
    return conn.execute(_OPENED_THIS, params).first() is not None


def _opened_in_window(conn: Connection, username: str, since: datetime) -> dict[str, bool]:
    """Children the user opened since ``since``: person id -> True when any view was unrelated."""
    rows = conn.execute(_OPENED, {"actor": username, "since": _stamp(since)})
    opened: dict[str, bool] = {}
    for subject, basis in rows:
        opened[str(subject)] = opened.get(str(subject), False) or basis != "assignment"
    return opened


def _is_assigned(conn: Connection, user_id: int, person_id: str) -> bool:
    found = conn.execute(_ASSIGNED, {"user_id": user_id, "person_id": person_id}).first()
    return found is not None


def assess_view(
    conn: Connection,
    user_id: int,
    username: str,
    person_id: str,
    now: datetime,
    limits: ViewingLimits,
) -> Breach | None:
    """Return the limit that opening ``person_id`` now would exceed, or None."""
    if _opened_already(conn, username, person_id, now - WINDOW):
        return None  # already open in the window: never blocks the work in hand
    opened = _opened_in_window(conn, username, now - WINDOW)
    unrelated = sum(opened.values()) + (0 if _is_assigned(conn, user_id, person_id) else 1)
    if unrelated > limits.unrelated_per_hour:
        return Breach(UNRELATED, unrelated, limits.unrelated_per_hour)
    if len(opened) + 1 > limits.children_per_hour:
        return Breach(MANY, len(opened) + 1, limits.children_per_hour)
    return None


def record_alert(
    conn: Connection, user_id: int, username: str, breach: Breach, now: datetime
) -> bool:
    """Record an alert for auditors unless one of this kind was raised in the last hour."""
    recent = conn.execute(
        sa.select(snooping_alert.c.id).where(
            snooping_alert.c.user_id == user_id,
            snooping_alert.c.kind == breach.kind,
            snooping_alert.c.raised_at > now - WINDOW,
        )
    ).first()
    if recent is not None:
        return False
    conn.execute(
        snooping_alert.insert().values(
            user_id=user_id,
            username=username,
            kind=breach.kind,
            children=breach.count,
            limit=breach.limit,
            raised_at=now,
        )
    )
    return True


def snooping_alerts(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Return the newest snooping alerts for the auditors' page."""
    rows = conn.execute(sa.select(snooping_alert).order_by(snooping_alert.c.id.desc()).limit(limit))
    return [dict(r._mapping) for r in rows]
