"""Data import: upload an agency extract, see the counts, view and download the quarantine."""

from __future__ import annotations

import io
import json
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import IntakeError, NotFoundError
from fullpicture.intake.importer import import_files
from fullpicture.intake.quarantine import QuarantinedRow, export_quarantine
from fullpicture.intake.rejections import acknowledge_rejection, list_rejections
from fullpicture.store.schema import ledger, quarantine, source_mapping
from fullpicture.web.context import App, CurrentUser, audited_unit, record_attempt
from fullpicture.web.pages import render
from fullpicture.web.params import RowId
from fullpicture.web.uploads import saved_upload

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py


def _sources(app: App) -> list[str]:
    with app.engine.connect() as conn:
        return [
            str(s)
            for s in conn.execute(
                sa.select(source_mapping.c.source).order_by(source_mapping.c.source)
            ).scalars()
        ]


def _recent(app: App) -> list[sa.Row[tuple[object, ...]]]:
    with app.engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(ledger)
                .where(~ledger.c.source.like("web:%"))
                .order_by(ledger.c.id.desc())
                .limit(30)
            )
        )


def _form(
    request: Request,
    app: App,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    source: str = "",
) -> Response:
    return render(
        request,
        "imports.html",
        status=status,
        errors=errors or {},
        sources=_sources(app),
        recent=_recent(app),
        refused=list_rejections(app.engine, open_only=True),
        chosen=source,
    )


@router.get("/imports")
def imports_page(request: Request, app: App) -> Response:
    """The upload form and the latest files taken in."""
    return _form(request, app)


@router.post("/imports")
def upload_extract(
    request: Request,
    user: CurrentUser,
    app: App,
    extract: Annotated[UploadFile | None, File()] = None,
    source: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Take the uploaded extract in for the chosen source (audited before it is stored)."""
    if source not in _sources(app):
        return _form(request, app, status=400, errors={"source": "Select the agency source"})
    if extract is None or not extract.filename:
        return _form(
            request, app, status=400, errors={"extract": "Select a file to upload"}, source=source
        )
    try:
        with saved_upload(extract) as path:
            record_attempt(
                app,
                user,
                purpose="import agency extract",
                action="import",
                detail={"source": source, "file": path.name},
            )
            results = import_files(app.engine, [path], source, imported_by=user.username)
    except IntakeError as exc:
        message = f"{exc.message} {exc.hint or ''}".strip()
        return _form(request, app, status=400, errors={"extract": message}, source=source)
    # A flat export (people and their events in one file) gives one entry per table: the list.
    target = f"/imports/{results[0].ledger_id}" if len(results) == 1 else "/imports"
    return RedirectResponse(target, status_code=303)


@router.post("/imports/rejections/{rejection_id}/acknowledge")
def acknowledge_refusal(rejection_id: RowId, user: CurrentUser, app: App) -> Response:
    """Mark a file the circuit breaker refused as seen and dealt with."""
    record_attempt(
        app,
        user,
        purpose="acknowledge a refused agency extract",
        action="acknowledge rejection",
        detail={"rejection": rejection_id},
    )
    acknowledge_rejection(app.engine, rejection_id, by=user.username)
    return RedirectResponse("/imports", status_code=303)


def _quarantined(conn: sa.Connection, entry: sa.Row[tuple[object, ...]]) -> list[QuarantinedRow]:
    rows = conn.execute(
        sa.select(quarantine)
        .where(quarantine.c.ledger_id == entry.id)
        .order_by(quarantine.c.row_number)
    )
    return [
        QuarantinedRow(
            r.id,
            r.source,
            r.ledger_id,
            str(entry.filename),
            r.row_number,
            json.loads(r.raw),
            json.loads(r.reasons),
            entry.status != "complete",
        )
        for r in rows
    ]


def _entry(conn: sa.Connection, ledger_id: int) -> sa.Row[tuple[object, ...]]:
    entry = conn.execute(sa.select(ledger).where(ledger.c.id == ledger_id)).one_or_none()
    if entry is None or str(entry.source).startswith("web:"):
        raise NotFoundError("Page not found")
    return entry


@router.get("/imports/{ledger_id}")
def import_result(request: Request, ledger_id: RowId, user: CurrentUser, app: App) -> Response:
    """The counts of one file and its quarantined rows with every reason (audited)."""
    with audited_unit(
        app,
        user,
        purpose="view import and quarantine",
        action="view",
        detail={"ledger_id": ledger_id},
    ) as conn:
        entry = _entry(conn, ledger_id)
        return render(request, "import-result.html", entry=entry, rows=_quarantined(conn, entry))


@router.get("/imports/{ledger_id}/quarantine.csv")
def quarantine_csv(ledger_id: RowId, user: CurrentUser, app: App) -> Response:
    """The quarantined rows as a formula-safe CSV for the sending agency (audited export)."""
    with audited_unit(
        app, user, purpose="download quarantine", action="export", detail={"ledger_id": ledger_id}
    ) as conn:
        entry = _entry(conn, ledger_id)
        buffer = io.StringIO()
        export_quarantine(_quarantined(conn, entry), buffer)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="quarantine-{ledger_id}.csv"'},
    )
