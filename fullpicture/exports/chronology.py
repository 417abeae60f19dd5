"""One entry point for every chronology format, documents included."""

from __future__ import annotations

from fullpicture.chronology.model import Chronology
from fullpicture.chronology.render import render_chronology
from fullpicture.chronology.views import build_table
from fullpicture.errors import FullpictureError

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
    if fmt in ("docx", "pdf"):
        # python-docx and ReportLab take a second to import; only documents need them.
        from fullpicture.exports import documents

        write = documents.chronology_docx if fmt == "docx" else documents.chronology_pdf
        return write(build_table(chronology, view, anonymise))
    if fmt not in EXPORT_FORMATS:
        raise FullpictureError(
            f"Unknown chronology format {fmt!r}.", hint=f"Use one of: {', '.join(EXPORT_FORMATS)}."
        )
    return render_chronology(chronology, view=view, fmt=fmt, anonymise=anonymise)
