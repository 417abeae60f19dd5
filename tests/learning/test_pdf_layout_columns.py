"""PDF pages set in two columns: the columns found by their gutter and read one after the
other, full-width bands kept in their place, and pages of one column left as they are
(synthetic PDFs drawn with reportlab for each test, not corpus documents)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from fullpicture.learning.documents import read_document
from tests.learning.documents import items_of

_FINDINGS = [
    ["Health professionals took part in fewer than", "half of the strategy discussions audited."],
    ["Interim safety plans were not recorded in", "most of the strategy discussions we read."],
    ["Feedback to the agency that made the referral", "was rarely given within a week."],
]
_RECOMMENDATIONS = [
    ["1. Health should nominate a named professional", "to join every strategy discussion."],
    ["2. The front door should tell referrers the", "outcome of their referral in three days."],
    ["3. The partnership should audit interim safety", "plans again within six months."],
]
_LEFT, _RIGHT = 50.0, 310.0  # the columns' left edges: a 20-point gutter at the middle


def _column(
    heading: str, paragraphs: list[list[str]], x: float, top: float, intro: str = ""
) -> list[tuple]:
    """One column's lines as (x, baseline from the top, size, text), top to bottom: its
    heading, an introducing line (whose paragraphs then start lower than the other
    column's), and its paragraphs."""
    lines: list[tuple] = [(x, top, 14, heading)]
    y = top + 8
    if intro:
        y += 14
        lines.append((x, y, 10, intro))
    for paragraph in paragraphs:
        y += 6
        for text in paragraph:
            y += 13
            lines.append((x, y, 10, text))
    return lines


def create_two_column_pdf(
    path: Path, *, across: bool = False, dated_beside: bool = False, closing: str = ""
) -> Path:
    """A one-page briefing: a title across the page, then findings in the left column and
    recommendations in the right one, then a contact line across the page. With ``across``,
    the lines are drawn across the page in turn (left, right, left ...) as some producers
    draw them; else column by column. With ``dated_beside``, the left column starts with a
    short date line level with the right column's heading (a table's header, read across).
    With ``closing``, that line instead of the contact line across the page: a short line
    set apart below the longer (left) column, as a page's footer or closing line is."""
    left = _column("What we found", _FINDINGS, _LEFT, 150)
    right = _column(
        "Recommendations",
        _RECOMMENDATIONS,
        _RIGHT,
        150 if not dated_beside else 122,
        "The partners are asked to act on three points.",
    )
    if dated_beside:
        left = [(_LEFT, 122, 10, "Date: 14 November 2019"), *left]
    order = (
        [line for pair in zip(left, right, strict=False) for line in pair]
        + left[len(right) :]
        + right[len(left) :]
        if across
        else left + right
    )
    canvas = Canvas(str(path), pagesize=A4)
    lines = [(_LEFT, 80, 20, "Learning from a multi-agency audit"), *order]
    if closing:
        lines.append((_LEFT, 300, 10, closing))
    else:
        lines.append(
            (
                _LEFT,
                330,
                10,
                "Contact the partnership business unit for the full report of the audit.",
            )
        )
    for x, y, size, text in lines:
        canvas.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
        canvas.drawString(x, A4[1] - y, text)
    canvas.showPage()
    canvas.save()
    return path


def _texts(path: Path) -> list[str]:
    return [block.text for block in read_document(path).blocks]


def test_should_read_each_column_before_the_next_when_lines_are_drawn_across(tmp_path: Path):
    items = items_of(create_two_column_pdf(tmp_path / "across.pdf", across=True))

    recommendations = [text for kind, text in items if kind == "recommendation"]
    for lines in _RECOMMENDATIONS:  # each whole, its number dropped
        assert " ".join(lines)[3:] in recommendations
    findings = [text for kind, text in items if kind == "finding"]
    assert findings == [" ".join(lines) for lines in _FINDINGS]


def test_should_keep_full_width_lines_above_and_below_the_columns(tmp_path: Path):
    texts = _texts(create_two_column_pdf(tmp_path / "across.pdf", across=True))

    assert texts[0] == "Learning from a multi-agency audit"
    assert texts[1] == "What we found"
    assert "Recommendations" in texts  # a heading of its own, not joined to the other column's
    # the left column read to its foot before the right column's heading
    assert texts.index("Recommendations") > texts.index(" ".join(_FINDINGS[-1]))
    assert texts[-1] == "Contact the partnership business unit for the full report of the audit."


def test_should_not_read_two_columns_side_by_side_as_a_table(tmp_path: Path):
    # the date line and the right column's heading sit level, like a table's header cells
    items = items_of(create_two_column_pdf(tmp_path / "dated.pdf", dated_beside=True))

    recommendations = [text for kind, text in items if kind == "recommendation"]
    for lines in _RECOMMENDATIONS:
        assert " ".join(lines)[3:] in recommendations
    findings = [text for kind, text in items if kind == "finding"]
    assert findings == [" ".join(lines) for lines in _FINDINGS]


def create_contacts_table_pdf(path: Path) -> Path:
    """One column: a heading, then an unruled two-column table (agency, then what it does)
    whose rows wrap over several lines on both sides of a wide empty strip, then a closing
    paragraph across the page."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(_LEFT, A4[1] - 80, "Who to contact")
    y = 100.0
    for number in range(1, 5):
        canvas.setFont("Helvetica", 10)
        for part in range(3):
            y += 13
            canvas.drawString(
                _LEFT, A4[1] - y, f"Agency {number} safeguarding team line {part + 1} of its name"
            )
            canvas.drawString(
                _RIGHT, A4[1] - y, f"Row {number} service line {part + 1} to call on weekdays"
            )
        y += 8
    canvas.drawString(
        _LEFT, A4[1] - y - 20, "Call the front door first whenever a child may be at risk today."
    )
    canvas.showPage()
    canvas.save()
    return path


def test_should_not_split_a_one_column_page_whose_table_leaves_a_wide_gap(tmp_path: Path):
    texts = _texts(create_contacts_table_pdf(tmp_path / "contacts.pdf"))

    # each row's two cells read side by side, as the table is set, not the left side first
    joined = " ".join(texts)
    assert joined.index("Row 1 service line 1") < joined.index("Agency 2 safeguarding team line 1")


def test_should_read_a_line_set_apart_below_the_columns_after_both(tmp_path: Path):
    closing = "Contact the business unit."
    texts = _texts(create_two_column_pdf(tmp_path / "closing.pdf", across=True, closing=closing))

    assert texts[-1] == closing
