"""Rules and learning: for every rule the learning behind it, for every item the rules that
implement it, suggestions by similarity, and a person's decision to confirm or reject each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import LearningError, NotFoundError
from fullpicture.learning.browse import (
    items_by_id,
    link_views,
    pending_suggestions,
    rules_learning,
)
from fullpicture.learning.rules_link import decide, rule_citations, suggest
from fullpicture.web.context import App, CurrentUser, record_attempt
from fullpicture.web.learning_views import ensure_catalogue, render_learning
from fullpicture.web.params import MAX_ROW_ID, RowId
from fullpicture.web.routes.alerts import rule_facts
from fullpicture.web.routes.learning_reviews import item_page

router = APIRouter(include_in_schema=False)

DECISIONS = {"confirm": True, "reject": False}


@router.get("/learning/rules")
def rules_page(
    request: Request, app: App, made: Annotated[int | None, Query(ge=0, le=MAX_ROW_ID)] = None
) -> Response:
    """Every rule with the learning it cites, its confirmed items and open suggestions."""
    ensure_catalogue(app.engine)
    rules = rules_learning(app.engine)
    return render_learning(
        request,
        "learning-rules.html",
        rules=rules,
        titles={r.rule_id: rule_facts(r.rule_id)["title"] for r in rules},
        pending=pending_suggestions(app.engine),
        made=made,
    )


@router.get("/learning/rules/{rule_id}")
def rule_page(request: Request, rule_id: str, app: App) -> Response:
    """One rule: what it looks for and why, the learning behind it, and suggestions to decide."""
    citations = rule_citations()
    if rule_id not in citations:
        raise NotFoundError("Page not found")
    ensure_catalogue(app.engine)
    views = link_views(app.engine, rule_id=rule_id)
    items = {item.id: item for item in items_by_id(app.engine, [v.link.item_id for v in views])}
    return render_learning(
        request,
        "learning-rule.html",
        rule_id=rule_id,
        facts=rule_facts(rule_id),
        cites=citations[rule_id],
        views=[v for v in views if v.link.item_id in items],
        items=items,
    )


@router.post("/learning/suggestions")
def make_suggestions(user: CurrentUser, app: App) -> Response:
    """Suggest, by similarity, which rules imported learning supports (decisions are kept)."""
    record_attempt(app, user, purpose="suggest rule links", action="suggest")
    made = suggest(app.engine)
    return RedirectResponse(f"/learning/rules?made={len(made)}", status_code=303)


@router.post("/learning/items/{item_id}/rules")
def decide_link(
    request: Request,
    item_id: RowId,
    user: CurrentUser,
    app: App,
    rule_id: Annotated[str, Form(max_length=64)] = "",
    decision: Annotated[str, Form(max_length=16)] = "",
    return_to: Annotated[str, Form(max_length=8)] = "item",
) -> Response:
    """Record a person's decision that an item does (confirm) or does not (reject) support a
    rule, with who and when; then return to the rule's or the item's page."""
    errors: dict[str, str] = {}
    if rule_id not in rule_citations():
        errors["rule_id"] = "Choose the rule this learning supports"
    if decision not in DECISIONS:
        errors["rule_id"] = errors.get("rule_id", "Choose whether to confirm or reject the link")
    if errors:
        return item_page(request, app, item_id, status=400, errors=errors)
    record_attempt(
        app,
        user,
        purpose="decide rule link",
        action=decision,
        detail={"item_id": item_id, "rule_id": rule_id},
    )
    try:
        decide(app.engine, item_id, rule_id, by=user.username, confirm=DECISIONS[decision])
    except LearningError as exc:
        return item_page(request, app, item_id, status=400, errors={"rule_id": exc.message})
    target = f"/learning/rules/{rule_id}" if return_to == "rule" else f"/learning/items/{item_id}"
    return RedirectResponse(target, status_code=303)
