"""The gap list: learning that no rule and no recorded practice change implements, filtered by
theme and kind; and recording a practice change against an item."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import LearningError
from fullpicture.learning.rules_link import GAP_KINDS, gaps, record_practice_change
from fullpicture.web.context import App, CurrentUser, record_attempt
from fullpicture.web.learning_views import ensure_catalogue, render_learning, theme_options
from fullpicture.web.params import RowId
from fullpicture.web.routes.learning_reviews import item_page

router = APIRouter(include_in_schema=False)

MAX_DESCRIPTION = 2000


@router.get("/learning/gaps")
def gaps_page(
    request: Request,
    app: App,
    theme: Annotated[str, Query(max_length=48)] = "",
    kind: Annotated[str, Query(max_length=32)] = "",
    source: Annotated[str, Query(max_length=16)] = "",
) -> Response:
    """Findings, recommendations and key learning that nothing implements yet, filtered."""
    ensure_catalogue(app.engine)
    found = gaps(app.engine)
    total = len(found)
    if theme:
        found = [g for g in found if theme in str(g["themes"]).split()]
    if kind in GAP_KINDS:
        found = [g for g in found if g["kind"] == kind]
    if source == "reviews":
        found = [g for g in found if g["review_type"] != "catalogue"]
    elif source == "catalogue":
        found = [g for g in found if g["review_type"] == "catalogue"]
    return render_learning(
        request,
        "learning-gaps.html",
        gaps=found,
        total=total,
        theme=theme,
        kind=kind,
        source=source,
        themes=theme_options(),
        kinds=GAP_KINDS,
    )


@router.post("/learning/items/{item_id}/practice-changes")
def add_practice_change(
    request: Request,
    item_id: RowId,
    user: CurrentUser,
    app: App,
    description: Annotated[str, Form()] = "",
) -> Response:
    """Record a change in practice or systems that implements the item (who and when kept)."""
    error = ""
    if not description.strip():
        error = "Say what changed in practice or systems"
    elif len(description) > MAX_DESCRIPTION:
        error = f"Describe the change in {MAX_DESCRIPTION} characters or fewer"
    if error:
        return item_page(
            request,
            app,
            item_id,
            status=400,
            errors={"change-description": error},
            values={"change_description": description[: MAX_DESCRIPTION * 2]},
        )
    record_attempt(
        app, user, purpose="record practice change", action="create", detail={"item_id": item_id}
    )
    try:
        record_practice_change(app.engine, item_id, description, by=user.username)
    except LearningError as exc:
        return item_page(
            request, app, item_id, status=400, errors={"change-description": exc.message}
        )
    return RedirectResponse(f"/learning/items/{item_id}#practice-changes", status_code=303)
