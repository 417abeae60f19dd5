"""The JSON API: the same data as the pages, behind the same policy, access checks and audit.

Responses carry only the fields declared in the response models (an allow-list).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from fullpicture.web.access import visible_children
from fullpicture.web.audit_views import accesses_to
from fullpicture.web.casefile import EventFilters, child_events, child_summary, people_names
from fullpicture.web.context import (
    App,
    CurrentUser,
    audited_unit,
    child_unit,
)
from fullpicture.web.params import IsoDate

router = APIRouter(tags=["api"])


class Me(BaseModel):
    """The signed-in user."""

    username: str
    display_name: str
    role: str
    agency: str


class ChildListItem(BaseModel):
    """A child the user is assigned to."""

    person_id: str
    display_name: str


class EventPublic(BaseModel):
    """One event of a child's chronology."""

    id: int
    occurred_on: date
    precision: str
    uncertain: bool
    agency: str
    source: str
    event_type: str
    label: str
    summary: str


class ChildPublic(BaseModel):
    """A child's summary and chronology, as the user may see it."""

    person_id: str
    display_name: str
    date_of_birth: date | None
    basis: str
    events: list[EventPublic]


class AccessEntry(BaseModel):
    """One recorded access to a child."""

    seq: int
    ts: str
    actor: str
    role: str
    agency: str
    basis: str
    purpose: str
    action: str


@router.get("/api/me", response_model=Me)
def api_me(user: CurrentUser) -> Me:
    """Who is signed in."""
    return Me(
        username=user.username, display_name=user.display_name, role=user.role, agency=user.agency
    )


@router.get("/api/children", response_model=list[ChildListItem])
def api_children(user: CurrentUser, app: App) -> list[ChildListItem]:
    """The children the user is assigned to."""
    with app.engine.connect() as conn:
        ids = visible_children(conn, user)
    with audited_unit(
        app, user, purpose="api: my children", action="view", detail={"children": ids}
    ) as conn:
        names = people_names(conn, ids)
        return [ChildListItem(person_id=pid, display_name=names.get(pid, "")) for pid in ids]


@router.get("/api/children/{person_id}", response_model=ChildPublic)
def api_child(
    user: CurrentUser,
    app: App,
    person_id: str,
    agency: Annotated[list[str], Query()] = [],  # noqa: B006
    event_type: Annotated[list[str], Query(alias="type")] = [],  # noqa: B006
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
) -> ChildPublic:
    """A child's chronology, filtered like the page."""
    filters = EventFilters(tuple(agency), tuple(event_type), date_from, date_to)
    with child_unit(app, user, person_id, purpose="api: view child") as (conn, access):
        summary = child_summary(conn, person_id)["person"]
        events = child_events(conn, person_id, filters, access.agencies, access.shared_fields)
        return ChildPublic(
            person_id=person_id,
            display_name=summary["display_name"],
            date_of_birth=summary["date_of_birth"],
            basis=access.basis,
            events=[
                EventPublic(**{k: getattr(e, k) for k in EventPublic.model_fields}) for e in events
            ],
        )


@router.get("/api/audit/children/{person_id}", response_model=list[AccessEntry])
def api_who_accessed(
    user: CurrentUser,
    app: App,
    person_id: str,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
) -> list[AccessEntry]:
    """Who accessed the child in the period (auditors)."""
    with audited_unit(
        app, user, purpose="api: who accessed this child", action="audit-view", subject=person_id
    ) as conn:
        rows = accesses_to(conn, person_id, date_from, date_to)
        return [AccessEntry(**{k: r[k] for k in AccessEntry.model_fields}) for r in rows]
