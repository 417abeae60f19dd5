"""The audit viewer for auditors: recent entries, break-glass grants, chain verification, and
the "who accessed this child" report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from fullpicture.audit.chain import verify_chain
from fullpicture.web.audit_views import accesses_to, break_glass_grants, recent_entries
from fullpicture.web.context import (
    App,
    CurrentUser,
    audited_unit,
)
from fullpicture.web.forms import parse_iso_date
from fullpicture.web.pages import render
from fullpicture.web.security.snooping import snooping_alerts

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py


@router.get("/audit")
def audit_home(
    user: CurrentUser,
    app: App,
    request: Request,
) -> Response:
    """Recent entries, every break-glass grant and every snooping alert, flagged for review."""
    with audited_unit(app, user, purpose="audit viewer", action="audit-view") as conn:
        return render(
            request,
            "audit.html",
            entries=recent_entries(conn),
            denied=recent_entries(conn, denied_only=True),
            grants=break_glass_grants(conn),
            snooping=snooping_alerts(conn),
            now=app.now(),
        )


@router.get("/audit/verify")
def audit_verify(
    user: CurrentUser,
    app: App,
    request: Request,
) -> Response:
    """Verify the whole chain now and show the first bad entry, if any."""
    result = verify_chain(app.engine, app.audit_key)
    with audited_unit(app, user, purpose="verify audit chain", action="audit-verify"):
        return render(request, "audit-verify.html", result=result)


@router.get("/audit/children/{person_id}")
def who_accessed(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
) -> Response:
    """Every recorded access to the child in the period."""
    start, end = parse_iso_date(date_from), parse_iso_date(date_to)
    errors = {}
    if date_from and start is None:
        errors["from"] = "Enter a real date in the form 2024-03-31"
    if date_to and end is None:
        errors["to"] = "Enter a real date in the form 2024-03-31"
    with audited_unit(
        app, user, purpose="who accessed this child", action="audit-view", subject=person_id
    ) as conn:
        return render(
            request,
            "audit-child.html",
            status=400 if errors else 200,
            person_id=person_id,
            entries=accesses_to(conn, person_id, start, end),
            errors=errors,
            raw={"from": date_from, "to": date_to},
        )
