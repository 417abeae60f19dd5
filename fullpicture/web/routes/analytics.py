"""Figures for analysts: pseudonymised aggregates only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fullpicture.web.context import App, CurrentUser, audited_unit
from fullpicture.web.figures import SUPPRESS_BELOW, partnership_figures
from fullpicture.web.pages import render

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py


@router.get("/analytics")
def analytics(request: Request, user: CurrentUser, app: App) -> Response:
    """Counts across the partnership, with small numbers suppressed."""
    with audited_unit(app, user, purpose="aggregate figures", action="view-aggregates") as conn:
        return render(
            request, "analytics.html", figures=partnership_figures(conn), threshold=SUPPRESS_BELOW
        )
