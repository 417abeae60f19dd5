"""Server-side sessions kept in the store.

The cookie holds a random token from :mod:`secrets`; the store keeps only its SHA-256, so a copy
of the database does not yield live sessions. Sessions end on sign-out (server side), after an
idle period, after an absolute lifetime, or when the account is disabled.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.web.clock import as_utc
from fullpicture.web.tables import web_session, web_user

COOKIE_NAME = "__Host-fullpicture-session"
TOUCH_EVERY = timedelta(seconds=60)  # avoid a write on every request


@dataclass(frozen=True)
class SignedInUser:
    """The user behind a live session."""

    user_id: int
    username: str
    display_name: str
    role: str
    agency: str
    session_id: str
    csrf_token: str
    previous_seen_at: datetime | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(conn: Connection, user_id: int, now: datetime) -> str:
    """Start a session for ``user_id`` and return the cookie token (never stored as such)."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        web_session.insert().values(
            id=_digest(token),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
        )
    )
    return token


def revoke_session(conn: Connection, token: str, now: datetime) -> None:
    """End the session whose cookie token is ``token`` (no-op for unknown tokens)."""
    conn.execute(
        web_session.update()
        .where(web_session.c.id == _digest(token), web_session.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )


# Built once: every request looks its session up, and building the statement cost more than
# running it.
_SESSION_AND_USER = (
    sa.select(web_session, web_user)
    .join(web_user, web_user.c.id == web_session.c.user_id)
    .where(web_session.c.id == sa.bindparam("digest"))
)


def load_session(
    conn: Connection, token: str, now: datetime, *, idle: timedelta, absolute: timedelta
) -> SignedInUser | None:
    """Return the signed-in user for ``token``, or None when the session is not live."""
    row = conn.execute(_SESSION_AND_USER, {"digest": _digest(token)}).one_or_none()
    if row is None or row.revoked_at is not None or row.disabled:
        return None
    last_seen, created = as_utc(row.last_seen_at), as_utc(row.created_at)
    if now - last_seen > idle or now - created > absolute:
        return None
    if now - last_seen > TOUCH_EVERY:
        conn.execute(
            web_session.update().where(web_session.c.id == row.id).values(last_seen_at=now)
        )
    previous = row.previous_seen_at
    return SignedInUser(
        user_id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        agency=row.agency,
        session_id=row.id,
        csrf_token=row.csrf_token,
        previous_seen_at=as_utc(previous) if previous is not None else None,
    )


def revoke_user_sessions(conn: Connection, user_id: int, now: datetime) -> None:
    """End every live session of ``user_id`` (on disabling the account or a role change)."""
    conn.execute(
        web_session.update()
        .where(web_session.c.user_id == user_id, web_session.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
