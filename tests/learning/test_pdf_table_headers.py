"""PDF tables whose header is set unlike their rows: a header with no letters hanging below
the line over rows whose letters do, and a header word wrapped over several lines of a narrow
column (synthetic PDFs drawn with reportlab for each test, not corpus documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, Table, TableStyle

from fullpicture.learning.documents import read_document
from tests.learning.test_pdf_layout import create_pdf

_STYLES = getSampleStyleSheet()


def _para(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(text, _STYLES[style])


def create_table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A ruled table of paragraphs with the given column widths."""
    data: list[list[Any]] = [[_para(cell) for cell in header]]
    data += [[_para(cell) for cell in row] for row in rows]
    table = Table(data, colWidths=widths)
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    return table


def _boxed_rows(path: Path) -> list[str]:
    return [block.text for block in read_document(path).blocks if block.boxed and not block.heading]


def test_should_read_every_line_of_a_row_taller_than_a_header_with_no_descenders(
    tmp_path: Path,
):
    rows = [
        [
            "1",
            "The partnership should relaunch its screening tool for agencies, including "
            "surgeries, playgroups and housing groups, and put it through a yearly audit.",
            "Ravensholme Safeguarding Children Partnership",
        ],
        ["2", "Schools should keep a running chronology of worries for every pupil.", "Schools"],
    ]
    story = [
        _para("Child Safeguarding Practice Review: Child Q", "Title"),
        _para("Recommendations", "Heading2"),
        create_table(["No.", "Recommendation", "Addressed to"], rows, [30, 260, 110]),
    ]
    assert _boxed_rows(create_pdf(tmp_path / "tall.pdf", story)) == [
        "The partnership should relaunch its screening tool for agencies, including "
        "surgeries, playgroups and housing groups, and put it through a yearly audit. "
        "(Addressed to: Ravensholme Safeguarding Children Partnership)",
        "Schools should keep a running chronology of worries for every pupil. "
        "(Addressed to: Schools)",
    ]


def test_should_rejoin_a_header_word_wrapped_over_several_lines_of_a_narrow_column(
    tmp_path: Path,
):
    rows = [
        [
            "1. The Board should ensure that agencies use the neglect tool.",
            "Launch the tool with training for all front-line staff.",
            "Training officer",
        ]
    ]
    story = [
        _para("Serious case review: Child G", "Title"),
        _para("The panel asks that the Board should ensure that agencies use the neglect tool."),
        _para("Action plan", "Heading2"),
        create_table(["Recommendation", "Action", "Lead"], rows, [34, 250, 100]),
    ]
    blocks = read_document(create_pdf(tmp_path / "narrow.pdf", story)).blocks
    cells = [(block.heading, block.text) for block in blocks if block.boxed]
    assert cells == [
        (3, "Recommendation"),
        (
            0,
            "1. The Board should ensure that agencies use the neglect tool. (Lead: Training officer)",
        ),
        (3, "Action"),
        (0, "Launch the tool with training for all front-line staff. (Lead: Training officer)"),
    ]
