"""PDF layout: table cells, running headers and footers, and footnotes (synthetic PDFs drawn
with reportlab for each test, not corpus documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from fullpicture.learning.documents import Block, read_document
from fullpicture.learning.library import parse_document
from fullpicture.learning.pdf_layout import known_words, margin_key, rejoin_cell

_STYLES = getSampleStyleSheet()


def _para(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(text, _STYLES[style])


def create_pdf(
    path: Path, story: list[Any], *, footer: str | None = None, footnotes: bool = False
) -> Path:
    """Draw ``story`` into a PDF at ``path``; with ``footer``, a running footer and header on
    every page; with ``footnotes``, a footnote in small type at the bottom of every page."""

    def furniture(canvas: Any, doc: Any) -> None:
        if footer:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(72, 30, f"{footer} | Page {doc.page}")
            canvas.drawString(72, A4[1] - 40, "Eastmoor Safeguarding Children Partnership")
        if footnotes:
            canvas.setFont("Helvetica", 7)
            canvas.drawString(72, 60, f"{doc.page} Working Together to Safeguard Children 2023.")

    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return path


def create_recommendation_table(rows: list[tuple[str, str, str, str]]) -> Table:
    """A ruled table: number, recommendation, lead agency and timescale columns."""
    data: list[list[Any]] = [["No.", "Recommendation", "Lead agency", "Timescale"]]
    data += [[n, _para(text), _para(lead), when] for n, text, lead, when in rows]
    table = Table(data, colWidths=[30, 250, 100, 80])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


_ROWS = [
    (
        "1",
        "The partnership should audit how strategy discussions record the views of the child "
        "and whether health visitors are invited to them.",
        "Children's social care",
        "March 2027",
    ),
    ("2", "Schools should report missed education within five days.", "Education", "June 2027"),
    ("3", "Police should share notifications with health visitors.", "Police", "April 2027"),
]


def test_should_read_a_pdf_recommendation_table_cell_by_cell(tmp_path: Path):
    story = [
        _para("Child Safeguarding Practice Review: Child Q", "Title"),
        _para("Recommendations", "Heading2"),
        create_recommendation_table(_ROWS),
        _para("The review panel met four times."),
    ]
    blocks = read_document(create_pdf(tmp_path / "q.pdf", story)).blocks
    rows = [block.text for block in blocks if block.boxed and not block.heading]
    assert rows == [
        "The partnership should audit how strategy discussions record the views of the child "
        "and whether health visitors are invited to them. (Lead agency: Children's social care) "
        "(Timescale: March 2027)",
        "Schools should report missed education within five days. (Lead agency: Education) "
        "(Timescale: June 2027)",
        "Police should share notifications with health visitors. (Lead agency: Police) "
        "(Timescale: April 2027)",
    ]
    assert Block("The review panel met four times.") in blocks  # after the table, not in it


def test_should_give_a_pdf_table_row_its_lead_agency_as_addressee(tmp_path: Path):
    story = [
        _para("Child Safeguarding Practice Review: Child Q", "Title"),
        _para("Recommendations", "Heading2"),
        create_recommendation_table(_ROWS),
    ]
    review = parse_document(create_pdf(tmp_path / "q.pdf", story)).reviews[0]
    found = [(item.kind, item.addressee) for item in review.items]
    assert found == [
        ("recommendation", "Children's social care"),
        ("recommendation", "Education"),
        ("recommendation", "Police"),
    ]


def test_should_read_pdf_text_around_a_table_in_order(tmp_path: Path):
    story = [
        _para("Rapid Review: Child Q", "Title"),
        _para("Findings", "Heading2"),
        _para("Finding 1: Agencies did not share what they knew about the older men."),
        _para("Recommendations", "Heading2"),
        create_recommendation_table(_ROWS[:2]),
        _para("Key learning", "Heading2"),
        _para("\u2022 Going missing is a signal of harm."),
    ]
    review = parse_document(create_pdf(tmp_path / "q.pdf", story)).reviews[0]
    assert [item.kind for item in review.items] == [
        "finding",
        "recommendation",
        "recommendation",
        "key_learning",
    ]


def _long_review() -> list[Any]:
    story: list[Any] = [
        _para("Child Safeguarding Practice Review: Child R", "Title"),
        _para("Findings", "Heading2"),
    ]
    for page in range(1, 5):
        story.append(
            _para(
                f"Finding {page}: Practitioners did not see the neglect of the child at "
                f"visit {page}.<super>{page}</super> Nobody asked the child about home."
            )
        )
        story.append(PageBreak())
    return story


def test_should_drop_running_headers_and_footers_repeated_on_pdf_pages(tmp_path: Path):
    path = create_pdf(tmp_path / "r.pdf", _long_review(), footer="Child R review")
    texts = [block.text for block in read_document(path).blocks]
    assert not any("Page" in text or "Eastmoor" in text for text in texts)


def test_should_not_take_footnote_marks_or_footnotes_into_pdf_items(tmp_path: Path):
    path = create_pdf(tmp_path / "r.pdf", _long_review(), footnotes=True)
    findings = [item.text for item in parse_document(path).reviews[0].items]
    assert findings[0] == (
        "Practitioners did not see the neglect of the child at visit 1. Nobody asked the "
        "child about home."
    )
    assert len(findings) == 4
    assert not any("Working Together" in text for text in findings)


def test_should_mask_digits_when_comparing_running_lines():
    assert margin_key("Child R review | Page 3 of 12") == margin_key(
        "Child R review | Page 4 of 12"
    )


def _many_rows(count: int) -> list[tuple[str, str, str, str]]:
    return [
        (
            str(n),
            f"Agency {n} should check that recommendation {n} is in its safeguarding audit "
            "and report on its progress to the partnership board every quarter.",
            f"Agency {n}",
            "2027",
        )
        for n in range(1, count + 1)
    ]


def test_should_read_a_pdf_table_that_runs_over_pages_with_or_without_its_header(
    tmp_path: Path,
):
    for repeat in (0, 1):
        table = create_recommendation_table(_many_rows(30))
        table.repeatRows = repeat
        story = [
            _para("Child Safeguarding Practice Review: Child S", "Title"),
            _para("Recommendations", "Heading2"),
            table,
        ]
        path = create_pdf(tmp_path / f"s{repeat}.pdf", story, footer="Child S review")
        review = parse_document(path).reviews[0]
        assert [item.addressee for item in review.items] == [f"Agency {n}" for n in range(1, 31)]
        assert all(item.kind == "recommendation" for item in review.items)


def test_should_keep_a_slide_title_set_large_at_the_top_of_every_slide(tmp_path: Path):
    from reportlab.lib.pagesizes import landscape
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "deck.pdf"
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height))
    for n in range(1, 5):
        canvas.setFont("Helvetica-Bold", 24)
        canvas.drawString(40, height - 30, "Key learning")
        canvas.setFont("Helvetica", 10)
        canvas.drawString(40, height - 120, f"\u2022 Point {n} about neglect in the home.")
        canvas.drawString(40, height - 140, f"\u2022 Point {n} about missed health visits.")
        canvas.showPage()
    canvas.save()
    texts = [block.text for block in read_document(path).blocks]
    assert "Key learning" in texts


def test_should_not_read_a_contents_page_as_a_table(tmp_path: Path):
    contents = Table(
        [["Findings", "4"], ["Recommendations", "9"], ["Appendix one", "12"]],
        colWidths=[300, 60],
    )
    story = [
        _para("Rapid Review: Child T", "Title"),
        _para("Contents", "Heading2"),
        contents,
        _para("Background", "Heading2"),
        _para("T lived with her grandmother."),
    ]
    review = parse_document(create_pdf(tmp_path / "t.pdf", story)).reviews[0]
    assert review.items == []


def test_should_read_the_partnership_from_a_pdfs_running_header_for_its_metadata(
    tmp_path: Path,
):
    path = create_pdf(tmp_path / "r.pdf", _long_review(), footer="Child R review")
    meta = parse_document(path).reviews[0].metadata
    assert meta.partnership == "Eastmoor Safeguarding Children Partnership"


def create_narrow_table(header: list[str], rows: list[list[str]], first_width: float) -> Table:
    """A ruled table whose first column is narrow enough to break its words mid-word."""
    data: list[list[Any]] = [[_para(cell) for cell in header]]
    data += [[_para(cell) for cell in row] for row in rows]
    table = Table(data, colWidths=[first_width, 150, 90])
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    return table


def test_should_rejoin_words_a_narrow_pdf_table_column_breaks_apart(tmp_path: Path):
    story = [
        _para("Neglect: a partnership self-assessment", "Title"),
        _para(
            "Supervision rarely looked at the whole chronology, and information from "
            "schools about attendance was not gathered before decisions were made."
        ),
        _para("Improvement priorities", "Heading2"),
        create_narrow_table(
            ["Priority", "Owner", "By when"],
            [["Gather information from schools before every decision.", "Hub", "May 2026"]],
            first_width=38,
        ),
    ]
    blocks = read_document(create_pdf(tmp_path / "narrow.pdf", story)).blocks
    rows = [block.text for block in blocks if block.boxed and not block.heading]
    assert rows == [
        "Gather information from schools before every decision. (Owner: Hub) (By when: May 2026)"
    ]
    assert Block("Priority", heading=3, boxed=True) in blocks  # its header wrapped, rejoined


def test_should_keep_the_spaces_between_whole_words_when_rejoining_a_cells_lines():
    known = known_words(["The partnership should review its plans for multi-agency meetings."])
    assert rejoin_cell("The partnership should\nreview its plans", known) == (
        "The partnership should review its plans"
    )
    assert rejoin_cell("for multi-\nagency meetings", known) == "for multi-agency meetings"
    assert rejoin_cell("its pla\nns for multi-agency meet\nings", known) == (
        "its plans for multi-agency meetings"
    )


def test_should_set_each_pages_part_of_a_pdf_table_at_the_same_level(tmp_path: Path):
    table = create_recommendation_table(_many_rows(30))
    table.repeatRows = 1
    story = [
        _para("Child Safeguarding Practice Review: Child S", "Title"),
        _para("Recommendations", "Heading2"),
        table,
    ]
    blocks = read_document(create_pdf(tmp_path / "s.pdf", story)).blocks
    levels = [block.heading for block in blocks if block.boxed and block.heading]
    assert len(levels) >= 2  # the table runs over two pages
    assert set(levels) == {3}  # each part one level below "Recommendations", not nested
