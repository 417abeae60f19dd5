"""What every command shares: opening the store, printing JSON, and translating errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlalchemy.engine import Engine

from fullpicture.config import get_settings
from fullpicture.errors import ConfigurationError, FullpictureError
from fullpicture.store.database import open_store
from fullpicture.store.faults import storage_faults

console = Console()
err_console = Console(stderr=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        help="SQLAlchemy URL of the store (default: FULLPICTURE_DATABASE_URL, else SQLite in "
        "FULLPICTURE_DATA_DIR).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def engine_for(database: str | None) -> Engine:
    """Open (and migrate) the store named on the command line or in the settings.

    Raises:
        ConfigurationError: a PostgreSQL URL without verified TLS (requirement 44).
    """
    settings = get_settings()
    url = settings.checked_database_url(database) if database else None
    return open_store(url or settings.resolved_database_url())


def audit_key() -> bytes:
    """The audit chain's key, derived from the service's key file.

    Raises:
        ConfigurationError: the key file does not exist.
    """
    from fullpicture.audit.keys import derive_key, load_or_create_key
    from fullpicture.web.app import key_file_for

    path = key_file_for(get_settings())
    if not path.exists():
        raise ConfigurationError(
            f"There is no key file at {path}.",
            hint="Set FULLPICTURE_SECRET_KEY_FILE to the service's key file.",
        )
    return derive_key(load_or_create_key(path), "audit-chain")


def append_audit(
    conn: Any,
    actor: str,
    *,
    purpose: str,
    action: str,
    detail: dict[str, Any],
    subject: str = "-",
    role: str = "cli",
    agency: str = "-",
) -> None:
    """Append a command's audit entry in the caller's transaction (no entry, no change).

    Raises:
        ConfigurationError: the key file does not exist.
    """
    from datetime import UTC

    from fullpicture.audit.chain import AuditEntry, append_entry

    entry = AuditEntry(actor=actor, role=role, agency=agency, basis="role", purpose=purpose,
                       action=action, subject=subject, detail=detail)  # fmt: skip
    append_entry(conn, audit_key(), entry, now=datetime.now(UTC))


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on standard output."""
    sys.stdout.write(json.dumps(data, default=_default, indent=2) + "\n")


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn fullpicture errors into one clear message and exit code 2, never a traceback."""
    try:
        yield
    except FullpictureError as exc:
        err_console.print(f"[bold red]Error:[/] {exc.message}", highlight=False, soft_wrap=True)
        if exc.hint:
            err_console.print(f"[bold]What to do:[/] {exc.hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None


def command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command function so that its domain errors (and a full or failing disk)
    are translated at the edge into a message and exit code 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with translated_errors(), storage_faults("running this command"):
            return func(*args, **kwargs)

    return wrapper
