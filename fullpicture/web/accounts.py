"""User accounts, roles and assignments: what administrators (and ``fullpicture users``) change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import FullpictureError, NotFoundError
from fullpicture.field_keys import FieldCipher
from fullpicture.store.schema import person
from fullpicture.vocabulary import Agency
from fullpicture.web.roles import SECOND_FACTOR_ROLES, Role
from fullpicture.web.security.passwords import hash_password, password_problems
from fullpicture.web.security.sessions import revoke_user_sessions
from fullpicture.web.security.totp import new_totp_secret, seal_secret
from fullpicture.web.tables import assignment, web_user

DEFAULT_CREDENTIALS = frozenset({"admin", "administrator", "demo", "password", "changeme"})
"""User names and passwords refused outside demo mode (and always refused as passwords)."""


class AccountError(FullpictureError):
    """An account could not be created or changed as asked."""


@dataclass(frozen=True)
class NewAccount:
    """A created account, with its TOTP secret (shown once) when it has one."""

    user_id: int
    username: str
    totp_secret: str | None


def _check_new_account(username: str, role: str, agency: str, password: str) -> None:
    problems = [f"Unknown role '{role}'"] if role not in Role.__members__.values() else []
    if agency not in Agency.__members__.values():
        problems.append(f"Unknown agency '{agency}'")
    if not username.strip() or len(username) > 128:
        problems.append("Enter a user name of 1 to 128 characters")
    problems += password_problems(password)
    if password.lower() in DEFAULT_CREDENTIALS or password.lower() == username.lower():
        problems.append("Password must not be a default password or the user name")
    if problems:
        raise AccountError("; ".join(problems), hint="Correct the details and try again.")


def add_user(
    conn: Connection,
    *,
    username: str,
    display_name: str,
    role: str,
    agency: str,
    password: str,
    now: datetime,
    cipher: FieldCipher,
    with_totp: bool | None = None,
    is_demo: bool = False,
) -> NewAccount:
    """Create a user; roles that require a second factor always get a TOTP secret.

    The secret is stored sealed under ``cipher`` and bound to the new row; the plain secret is
    returned once, to be shown to the user.

    Raises:
        AccountError: a bad role, agency, user name or password, or the name is taken.
    """
    _check_new_account(username, role, agency, password)
    exists = conn.execute(sa.select(web_user.c.id).where(web_user.c.username == username))
    if exists.first() is not None:
        raise AccountError(f"The user name '{username}' is already taken.")
    secret = new_totp_secret() if (with_totp or Role(role) in SECOND_FACTOR_ROLES) else None
    user_id = conn.execute(
        web_user.insert()
        .values(
            username=username,
            display_name=display_name or username,
            role=role,
            agency=agency,
            password_hash=hash_password(password),
            is_demo=is_demo,
            created_at=now,
        )
        .returning(web_user.c.id)
    ).scalar_one()
    if secret is not None:
        sealed = seal_secret(cipher, int(user_id), secret)
        conn.execute(web_user.update().where(web_user.c.id == user_id).values(totp_secret=sealed))
    return NewAccount(int(user_id), username, secret)


def find_user_id(conn: Connection, username: str) -> int:
    """Return the id of ``username``; raises NotFoundError when there is no such user."""
    found = conn.execute(sa.select(web_user.c.id).where(web_user.c.username == username))
    user_id = found.scalar_one_or_none()
    if user_id is None:
        raise NotFoundError(f"There is no user '{username}'.")
    return int(user_id)


def update_user(
    conn: Connection, user_id: int, *, role: str, agency: str, disabled: bool, now: datetime
) -> None:
    """Change a user's role, agency or disabled flag; their live sessions end at once."""
    if role not in Role.__members__.values() or agency not in Agency.__members__.values():
        raise AccountError("Choose a known role and agency.")
    conn.execute(
        web_user.update()
        .where(web_user.c.id == user_id)
        .values(role=role, agency=agency, disabled=disabled)
    )
    revoke_user_sessions(conn, user_id, now)


def assign_child(
    conn: Connection, user_id: int, person_id: str, *, granted_by: str, now: datetime
) -> None:
    """Give ``user_id`` a legitimate relationship to ``person_id`` (idempotent)."""
    if conn.execute(sa.select(person.c.id).where(person.c.id == person_id)).first() is None:
        raise NotFoundError(f"There is no person '{person_id}'.")
    already = conn.execute(
        sa.select(assignment.c.user_id).where(
            assignment.c.user_id == user_id, assignment.c.person_id == person_id
        )
    ).first()
    if already is None:
        conn.execute(
            assignment.insert().values(
                user_id=user_id, person_id=person_id, granted_by=granted_by, granted_at=now
            )
        )


def unassign_child(conn: Connection, user_id: int, person_id: str) -> None:
    """End the relationship; it takes effect on the user's next request."""
    conn.execute(
        assignment.delete().where(
            assignment.c.user_id == user_id, assignment.c.person_id == person_id
        )
    )


def set_restricted(conn: Connection, person_id: str, restricted: bool) -> None:
    """Mark a person's record restricted (invisible to all but assigned users) or not."""
    done = conn.execute(
        person.update().where(person.c.id == person_id).values(restricted=restricted)
    )
    if done.rowcount == 0:
        raise NotFoundError(f"There is no person '{person_id}'.")


def link_sso(conn: Connection, user_id: int, subject: str) -> None:
    """Let ``user_id`` sign in with single sign-on as the provider's ``subject``.

    ``subject`` is the value of the configured user claim (``sub`` by default, ``oid`` on
    Entra ID). The account's password and second factor are kept.

    Raises:
        AccountError: a demo account, an empty or over-long subject, or a subject already
            linked to another account.
    """
    subject = subject.strip()
    if not subject or len(subject) > 256:
        raise AccountError("Enter the provider's subject: 1 to 256 characters.")
    row = conn.execute(sa.select(web_user.c.is_demo).where(web_user.c.id == user_id)).one()
    if row.is_demo:
        raise AccountError(
            "Demo accounts cannot use single sign-on.",
            hint="Link a real account, created with `fullpicture users add`.",
        )
    holder = conn.execute(
        sa.select(web_user.c.username).where(
            web_user.c.oidc_subject == subject, web_user.c.id != user_id
        )
    ).scalar_one_or_none()
    if holder is not None:
        raise AccountError(
            f"That subject is already linked to the account '{holder}'.",
            hint=f"Unlink it first: fullpicture users unlink-sso {holder}",
        )
    conn.execute(web_user.update().where(web_user.c.id == user_id).values(oidc_subject=subject))


def unlink_sso(conn: Connection, user_id: int, now: datetime) -> bool:
    """Stop ``user_id`` signing in with single sign-on; their live sessions end at once.

    Returns:
        True when the account was linked.
    """
    done = conn.execute(
        web_user.update()
        .where(web_user.c.id == user_id, web_user.c.oidc_subject.is_not(None))
        .values(oidc_subject=None)
    )
    if done.rowcount:
        revoke_user_sessions(conn, user_id, now)
    return bool(done.rowcount)
