"""``fullpicture import`` and ``fullpicture quarantine``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    err_console,
    print_json,
)
from fullpicture.intake.importer import FileResult, import_file, import_files
from fullpicture.intake.mapping import load_mapping
from fullpicture.intake.quarantine import export_quarantine, list_quarantine


def _result_json(result: FileResult) -> dict[str, Any]:
    data = asdict(result)
    data["path"] = str(result.path)
    return data


def _results_table(results: list[FileResult]) -> Table:
    table = Table(title="Import")
    for name in ("File", "Table", "Read", "Stored", "Quarantined", "Warnings", "Ledger", "SHA-256"):
        table.add_column(name, justify="right" if name in {"Read", "Stored"} else "left")
    for r in results:
        state = f"{r.ledger_id} (already imported)" if r.already_imported else str(r.ledger_id)
        table.add_row(
            escape(r.path.name), escape(r.table), str(r.read), str(r.stored), str(r.quarantined),
            str(r.warnings), state, r.sha256[:16] + "…",
        )  # fmt: skip
    return table


def _print_notes(results: list[FileResult]) -> None:
    for result in results:
        for note in result.notes:
            console.print(escape(f"{result.path.name}: {note}"), highlight=False, soft_wrap=True)


@app.command("import")
@command
def import_command(
    files: Annotated[list[Path], typer.Argument(help="CSV, XLSX or JSON files of one source.")],
    source: Annotated[str, typer.Option("--source", help="The source the files come from.")],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="The source's mapping (TOML/JSON); registered for later."),
    ] = None,
    supersedes: Annotated[
        int | None,
        typer.Option(
            "--supersedes", help="Ledger id of an earlier file this corrected file replaces."
        ),
    ] = None,
    max_bad_ratio: Annotated[
        float | None,
        typer.Option(
            "--max-bad-ratio", help="Keep nothing if more than this share of rows is bad."
        ),
    ] = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Take agency files in: every row stored or quarantined with its reasons.

    Prints, per file, rows read, stored and quarantined (read = stored + quarantined), the
    file's SHA-256 and its ledger id. The same file imported again changes nothing.

    Examples:

        fullpicture import extracts/police/*.csv --source police --mapping mappings/police.toml

        fullpicture import police_persons_v2.csv --source police --supersedes 3 --json
    """
    loaded = load_mapping(mapping) if mapping is not None else None
    engine = engine_for(database)
    if supersedes is not None:
        if len(files) != 1:
            raise typer.BadParameter("--supersedes takes one corrected file at a time.")
        results = [
            import_file(
                engine, files[0], source, loaded, supersedes=supersedes, max_bad_ratio=max_bad_ratio
            )
        ]
    else:
        results = import_files(engine, files, source, loaded, max_bad_ratio=max_bad_ratio)
    if as_json:
        print_json([_result_json(r) for r in results])
        return
    console.print(_results_table(results))
    _print_notes(results)


@app.command("quarantine")
@command
def quarantine_command(
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Write the rows to this CSV for the agency to correct."),
    ] = None,
    include_resolved: Annotated[
        bool, typer.Option("--all", help="Also rows of files a corrected file superseded.")
    ] = False,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List quarantined rows with every reason, or export them for the sending agency.

    Examples:

        fullpicture quarantine --source police

        fullpicture quarantine --source police --export police-to-fix.csv
    """
    rows = list_quarantine(engine_for(database), source=source, include_resolved=include_resolved)
    if export is not None:
        written = export_quarantine(rows, export)
        err_console.print(f"Wrote {written} quarantined rows to {export}.", highlight=False)
        return
    if as_json:
        print_json([row.as_dict() for row in rows])
        return
    table = Table(title=f"Quarantine ({len(rows)} rows)")
    for name in ("Source", "File", "Row", "Problems"):
        table.add_column(name)
    for row in rows:
        problems = "\n".join(f"{r['field']}: {r['problem']}" for r in row.reasons)
        table.add_row(
            escape(row.source), escape(row.filename), str(row.row_number), escape(problems)
        )
    console.print(table)
