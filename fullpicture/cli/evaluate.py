"""``fullpicture evaluate ...``: measured figures for each area against its synthetic truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fullpicture.cli import app
from fullpicture.cli.common import JsonOption, command, console, print_json

evaluate_app = typer.Typer(
    name="evaluate", help="Measure each area against synthetic ground truth.", no_args_is_help=True
)
app.add_typer(evaluate_app)


@evaluate_app.command("learning")
@command
def evaluate_learning(
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Corpus folder (default: tests/learning/corpus)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score the learning library's extraction on the annotated synthetic corpus.

    Example: fullpicture evaluate learning --json
    """
    from fullpicture.learning.evaluate import evaluate

    result = evaluate(corpus)
    if as_json:
        print_json(result)
        return
    for split in ("dev", "heldout"):
        figures = result[split]
        meta = figures["metadata_accuracy"]
        console.print(
            f"[bold]{split}[/] ({figures['documents']} documents, {figures['reviews']} reviews): "
            f"item-kind F1 {figures['items_micro']['f1']:.3f}, theme F1 "
            f"{figures['themes_micro']['f1']:.3f}, metadata accuracy type {meta['review_type']:.3f}"
            f" partnership {meta['partnership']:.3f} year {meta['year']:.3f}",
            highlight=False,
        )
        for kind, scores in figures["kinds"].items():
            console.print(
                f"  {kind}: P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}",
                highlight=False,
            )
