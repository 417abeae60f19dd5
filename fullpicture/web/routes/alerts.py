"""Alerts: the triage list with filters, one alert with its explanation, evidence and learning,
and acknowledging, actioning or dismissing it with a reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.alerts import (
    STATUSES,
    AlertTransitionError,
    AlertView,
    get_alert,
    list_alerts,
    transition_alert,
)
from fullpicture.errors import NotFoundError
from fullpicture.rules.library import get_rule
from fullpicture.store.schema import event
from fullpicture.vocabulary import EVENT_TYPES
from fullpicture.web.access import visible_children
from fullpicture.web.casefile import people_names
from fullpicture.web.context import App, CurrentUser, audited_unit, child_unit, record_child_attempt
from fullpicture.web.pages import render
from fullpicture.web.params import RowId

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py

HUMAN_MOVES = {
    "acknowledged": "Acknowledge",
    "actioned": "Mark as actioned",
    "dismissed": "Dismiss",
}
SEVERITIES = ("high", "medium", "low")


def rule_facts(rule_id: str) -> dict[str, Any]:
    """The rule's title, what it looks for, why, limits and learning citations (or blanks)."""
    try:
        rule = get_rule(rule_id)
    except NotFoundError:
        return {"title": rule_id, "looks_for": "", "why": "", "limits": "", "citations": []}
    return {
        "title": rule.title,
        "looks_for": rule.looks_for,
        "why": rule.why,
        "limits": rule.limits,
        "citations": [(c.code, c.source) for c in rule.citations],
        "statutory_basis": rule.statutory_basis,
    }


@router.get("/alerts")
def alerts_page(
    request: Request,
    user: CurrentUser,
    app: App,
    status: Annotated[str, Query(max_length=16)] = "open",
    severity: Annotated[str, Query(max_length=8)] = "",
    rule: Annotated[str, Query(max_length=32)] = "",
) -> Response:
    """The triage list for the user's children, filtered by status, severity and rule."""
    status = status if status in STATUSES else "open"
    with app.engine.connect() as conn:
        mine = set(visible_children(conn, user))
    alerts = [
        a
        for a in list_alerts(app.engine, status=status, rule_id=rule or None)
        if a.person_id in mine and (not severity or a.severity == severity)
    ]
    with audited_unit(
        app,
        user,
        purpose="alert triage list",
        action="view",
        detail={"alerts": [a.id for a in alerts]},
    ) as conn:
        names = people_names(conn, sorted({a.person_id for a in alerts}))
        rules = sorted({a.rule_id for a in list_alerts(app.engine) if a.person_id in mine})
        return render(
            request,
            "alerts.html",
            alerts=alerts,
            names=names,
            chosen_status=status,
            severity=severity,
            rule=rule,
            statuses=STATUSES,
            severities=SEVERITIES,
            rules=[(r, rule_facts(r)["title"]) for r in rules],
            titles={a.rule_id: rule_facts(a.rule_id)["title"] for a in alerts},
        )


def _alert(alert_id: int, app: App) -> AlertView:
    return get_alert(app.engine, alert_id)


def _approved(
    value: str | None, field: str, agency: str, shared: Mapping[str, frozenset[str]]
) -> str:
    """The value, unless the agency is seen through an agreement that does not approve it."""
    return "" if agency in shared and field not in shared[agency] else (value or "")


def _evidence(
    conn: sa.Connection,
    alert: AlertView,
    agencies: frozenset[str] | None,
    shared: Mapping[str, frozenset[str]],
) -> list[dict[str, Any]]:
    if not alert.evidence:
        return []
    query = sa.select(event).where(event.c.id.in_(list(alert.evidence)))
    if agencies is not None:
        query = query.where(event.c.agency.in_(sorted(agencies)))
    rows = conn.execute(query.order_by(event.c.occurred_on, event.c.id)).all()
    return [
        {
            "occurred_on": r.occurred_on,
            "agency": r.agency,
            "summary": _approved(r.summary, "summary", r.agency, shared),
            "label": EVENT_TYPES[r.event_type].label
            if r.event_type in EVENT_TYPES
            else r.event_type,
            "source": r.source,
            "record_id": _approved(r.record_id, "record_id", r.agency, shared),
        }
        for r in rows
    ]


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, alert_id: RowId, user: CurrentUser, app: App) -> Response:
    """One alert: explanation, the records it rests on, the learning behind it, its history."""
    alert = _alert(alert_id, app)
    with child_unit(
        app, user, alert.person_id, purpose="view alert", detail={"alert": alert_id}
    ) as (conn, access):
        return render(
            request,
            "alert.html",
            alert=alert,
            rule=rule_facts(alert.rule_id),
            evidence=_evidence(conn, alert, access.agencies, access.shared_fields),
            errors={},
            moves=HUMAN_MOVES,
            name=people_names(conn, [alert.person_id]).get(alert.person_id, alert.person_id),
        )


@router.post("/alerts/{alert_id}/transition")
def alert_transition(
    request: Request,
    alert_id: RowId,
    user: CurrentUser,
    app: App,
    to_status: Annotated[str, Form(alias="to-status", max_length=16)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Acknowledge, action or dismiss the alert with a reason (audited before the change)."""
    alert = _alert(alert_id, app)
    errors: dict[str, str] = {}
    if to_status not in HUMAN_MOVES:
        errors["to-status"] = "Select what you are doing about this alert"
    if not reason.strip():
        errors["reason"] = "Enter the reason for your decision"
    if not errors:
        record_child_attempt(
            app,
            user,
            alert.person_id,
            purpose="alert decision",
            action="change",
            detail={"alert": alert_id, "to": to_status},
        )
        try:
            transition_alert(
                app.engine, alert_id, to_status, actor=user.username, reason=reason.strip()
            )
            return RedirectResponse(f"/alerts/{alert_id}", status_code=303)
        except AlertTransitionError as exc:
            errors["to-status"] = exc.message
    with child_unit(
        app, user, alert.person_id, purpose="view alert", detail={"alert": alert_id}
    ) as (conn, access):
        return render(
            request,
            "alert.html",
            status=400,
            alert=_alert(alert_id, app),
            rule=rule_facts(alert.rule_id),
            evidence=_evidence(conn, alert, access.agencies, access.shared_fields),
            errors=errors,
            moves=HUMAN_MOVES,
            name=people_names(conn, [alert.person_id]).get(alert.person_id, ""),
        )
