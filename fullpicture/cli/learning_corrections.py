"""``fullpicture learning correct ...``: a person's corrections to what import read (an item's
kind, themes, addressee, or that it is not learning; a review's type, partnership, year,
title), each kept with the value before, who, when and why. No logic here: each command calls
:mod:`fullpicture.learning.corrections`."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.cli.learning import ByOption, learning_app

if TYPE_CHECKING:
    from fullpicture.learning.corrections import Correction

ReasonOption = Annotated[
    str | None, typer.Option("--reason", help="Why, in your words (kept with the correction).")
]


@learning_app.command("correct")
@command
def correct_item_command(
    item: Annotated[int, typer.Argument(help="Learning item id (from search or the review).")],
    by: ByOption,
    kind: Annotated[
        str | None,
        typer.Option(
            help="The right kind: finding, recommendation, key_learning, next_step, "
            "reflective_question or child_voice."
        ),
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option("--theme", help="The item's themes, replacing its own (repeat the option)."),
    ] = None,
    add_theme: Annotated[
        list[str] | None, typer.Option("--add-theme", help="A theme to add (repeatable).")
    ] = None,
    remove_theme: Annotated[
        list[str] | None, typer.Option("--remove-theme", help="A theme to take off (repeatable).")
    ] = None,
    addressee: Annotated[
        str | None, typer.Option(help="Who a recommendation is addressed to ('' for nobody).")
    ] = None,
    withdraw: Annotated[
        bool | None,
        typer.Option(
            "--withdraw/--restore",
            help="Not learning after all (kept, left out of search, report and gaps), or back.",
        ),
    ] = None,
    reason: ReasonOption = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a learning item that import read wrongly; the value before is kept.

    Example: fullpicture learning correct 42 --kind finding --add-theme missing --by "A Analyst"
    """
    from fullpicture.learning.browse import get_item
    from fullpicture.learning.corrections import correct_item

    engine = engine_for(database)
    changes: dict[str, Any] = {}
    if kind is not None:
        changes["kind"] = kind
    if theme or add_theme or remove_theme:
        themes = set(theme) if theme else set(get_item(engine, item).themes)
        changes["themes"] = (themes | set(add_theme or [])) - set(remove_theme or [])
    if addressee is not None:
        changes["addressee"] = addressee
    if withdraw is not None:
        changes["withdrawn"] = withdraw
    _report(correct_item(engine, item, changes, by=by, reason=reason), as_json)


@learning_app.command("correct-review")
@command
def correct_review_command(
    review: Annotated[int, typer.Argument(help="Review id (from learning reviews).")],
    by: ByOption,
    review_type: Annotated[
        str | None, typer.Option("--type", help="The right review type code.")
    ] = None,
    partnership: Annotated[
        str | None, typer.Option(help="The partnership or board ('' for not stated).")
    ] = None,
    year: Annotated[int | None, typer.Option(help="The year of publication.")] = None,
    title: Annotated[str | None, typer.Option(help="The review's title.")] = None,
    reason: ReasonOption = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a review's type, partnership, year or title; the value before is kept.

    Example: fullpicture learning correct-review 7 --type rapid_review --year 2024 --by QA
    """
    from fullpicture.learning.corrections import correct_review

    values = {"review_type": review_type, "partnership": partnership, "year": year, "title": title}
    changes = {name: value for name, value in values.items() if value is not None}
    _report(correct_review(engine_for(database), review, changes, by=by, reason=reason), as_json)


@learning_app.command("corrections")
@command
def corrections_command(
    item: Annotated[int | None, typer.Option(help="An item's corrections.")] = None,
    review: Annotated[int | None, typer.Option(help="A review's corrections.")] = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """The corrections made to one item or review, oldest first.

    Example: fullpicture learning corrections --item 42
    """
    from fullpicture.errors import LearningError
    from fullpicture.learning.corrections import corrections_of

    if (item is None) == (review is None):
        raise LearningError("Name one item or one review.", hint="Use --item ID or --review ID.")
    target, target_id = ("item", item) if item is not None else ("review", review)
    assert target_id is not None  # one of the two was given
    found = corrections_of(engine_for(database), target, target_id)
    if as_json:
        print_json([asdict(c) for c in found])
        return
    for c in found:
        _line(c)
    if not found:
        console.print(f"No corrections of {target} {target_id}.", highlight=False)


def _report(made: list[Correction], as_json: bool) -> None:
    if as_json:
        print_json([asdict(c) for c in made])
        return
    for c in made:
        _line(c)
    if not made:
        console.print("Nothing changed: the values given are the ones stored.", highlight=False)


def _line(c: Correction) -> None:
    why = f" ({c.reason})" if c.reason else ""
    console.print(
        f"{c.corrected_at:%Y-%m-%d %H:%M} {c.target} {c.target_id} {c.field}: "
        f"{c.before or '-'} -> {c.after or '-'} by {c.corrected_by}{why}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
