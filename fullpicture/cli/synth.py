"""``fullpicture synth``: generate a synthetic local authority, or report its calibration."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from fullpicture.cli import app
from fullpicture.cli.common import JsonOption, command, console, print_json
from fullpicture.errors import ConfigurationError

DEFAULT_CHILDREN = 2000
DEFAULT_SEED = 20250331


@app.command("synth")
@command
def synth(
    children: Annotated[
        int, typer.Option("--children", help="Children in the cohort.")
    ] = DEFAULT_CHILDREN,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed (same seed, same bytes).")
    ] = DEFAULT_SEED,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output directory; with --report, the Markdown file to write."),
    ] = None,
    report: Annotated[
        bool, typer.Option("--report", help="Print (or write to --out) the calibration report.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Generate a synthetic local authority: every agency's extract, mappings and ground truth.

    Examples: fullpicture synth --children 2000 --seed 1 --out data/synth ;
    fullpicture synth --report --out docs/synth-calibration.md
    """
    from fullpicture.synth import generate
    from fullpicture.synth.report import render_report

    if report:
        with tempfile.TemporaryDirectory(prefix="fullpicture-synth-") as tmp:
            summary = generate(Path(tmp) / "la", children=children, seed=seed)
        text = render_report(
            summary, command=f"fullpicture synth --report --children {children} --seed {seed}"
        )
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
            console.print(f"Wrote the calibration report to {out}")
        return
    if out is None:
        raise ConfigurationError(
            "Say where to write the synthetic authority.", hint="Add --out DIR."
        )
    summary = generate(out, children=children, seed=seed)
    if json:
        print_json(asdict(summary))
        return
    console.print(
        f"Wrote {summary.children:,} children in {summary.households:,} households to {out}: "
        f"{summary.total_rows:,} rows, {summary.events:,} events, {summary.person_records:,} person records, "
        f"{summary.bad_rows:,} deliberately bad rows."
    )
    console.print(
        f"Import a source with: fullpicture import {out}/<source>/* --source <source> "
        f"--mapping {out}/mappings/<source>.toml"
    )
