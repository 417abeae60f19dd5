"""Correcting what import read: an item's kind, themes, addressee, or that it is not learning,
and a review's type, partnership, year and title. Each change keeps the value before, who,
when and why (:mod:`fullpicture.learning.corrections`); each attempt is audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import LearningError
from fullpicture.learning.corrections import correct_item, correct_review
from fullpicture.web.context import App, CurrentUser, record_attempt
from fullpicture.web.params import RowId
from fullpicture.web.routes.learning_reviews import item_page, review_page_with

router = APIRouter(include_in_schema=False)

MAX_REASON = 2000
ReasonField = Annotated[str, Form(max_length=MAX_REASON * 2)]


@router.post("/learning/items/{item_id}/correction")
def correct_item_form(
    request: Request,
    item_id: RowId,
    user: CurrentUser,
    app: App,
    kind: Annotated[str, Form(max_length=32)] = "",
    themes: Annotated[list[str] | None, Form(max_length=48)] = None,
    addressee: Annotated[str, Form(max_length=512)] = "",
    withdrawn: Annotated[str, Form(max_length=8)] = "",
    reason: ReasonField = "",
) -> Response:
    """Store the corrected kind, themes, addressee and withdrawn flag of an item."""
    values = {"kind": kind, "themes": themes or [], "addressee": addressee, "reason": reason}
    if len(reason) > MAX_REASON:
        return item_page(
            request,
            app,
            item_id,
            status=400,
            errors={"correction-reason": f"Give the reason in {MAX_REASON} characters or fewer"},
            values={"correction": values},
        )
    record_attempt(
        app, user, purpose="correct learning item", action="update", detail={"item_id": item_id}
    )
    changes = {
        "kind": kind,
        "themes": themes or [],
        "addressee": addressee,
        "withdrawn": withdrawn == "yes",
    }
    try:
        correct_item(app.engine, item_id, changes, by=user.username, reason=reason)
    except LearningError as exc:
        return item_page(
            request,
            app,
            item_id,
            status=400,
            errors={"correction": exc.message},
            values={"correction": values},
        )
    return RedirectResponse(f"/learning/items/{item_id}#correction", status_code=303)


@router.post("/learning/reviews/{review_id}/correction")
def correct_review_form(
    request: Request,
    review_id: RowId,
    user: CurrentUser,
    app: App,
    title: Annotated[str, Form(max_length=1024)] = "",
    review_type: Annotated[str, Form(max_length=64)] = "",
    partnership: Annotated[str, Form(max_length=512)] = "",
    year: Annotated[str, Form(max_length=8)] = "",
    reason: ReasonField = "",
) -> Response:
    """Store the corrected title, type, partnership and year of a review."""
    values = {
        "title": title,
        "review_type": review_type,
        "partnership": partnership,
        "year": year,
        "reason": reason,
    }
    errors = {}
    if year.strip() and not year.strip().isdigit():
        errors["correction-year"] = "Enter the year as four digits, for example 2024"
    if len(reason) > MAX_REASON:
        errors["correction-reason"] = f"Give the reason in {MAX_REASON} characters or fewer"
    if not errors:
        record_attempt(
            app,
            user,
            purpose="correct learning review",
            action="update",
            detail={"review_id": review_id},
        )
        changes = {
            "title": title,
            "review_type": review_type,
            "partnership": partnership,
            "year": int(year) if year.strip() else None,
        }
        try:
            correct_review(app.engine, review_id, changes, by=user.username, reason=reason)
        except LearningError as exc:
            errors["correction"] = exc.message
    if errors:
        return review_page_with(request, app, review_id, status=400, errors=errors, values=values)
    return RedirectResponse(f"/learning/reviews/{review_id}#correction", status_code=303)
