"""Demo accounts for ``make demo``: one per role, with TOTP secrets, assigned to some children.

Demo accounts are marked ``is_demo`` and can sign in only when the application runs in demo
mode (``FULLPICTURE_DEMO_MODE=true``); outside demo mode they are refused like unknown users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from sqlalchemy.engine import Engine

from fullpicture.field_keys import FieldCipher
from fullpicture.store.schema import person, source_person
from fullpicture.web.accounts import add_user, assign_child
from fullpicture.web.security.security_keys import (
    has_security_key,
    issue_enrolment_code,
    needs_security_key,
)
from fullpicture.web.security.totp import open_secret, provisioning_uri
from fullpicture.web.tables import web_user

DEMO_PASSWORD = "demo-account-only-in-demo-mode"  # pragma: allowlist secret


@dataclass(frozen=True)
class DemoAccount:
    """A demo account as printed for the person running the demo."""

    username: str
    password: str
    role: str
    agency: str
    totp_secret: str | None
    totp_uri: str | None
    children: tuple[str, ...]
    enrolment_code: str | None = None  # administrators and auditors register a security key


_ACCOUNTS = (
    ("demo.socialworker", "Sam Patel (demo)", "social_worker", "social_care", 5),
    ("demo.practitioner", "Jo Evans (demo)", "practitioner", "health", 3),
    ("demo.iro", "Alex Morgan (demo)", "iro", "social_care", 3),
    ("demo.manager", "Chris Lee (demo)", "team_manager", "social_care", 5),
    ("demo.analyst", "Pat Kaur (demo)", "analyst", "partnership", 0),
    ("demo.auditor", "Robin Shah (demo)", "auditor", "partnership", 0),
    ("demo.admin", "Dee Walsh (demo)", "administrator", "social_care", 0),
)


def _children(engine: Engine, count: int) -> list[str]:
    """The children with the most agency records: the richest stories to show."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(source_person.c.person_id)
            .join(person, person.c.id == source_person.c.person_id)
            .where(source_person.c.is_child.is_(True), person.c.restricted.is_(False))
            .group_by(source_person.c.person_id)
            .order_by(sa.func.count().desc(), source_person.c.person_id)
            .limit(count)
        )
        return [str(r) for r in rows.scalars()]


def seed_demo_users(engine: Engine, cipher: FieldCipher) -> list[DemoAccount]:
    """Create (or refresh) the demo accounts and their assignments; return them for printing.

    Every demo account has a TOTP secret: add it to an authenticator app (or use
    ``fullpicture users code USERNAME`` in demo mode) to sign in.
    """
    now = datetime.now(UTC)
    children = _children(engine, 5)
    accounts: list[DemoAccount] = []
    with engine.begin() as conn:
        conn.execute(
            web_user.delete().where(
                web_user.c.is_demo.is_(True),
                ~web_user.c.id.in_(
                    sa.select(web_user.c.id).where(
                        web_user.c.username.in_([a[0] for a in _ACCOUNTS])
                    )
                ),
            )
        )
        for username, name, role, agency, n_children in _ACCOUNTS:
            row = conn.execute(
                web_user.select().where(web_user.c.username == username)
            ).one_or_none()
            if row is None:
                created = add_user(
                    conn,
                    username=username,
                    display_name=name,
                    role=role,
                    agency=agency,
                    password=DEMO_PASSWORD,
                    now=now,
                    cipher=cipher,
                    with_totp=True,
                    is_demo=True,
                )
                user_id, secret = created.user_id, created.totp_secret
            else:
                user_id, secret = int(row.id), open_secret(cipher, int(row.id), row.totp_secret)
            mine = tuple(children[:n_children])
            for pid in mine:
                assign_child(conn, user_id, pid, granted_by="demo", now=now)
            uri = provisioning_uri(secret, username) if secret else None
            code = None
            if needs_security_key(role) and not has_security_key(conn, user_id):
                code = issue_enrolment_code(conn, user_id, now)
            accounts.append(
                DemoAccount(username, DEMO_PASSWORD, role, agency, secret, uri, mine, code)
            )
    return accounts


def print_demo_accounts(accounts: list[DemoAccount], address: str, console: Console) -> None:
    """Print where the demo is served and how to sign in to each account."""
    console.print(f"[bold]fullpicture is at {address}[/] (Ctrl+C to stop)", highlight=False)
    console.print(f"Every demo account's password: [bold]{DEMO_PASSWORD}[/]", highlight=False)
    console.print(
        "Security codes: add the TOTP secret to an authenticator app, or run "
        "`FULLPICTURE_DEMO_MODE=true FULLPICTURE_DATA_DIR=<demo folder> fullpicture users code "
        "USERNAME --database sqlite:///<demo folder>/store.db` (the secrets are sealed under "
        "the demo folder's keys).",
        highlight=False,
    )
    for account in accounts:
        children = ", ".join(account.children) or "none (no case content for this role)"
        console.print(
            f"  {account.username:<20} {account.role:<14} TOTP secret {account.totp_secret}"
            f"  children: {children}",
            highlight=False,
            soft_wrap=True,
        )
    keyed = [a for a in accounts if a.enrolment_code]
    if keyed:
        console.print(
            "Administrators and auditors sign in with a security key (WebAuthn), not a TOTP "
            f"code alone: open {address.replace('127.0.0.1', 'localhost')} (a key needs a host "
            "name), sign in, and register a key with the one-time enrolment code:",
            highlight=False,
        )
        for account in keyed:
            console.print(f"  {account.username:<20} {account.enrolment_code}", highlight=False)


def serve_demo(
    store_path: Path,
    out_dir: Path,
    *,
    console: Console,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Seed the demo accounts, print them and the address, and serve the app in demo mode."""
    import uvicorn

    from fullpicture.config import Settings
    from fullpicture.store.database import open_store
    from fullpicture.web.app import cipher_for, create_app

    engine = open_store(f"sqlite:///{store_path.resolve()}")
    settings = Settings(data_dir=out_dir, demo_mode=True)
    accounts = seed_demo_users(engine, cipher_for(settings))
    app = create_app(settings, engine=engine)
    print_demo_accounts(accounts, f"http://{host}:{port}/", console)
    uvicorn.run(app, host=host, port=port, log_level="warning")
