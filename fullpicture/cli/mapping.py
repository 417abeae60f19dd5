"""``fullpicture mapping``: the built-in mappings, and a dry run of a mapping against a file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from fullpicture.cli import app
from fullpicture.cli.common import JsonOption, command, console, print_json
from fullpicture.intake.draft_toml import render_draft
from fullpicture.intake.drafting import draft_mapping
from fullpicture.intake.dry_run import TableCheck, check_file
from fullpicture.intake.mapping import parse_mapping
from fullpicture.intake.statutory.builtin import (
    BUILTIN_PREFIX,
    builtin_names,
    builtin_text,
    load_mapping_reference,
)
from fullpicture.vocabulary import Agency

mapping_app = typer.Typer(
    help="Built-in mappings for the statutory returns, and dry runs of a mapping on a file.",
    no_args_is_help=True,
)
app.add_typer(mapping_app, name="mapping")


@mapping_app.command("list")
@command
def list_command() -> None:
    """List the built-in mappings (use them as --mapping builtin:NAME).

    Example: fullpicture mapping list
    """
    for name in builtin_names():
        typer.echo(BUILTIN_PREFIX + name)


@mapping_app.command("show")
@command
def show_command(
    name: Annotated[str, typer.Argument(help="A built-in mapping, e.g. builtin:ssda903.")],
) -> None:
    """Print a built-in mapping's TOML, to read or to copy and adapt for a local export.

    Example: fullpicture mapping show builtin:cin-census > mappings/cin.toml
    """
    typer.echo(builtin_text(name.removeprefix(BUILTIN_PREFIX)), nl=False)


def _print_check(result: TableCheck) -> None:
    console.print(
        escape(
            f"{result.path.name} -> table {result.table!r}: {result.read} rows read, "
            f"{result.would_store} would be stored, {result.would_quarantine} quarantined"
        ),
        highlight=False,
        soft_wrap=True,
    )
    table = Table(title="Columns read")
    for name in ("Column", "Feeds", "Filled"):
        table.add_column(name)
    for cov in result.coverage:
        table.add_row(escape(cov.column), escape(cov.field), f"{cov.filled} of {result.read}")
    console.print(table)
    if result.unmapped:
        console.print(escape(f"Not read (not stored): {', '.join(result.unmapped)}"))
    for name, found in result.problems.items():
        console.print(escape(f"{name}: {result.problem_counts[name]} problem(s), first:"))
        for row, problem in found:
            console.print(escape(f"  row {row}: {problem.problem} [{problem.value[:60]}]"))


@mapping_app.command("check")
@command
def check_command(
    file: Annotated[Path, typer.Argument(help="The file to try (CSV, XLSX, JSON or census XML).")],
    mapping: Annotated[str, typer.Option("--mapping", help="A mapping file, or builtin:NAME.")],
    first: Annotated[int, typer.Option("--first", help="Problems shown per field.")] = 3,
    as_json: JsonOption = False,
) -> None:
    """Dry run: read FILE with a mapping and report what an import would do; write nothing.

    Reports the table the file matches, how often each mapped column is filled, the columns not
    read, and the first problems per field. People referred to by events are not checked (that
    needs the store).

    Examples:

        fullpicture mapping check episodes.csv --mapping builtin:ssda903

        fullpicture mapping check agency_export.xlsx --mapping mappings/agency.toml --json
    """
    results = check_file(file, load_mapping_reference(mapping), first=first)
    if as_json:
        print_json([r.as_dict() for r in results])
        return
    for result in results:
        _print_check(result)


@mapping_app.command("draft")
@command
def draft_command(
    files: Annotated[list[Path], typer.Argument(help="The source's files (CSV, XLSX or JSON).")],
    source: Annotated[str, typer.Option("--source", help="The source's name.")],
    agency: Annotated[Agency, typer.Option("--agency", help="The kind of agency sending it.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the draft here instead of printing it.")
    ] = None,
) -> None:
    """Draft a mapping for a new export from its files: columns, dates, codes and events guessed.

    Reads a sample of each file, recognises what each column holds (from headers and values:
    NHS numbers, UPNs, postcodes, dates, codes), guesses event types for the agency's codes, and
    writes commented TOML. Check it with `mapping check` before the first import: codes it cannot
    place are listed, and rows carrying them are quarantined until the mapping places them.

    Example: fullpicture mapping draft export/*.csv --source ed --agency health --out ed.toml
    """
    text = render_draft(draft_mapping(files, source=source, agency=agency))
    parse_mapping(tomllib.loads(text), origin="(the draft)")
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    console.print(
        escape(f"Draft written to {out}. Next: fullpicture mapping check FILE --mapping {out}")
    )
