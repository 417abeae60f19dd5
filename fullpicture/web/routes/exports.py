"""Chronology exports from the child page (HTML, CSV, DOCX, PDF), each audited as a disclosure."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from fullpicture.chronology.build import build_chronology
from fullpicture.errors import NotFoundError
from fullpicture.exports.chronology import export_chronology
from fullpicture.web.context import App, CurrentUser, child_unit

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py

EXPORTS = {
    "html": ("text/html; charset=utf-8", "HTML"),
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "pdf": ("application/pdf", "PDF"),
}


@router.get("/children/{person_id}/chronology.{fmt}")
def export_child_chronology(person_id: str, fmt: str, user: CurrentUser, app: App) -> Response:
    """The child's multi-agency chronology as a file to download (one audit entry)."""
    if fmt not in EXPORTS:
        raise NotFoundError("Page not found")
    with child_unit(
        app, user, person_id, purpose="export chronology", action="export", detail={"format": fmt}
    ):
        body = export_chronology(build_chronology(app.engine, person_id), fmt=fmt)
    media_type, _label = EXPORTS[fmt]
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="chronology-{person_id}.{fmt}"'},
    )
