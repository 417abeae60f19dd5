"""The home page: my children, my open alerts, and what changed since I last looked."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fullpicture.web import integrations
from fullpicture.web.access import agency_scope, visible_children
from fullpicture.web.casefile import changes_since, people_names
from fullpicture.web.context import (
    App,
    CurrentUser,
    audited_unit,
)
from fullpicture.web.pages import render

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py


@router.get("/")
def home(
    user: CurrentUser,
    app: App,
    request: Request,
) -> Response:
    """Show the user's own children and what is new for them (one audit entry)."""
    with app.engine.connect() as conn:
        children = visible_children(conn, user)
    if not children:
        return render(request, "home.html", children=[], changes=[], alerts=[])
    with audited_unit(
        app, user, purpose="home: my children", action="view", detail={"children": children}
    ) as conn:
        names = people_names(conn, children)
        agencies, _shared = agency_scope(conn, user, app.now())
        changes = changes_since(conn, children, user.previous_seen_at, agencies)
        alerts = integrations.open_alerts_for(app.engine, children)
        return render(
            request,
            "home.html",
            children=[(pid, names.get(pid, pid)) for pid in children],
            changes=[(c["person_id"], names.get(c["person_id"], ""), c["events"]) for c in changes],
            alerts=alerts,
        )
