"""The library's reviews: the list, one review with its items in document order, and one item
with the rules that implement it, its practice changes and (for recommendations) its actions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fullpicture.learning.actions import STATUSES, list_actions
from fullpicture.learning.browse import (
    get_item,
    get_review,
    link_views,
    practice_changes,
    review_items,
)
from fullpicture.learning.corrections import corrections_of
from fullpicture.learning.extract import KINDS
from fullpicture.learning.library import list_reviews
from fullpicture.learning.metadata import REVIEW_TYPES
from fullpicture.learning.rules_link import rule_citations
from fullpicture.web.context import App
from fullpicture.web.learning_views import (
    can_manage,
    ensure_catalogue,
    render_learning,
    theme_options,
)
from fullpicture.web.params import RowId
from fullpicture.web.routes.alerts import rule_facts

router = APIRouter(include_in_schema=False)


@router.get("/learning/reviews")
def reviews_page(request: Request, app: App) -> Response:
    """Every review in the library with its metadata and number of items."""
    return render_learning(request, "learning-reviews.html", reviews=list_reviews(app.engine))


@router.get("/learning/reviews/{review_id}")
def review_page(request: Request, review_id: RowId, app: App) -> Response:
    """A review's metadata and its items in document order, with provenance and themes."""
    return review_page_with(request, app, review_id)


def review_page_with(
    request: Request,
    app: App,
    review_id: int,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    """Render one review's page (also after its correction form failed, with the errors)."""
    review = get_review(app.engine, review_id)
    items = review_items(app.engine, review_id)
    numbers = {item.id: index for index, item in enumerate(items, start=1)}
    return render_learning(
        request,
        "learning-review.html",
        status=status,
        errors=errors or {},
        values=values or {},
        review=review,
        items=items,
        numbers=numbers,
        corrections=corrections_of(app.engine, "review", review_id),
        review_types=[(code, label) for code, label in REVIEW_TYPES.items() if code != "catalogue"],
    )


def rule_choices() -> list[tuple[str, str]]:
    """Every rule as (id, "id: title"), by id."""
    return [(rule_id, f"{rule_id}: {rule_facts(rule_id)['title']}") for rule_id in rule_citations()]


def item_page(
    request: Request,
    app: App,
    item_id: RowId,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    """Render one item's page (also after a form on it failed, with the errors and values)."""
    ensure_catalogue(app.engine)
    item = get_item(app.engine, item_id)
    manage = can_manage(getattr(request.state, "user", None))
    actions = (
        [a for a in list_actions(app.engine, today=app.now().date()) if a.item_id == item_id]
        if manage and item.kind == "recommendation"
        else []
    )
    return render_learning(
        request,
        "learning-item.html",
        status=status,
        errors=errors or {},
        values=values or {},
        item=item,
        parent=get_item(app.engine, item.parent_id) if item.parent_id else None,
        links=link_views(app.engine, item_id=item_id),
        titles={rule_id: rule_facts(rule_id)["title"] for rule_id in rule_citations()},
        rules=rule_choices(),
        changes=practice_changes(app.engine, item_id),
        actions=actions,
        statuses=STATUSES,
        corrections=corrections_of(app.engine, "item", item_id),
        kinds=list(KINDS.items()),
        themes=theme_options(),
    )


@router.get("/learning/items/{item_id}")
def item_view(request: Request, item_id: RowId, app: App) -> Response:
    """One item: its text, provenance and themes, the rules that implement it, suggestions to
    confirm or reject, practice changes, and (for recommendations) its actions."""
    return item_page(request, app, item_id)
