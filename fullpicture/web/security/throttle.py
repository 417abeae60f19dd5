"""Sign-in throttling: time-based lockout per user name and per client address.

Unknown and known user names share the same counters and the same responses, so the lockout
reveals nothing about which accounts exist; it expires by itself, so an attacker cannot lock an
account for good.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.web.clock import as_utc
from fullpicture.web.tables import signin_throttle

WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
USER_LIMIT = 5
ADDRESS_LIMIT = 20


def throttle_keys(username: str, address: str) -> dict[str, int]:
    """Return the counters a sign-in attempt touches, with their failure limits."""
    return {f"user:{username.strip().lower()}": USER_LIMIT, f"ip:{address}": ADDRESS_LIMIT}


def is_locked(conn: Connection, keys: dict[str, int], now: datetime) -> bool:
    """Return True when any of ``keys`` is locked out at ``now``."""
    rows = conn.execute(
        sa.select(signin_throttle.c.locked_until).where(signin_throttle.c.key.in_(list(keys)))
    ).scalars()
    return any(until is not None and as_utc(until) > now for until in rows)


def record_failure(conn: Connection, keys: dict[str, int], now: datetime) -> None:
    """Count a failed attempt against each key, locking those that reach their limit."""
    for key, limit in keys.items():
        row = conn.execute(
            sa.select(signin_throttle).where(signin_throttle.c.key == key)
        ).one_or_none()
        if row is None or now - as_utc(row.window_start) > WINDOW:
            conn.execute(sa.delete(signin_throttle).where(signin_throttle.c.key == key))
            conn.execute(signin_throttle.insert().values(key=key, failures=1, window_start=now))
            continue
        failures = int(row.failures) + 1
        locked = now + LOCKOUT if failures >= limit else None
        conn.execute(
            signin_throttle.update()
            .where(signin_throttle.c.key == key)
            .values(failures=failures, locked_until=locked)
        )


def clear_user(conn: Connection, username: str) -> None:
    """Forget the failures of a user name after a successful sign-in."""
    key = f"user:{username.strip().lower()}"
    conn.execute(sa.delete(signin_throttle).where(signin_throttle.c.key == key))
