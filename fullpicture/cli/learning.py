"""``fullpicture learning ...``: the learning library (import, search, report, rule links,
gaps, practice changes and action plans). No logic here: each command calls the library."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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

if TYPE_CHECKING:
    from fullpicture.learning.library import ImportFailure

learning_app = typer.Typer(
    name="learning",
    help="The learning library: case-review learning, searchable and linked.",
    no_args_is_help=True,
)
app.add_typer(learning_app)

ByOption = Annotated[str, typer.Option("--by", help="Who is recording this (name or role).")]


@learning_app.command("import")
@command
def import_command(
    documents: Annotated[list[Path], typer.Argument(help="Review documents or folders of them.")],
    database: DatabaseOption = None,
    as_json: JsonOption = False,
    no_embed: Annotated[
        bool,
        typer.Option(
            "--no-embed",
            help="Skip embeddings: faster; search still works on words, and themes come from"
            " the learned model's word features alone.",
        ),
    ] = False,
) -> None:
    """Import review documents (PDF, DOCX, HTML, Markdown, text); re-imports change nothing.

    Example: fullpicture learning import reviews/
    """
    from rich.progress import Progress

    from fullpicture.cli.common import err_console
    from fullpicture.learning.library import folder_files, import_each
    from fullpicture.learning.rules_link import load_catalogue

    engine = engine_for(database)
    load_catalogue(engine, embed=not no_embed)  # the learning behind the rules, searchable too
    with Progress(console=err_console, transient=True, disable=as_json) as progress:
        task = progress.add_task("Importing", total=len(folder_files(documents)))
        results, failures = import_each(
            engine, documents, embed=not no_embed, done=lambda _: progress.advance(task)
        )
    if as_json:
        print_json([{**asdict(r), "path": str(r.path)} for r in results])
    else:
        for r in results:
            note = " (already imported; nothing changed)" if r.already_imported else ""
            _say(f"{r.path.name}: {r.reviews} review(s), {r.items} item(s){note}")
    if failures:
        _report_failures(failures, tried=len(results) + len(failures))
        raise typer.Exit(code=2)


def _report_failures(failures: list[ImportFailure], tried: int) -> None:
    """Each document that could not be imported, on standard error, with what to do."""
    from rich.markup import escape

    from fullpicture.cli.common import err_console

    err_console.print(
        f"[bold red]Could not import {len(failures)} of {tried} document(s)[/] "
        "(the others were imported):",
        highlight=False,
    )
    for failure in failures:
        err_console.print(
            f"  {escape(str(failure.path))}: {escape(failure.message)}"
            + (f" [bold]What to do:[/] {escape(failure.hint)}" if failure.hint else ""),
            highlight=False,
            soft_wrap=True,
        )


@learning_app.command("reviews")
@command
def reviews_command(database: DatabaseOption = None, as_json: JsonOption = False) -> None:
    """List the reviews in the library with the metadata read from them.

    Example: fullpicture learning reviews --json
    """
    from fullpicture.learning.library import list_reviews

    rows = list_reviews(engine_for(database))
    if as_json:
        print_json(rows)
        return
    for r in rows:
        _say(
            f"#{r['id']} {r['year'] or '----'} {r['review_type']}: {r['title']} | "
            f"{r['partnership'] or 'partnership not stated'} | {r['child_pseudonym'] or '-'} | "
            f"{r['items']} item(s) | {r['filename']}"
        )


@learning_app.command("embed")
@command
def embed_command(database: DatabaseOption = None) -> None:
    """Compute the embeddings of items imported with --no-embed (search re-ranks with them).

    Example: fullpicture learning embed
    """
    from fullpicture.learning.library import embed_items

    _say(f"Embedded {embed_items(engine_for(database))} item(s).")


@learning_app.command("search")
@command
def search_command(
    query: Annotated[str, typer.Argument(help='What to look for, e.g. "return home interviews".')],
    theme: Annotated[str | None, typer.Option(help="Keep items with this theme code.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Keep items of this kind (e.g. recommendation).")
    ] = None,
    review_type: Annotated[
        str | None, typer.Option("--type", help="Keep reviews of this type.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Keep reviews of this year.")] = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 10,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search the library: full text, re-ranked by meaning.

    Example: fullpicture learning search "missing from care" --kind recommendation
    """
    from fullpicture.learning.search import Filters, search

    filters = Filters(theme=theme, kind=kind, review_type=review_type, year=year)
    hits = search(engine_for(database), query, filters=filters, limit=limit)
    if as_json:
        print_json([asdict(hit) for hit in hits])
        return
    if not hits:
        _say("No learning matches.")
    for hit in hits:
        _say(
            f"#{hit.item_id} {hit.kind} ({hit.score:.2f}) {hit.text}\n"
            f"   {hit.review_title} | {hit.partnership or 'partnership not stated'} | "
            f"{hit.year or 'year not stated'} | {hit.filename} > {hit.heading_path} "
            f"(paragraph {hit.paragraph})"
        )


