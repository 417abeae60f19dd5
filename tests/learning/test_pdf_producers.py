"""PDFs as producers other than reportlab's flowables make them: a browser's print (type scaled
from CSS pixels, list bullets drawn as shapes, its page header and footer) and a word
processor's export. Each PDF is drawn on a reportlab canvas the way that producer draws it;
none is a corpus document."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fullpicture.learning.documents import Block, read_document
from fullpicture.learning.library import parse_document
from tests.learning.documents import items_of

_KEY_LEARNING = [
    "Adult mental health teams did not ask whether the patient had children at home.",
    "The children's basic care slipped when the parent's illness worsened.",
    "A parent's assurance about medication was accepted without checking with the GP.",
]


def create_browser_pdf(
    path: Path,
    *,
    discs: bool = True,
    scale: float = 0.75,
    furniture: bool = False,
    masthead: bool = False,
) -> Path:
    """A one-page briefing drawn as a browser prints one: sizes in CSS pixels under a 0.75
    scale (16px body, 24px headings, a 12px gap above a paragraph) and, with ``discs``, each
    list item's bullet a small filled circle drawn beside it, not a character; with
    ``furniture``, the browser's print header (time stamp and title) and footer (address and
    page count) in small type in the margins; with ``masthead``, the site's navigation links
    above the title, as a web page prints."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.translate(0, A4[1])
    canvas.scale(scale, -scale)  # CSS pixels, measured down the page
    y = 60.0

    def line(text: str, size: float, x: float = 45.0, gap: float = 0.0) -> None:
        nonlocal y
        y += gap + size * 1.15
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(1, -1)
        canvas.setFont("Helvetica-Bold" if size > 16 else "Helvetica", size)
        canvas.drawString(0, 0, text)
        canvas.restoreState()

    if masthead:  # the site's navigation, printed above the page's title
        y = 5.0
        line("Home    Reviews", 16)
        y = 60.0
    line("7 Minute Briefing: When a parent is unwell", 32)
    line("Thornbury Children's Safeguarding Partnership, March 2023", 16, gap=16)
    line("Key learning", 24, gap=20)
    for text in _KEY_LEARNING:
        line(text, 16, x=85.0, gap=2)
        if discs:
            canvas.circle(69, y - 5, 2.5, stroke=0, fill=1)
    line("Contact the partnership business unit.", 16, gap=12)
    if furniture:  # drawn last, as a browser draws its print header and footer
        canvas.setFont("Helvetica", 10.7)
        canvas.saveState()
        canvas.scale(1, -1)
        canvas.drawString(32, -25, "11/24/26, 9:15 PM 7 Minute Briefing: When a parent is unwell")
        canvas.drawString(32, -1100, "file:///home/user/briefing.html 1/1")
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return path


def test_should_read_list_items_whose_bullets_are_drawn_as_shapes(tmp_path: Path):
    blocks = read_document(create_browser_pdf(tmp_path / "briefing.pdf")).blocks

    bullets = [block.text for block in blocks if block.bullet]
    assert bullets == _KEY_LEARNING
    assert blocks[-1] == Block("Contact the partnership business unit.")


def test_should_keep_lines_without_drawn_bullets_as_one_paragraph(tmp_path: Path):
    blocks = read_document(create_browser_pdf(tmp_path / "plain.pdf", discs=False)).blocks

    assert not any(block.bullet for block in blocks)


def test_should_measure_type_sizes_after_the_page_scale(tmp_path: Path):
    # 16px text is 12 points: the 12px gap above a paragraph is a paragraph break, which it
    # would not be if the gap were compared with the unscaled size
    pdf = create_browser_pdf(tmp_path / "briefing.pdf")
    items = items_of(pdf)

    assert [text for _, text in items] == _KEY_LEARNING
    assert {kind for kind, _ in items} == {"key_learning"}


_PAIRS = [
    (
        "The father was not spoken to at any appointment.",
        "Maternity services should offer every father his own conversation.",
    ),
    (
        "The bruise was accepted as self-inflicted without a medical opinion.",
        "Health practitioners should follow the bruising protocol for every baby.",
    ),
    (
        "Supervision was not available until weeks after the concern.",
        "The provider should offer safeguarding supervision on the same day.",
    ),
]


def _ruled(table: Table) -> Table:
    """A table ruled as a word processor rules one: a grid, and rows set close together."""
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def test_should_start_a_pdf_table_row_at_each_ruled_line(tmp_path: Path):
    styles = getSampleStyleSheet()
    rows = [[Paragraph(text, styles["BodyText"]) for text in pair] for pair in _PAIRS]
    table = _ruled(Table([["Finding", "Recommendation"], *rows], colWidths=[220, 220]))
    story = [Paragraph("Review of Baby N", styles["Title"]), table]
    path = tmp_path / "ruled.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)

    items = items_of(path)
    assert [text for kind, text in items if kind == "finding"] == [f for f, _ in _PAIRS]
    assert [text for kind, text in items if kind == "recommendation"] == [r for _, r in _PAIRS]


_ACTIONS = [
    ("Police should use a risk assessment adapted for young victims.", "Police", "Train officers."),
    ("Schools should be told of every incident.", "Education", "Extend the notification scheme."),
]


