"""``fullpicture users enrol-key``, ``keys`` and ``revoke-key``: security keys (WebAuthn)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.cli.web import record_admin_change, users_app


@users_app.command("enrol-key")
@command
def users_enrol_key(username: str, database: DatabaseOption = None) -> None:
    """Print a one-time enrolment code (valid 24 hours) to register a security key.

    Administrators and auditors sign in with a security key. After their password, a user
    without a key is asked for this code and then registers the key in the browser. Issuing a
    new code cancels any earlier unused one. Give the code to the user in person or by a
    channel other than email.

    Example: fullpicture users enrol-key a.admin
    """
    import sqlalchemy as sa

    from fullpicture.web.accounts import AccountError, find_user_id
    from fullpicture.web.security.security_keys import issue_enrolment_code, needs_security_key
    from fullpicture.web.tables import web_user

    with engine_for(database).begin() as conn:
        user_id = find_user_id(conn, username)
        role = conn.execute(sa.select(web_user.c.role).where(web_user.c.id == user_id)).scalar()
        if not needs_security_key(str(role)):
            raise AccountError(
                f"'{username}' is a {role}: only administrators and auditors use security keys.",
                hint="Other roles sign in with a password and a TOTP security code.",
            )
        code = issue_enrolment_code(conn, user_id, datetime.now(UTC))
    console.print(f"Enrolment code for {username} (one use, valid 24 hours): {code}")


@users_app.command("keys")
@command
def users_keys(
    username: str, database: DatabaseOption = None, json_output: JsonOption = False
) -> None:
    """List a user's registered security keys (id, credential id start, added, last used).

    Example: fullpicture users keys a.admin
    """
    from fullpicture.web.accounts import find_user_id
    from fullpicture.web.security.security_keys import list_keys

    with engine_for(database).connect() as conn:
        keys = list_keys(conn, find_user_id(conn, username))
    if json_output:
        print_json([asdict(k) for k in keys])
        return
    if not keys:
        console.print(f"{username} has no security key.")
    for k in keys:
        used = k.last_used_at.isoformat(timespec="minutes") if k.last_used_at else "never"
        console.print(
            f"key {k.id}: {k.credential_hint}…, added {k.created_at:%d %b %Y}, last used {used}",
            highlight=False,
        )


@users_app.command("revoke-key")
@command
def users_revoke_key(username: str, key_id: int, database: DatabaseOption = None) -> None:
    """Remove a lost or retired security key; the user's sessions end. The change is audited.

    A user left without a key needs a new enrolment code ('fullpicture users enrol-key').

    Example: fullpicture users revoke-key a.admin 3
    """
    from fullpicture.web.accounts import find_user_id
    from fullpicture.web.security.security_keys import list_keys, revoke_key

    with engine_for(database).begin() as conn:
        user_id = find_user_id(conn, username)
        revoke_key(conn, user_id, key_id, datetime.now(UTC))
        record_admin_change(conn, "revoke security key", {"user": username, "key": key_id})
        left = len(list_keys(conn, user_id))
    console.print(
        f"Key {key_id} of {username} revoked; their sessions ended. Keys left: {left}."
        + ("" if left else f" Issue a new code with 'fullpicture users enrol-key {username}'."),
        highlight=False,
    )
