"""The child page (summary, chronology with filters, timeline, household, voice), adding
records and wishes-and-feelings notes, and break-glass access."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.audit.chain import AuditEntry, append_entry
from fullpicture.errors import NotFoundError, SecretError
from fullpicture.vocabulary import EVENT_TYPES
from fullpicture.web import integrations
from fullpicture.web.access import BREAK_GLASS_MIN_REASON, start_break_glass
from fullpicture.web.casefile import EventFilters, child_summary, household
from fullpicture.web.chronology_view import child_chronology, chronology_rows, page_link
from fullpicture.web.context import (
    App,
    AppState,
    CurrentUser,
    child_unit,
    record_denied,
    watch_child_view,
)
from fullpicture.web.forms import parse_day_month_year, parse_iso_date
from fullpicture.web.pages import fragment, render
from fullpicture.web.records import add_record
from fullpicture.web.security.sessions import SignedInUser
from fullpicture.web.security.totp import accepted_step, open_secret
from fullpicture.web.tables import web_user
from fullpicture.web.timeline import build_timeline

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py

PersonId = Annotated[str, Query(max_length=16)]


def _filters(
    agency: list[str], event_type: list[str], date_from: str, date_to: str, errors: dict[str, str]
) -> EventFilters:
    start, end = parse_iso_date(date_from), parse_iso_date(date_to)
    if date_from and start is None:
        errors["date-from"] = "Enter a real date in the form 2024-03-31"
    if date_to and end is None:
        errors["date-to"] = "Enter a real date in the form 2024-03-31"
    if start and end and start > end:
        errors["date-to"] = "The end date must be the same as or after the start date"
    return EventFilters(tuple(agency), tuple(event_type), start, end)


@router.get("/children/{person_id}")
def child_page(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    agency: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI reads a copy
    event_type: Annotated[list[str], Query(alias="type")] = [],  # noqa: B006
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The child's page: the access decision, the reads and one audit entry, in one unit."""
    errors: dict[str, str] = {}
    filters = _filters(agency, event_type, date_from, date_to, errors)
    raw_dates = {"from": date_from, "to": date_to}
    with child_unit(app, user, person_id, purpose="view child page") as (conn, access):
        summary = child_summary(conn, person_id, access.whole_agencies)
        chronology = child_chronology(
            conn,
            summary["source_person_ids"],
            access.agencies,
            filters,
            page,
            shared_fields=access.shared_fields,
        )
        return render(
            request,
            "child.html",
            status=400 if errors else 200,
            child=summary,
            person_id=person_id,
            access=access,
            chronology=chronology,
            chronology_rows=chronology_rows(chronology.entries),
            timeline=build_timeline(chronology.records),
            filters=filters,
            errors=errors,
            filters_form=fragment(
                app.templates,
                "child-filters.html",
                person_id=person_id,
                all_agencies=chronology.agencies,
                all_types=chronology.event_types,
                filters=filters,
                date_from=date_from,
                date_to=date_to,
                error_from=errors.get("date-from", ""),
                error_to=errors.get("date-to", ""),
            ),
            earlier_link=page_link(person_id, filters, raw_dates, chronology.page + 1),
            later_link=page_link(person_id, filters, raw_dates, chronology.page - 1),
            household=household(conn, person_id, access.whole_agencies),
            alerts=integrations.open_alerts_of(conn, person_id),
            exports=_exports_for(user),
        )


def _exports_for(user: SignedInUser) -> list[tuple[str, str]]:
    from fullpicture.web.routes.exports import EXPORTS

    if user.role == "practitioner":
        return []
    return [(fmt, label) for fmt, (_media, label) in EXPORTS.items()]


@router.get("/households/{person_id}")
def household_page(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
) -> Response:
    """The people around the child, from every agency's relationship records."""
    with child_unit(app, user, person_id, purpose="view household") as (conn, access):
        summary = child_summary(conn, person_id, access.whole_agencies)
        return render(
            request,
            "household.html",
            child=summary,
            person_id=person_id,
            household=household(conn, person_id, access.whole_agencies),
        )


def _record_types(user: SignedInUser) -> list[tuple[str, str]]:
    return sorted(
        (name, kind.label)
        for name, kind in EVENT_TYPES.items()
        if user.role != "practitioner" or kind.agency == user.agency
    )


@router.get("/children/{person_id}/records/new")
def new_record_page(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    note: Annotated[str, Query(max_length=24)] = "",
) -> Response:
    """The form to add a record (or, with ``?note=wishes-and-feelings``, the child's voice)."""
    voice = note == "wishes-and-feelings"
    with child_unit(app, user, person_id, purpose="open add-record form") as (conn, _access):
        summary = child_summary(conn, person_id)
        return render(
            request,
            "record-new.html",
            child=summary,
            person_id=person_id,
            errors={},
            values={},
            voice=voice,
            types=_record_types(user),
        )


