"""Information-sharing agreements (administrators) and sharing a child's records under one, or
recording a decision not to share (social workers, IROs, team managers)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.protection.disclosure import (
    ShareRequest,
    disclosure_history,
    record_decline,
    share_records,
)
from fullpicture.protection.isa import (
    FIELDS,
    LAWFUL_BASES,
    PURPOSES,
    Agreement,
    add_agreement,
    end_agreement,
    list_agreements,
)
from fullpicture.vocabulary import Agency
from fullpicture.web.context import App, AppState, CurrentUser, audited_unit, child_unit
from fullpicture.web.forms import parse_iso_date
from fullpicture.web.pages import render
from fullpicture.web.security.sessions import SignedInUser

router = APIRouter(include_in_schema=False)

_CHOICES: dict[str, Any] = {
    "agencies": [a.value for a in Agency],
    "purposes": PURPOSES,
    "fields": FIELDS,
    "lawful_bases": LAWFUL_BASES,
}


def _isa_page(app: AppState, request: Request, *, status: int = 200, **context: Any) -> Response:
    with app.engine.connect() as conn:
        agreements = list_agreements(conn)
    context.setdefault("errors", {})
    context.setdefault("values", {})
    return render(
        request,
        "admin-isas.html",
        status=status,
        agreements=agreements,
        today=app.now().date(),
        **_CHOICES,
        **context,
    )


@router.get("/admin/isas")
def isas_page(request: Request, app: App) -> Response:
    """Every information-sharing agreement, and the form to register one."""
    return _isa_page(app, request)


def _dates(start: str, end: str) -> tuple[date, date | None]:
    first, last = parse_iso_date(start), parse_iso_date(end)
    if first is None:
        raise ProtectionError("Enter the start date in the form 2026-04-01.")
    if end and last is None:
        raise ProtectionError("Enter the end date in the form 2027-03-31, or leave it empty.")
    return first, last


@router.post("/admin/isas")
def add_isa(
    user: CurrentUser,
    app: App,
    request: Request,
    isa_id: Annotated[str, Form(alias="isa-id", max_length=32)] = "",
    title: Annotated[str, Form(max_length=256)] = "",
    parties: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI reads a copy
    purpose: Annotated[str, Form(max_length=32)] = "",
    fields: Annotated[list[str], Form()] = [],  # noqa: B006
    bases: Annotated[list[str], Form(alias="lawful-bases")] = [],  # noqa: B006
    start: Annotated[str, Form(max_length=10)] = "",
    end: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Register an agreement with one purpose (more purposes: ``fullpicture isa add``)."""
    values = {"isa-id": isa_id, "title": title, "start": start, "end": end}
    try:
        first, last = _dates(start, end)
        agreement = Agreement(
            id=isa_id.strip(),
            title=title.strip() or isa_id.strip(),
            parties=frozenset(parties),
            purposes={purpose: frozenset(fields)} if purpose else {},
            lawful_bases=frozenset(bases),
            start_date=first,
            end_date=last,
            ended_reason=None,
        )
        with audited_unit(
            app, user, purpose="register sharing agreement", action="change", subject=isa_id
        ) as conn:
            add_agreement(conn, agreement, by=user.username, now=app.now())
    except ProtectionError as exc:
        return _isa_page(app, request, status=400, errors={"isa-id": exc.message}, values=values)
    return _isa_page(app, request, added=agreement.id)


@router.post("/admin/isas/end")
def end_isa(
    user: CurrentUser,
    app: App,
    request: Request,
    isa_id: Annotated[str, Form(alias="end-isa-id", max_length=32)] = "",
    last_day: Annotated[str, Form(alias="last-day", max_length=10)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """End an agreement on a given last day, with a reason."""
    try:
        day = parse_iso_date(last_day) or app.now().date()
        with audited_unit(
            app, user, purpose="end sharing agreement", action="change", subject=isa_id
        ) as conn:
            end_agreement(conn, isa_id.strip(), last_day=day, reason=reason)
    except (ProtectionError, NotFoundError) as exc:
        return _isa_page(app, request, status=400, errors={"end-isa-id": exc.message})
    return _isa_page(app, request, ended=isa_id.strip())


def _share_page(
    app: AppState,
    user: SignedInUser,
    request: Request,
    person_id: str,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    with child_unit(app, user, person_id, purpose="view disclosure log") as (conn, _access):
        history = disclosure_history(conn, person_id)
        agreements = [a for a in list_agreements(conn) if a.in_force(app.now().date())]
        context.setdefault("errors", {})
        context.setdefault("values", {})
        return render(
            request,
            "share.html",
            status=status,
            person_id=person_id,
            history=history,
            agreements=agreements,
            **_CHOICES,
            **context,
        )


@router.get("/children/{person_id}/share")
def share_page(user: CurrentUser, app: App, request: Request, person_id: str) -> Response:
    """The form to share the child's records under an agreement, and the disclosure log."""
    return _share_page(app, user, request, person_id)


@router.post("/children/{person_id}/share")
def share_child(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    isa_id: Annotated[str, Form(alias="isa-id", max_length=32)] = "",
    purpose: Annotated[str, Form(max_length=32)] = "",
    lawful_basis: Annotated[str, Form(alias="lawful-basis", max_length=32)] = "",
    recipient: Annotated[str, Form(max_length=256)] = "",
    recipient_agency: Annotated[str, Form(alias="recipient-agency", max_length=32)] = "",
) -> Response:
    """Share the child's records (CSV of the approved fields only); 400 without a valid
    agreement, purpose and lawful basis. One audit entry either way."""
    detail: dict[str, Any] = {"isa": isa_id, "purpose": purpose, "basis": lawful_basis}
    request_ = ShareRequest(
        person_id,
        isa_id,
        purpose,
        lawful_basis,
        recipient,
        recipient_agency,
        user.agency,
        user.username,
    )
    with child_unit(
        app, user, person_id, purpose="share records", action="share", detail=detail
    ) as (
        conn,
        _access,
    ):
        try:
            shared = share_records(conn, request_, app.now())
        except ProtectionError as exc:
            detail["refused"] = True
            refusal = exc.message
        else:
            detail["disclosure"] = shared.disclosure_id
            return Response(
                shared.body,
                media_type="text/csv; charset=utf-8",
                headers={
                    "Content-Disposition": (
                        f'attachment; filename="shared-{person_id}-{shared.disclosure_id}.csv"'
                    )
                },
            )
    values = {"recipient": recipient, "isa-id": isa_id}
    return _share_page(
        app, user, request, person_id, status=400, errors={"isa-id": refusal}, values=values
    )


@router.post("/children/{person_id}/share/decline")
def decline_share(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: str,
    recipient: Annotated[str, Form(alias="decline-recipient", max_length=256)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Record a decision not to share, with its reason (audited as a change)."""
    detail: dict[str, Any] = {}
    try:
        with child_unit(
            app, user, person_id, purpose="decline to share", action="change", detail=detail
        ) as (conn, _access):
            detail["disclosure"] = record_decline(
                conn,
                person_id,
                recipient=recipient,
                reason=reason,
                by=user.username,
                now=app.now(),
            )
    except ProtectionError as exc:
        return _share_page(
            app, user, request, person_id, status=400, errors={"decline-recipient": exc.message}
        )
    return _share_page(app, user, request, person_id, declined=True)