@learning_app.command("report")
@command
def report_command(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the HTML page and CSV files.")
    ] = Path("learning-report"),
    database: DatabaseOption = None,
) -> None:
    """Write the thematic report (HTML with charts, and CSV) with small counts suppressed.

    Example: fullpicture learning report --out report/
    """
    from fullpicture.learning.report import write_report

    for path in write_report(engine_for(database), out):
        _say(str(path))


@learning_app.command("suggest")
@command
def suggest_command(database: DatabaseOption = None, as_json: JsonOption = False) -> None:
    """Suggest which rules imported learning supports (by similarity), for a person to confirm.

    Example: fullpicture learning suggest
    """
    from fullpicture.learning.rules_link import suggest

    made = suggest(engine_for(database))
    if as_json:
        print_json([asdict(link) for link in made])
        return
    for link in made:
        _say(f"item #{link.item_id} -> rule {link.rule_id} (similarity {link.score:.2f})")
    _say(
        f"{len(made)} suggestion(s). Confirm with: fullpicture learning confirm ITEM RULE --by NAME"
    )


@learning_app.command("confirm")
@command
def confirm_command(
    item: Annotated[int, typer.Argument(help="Learning item id.")],
    rule: Annotated[str, typer.Argument(help="Rule id.")],
    by: ByOption,
    reject: Annotated[
        bool, typer.Option("--reject", help="Record that the item does NOT support the rule.")
    ] = False,
    database: DatabaseOption = None,
) -> None:
    """Confirm (or reject) that a learning item supports a rule.

    Example: fullpicture learning confirm 12 TIM-1 --by "Q. Analyst"
    """
    from fullpicture.learning.rules_link import decide

    link = decide(engine_for(database), item, rule, by=by, confirm=not reject)
    _say(f"item #{link.item_id} {link.status} for rule {link.rule_id} by {link.decided_by}")


