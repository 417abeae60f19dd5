"""``fullpicture evaluate ...``: measure each area against ground truth or scenarios.

Each area's command module adds its own ``evaluate`` subcommand to :data:`evaluate_app`.
"""

from __future__ import annotations

import typer

from fullpicture.cli import app

evaluate_app = typer.Typer(
    help="Measure linkage, rules and the learning library against ground truth and scenarios.",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")
