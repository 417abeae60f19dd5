"""``fullpicture link``: link people, review uncertain pairs, decide, split and merge."""

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
from fullpicture.cli.evaluate import evaluate_app

link_app = typer.Typer(
    help="Link each agency's records of the same person (Splink), and review the uncertain ones.",
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(link_app, name="link")

ByOption = Annotated[str, typer.Option("--by", help="Who is making the change (recorded).")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (recorded).")]


@link_app.callback()
@command
def link_command(
    ctx: typer.Context,
    full: Annotated[bool, typer.Option("--full", help="Retrain and re-score everything.")] = False,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Assign every source record to a person (new records only, unless --full).

    Example: fullpicture link --full
    """
    if ctx.invoked_subcommand is not None:
        return
    from fullpicture.linkage import link

    summary = link(engine_for(database), full=full)
    if as_json:
        print_json(summary.as_dict())
        return
    console.print(
        f"{summary.mode} run: {summary.records} records ({summary.new_records} new), "
        f"{summary.pairs_scored} pairs scored, {summary.accepted} accepted, "
        f"{summary.review} for review; {summary.people} people "
        f"({summary.people_created} new, {summary.people_retired} retired) "
        f"in {summary.timings.get('total', 0):.1f} s"
    )


@link_app.command("review")
@command
def review_command(
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List uncertain pairs with each field's contribution to the match weight.

    Example: fullpicture link review --limit 10
    """
    from fullpicture.linkage.decisions import review_queue

    items = review_queue(engine_for(database), limit=limit)
    if as_json:
        print_json([item.as_dict() for item in items])
        return
    if not items:
        console.print("Nothing to review.")
    for item in items:
        console.print(f"[bold]{item.pair_id}[/] probability {item.match_probability:.3f}")
        for side in (item.left, item.right):
            console.print(
                f"  {side.source}:{side.local_id} {side.name}, born {side.date_of_birth or '?'}, "
                f"{side.postcode or 'no postcode'}, NHS {side.nhs_number or '-'} "
                f"-> {side.person_id or 'unlinked'}",
                highlight=False,
            )
        for line in item.explanation:
            console.print(f"    {line}", highlight=False)


@link_app.command("decide")
@command
def decide_command(
    pair_id: Annotated[str, typer.Argument(help="The pair id from 'link review', e.g. 12-345.")],
    decision: Annotated[str, typer.Argument(help="same or not-same")],
    by: ByOption,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Decide whether a pair is the same person; honoured on every later run.

    Example: fullpicture link decide 12-345 not-same --by "A. Worker" --reason "twins"
    """
    from fullpicture.linkage.decisions import decide

    summary = decide(engine_for(database), pair_id, decision, by=by, reason=reason)
    if as_json:
        print_json(summary.as_dict())
    else:
        console.print(f"Recorded: {pair_id} {decision} (by {by}); {summary.people} people.")


@link_app.command("split")
@command
def split_command(
    person_id: Annotated[str, typer.Argument(help="The person to split, e.g. P000123.")],
    records: Annotated[
        list[str],
        typer.Option(
            "--records", help="Records to move out: source person ids or source:local_id."
        ),
    ],
    by: ByOption,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Move records out of a person into a person of their own (audited).

    Example: fullpicture link split P000123 --records police:PN-77 --by "A. Worker"
    """
    from fullpicture.linkage.decisions import split

    result = split(engine_for(database), person_id, records, by=by, reason=reason)
    if as_json:
        print_json({"person_ids": result})
    else:
        console.print(f"Split {person_id}: now {', '.join(result)}.")


@link_app.command("merge")
@command
def merge_command(
    person_id: Annotated[str, typer.Argument(help="A person, e.g. P000123.")],
    other_id: Annotated[str, typer.Argument(help="The person to join with them.")],
    by: ByOption,
    reason: ReasonOption = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Join two people into one (audited; the one with more records keeps its id).

    Example: fullpicture link merge P000123 P000456 --by "A. Worker"
    """
    from fullpicture.linkage.decisions import merge

    result = merge(engine_for(database), person_id, other_id, by=by, reason=reason)
    if as_json:
        print_json({"person_ids": result})
    else:
        console.print(f"Merged into {', '.join(result)}.")


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
