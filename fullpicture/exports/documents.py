"""Chronologies as documents: Word (python-docx) and PDF (ReportLab), landscape A4.

Both render a :class:`~fullpicture.chronology.views.ChronologyTable`, so they show exactly what the
text and HTML renderers show, anonymised or not.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from fullpicture.chronology.views import ChronologyTable, marked_cells

# Relative column widths per view, so the free-text columns get the room.
_WIDTHS = {
    "working": (0.11, 0.17, 0.40, 0.09, 0.23),
    "court": (0.11, 0.15, 0.34, 0.22, 0.18),
    "review": (0.11, 0.55, 0.12, 0.22),
}


def chronology_docx(table: ChronologyTable) -> bytes:
    """A Word document of the chronology: title, facts, household, and the view's table.

    Args:
        table: from :func:`fullpicture.chronology.views.build_table`.

    Returns:
        The .docx file's bytes.
    """
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    doc.add_heading(table.title, level=1)
    if table.anonymised:
        doc.add_paragraph("Anonymised: names are replaced by pseudonyms.")
    for key, value in table.facts:
        doc.add_paragraph(f"{key}: {value}")
    if table.members:
        doc.add_heading("Household members over time", level=2)
        for name, relation, periods in table.members:
            doc.add_paragraph(f"{name} ({relation}): {periods}", style="List Bullet")
    doc.add_heading(f"{table.view.value.capitalize()} view", level=2)
    _docx_table(doc, table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(doc: Any, table: ChronologyTable) -> None:
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, marked_cells(table, row), strict=True):
            cell.text = text
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
                    run.bold = row.kind == "gap"


def chronology_pdf(table: ChronologyTable) -> bytes:
    """A PDF of the chronology (ReportLab, BSD licence), with the header row repeated per page.

    Args:
        table: from :func:`fullpicture.chronology.views.build_table`.

    Returns:
        The PDF file's bytes.
    """
    out = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(
        out, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=table.title, author="fullpicture",
    )  # fmt: skip
    styles = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=8, leading=10)
    story: list[object] = [Paragraph(escape(table.title), styles["Heading1"])]
    if table.anonymised:
        story.append(Paragraph("Anonymised: names are replaced by pseudonyms.", styles["BodyText"]))
    for key, value in table.facts:
        story.append(Paragraph(f"<b>{escape(key)}:</b> {escape(value)}", styles["BodyText"]))
    for name, relation, periods in table.members:
        story.append(Paragraph(escape(f"{name} ({relation}): {periods}"), styles["BodyText"]))
    story.append(Spacer(1, 6 * mm))
    story.append(_pdf_table(table, cell, page[0] - 24 * mm))
    doc.build(story)
    return out.getvalue()


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _pdf_table(table: ChronologyTable, style: ParagraphStyle, width: float) -> LongTable:
    head = ParagraphStyle("head", parent=style, fontName="Helvetica-Bold")
    data = [[_para(c, head) for c in table.columns]]
    data += [[_para(c, style) for c in marked_cells(table, row)] for row in table.rows]
    shares = _WIDTHS.get(table.view.value) or tuple(1 / len(table.columns) for _ in table.columns)
    # splitInRow: a very long record may be taller than a page; let its row continue overleaf.
    grid = LongTable(data, colWidths=[width * s for s in shares], repeatRows=1, splitInRow=1)
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dee0e2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for i, row in enumerate(table.rows, start=1):
        if row.kind == "gap":
            commands.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#fff7bf")))
    grid.setStyle(TableStyle(commands))
    return grid
