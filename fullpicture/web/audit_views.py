"""Read models for auditors: recent entries, break-glass grants, and who accessed a child."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.audit.tables import audit_entry
from fullpicture.web.tables import break_glass, web_user


def recent_entries(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Return the newest audit entries, newest first."""
    rows = conn.execute(sa.select(audit_entry).order_by(audit_entry.c.seq.desc()).limit(limit))
    return [dict(r._mapping) for r in rows]


def break_glass_grants(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Return the newest break-glass grants with who, on whom, why and until when."""
    rows = conn.execute(
        sa.select(
            break_glass.c.id,
            web_user.c.username,
            web_user.c.role,
            break_glass.c.person_id,
            break_glass.c.reason,
            break_glass.c.started_at,
            break_glass.c.expires_at,
        )
        .join(web_user, web_user.c.id == break_glass.c.user_id)
        .order_by(break_glass.c.id.desc())
        .limit(limit)
    )
    return [dict(r._mapping) for r in rows]


def accesses_to(
    conn: Connection, person_id: str, start: date | None, end: date | None
) -> list[dict[str, Any]]:
    """Return every audit entry about ``person_id`` in the period (dates inclusive, UTC)."""
    query = sa.select(audit_entry).where(audit_entry.c.subject == person_id)
    if start is not None:
        query = query.where(audit_entry.c.ts >= start.isoformat())
    if end is not None:
        query = query.where(audit_entry.c.ts < (end + timedelta(days=1)).isoformat())
    rows = conn.execute(query.order_by(audit_entry.c.seq))
    return [dict(r._mapping) for r in rows]
