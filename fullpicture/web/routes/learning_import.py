"""Importing review documents into the learning library through the library's own import path,
and showing what was read from each: metadata, items by kind, themes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from fullpicture.errors import LearningError
from fullpicture.learning.browse import DocumentSummary, document_summary
from fullpicture.learning.library import import_document
from fullpicture.learning.rules_link import load_catalogue
from fullpicture.web.context import App, CurrentUser, record_attempt
from fullpicture.web.learning_views import render_learning
from fullpicture.web.review_uploads import MAX_DOCUMENTS, saved_documents, uploaded_documents

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Imported:
    """One uploaded document: what it yielded, and whether it was in the library already."""

    summary: DocumentSummary
    already_imported: bool


def _form(request: Request, *, status: int = 200, errors: dict[str, str] | None = None) -> Response:
    return render_learning(
        request,
        "learning-import.html",
        status=status,
        errors=errors or {},
        max_documents=MAX_DOCUMENTS,
    )


@router.get("/learning/import")
def import_page(request: Request) -> Response:
    """The upload form for review documents."""
    return _form(request)


def _message(exc: LearningError) -> str:
    return f"{exc.message} {exc.hint or ''}".strip()


@router.post("/learning/import")
def import_reviews(
    request: Request,
    user: CurrentUser,
    app: App,
    uploads: Annotated[list[UploadFile], Depends(uploaded_documents)],
) -> Response:
    """Check and import the uploaded documents; re-uploading a document changes nothing."""
    imported: list[Imported] = []
    failed: list[tuple[str, str]] = []
    try:
        with saved_documents(uploads) as paths:
            record_attempt(
                app,
                user,
                purpose="import review documents",
                action="import",
                detail={"files": [path.name for path in paths]},
            )
            load_catalogue(app.engine, embed=False)
            for path in paths:
                try:
                    result = import_document(
                        app.engine, path, imported_by=user.username, embed=False
                    )
                except LearningError as exc:
                    failed.append((path.name, _message(exc)))
                    continue
                summary = document_summary(app.engine, result.document_id)
                imported.append(Imported(summary, result.already_imported))
    except LearningError as exc:
        return _form(request, status=400, errors={"documents": _message(exc)})
    if not imported:
        return _form(request, status=400, errors={"documents": " ".join(m for _, m in failed)})
    return render_learning(request, "learning-imported.html", imported=imported, failed=failed)
