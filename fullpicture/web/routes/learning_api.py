"""The learning library in the JSON API: a review with its items, and the action plans, under
the same policy as the pages (responses carry only the declared fields)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from fullpicture.learning.actions import list_actions
from fullpicture.learning.browse import get_review, review_items
from fullpicture.web.context import App
from fullpicture.web.params import RowId

router = APIRouter(tags=["learning"])


class LearningItemPublic(BaseModel):
    """One item of learning with where it came from in the document."""

    id: int
    kind: str
    text: str
    addressee: str | None
    heading_path: str
    paragraph: int
    follows: int | None
    themes: list[str]


class ReviewPublic(BaseModel):
    """A review's metadata and its items in document order."""

    id: int
    title: str
    partnership: str | None
    review_date: date | None
    year: int | None
    review_type: str
    child_pseudonym: str | None
    agencies: list[str]
    filename: str
    items: list[LearningItemPublic]


class ActionPublic(BaseModel):
    """One action against a recommendation."""

    id: int
    recommendation_id: int
    review_title: str
    description: str
    owner_agency: str
    due_date: date | None
    status: str
    evidence: str | None
    overdue: bool


@router.get("/api/learning/reviews/{review_id}", response_model=ReviewPublic)
def api_review(review_id: RowId, app: App) -> ReviewPublic:
    """A review's metadata and its learning items in document order."""
    review = get_review(app.engine, review_id)
    items = [
        LearningItemPublic(
            id=i.id,
            kind=i.kind,
            text=i.text,
            addressee=i.addressee,
            heading_path=i.heading_path,
            paragraph=i.paragraph,
            follows=i.parent_id,
            themes=i.themes,
        )
        for i in review_items(app.engine, review_id)
    ]
    return ReviewPublic(
        id=review.id,
        title=review.title,
        partnership=review.partnership,
        review_date=review.review_date,
        year=review.year,
        review_type=review.review_type,
        child_pseudonym=review.child_pseudonym,
        agencies=review.agencies,
        filename=review.filename,
        items=items,
    )


@router.get("/api/learning/actions", response_model=list[ActionPublic])
def api_actions(app: App, overdue: Annotated[bool, Query()] = False) -> list[ActionPublic]:
    """Every action, soonest due first (only open actions past their due date when
    ``overdue``)."""
    return [
        ActionPublic(
            id=a.id,
            recommendation_id=a.item_id,
            review_title=a.review_title,
            description=a.description,
            owner_agency=a.owner_agency,
            due_date=a.due_date,
            status=a.status,
            evidence=a.evidence,
            overdue=a.overdue,
        )
        for a in list_actions(app.engine, overdue_only=overdue, today=app.now().date())
    ]
