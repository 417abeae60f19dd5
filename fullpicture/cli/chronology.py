"""``fullpicture people`` and ``fullpicture chronology``."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from fullpicture.chronology import build_chronology, list_people
from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.errors import FullpictureError
from fullpicture.exports.chronology import EXPORT_FORMATS, export_chronology


@app.command("people")
@command
def people(json_output: JsonOption = False, database: DatabaseOption = None) -> None:
    """List the people in the store with their agencies and record counts.

    Example: fullpicture people --json
    """
    found = list_people(engine_for(database))
    if json_output:
        print_json([asdict(p) for p in found])
        return
    table = Table(title=f"{len(found)} people")
    for column in ("Id", "Name", "Date of birth", "Agencies", "Records", "Events"):
        table.add_column(column)
    for p in found:
        born = p.date_of_birth.isoformat() if p.date_of_birth else ""
        table.add_row(
            p.person_id, p.display_name, born, ", ".join(p.agencies), str(p.records), str(p.events)
        )
    console.print(table)


@app.command("chronology")
@command
def chronology(
    person: Annotated[
        str, typer.Argument(help="The person's id, as listed by 'fullpicture people'.")
    ],
    household: Annotated[
        bool, typer.Option("--household", help="Include everyone who lived with the person.")
    ] = False,
    view: Annotated[str, typer.Option(help="working, court (PD12A-style) or review.")] = "working",
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="Replace every name with a stable pseudonym.")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", help=f"One of: {', '.join(EXPORT_FORMATS)}.")
    ] = "text",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of standard output.")
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Print or export the merged multi-agency chronology of one person.

    Example: fullpicture chronology P000123 --view court --format docx --out p123.docx
    """
    if fmt in ("docx", "pdf") and out is None:
        raise FullpictureError(
            f"A {fmt.upper()} chronology cannot be written to the terminal.",
            hint=f"Add --out FILE.{fmt}.",
        )
    built = build_chronology(engine_for(database), person, household=household)
    result = export_chronology(built, view=view, fmt=fmt, anonymise=anonymise)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(result, bytes):
            out.write_bytes(result)
        else:
            out.write_text(result, encoding="utf-8")
        console.print(f"Wrote {out}", highlight=False)
    elif isinstance(result, str):
        sys.stdout.write(result)
