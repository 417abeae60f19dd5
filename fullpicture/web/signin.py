"""The sign-in decision: password, second factor and throttling, in one place.

Every failure (unknown user, wrong password, missing or wrong or replayed code, disabled
account, locked out) produces the same outcome for the caller, so the response reveals nothing
about which part failed or whether the account exists. No session exists until every factor
has passed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import SecretError
from fullpicture.field_keys import FieldCipher
from fullpicture.web.roles import SECOND_FACTOR_ROLES, Role
from fullpicture.web.security.passwords import verify_password
from fullpicture.web.security.security_keys import needs_security_key
from fullpicture.web.security.throttle import (
    clear_user,
    is_locked,
    record_failure,
    throttle_keys,
)
from fullpicture.web.security.totp import accepted_step, open_secret
from fullpicture.web.tables import web_user

_log = logging.getLogger("fullpicture.web.signin")


@dataclass(frozen=True)
class SignInOutcome:
    """``user_id`` when the password step passed; ``locked`` when throttled (answer 429).

    ``needs_key`` means no session may start yet: the user's role signs in with a security key,
    which is the second factor (see :mod:`fullpicture.web.security.security_keys`).
    """

    user_id: int | None
    locked: bool = False
    needs_key: bool = False


def _factors_pass(
    row: sa.Row[tuple[object, ...]] | None,
    password: str,
    code: str,
    now: datetime,
    *,
    sso_only: bool = False,
    cipher: FieldCipher,
) -> int | None:
    """Return the accepted TOTP step (0 when none is needed), or None when a factor fails."""
    password_ok = verify_password(row.password_hash if row is not None else None, password)
    if row is None or not password_ok or row.disabled:
        return None
    if sso_only and row.oidc_subject is not None:
        return None  # this account signs in through the organisation's provider only
    if needs_security_key(str(row.role)):
        return 0  # the security key is the second factor; a TOTP code alone never suffices
    needs_code = row.totp_secret is not None or Role(str(row.role)) in SECOND_FACTOR_ROLES
    if not needs_code:
        return 0
    try:
        secret = open_secret(cipher, int(row.id), row.totp_secret)
    except SecretError:
        # A changed or moved secret, or a lost key: refuse like a wrong code, loudly for operators.
        _log.error("sign-in refused: the sealed TOTP secret of user %s does not open", row.id)
        return None
    if secret is None:
        return None  # a privileged role without an enrolled second factor cannot sign in
    return accepted_step(secret, code, now, row.totp_last_step)


def attempt_sign_in(
    conn: Connection,
    username: str,
    password: str,
    code: str,
    address: str,
    now: datetime,
    *,
    demo_mode: bool,
    cipher: FieldCipher,
    sso_only: bool = False,
) -> SignInOutcome:
    """Check the credentials and record the attempt; returns who signed in, if anyone.

    With ``sso_only``, accounts linked to a single sign-on subject cannot use a password.
    """
    keys = throttle_keys(username, address)
    if is_locked(conn, keys, now):
        return SignInOutcome(None, locked=True)
    row = conn.execute(
        sa.select(web_user).where(web_user.c.username == username.strip())
    ).one_or_none()
    if row is not None and row.is_demo and not demo_mode:
        row = None  # demo accounts exist only in demo mode
    step = _factors_pass(row, password, code, now, sso_only=sso_only, cipher=cipher)
    if row is None or step is None:
        record_failure(conn, keys, now)
        return SignInOutcome(None, locked=is_locked(conn, keys, now))
    if needs_security_key(str(row.role)):
        return SignInOutcome(int(row.id), needs_key=True)
    if step:
        conn.execute(web_user.update().where(web_user.c.id == row.id).values(totp_last_step=step))
    complete_sign_in(conn, int(row.id), now)
    return SignInOutcome(int(row.id))


def complete_sign_in(conn: Connection, user_id: int, now: datetime) -> None:
    """Record a sign-in that passed every factor: clear throttling, move "last seen" on."""
    row = conn.execute(sa.select(web_user).where(web_user.c.id == user_id)).one()
    clear_user(conn, str(row.username))
    conn.execute(
        web_user.update()
        .where(web_user.c.id == user_id)
        .values(previous_seen_at=row.last_seen_at, last_seen_at=now)
    )


@dataclass(frozen=True)
class SsoOutcome:
    """``user_id`` when the mapped account may sign in; otherwise a log-safe ``reason``.

    ``needs_key``: the account's role must still present a security key before a session.
    """

    user_id: int | None
    reason: str = ""
    needs_key: bool = False


def attempt_sso_sign_in(
    conn: Connection, subject: str, provider_mfa: bool, now: datetime, *, demo_mode: bool
) -> SsoOutcome:
    """Map a provider-verified subject to an existing account; never creates one.

    The second factor counts as satisfied only when the provider asserted MFA (``amr``/``acr``);
    an account that needs one is refused otherwise, since a half-signed-in state would be
    needed to ask for its TOTP code and none exists.
    """
    row = conn.execute(sa.select(web_user).where(web_user.c.oidc_subject == subject)).one_or_none()
    if row is None:
        return SsoOutcome(None, "unknown subject")
    if row.disabled or (row.is_demo and not demo_mode):
        return SsoOutcome(None, "account disabled")
    if needs_security_key(str(row.role)):
        return SsoOutcome(int(row.id), needs_key=True)  # the provider's MFA is not enough
    needs_factor = row.totp_secret is not None or Role(str(row.role)) in SECOND_FACTOR_ROLES
    if needs_factor and not provider_mfa:
        return SsoOutcome(None, "provider did not assert MFA")
    complete_sign_in(conn, int(row.id), now)
    return SsoOutcome(int(row.id))
