"""Read models for auditors: recent entries, break-glass grants, and who accessed a child."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.audit.tables import audit_entry
from fullpicture.web.tables import break_glass, web_user


def _with_outcome(row: Any) -> dict[str, Any]:
    """An entry as the viewer shows it, with ``outcome`` (granted or denied) and ``refused``."""
    entry = dict(row._mapping)
    detail = json.loads(entry["detail"]) if entry["detail"] else {}
    denied = isinstance(detail, dict) and detail.get("outcome") == "denied"
    entry["outcome"] = "denied" if denied else "granted"
    entry["refused"] = str(detail.get("refused", "")) if denied else ""
    return entry


def recent_entries(
    conn: Connection, limit: int = 50, *, denied_only: bool = False
) -> list[dict[str, Any]]:
    """Return the newest audit entries (only denied attempts when asked), newest first."""
    query = sa.select(audit_entry).order_by(audit_entry.c.seq.desc()).limit(limit)
    if denied_only:
        query = query.where(
            audit_entry.c.basis == "none", audit_entry.c.detail.contains('"outcome":"denied"')
        )
    return [_with_outcome(r) for r in conn.execute(query)]


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
    return [_with_outcome(r) for r in rows]
