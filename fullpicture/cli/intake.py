"""``fullpicture import``, ``fullpicture quarantine`` and ``fullpicture rejections``."""

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
from fullpicture.intake.importer import FileResult, import_corrected, import_files
from fullpicture.intake.quarantine import export_quarantine, list_quarantine
from fullpicture.intake.rejections import Rejection, acknowledge_rejection, list_rejections
from fullpicture.intake.statutory.builtin import load_mapping_reference


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
    files: Annotated[
        list[Path], typer.Argument(help="CSV, XLSX, JSON (or CIN census XML) files of one source.")
    ],
    source: Annotated[str, typer.Option("--source", help="The source the files come from.")],
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help="The source's mapping (TOML/JSON file, or builtin:ssda903 / builtin:cin-census); "
            "registered for later.",
        ),
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

        fullpicture import header.csv episodes.csv --source cla --mapping builtin:ssda903

        fullpicture import census.xml --source cin --mapping builtin:cin-census
    """
    loaded = load_mapping_reference(mapping, source) if mapping is not None else None
    engine = engine_for(database)
    if supersedes is not None:
        if len(files) != 1:
            raise typer.BadParameter("--supersedes takes one corrected file at a time.")
        results = import_corrected(
            engine, files[0], source, loaded, supersedes=supersedes, max_bad_ratio=max_bad_ratio
        )
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


@app.command("rejections")
@command
def rejections_command(
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    include_acknowledged: Annotated[
        bool, typer.Option("--all", help="Also refusals already acknowledged.")
    ] = False,
    acknowledge: Annotated[
        int | None,
        typer.Option("--acknowledge", help="Mark this refusal as seen and dealt with."),
    ] = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List files the error-rate circuit breaker refused (open ones first), or acknowledge one.

    A refused file kept nothing; its record says how many rows were bad and why, so the
    sending agency can be told what to fix.

    Examples:

        fullpicture rejections

        fullpicture rejections --acknowledge 3
    """
    engine = engine_for(database)
    if acknowledge is not None:
        done = acknowledge_rejection(engine, acknowledge, by="cli")
        err_console.print(f"Rejection {done.id} ({escape(done.filename)}) acknowledged.")
        return
    found = list_rejections(engine, source=source, open_only=not include_acknowledged)
    if as_json:
        print_json([r.to_json() for r in found])
        return
    console.print(_rejections_table(found, include_acknowledged))


def _rejections_table(found: list[Rejection], include_acknowledged: bool) -> Table:
    which = "refused files" if include_acknowledged else "open refusals"
    table = Table(title=f"Files the circuit breaker refused ({len(found)} {which})")
    for name in ("Id", "Refused", "Source", "File", "Bad rows", "Most frequent reasons"):
        table.add_column(name)
    for r in found:
        reasons = "\n".join(f"{count} x {reason}" for reason, count in list(r.reasons.items())[:3])
        table.add_row(
            str(r.id),
            f"{r.rejected_at:%Y-%m-%d %H:%M}",
            escape(r.source),
            escape(r.filename),
            f"{r.bad} of {r.read} ({r.share:.0%}; limit {r.limit:.0%})",
            escape(reasons),
        )
    return table
