"""``fullpicture demo``: the main job on a synthetic local authority."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fullpicture.cli import app
from fullpicture.cli.common import command, console
from fullpicture.demo import run_demo


@app.command("demo")
@command
def demo(
    children: Annotated[
        int, typer.Option(min=1, help="Children in the synthetic authority.")
    ] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the generator (same seed, same data).")] = 7,
    out: Annotated[
        Path, typer.Option("--out", help="The demo's folder: its store, data and report.")
    ] = Path("out/demo"),
    no_serve: Annotated[
        bool,
        typer.Option("--no-serve", help="Build everything and exit without serving the web app."),
    ] = False,
) -> None:
    """Generate a synthetic authority, take it in, build the chronologies and write the report.

    Example: fullpicture demo --children 200 --seed 7 --out out/demo --no-serve
    """
    ctx = run_demo(out, children=children, seed=seed, console=console)
    if ctx.report is not None:
        console.print(
            f"[bold]Report:[/] {ctx.report.resolve().as_uri()}", highlight=False, soft_wrap=True
        )
    if not no_serve:
        from fullpicture.web.demo import serve_demo

        serve_demo(ctx.store_path, out, console=console)
