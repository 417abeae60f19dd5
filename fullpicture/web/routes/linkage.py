"""The linkage review queue: uncertain pairs of records, with the model's reasons, for a person
to decide "same" or "not the same"."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import LinkageError
from fullpicture.linkage.decisions import ReviewItem, decide, review_queue
from fullpicture.store.schema import person
from fullpicture.web.context import App, CurrentUser, audited_unit, record_attempt
from fullpicture.web.pages import render

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py
QUEUE_LENGTH = 50


def _without_restricted(app: App, items: list[ReviewItem]) -> list[ReviewItem]:
    # Records of a restricted person never appear outside its assigned team.
    with app.engine.connect() as conn:
        hidden = set(conn.execute(sa.select(person.c.id).where(person.c.restricted)).scalars())
    return [i for i in items if not ({i.left.person_id, i.right.person_id} & hidden)]


def _queue_page(
    request: Request,
    user: CurrentUser,
    app: App,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
) -> Response:
    items = _without_restricted(app, review_queue(app.engine, limit=QUEUE_LENGTH))
    with audited_unit(
        app,
        user,
        purpose="linkage review queue",
        action="view",
        detail={"pairs": [i.pair_id for i in items]},
    ):
        return render(request, "linkage.html", status=status, items=items, errors=errors or {})


@router.get("/linkage")
def linkage_queue(request: Request, user: CurrentUser, app: App) -> Response:
    """The most probable undecided pairs first (audited: the records are personal data)."""
    return _queue_page(request, user, app)


@router.post("/linkage/{pair_id}")
def linkage_decide(
    request: Request,
    pair_id: str,
    user: CurrentUser,
    app: App,
    decision: Annotated[str, Form(max_length=16)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Record the decision (audited first) and re-cluster at once."""
    field = f"decision-{pair_id}"
    if decision not in ("same", "not_same"):
        return _queue_page(
            request,
            user,
            app,
            status=400,
            errors={field: "Select whether the records are the same person"},
        )
    record_attempt(
        app,
        user,
        purpose="linkage decision",
        action="change",
        detail={"pair": pair_id, "decision": decision},
    )
    try:
        decide(app.engine, pair_id, decision, by=user.username, reason=reason.strip() or None)
    except LinkageError as exc:
        return _queue_page(request, user, app, status=400, errors={field: exc.message})
    return RedirectResponse("/linkage?decided=1", status_code=303)
