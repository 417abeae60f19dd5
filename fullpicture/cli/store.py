"""``fullpicture store``: back the store up, check that a backup restores, and restore it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    audit_key,
    command,
    console,
    engine_for,
    print_json,
)

store_app = typer.Typer(help="Back up the store and show that the backups restore.")
app.add_typer(store_app, name="store")


@store_app.command("backup")
@command
def store_backup(
    dest: Path, database: DatabaseOption = None, json_output: JsonOption = False
) -> None:
    """Copy the store to DEST at one instant, with a manifest of every table beside it.

    The copy is taken while the service runs (SQLite's online backup; pg_dump of an exported
    snapshot on PostgreSQL). The manifest holds each table's row count and content digest and
    the file's SHA-256; the key file is not part of the backup: keep it elsewhere.

    Example: fullpicture store backup /backups/fullpicture-2026-11-24.db
    """
    from fullpicture.store.backup import backup_store, manifest_path

    manifest = backup_store(engine_for(database), dest)
    rows = sum(t.rows for t in manifest.tables.values())
    if json_output:
        print_json({"backup": str(dest), "manifest": str(manifest_path(dest)), "rows": rows})
        return
    console.print(
        f"Backed up {len(manifest.tables)} tables ({rows:,} rows) to {dest}; "
        f"manifest {manifest_path(dest).name}. Check it with 'fullpicture store check-backup'.",
        highlight=False,
    )


def _audit_check(checkpoint: Path | None) -> Callable[[Engine], list[str]]:
    """The audit chain checks to run on a restored copy, with the service's key."""
    key = audit_key()

    def verify(engine: Engine) -> list[str]:
        from fullpicture.audit.chain import verify_chain, verify_checkpoint

        result = verify_chain(engine, key)
        if result.ok and checkpoint is not None:
            result = verify_checkpoint(engine, checkpoint)
        return [] if result.ok else [f"audit chain: seq {result.first_bad_seq}: {result.problem}"]

    return verify


@store_app.command("check-backup")
@command
def store_check_backup(
    backup: Path,
    into: Annotated[
        str | None,
        typer.Option(help="URL of an empty scratch database (needed for a PostgreSQL backup)."),
    ] = None,
    checkpoint: Annotated[
        Path | None, typer.Option(help="An audit checkpoint file the restored log must hold.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Restore BACKUP into a fresh instance and compare it with its manifest (exit 1 if not).

    Checks the file's SHA-256, SQLite's integrity check, every table's row count and digest,
    and the audit chain of the restored copy (and the checkpoint, if given). Run it on a
    schedule: a backup is only known to be good once it has been restored.

    Example: fullpicture store check-backup /backups/fullpicture-2026-11-24.db
    """
    from fullpicture.store.backup import check_backup

    result = check_backup(backup, into=into, verify=_audit_check(checkpoint))
    if json_output:
        print_json(asdict(result))
    elif result.ok:
        console.print(
            f"The backup restores: {result.tables} tables, {result.rows:,} rows, all equal to "
            f"the manifest; the audit chain verifies. Restore took {result.restore_seconds:.1f} s.",
            highlight=False,
        )
    else:
        console.print("The backup does NOT restore intact:", highlight=False)
        for problem in result.problems:
            console.print(f"  - {problem}", highlight=False)
    if not result.ok:
        raise typer.Exit(code=1)


@store_app.command("restore")
@command
def store_restore(
    backup: Path,
    to: Annotated[
        str, typer.Option(help="URL of the new store: a new SQLite file or an empty database.")
    ],
) -> None:
    """Restore BACKUP into a new store at --to (never over an existing one).

    Example: fullpicture store restore /backups/fullpicture-2026-11-24.db --to sqlite:///restored.db
    """
    from fullpicture.store.backup import restore_backup

    manifest = restore_backup(backup, to)
    console.print(
        f"Restored the backup of {manifest.created_at} into {to}. Check it with "
        "'fullpicture audit verify --database ...' before use.",
        highlight=False,
    )
