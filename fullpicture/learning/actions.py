"""Action plans: the actions a partnership tracks against a review's recommendations (owner
agency, due date, status, evidence); overdue actions are listed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.errors import LearningError, NotFoundError
from fullpicture.learning import tables

STATUSES = ("open", "in_progress", "done", "cancelled")
_CLOSED = ("done", "cancelled")


@dataclass(frozen=True)
class Action:
    """One action against a recommendation."""

    id: int
    item_id: int
    recommendation: str
    review_title: str
    description: str
    owner_agency: str
    due_date: date | None
    status: str
    evidence: str | None
    updated_by: str
    overdue: bool


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise LearningError(
            f"Unknown action status {status!r}.", hint=f"Use one of: {', '.join(STATUSES)}."
        )


def add_action(
    engine: Engine,
    item_id: int,
    description: str,
    *,
    owner_agency: str,
    due_date: date | None,
    by: str,
    status: str = "open",
    evidence: str | None = None,
) -> int:
    """Add an action to a recommendation; returns the action's id.

    Raises:
        NotFoundError: no such item.
        LearningError: the item is not a recommendation, or the status is unknown.
    """
    _check_status(status)
    item = tables.learning_item
    with engine.begin() as conn:
        kind = conn.execute(sa.select(item.c.kind).where(item.c.id == item_id)).scalar()
        if kind is None:
            raise NotFoundError(f"No learning item {item_id}.", hint="Check the item id.")
        if kind != "recommendation":
            raise LearningError(
                f"Item {item_id} is a {kind}, not a recommendation.",
                hint="Actions belong to recommendations; search with --kind recommendation.",
            )
        return int(
            tables.inserted_id(
                conn.execute(
                    tables.learning_action.insert().values(
                        item_id=item_id,
                        description=description,
                        owner_agency=owner_agency,
                        due_date=due_date,
                        status=status,
                        evidence=evidence,
                        updated_by=by,
                        updated_at=datetime.now(UTC),
                    )
                )
            )
        )


def update_action(
    engine: Engine,
    action_id: int,
    *,
    by: str,
    status: str | None = None,
    evidence: str | None = None,
    due_date: date | None = None,
) -> None:
    """Change an action's status, evidence or due date.

    Raises:
        NotFoundError: no such action.
        LearningError: the status is unknown.
    """
    values: dict[str, Any] = {"updated_by": by, "updated_at": datetime.now(UTC)}
    if status is not None:
        _check_status(status)
        values["status"] = status
    if evidence is not None:
        values["evidence"] = evidence
    if due_date is not None:
        values["due_date"] = due_date
    action = tables.learning_action
    with engine.begin() as conn:
        done = conn.execute(action.update().where(action.c.id == action_id).values(**values))
        if done.rowcount == 0:
            raise NotFoundError(f"No action {action_id}.", hint="List actions to find its id.")


def list_actions(
    engine: Engine, *, overdue_only: bool = False, today: date | None = None
) -> list[Action]:
    """Actions, soonest due first; ``overdue_only`` keeps open actions past their due date."""
    today = today or date.today()
    action, item, review = tables.learning_action, tables.learning_item, tables.learning_review
    query = (
        sa.select(action, item.c.text.label("recommendation"), review.c.title)
        .select_from(
            action.join(item, action.c.item_id == item.c.id).join(
                review, item.c.review_id == review.c.id
            )
        )
        .order_by(action.c.due_date, action.c.id)
    )
    if overdue_only:
        query = query.where(action.c.due_date < today, action.c.status.not_in(_CLOSED))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        Action(
            id=r.id,
            item_id=r.item_id,
            recommendation=r.recommendation,
            review_title=r.title,
            description=r.description,
            owner_agency=r.owner_agency,
            due_date=r.due_date,
            status=r.status,
            evidence=r.evidence,
            updated_by=r.updated_by,
            overdue=bool(r.due_date and r.due_date < today and r.status not in _CLOSED),
        )
        for r in rows
    ]
