"""Action plans: a recommendation's actions (owner agency, due date, status, evidence), adding
and updating them, and the list of overdue actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import LearningError, NotFoundError
from fullpicture.learning.actions import STATUSES, Action, add_action, list_actions, update_action
from fullpicture.web.context import App, CurrentUser, record_attempt
from fullpicture.web.forms import parse_day_month_year
from fullpicture.web.learning_views import render_learning
from fullpicture.web.params import RowId
from fullpicture.web.routes.learning_reviews import item_page

router = APIRouter(include_in_schema=False)

MAX_TEXT = 2000
MAX_OWNER = 128
DayField = Annotated[str, Form(alias="due-day", max_length=4)]
MonthField = Annotated[str, Form(alias="due-month", max_length=4)]
YearField = Annotated[str, Form(alias="due-year", max_length=6)]


def _due(day: str, month: str, year: str, *, required: bool) -> tuple[date | None, str]:
    """The due date from the three fields, or the error to show (blank is allowed unless
    ``required``)."""
    if not (day or month or year):
        return None, "Enter the due date" if required else ""
    found = parse_day_month_year(day, month, year)
    if found is None or not 2000 <= found.year <= 2100:
        return None, "Enter a real due date, for example 31 12 2026"
    return found, ""


@router.get("/learning/actions")
def actions_page(
    request: Request,
    app: App,
    show: Annotated[str, Query(max_length=16)] = "",
    status: Annotated[str, Query(max_length=16)] = "",
    owner: Annotated[str, Query(max_length=MAX_OWNER)] = "",
) -> Response:
    """Every action, soonest due first; ``show=overdue`` lists open actions past their date;
    filtered by status and owner agency."""
    overdue = show == "overdue"
    actions = list_actions(app.engine, overdue_only=overdue, today=app.now().date())
    owners = sorted({a.owner_agency for a in actions})
    if status in STATUSES:
        actions = [a for a in actions if a.status == status]
    if owner:
        actions = [a for a in actions if a.owner_agency == owner]
    return render_learning(
        request,
        "learning-actions.html",
        actions=actions,
        overdue=overdue,
        chosen_status=status,
        owners=owners,
        chosen_owner=owner,
        statuses=STATUSES,
        show_recommendation=True,
    )


@router.post("/learning/items/{item_id}/actions")
def add_item_action(
    request: Request,
    item_id: RowId,
    user: CurrentUser,
    app: App,
    description: Annotated[str, Form()] = "",
    owner: Annotated[str, Form()] = "",
    day: DayField = "",
    month: MonthField = "",
    year: YearField = "",
) -> Response:
    """Add an action to a recommendation (who and when are recorded)."""
    errors: dict[str, str] = {}
    if not description.strip() or len(description) > MAX_TEXT:
        errors["action-description"] = f"Say what will be done, in {MAX_TEXT} characters or fewer"
    if not owner.strip() or len(owner) > MAX_OWNER:
        errors["owner"] = f"Enter the owner agency, in {MAX_OWNER} characters or fewer"
    due, problem = _due(day, month, year, required=True)
    if problem:
        errors["due-day"] = problem
    values = {
        "action_description": description[:MAX_TEXT],
        "owner": owner[:MAX_OWNER],
        "day": day,
        "month": month,
        "year": year,
    }
    if not errors:
        record_attempt(
            app, user, purpose="add review action", action="create", detail={"item_id": item_id}
        )
        try:
            add_action(
                app.engine,
                item_id,
                description.strip(),
                owner_agency=owner.strip(),
                due_date=due,
                by=user.username,
            )
        except LearningError as exc:  # not a recommendation (a missing item is a 404)
            errors["action-description"] = exc.message
    if errors:
        return item_page(request, app, item_id, status=400, errors=errors, values=values)
    return RedirectResponse(f"/learning/items/{item_id}#actions", status_code=303)


def _action(app: App, action_id: int) -> Action:
    for action in list_actions(app.engine, today=app.now().date()):
        if action.id == action_id:
            return action
    raise NotFoundError("Page not found")


def _edit_page(
    request: Request,
    action: Action,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    due = action.due_date
    return render_learning(
        request,
        "learning-action.html",
        status=status,
        action=action,
        statuses=STATUSES,
        errors=errors or {},
        values=values
        or {
            "status": action.status,
            "evidence": action.evidence or "",
            "day": str(due.day) if due else "",
            "month": str(due.month) if due else "",
            "year": str(due.year) if due else "",
        },
    )


@router.get("/learning/actions/{action_id}")
def action_page(request: Request, action_id: RowId, app: App) -> Response:
    """One action with the form to update its status, evidence and due date."""
    return _edit_page(request, _action(app, action_id))


@router.post("/learning/actions/{action_id}")
def update_item_action(
    request: Request,
    action_id: RowId,
    user: CurrentUser,
    app: App,
    status: Annotated[str, Form(max_length=16)] = "",
    evidence: Annotated[str, Form()] = "",
    day: DayField = "",
    month: MonthField = "",
    year: YearField = "",
) -> Response:
    """Change an action's status, evidence or due date (who and when are recorded)."""
    action = _action(app, action_id)
    errors: dict[str, str] = {}
    if status not in STATUSES:
        errors["status"] = "Choose the action's status"
    if len(evidence) > MAX_TEXT:
        errors["evidence"] = f"Describe the evidence in {MAX_TEXT} characters or fewer"
    elif status == "done" and not evidence.strip():
        errors["evidence"] = "Give the evidence that the action is done"
    due, problem = _due(day, month, year, required=False)
    if problem:
        errors["due-day"] = problem
    if errors:
        values = {"status": status, "evidence": evidence[:MAX_TEXT], "day": day}
        values |= {"month": month, "year": year}
        return _edit_page(request, action, status=400, errors=errors, values=values)
    record_attempt(
        app, user, purpose="update review action", action="update", detail={"action_id": action_id}
    )
    update_action(
        app.engine,
        action_id,
        by=user.username,
        status=status,
        evidence=evidence.strip() or None,
        due_date=due,
    )
    return RedirectResponse(f"/learning/items/{action.item_id}#actions", status_code=303)