@learning_app.command("rules")
@command
def rules_command(
    rule: Annotated[str | None, typer.Argument(help="One rule id (default: every rule).")] = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """For every rule, the learning behind it (catalogue citations and confirmed items).

    Example: fullpicture learning rules TIM-1
    """
    from fullpicture.learning.rules_link import learning_for_rule, load_catalogue, rule_citations

    engine = engine_for(database)
    load_catalogue(engine)
    citations = rule_citations()
    chosen = [rule] if rule else sorted(citations)
    data = {
        r: {"cites": citations.get(r, []), "items": learning_for_rule(engine, r)} for r in chosen
    }
    if as_json:
        print_json(data)
        return
    for rule_id, entry in data.items():
        cites, items = entry["cites"], entry["items"]
        _say(f"{rule_id}: cites {cites}; learning items {items}")


@learning_app.command("item")
@command
def item_command(
    item: Annotated[int, typer.Argument(help="Learning item id.")],
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """The rules that implement one learning item.

    Example: fullpicture learning item 12
    """
    from fullpicture.learning.rules_link import links

    found = links(engine_for(database), item_id=item)
    if as_json:
        print_json([asdict(link) for link in found])
        return
    for link in found:
        _say(f"rule {link.rule_id}: {link.status} ({link.origin}, by {link.decided_by or '-'})")
    if not found:
        _say("No rule implements this item yet.")


@learning_app.command("gaps")
@command
def gaps_command(database: DatabaseOption = None, as_json: JsonOption = False) -> None:
    """Learning that no rule and no recorded practice change implements.

    Example: fullpicture learning gaps --json
    """
    from fullpicture.learning.rules_link import gaps, load_catalogue

    engine = engine_for(database)
    load_catalogue(engine)
    found = gaps(engine)
    if as_json:
        print_json(found)
        return
    for row in found:
        _say(f"#{row['id']} {row['kind']}: {row['text']} [{row['title']}]")
    _say(f"{len(found)} item(s) of learning with no rule or practice change.")


@learning_app.command("practice-change")
@command
def practice_change_command(
    item: Annotated[int, typer.Argument(help="Learning item id.")],
    description: Annotated[str, typer.Argument(help="What changed in practice or systems.")],
    by: ByOption,
    database: DatabaseOption = None,
) -> None:
    """Record a practice or system change that implements a learning item.

    Example: fullpicture learning practice-change 12 "Return interviews audited monthly" --by QA
    """
    from fullpicture.learning.rules_link import record_practice_change

    change = record_practice_change(engine_for(database), item, description, by=by)
    _say(f"Recorded practice change {change} for item #{item}.")


@learning_app.command("actions")
@command
def actions_command(
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open actions past their due date.")
    ] = False,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """List recommendation actions (soonest due first).

    Example: fullpicture learning actions --overdue
    """
    from fullpicture.learning.actions import list_actions

    found = list_actions(engine_for(database), overdue_only=overdue)
    if as_json:
        print_json([asdict(action) for action in found])
        return
    for a in found:
        flag = " OVERDUE" if a.overdue else ""
        _say(
            f"#{a.id} ({a.status}{flag}) due {a.due_date or '-'} {a.owner_agency}: {a.description}"
        )


@learning_app.command("action-add")
@command
def action_add_command(
    item: Annotated[int, typer.Argument(help="Recommendation item id.")],
    description: Annotated[str, typer.Argument(help="What will be done.")],
    owner: Annotated[str, typer.Option("--owner", help="Owner agency.")],
    by: ByOption,
    due: Annotated[str | None, typer.Option("--due", help="Due date, YYYY-MM-DD.")] = None,
    database: DatabaseOption = None,
) -> None:
    """Add an action to a recommendation.

    Example: fullpicture learning action-add 7 "Audit" --owner Police --due 2026-12-31 --by QA
    """
    from fullpicture.learning.actions import add_action

    action = add_action(
        engine_for(database), item, description, owner_agency=owner, due_date=_date(due), by=by
    )
    _say(f"Added action {action} to recommendation #{item}.")


@learning_app.command("action-update")
@command
def action_update_command(
    action: Annotated[int, typer.Argument(help="Action id.")],
    by: ByOption,
    status: Annotated[
        str | None, typer.Option(help="open, in_progress, done or cancelled.")
    ] = None,
    evidence: Annotated[str | None, typer.Option(help="Evidence that the action is done.")] = None,
    due: Annotated[str | None, typer.Option("--due", help="New due date, YYYY-MM-DD.")] = None,
    database: DatabaseOption = None,
) -> None:
    """Update an action's status, evidence or due date.

    Example: fullpicture learning action-update 3 --status done --evidence "Audit report" --by QA
    """
    from fullpicture.learning.actions import update_action

    update_action(
        engine_for(database), action, by=by, status=status, evidence=evidence, due_date=_date(due)
    )
    _say(f"Updated action {action}.")


@evaluate_app.command("learning")
@command
def evaluate_learning(
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Corpus folder (default: tests/learning/corpus)."),
    ] = None,
    cv: Annotated[
        bool,
        typer.Option(
            "--cv",
            help="Also cross-validate the measured theme options (review-level lending, "
            "services as subjects) and the learned theme model (retrained inside each fold): "
            "grouped by document, 5 folds over every split; extracts the corpus once per "
            "candidate, a few minutes.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score the learning library's extraction on the annotated synthetic corpus.

    Example: fullpicture evaluate learning --json
    """
    from fullpicture.learning.evaluate import SPLITS, cross_validate, evaluate

    result = evaluate(corpus)
    if cv:
        result["cross_validation"] = cross_validate(corpus)
    if as_json:
        print_json(result)
        return
    for split, description in SPLITS.items():
        if split not in result:
            continue  # a split with no documents in this corpus
        figures = result[split]
        meta = figures["metadata_accuracy"]
        console.print(
            f"[bold]{split}[/] ({description}; {figures['documents']} documents, "
            f"{figures['reviews']} reviews): item-kind F1 {figures['items_micro']['f1']:.3f}, "
            f"theme F1 {figures['themes_micro']['f1']:.3f} (micro; "
            f"{figures['themes_matched_micro']['f1']:.3f} on matched items; the phrase rules alone "
            f"{figures['themes_rules_micro']['f1']:.3f} / "
            f"{figures['themes_matched_rules_micro']['f1']:.3f}), metadata accuracy type "
            f"{meta['review_type']:.3f} partnership {meta['partnership']:.3f} year {meta['year']:.3f}",
            highlight=False,
        )
        for table in ("kinds", "themes"):
            console.print(f"  per {table[:-1]}:", highlight=False)
            for label, scores in figures[table].items():
                console.print(
                    f"    {label}: P {scores['precision']:.3f} R {scores['recall']:.3f} "
                    f"F1 {scores['f1']:.3f} (tp {scores['tp']} fp {scores['fp']} fn {scores['fn']})",
                    highlight=False,
                )
    if cv:
        _print_cross_validation(result["cross_validation"])


def _print_cross_validation(figures: dict[str, Any]) -> None:
    micro = figures["themes_micro"]
    console.print(
        f"[bold]cross-validation[/] ({figures['folds']} folds by document over "
        f"{figures['documents']} documents): theme F1 {micro['f1']:.3f} "
        f"(P {micro['precision']:.3f} R {micro['recall']:.3f}); chosen per fold: "
        f"{' | '.join(figures['chosen'])}; chosen on all documents: {figures['chosen_on_all']}",
        highlight=False,
    )
    if learned := figures.get("with_model"):
        rules, model = learned["rules"], learned["rules_and_model"]
        console.print(
            "[bold]learned theme model[/] (retrained inside each fold): theme F1 "
            f"{rules['themes_micro']['f1']:.3f} -> {model['themes_micro']['f1']:.3f} "
            f"({rules['themes_matched_micro']['f1']:.3f} -> "
            f"{model['themes_matched_micro']['f1']:.3f} on matched items), rules alone -> "
            "rules and model",
            highlight=False,
        )
    by_split = figures["by_split"]
    console.print(
        f"[bold]leave one split out[/]: theme F1 {by_split['themes_micro']['f1']:.3f} (P "
        f"{by_split['themes_micro']['precision']:.3f} R {by_split['themes_micro']['recall']:.3f})",
        highlight=False,
    )
    for split, held in by_split["splits"].items():
        console.print(
            f"    {split}: theme F1 {held['themes_micro']['f1']:.3f} with {held['options']}",
            highlight=False,
        )
    for choice in figures["choices"]:
        console.print(
            f"    {choice['options']}: theme F1 {choice['themes_micro']['f1']:.3f} "
            "(whole corpus, not cross-validated)",
            highlight=False,
        )


def _date(value: str | None) -> date | None:
    from fullpicture.errors import LearningError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LearningError(f"Not a date: {value!r}.", hint="Write dates as YYYY-MM-DD.") from None


def _say(text: str) -> None:
    # Document text may contain square brackets; never let Rich read them as markup.
    console.print(text, markup=False, highlight=False, soft_wrap=True)
