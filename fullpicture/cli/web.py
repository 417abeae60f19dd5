"""``fullpicture serve``, ``fullpicture users ...`` and ``fullpicture audit ...``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    append_audit,
    audit_key,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.config import get_settings
from fullpicture.errors import AuditError, ConfigurationError

users_app = typer.Typer(help="Manage web users, roles and assignments.", no_args_is_help=True)
audit_app = typer.Typer(
    help="Verify and checkpoint the tamper-evident audit log.", no_args_is_help=True
)
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")


@app.command("serve")
@command
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (use the number of cores).")] = 1,
    database: DatabaseOption = None,
) -> None:
    """Serve the web application.

    Example: fullpicture serve --port 8000 --workers 2
    """
    import os

    import uvicorn

    from fullpicture.web.app import create_app

    settings = get_settings()
    console.print(f"fullpicture is at http://{host}:{port}/ (Ctrl+C to stop)")
    if workers > 1:
        engine_for(database).dispose()  # migrate once, before the workers start
        if database:
            os.environ["FULLPICTURE_DATABASE_URL"] = database
        uvicorn.run(
            "fullpicture.web.app:create_app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            proxy_headers=False,
        )
        return
    web = create_app(settings, engine=engine_for(database))
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=False)


@users_app.command("add")
@command
def users_add(
    username: str,
    role: Annotated[
        str,
        typer.Option(
            help="practitioner, social_worker, iro, team_manager, "
            "analyst, auditor or administrator."
        ),
    ],
    agency: Annotated[str, typer.Option(help="The user's agency, e.g. social_care.")],
    name: Annotated[str, typer.Option(help="Full name shown in the service.")] = "",
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
    database: DatabaseOption = None,
) -> None:
    """Add a user; prints the TOTP secret once when the account has a second factor.

    Example: fullpicture users add j.smith --role social_worker --agency social_care
    """
    from fullpicture.web.accounts import add_user
    from fullpicture.web.app import cipher_for

    with engine_for(database).begin() as conn:
        created = add_user(
            conn,
            username=username,
            display_name=name or username,
            role=role,
            agency=agency,
            password=password,
            now=datetime.now(UTC),
            cipher=cipher_for(get_settings()),
        )
    console.print(f"Added {username} ({role}, {agency}).")
    if created.totp_secret:
        console.print(f"TOTP secret (shown once): {created.totp_secret}")


@users_app.command("assign")
@command
def users_assign(username: str, person_id: str, database: DatabaseOption = None) -> None:
    """Assign a child to a user (a legitimate relationship to the record).

    Example: fullpicture users assign j.smith P0000123
    """
    from fullpicture.web.accounts import assign_child, find_user_id

    with engine_for(database).begin() as conn:
        assign_child(
            conn, find_user_id(conn, username), person_id, granted_by="cli", now=datetime.now(UTC)
        )
    console.print(f"Assigned {person_id} to {username}.")


def record_admin_change(conn: Any, purpose: str, detail: dict[str, Any]) -> None:
    """Append the change's audit entry in the caller's transaction (no entry, no change)."""
    import getpass

    append_audit(conn, f"cli:{getpass.getuser()}", purpose=purpose, action="change",
                 detail=detail, role="administrator", agency="partnership")  # fmt: skip


@users_app.command("link-sso")
@command
def users_link_sso(username: str, subject: str, database: DatabaseOption = None) -> None:
    """Let a user sign in with single sign-on: set the provider subject their account maps to.

    SUBJECT is the value of the configured user claim (FULLPICTURE_WEB_OIDC_USER_CLAIM: `sub`
    by default, `oid` on Entra ID). Refused for demo accounts; the change is audited.

    Example: fullpicture users link-sso j.smith 00000000-0000-0000-0000-000000000123
    """
    from fullpicture.web.accounts import find_user_id, link_sso

    with engine_for(database).begin() as conn:
        user_id = find_user_id(conn, username)
        link_sso(conn, user_id, subject)
        record_admin_change(conn, "link single sign-on", {"user": username})
    console.print(f"{username} can now sign in with single sign-on.")


@users_app.command("unlink-sso")
@command
def users_unlink_sso(username: str, database: DatabaseOption = None) -> None:
    """Stop a user signing in with single sign-on; their sessions end. The change is audited.

    Example: fullpicture users unlink-sso j.smith
    """
    from fullpicture.web.accounts import find_user_id, unlink_sso

    with engine_for(database).begin() as conn:
        if not unlink_sso(conn, find_user_id(conn, username), datetime.now(UTC)):
            console.print(f"{username} was not linked to single sign-on.")
            return
        record_admin_change(conn, "unlink single sign-on", {"user": username})
    console.print(f"{username} can no longer sign in with single sign-on.")


@audit_app.command("verify")
@command
def audit_verify(
    checkpoint: Annotated[
        Path | None, typer.Option(help="An external checkpoint file to check the log against.")
    ] = None,
    database: DatabaseOption = None,
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Recompute the audit chain; name the first bad entry (exit 1) if it was altered.

    Example: fullpicture audit verify --checkpoint /secure/audit-checkpoint.json
    """
    from fullpicture.audit.chain import verify_chain, verify_checkpoint

    engine = engine_for(database)
    result = verify_chain(engine, audit_key())
    if result.ok and checkpoint is not None:
        result = verify_checkpoint(engine, checkpoint)
    if json_output:
        print_json(result.__dict__)
    elif result.ok:
        console.print(f"The audit log verifies: {result.entries} entries.")
    else:
        console.print(
            f"The audit log does NOT verify. First bad entry: seq {result.first_bad_seq}"
            f" ({result.problem}).",
            highlight=False,
        )
    if not result.ok:
        raise typer.Exit(code=1)


@audit_app.command("checkpoint")
@command
def audit_checkpoint(out: Path, database: DatabaseOption = None) -> None:
    """Write the latest chain head to OUT, a location outside the database.

    Example: fullpicture audit checkpoint /secure/audit-checkpoint.json
    """
    from fullpicture.audit.chain import write_checkpoint

    try:
        written = write_checkpoint(engine_for(database), out)
    except OSError as exc:
        raise AuditError(f"Could not write the checkpoint to {out}: {exc}") from exc
    console.print(f"Checkpoint written: seq {written['seq']} to {out}.")


@users_app.command("code")
@command
def users_code(username: str, database: DatabaseOption = None) -> None:
    """Print the current security code of a DEMO account (demo mode only).

    Stands in for an authenticator app while trying the demo; refused for real accounts.

    Example: FULLPICTURE_DEMO_MODE=true fullpicture users code demo.socialworker
    """
    import sqlalchemy as sa

    from fullpicture.web.app import cipher_for
    from fullpicture.web.security.totp import current_code, open_secret
    from fullpicture.web.tables import web_user

    if not get_settings().demo_mode:
        raise ConfigurationError(
            "Security codes are printed only in demo mode.",
            hint="Set FULLPICTURE_DEMO_MODE=true for the demo.",
        )
    with engine_for(database).connect() as conn:
        row = conn.execute(
            sa.select(web_user.c.id, web_user.c.totp_secret).where(
                web_user.c.username == username, web_user.c.is_demo.is_(True)
            )
        ).one_or_none()
    secret = (
        None if row is None else open_secret(cipher_for(get_settings()), row.id, row.totp_secret)
    )
    if secret is None:
        raise ConfigurationError(f"There is no demo account '{username}' with a second factor.")
    console.print(current_code(secret, datetime.now(UTC)))
