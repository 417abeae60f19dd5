"""``fullpicture users enrol-key``: a one-time code for registering a security key (WebAuthn)."""

from __future__ import annotations

from datetime import UTC, datetime

from fullpicture.cli.common import DatabaseOption, command, console, engine_for
from fullpicture.cli.web import users_app


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
