"""``fullpicture evaluate ...``: measure each area against ground truth (one command per area)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    print_json,
)

evaluate_app = typer.Typer(
    help="Measure accuracy against synthetic ground truth.", no_args_is_help=True
)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("linkage")
@command
def evaluate_linkage_command(
    truth: Annotated[Path, typer.Option("--truth", help="The truth folder (DIR/truth).")],
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Pairwise precision/recall/F1, B-cubed and exact-cluster rate, and the NHS-only baseline.

    Example: fullpicture evaluate linkage --truth out/synth/truth
    """
    from fullpicture.linkage.evaluate import evaluate_linkage

    result = evaluate_linkage(engine_for(database), truth)
    if as_json:
        print_json(result)
        return
    for name in ("linkage", "nhs_only_baseline"):
        s = result[name]
        console.print(
            f"{name}: pairwise precision {s['precision']:.4f} recall {s['recall']:.4f} "
            f"F1 {s['f1']:.4f}; B-cubed F1 {s['bcubed_f1']:.4f}; exact clusters "
            f"{s['exact_cluster_rate']:.4f} ({s['predicted_people']} people predicted, "
            f"{s['true_people']} true)",
            highlight=False,
        )
