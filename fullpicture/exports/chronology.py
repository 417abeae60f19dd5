"""One entry point for every chronology format, documents included."""

from __future__ import annotations

from fullpicture.chronology.model import Chronology
from fullpicture.chronology.render import render_chronology
from fullpicture.chronology.views import build_table
from fullpicture.errors import FullpictureError
from fullpicture.exports.documents import chronology_docx, chronology_pdf

EXPORT_FORMATS = ("text", "html", "csv", "json", "docx", "pdf")


def export_chronology(
    chronology: Chronology, *, view: str = "working", fmt: str = "text", anonymise: bool = False
) -> str | bytes:
    """Render ``chronology`` in any format: text, HTML, CSV and JSON as text; DOCX and PDF as bytes.

    Args:
        chronology: from :func:`fullpicture.chronology.build_chronology`.
        view: ``working``, ``court`` or ``review``.
        fmt: one of :data:`EXPORT_FORMATS`.
        anonymise: replace names with stable pseudonyms everywhere.

    Raises:
        FullpictureError: unknown view or format.
    """
    if fmt == "docx":
        return chronology_docx(build_table(chronology, view, anonymise))
    if fmt == "pdf":
        return chronology_pdf(build_table(chronology, view, anonymise))
    if fmt not in EXPORT_FORMATS:
        raise FullpictureError(
            f"Unknown chronology format {fmt!r}.", hint=f"Use one of: {', '.join(EXPORT_FORMATS)}."
        )
    return render_chronology(chronology, view=view, fmt=fmt, anonymise=anonymise)