def _action_plan(*, header: bool = True, rows: bool = True) -> Table:
    """An action plan whose narrow first column breaks "Recommendation" over two lines."""
    data: list[list[str]] = [["Recommen\ndation", "Agency", "Action"]] if header else []
    data += [list(row) for row in _ACTIONS] if rows else []
    return _ruled(Table(data, colWidths=[300, 60, 150]))


def test_should_join_a_header_word_broken_over_two_lines_beside_another_kind(tmp_path: Path):
    styles = getSampleStyleSheet()
    path = tmp_path / "plan.pdf"
    story = [Paragraph("Action plan", styles["Title"]), _action_plan()]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)

    items = items_of(path)
    assert [text.split(" (")[0] for kind, text in items if kind == "recommendation"] == [
        row[0] for row in _ACTIONS
    ]


def test_should_carry_a_table_header_left_alone_at_a_page_foot_to_its_rows(tmp_path: Path):
    styles = getSampleStyleSheet()
    path = tmp_path / "plan.pdf"
    story = [
        Paragraph("Action plan", styles["Title"]),
        Spacer(1, 640),
        _action_plan(rows=False),
        PageBreak(),
        _action_plan(header=False),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)

    items = items_of(path)
    assert [text.split(" (")[0] for kind, text in items if kind == "recommendation"] == [
        row[0] for row in _ACTIONS
    ]


def test_should_drop_a_browser_print_header_and_footer_from_a_single_page(tmp_path: Path):
    pdf = create_browser_pdf(tmp_path / "briefing.pdf", furniture=True)
    texts = [block.text for block in read_document(pdf).blocks]

    assert not any("9:15 PM" in text or "file://" in text for text in texts)
    assert texts[-1] == "Contact the partnership business unit."


def test_should_leave_a_printed_web_page_s_navigation_out_of_its_title(tmp_path: Path):
    pdf = create_browser_pdf(tmp_path / "briefing.pdf", masthead=True)

    assert not any("Home" in block.text for block in read_document(pdf).blocks)
    review = parse_document(pdf).reviews[0]
    assert review.metadata.title == "7 Minute Briefing: When a parent is unwell"


def test_should_read_a_pdf_table_under_a_strengths_based_header(tmp_path: Path):
    styles = getSampleStyleSheet()
    header = ["What's working well", "What are we worried about", "What needs to happen"]
    cells = [
        "The care coordinator noticed quickly when the mother became unwell.",
        "The care plan did not say who would look after the children.",
        "Adult mental health services should plan for the children in every care plan.",
    ]
    body = [Paragraph(text, styles["BodyText"]) for text in cells]
    table = _ruled(Table([header, body], colWidths=[150, 150, 150]))
    path = tmp_path / "brief.pdf"
    story = [Paragraph("Learning brief: Maya", styles["Title"]), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)

    blocks = read_document(path).blocks
    assert [block.text for block in blocks if block.boxed and not block.heading] == cells
    assert [block.text for block in blocks if block.boxed and block.heading] == header


def test_should_read_a_heading_whose_first_letter_is_set_higher_as_one_run(tmp_path: Path):
    import pypdfium2

    from fullpicture.learning.pdf_layout import page_runs

    path = tmp_path / "heading.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(40, 700.8, "Y")  # its box starts a point above the rest's
    canvas.drawString(40 + canvas.stringWidth("Y", "Helvetica-Bold", 18), 700, "ou said, we did")
    canvas.showPage()
    canvas.save()

    document = pypdfium2.PdfDocument(str(path))
    page = document[0]
    runs = page_runs(page.get_textpage(), page.get_height())
    document.close()
    assert [run.text for run in runs] == ["You said, we did"]


def test_should_read_a_pdf_film_script_table_by_its_spoken_column(tmp_path: Path):
    styles = getSampleStyleSheet()
    spoken = [
        "Ask at every contact who else lives here.",
        "Record the man's full name and share it.",
    ]
    rows = [
        ["1", Paragraph("A front door. A health visitor knocks.", styles["BodyText"]), spoken[0]],
        ["2", Paragraph("The health visitor typing her notes.", styles["BodyText"]), spoken[1]],
    ]
    table = _ruled(Table([["Scene", "On screen", "Voice-over"], *rows], colWidths=[40, 200, 220]))
    path = tmp_path / "script.pdf"
    story = [Paragraph("Who else lives here? Script", styles["Title"]), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)

    blocks = read_document(path).blocks
    assert [block.text for block in blocks if block.boxed and not block.heading] == spoken


def test_should_read_a_plain_pdf_line_introducing_a_list_as_a_paragraph(tmp_path: Path):
    styles = getSampleStyleSheet()
    intro = "Since these reviews, the partnership has done some things I am proud of:"
    story = [
        Paragraph("Why do we keep missing neglect?", styles["Title"]),
        Paragraph("What we have changed", styles["Heading2"]),
        Paragraph(intro, styles["BodyText"]),
        Paragraph(
            "\u2022 Early help cases are reviewed three months after closure.", styles["BodyText"]
        ),
        Paragraph("3.1.2 Issues identified:", styles["BodyText"]),
        Paragraph("The neglect tool was not repeated.", styles["BodyText"]),
    ]
    path = tmp_path / "blog.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)

    blocks = read_document(path).blocks
    assert Block(intro) in blocks
    assert any(block.heading and block.text == "3.1.2 Issues identified" for block in blocks)
