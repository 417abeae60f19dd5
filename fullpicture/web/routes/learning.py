"""The learning library: search the findings and recommendations of case reviews."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from fullpicture.errors import LearningError
from fullpicture.learning.search import Filters, search
from fullpicture.web.context import App
from fullpicture.web.learning_views import render_learning

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py


@router.get("/learning")
def learning_search(
    request: Request,
    app: App,
    q: Annotated[str, Query(max_length=200)] = "",
    theme: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """Search review learning by words (and theme); published reviews, not case records."""
    errors: dict[str, str] = {}
    hits = []
    if q.strip():
        try:
            hits = search(app.engine, q, filters=Filters(theme=theme or None), limit=20)
        except LearningError as exc:
            errors["q"] = exc.message
    return render_learning(
        request,
        "learning.html",
        status=400 if errors else 200,
        hits=hits,
        q=q,
        theme=theme,
        errors=errors,
    )