@router.post("/children/{person_id}/records")
def add_record_route(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    summary_text: Annotated[str, Form(alias="summary", max_length=20000)] = "",
    event_type: Annotated[str, Form(alias="event-type", max_length=64)] = "",
    about: Annotated[str, Form(max_length=500)] = "",
    day: Annotated[str, Form(alias="occurred-day", max_length=4)] = "",
    month: Annotated[str, Form(alias="occurred-month", max_length=4)] = "",
    year: Annotated[str, Form(alias="occurred-year", max_length=6)] = "",
    voice: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Store a new record about the child, audited as a change."""
    is_voice = voice == "yes"
    kind = "social_care.wishes_and_feelings" if is_voice else event_type
    errors: dict[str, str] = {}
    if kind not in dict(_record_types(user)) and not is_voice:
        errors["event-type"] = "Select the kind of record"
    occurred = parse_day_month_year(day, month, year)
    if occurred is None or occurred > app.now().date():
        errors["occurred-day"] = "Enter the date it happened, which must be today or earlier"
    if not summary_text.strip():
        errors["summary"] = "Enter what the child said" if is_voice else "Enter what happened"
    with child_unit(
        app,
        user,
        person_id,
        purpose="add a record",
        action="change" if not errors else "view",
        detail={"event_type": kind},
    ) as (conn, _access):
        if errors:
            return render(
                request,
                "record-new.html",
                status=400,
                child=child_summary(conn, person_id),
                person_id=person_id,
                errors=errors,
                voice=is_voice,
                types=_record_types(user),
                values={
                    "summary": summary_text,
                    "event-type": event_type,
                    "about": about,
                    "day": day,
                    "month": month,
                    "year": year,
                },
            )
        attributes = {"about": about} if is_voice and about else None
        assert occurred is not None
        add_record(
            conn,
            user,
            person_id,
            event_type=kind,
            occurred_on=occurred,
            summary=summary_text.strip(),
            attributes=attributes,
            now=app.now(),
        )
    return RedirectResponse(f"/children/{person_id}?added=1", status_code=303)


def _ensure_breakable(app: AppState, user: SignedInUser, person_id: str, purpose: str) -> None:
    """Refuse (404, audited as denied) break-glass into a missing or restricted record."""
    from fullpicture.store.schema import person

    with app.engine.connect() as conn:
        row = conn.execute(
            sa.select(person.c.restricted).where(person.c.id == person_id)
        ).one_or_none()
    if row is None or row.restricted:
        refused = NotFoundError("Page not found")
        record_denied(app, user, person_id, refused, purpose=purpose, action="break-glass")
        raise refused


@router.get("/children/{person_id}/break-glass")
def break_glass_page(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
) -> Response:
    """The break-glass form: a reason and the security code (step-up)."""
    _ensure_breakable(app, user, person_id, "open break-glass form")
    return render(
        request,
        "break-glass.html",
        person_id=person_id,
        errors={},
        reason="",
        min_reason=BREAK_GLASS_MIN_REASON,
    )


def _step_up(app: AppState, user: SignedInUser, code: str) -> bool:
    with app.engine.begin() as conn:
        row = conn.execute(web_user.select().where(web_user.c.id == user.user_id)).one()
        try:
            secret = open_secret(app.cipher, user.user_id, row.totp_secret)
        except SecretError:
            return False  # a changed or moved secret proves nothing (logged by sign-in too)
        if secret is None:
            return False
        step = accepted_step(secret, code, app.now(), row.totp_last_step)
        if step is None:
            return False
        conn.execute(
            web_user.update().where(web_user.c.id == user.user_id).values(totp_last_step=step)
        )
    return True


@router.post("/children/{person_id}/break-glass")
def break_glass(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    reason: Annotated[str, Form(max_length=2000)] = "",
    code: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Open a 60-minute window on the record, flagged to auditors, after step-up; every refusal
    is audited as a denied attempt."""
    purpose = "break-glass access"
    _ensure_breakable(app, user, person_id, purpose)
    watch_child_view(app, user, person_id)  # no new windows once the hour's limit is reached
    errors: dict[str, str] = {}
    if len(reason.strip()) < BREAK_GLASS_MIN_REASON:
        errors["reason"] = f"Enter a reason of at least {BREAK_GLASS_MIN_REASON} characters"
    elif not _step_up(app, user, code):
        errors["code"] = "Enter a correct security code from your authenticator app"
    if errors:
        why = "reason too short" if "reason" in errors else "second factor not accepted"
        record_denied(app, user, person_id, why, purpose=purpose, action="break-glass")
        return render(
            request,
            "break-glass.html",
            status=400,
            person_id=person_id,
            errors=errors,
            reason=reason,
            min_reason=BREAK_GLASS_MIN_REASON,
        )
    with app.engine.begin() as conn:
        ends = start_break_glass(conn, user, person_id, reason, app.now())
        entry = AuditEntry(
            user.username,
            user.role,
            user.agency,
            "break-glass",
            "break-glass access granted",
            "break-glass",
            person_id,
            {"expires_at": ends.isoformat()},
        )
        append_entry(conn, app.audit_key, entry, now=app.now())
    return RedirectResponse(f"/children/{person_id}", status_code=303)
