"""A paragraph a PDF's page break cuts in two reads as one, past a "Page n" line over the
next page (synthetic PDFs drawn with reportlab)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from fullpicture.learning.documents import read_document


def _two_page_pdf(path: Path, *, page_label: bool, last_line: str) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, 780, "What the review found")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 740, "The nursery saw a mark on the boy's arm and asked his mother about")
    canvas.drawString(60, 727, last_line)
    canvas.showPage()
    canvas.setFont("Helvetica", 10)
    if page_label:
        canvas.drawString(60, 800, "Page 2")
    canvas.drawString(60, 770, "and nobody passed the answer on to the health visitor.")
    canvas.drawString(60, 740, "A second paragraph starts here and stands on its own.")
    canvas.save()
    return path


def _texts(path: Path) -> list[str]:
    return [block.text for block in read_document(path).blocks if not block.heading]


def test_should_join_a_paragraph_carried_over_a_page_break(tmp_path: Path) -> None:
    path = _two_page_pdf(
        tmp_path / "brief.pdf", page_label=True, last_line="it, but the account was not checked,"
    )
    texts = _texts(path)
    assert any(
        text.endswith("not checked, and nobody passed the answer on to the health visitor.")
        for text in texts
    )
    assert "Page 2" not in texts


def test_should_keep_a_finished_paragraph_apart_from_the_next_page(tmp_path: Path) -> None:
    path = _two_page_pdf(
        tmp_path / "brief.pdf", page_label=False, last_line="it, but the account was not checked."
    )
    texts = _texts(path)
    assert any(text.startswith("and nobody passed") for text in texts)
