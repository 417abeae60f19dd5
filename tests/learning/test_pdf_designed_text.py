"""Text as designed PDFs (InDesign, Canva, a browser's print) set it: letter-spaced (tracked)
headings and body text drawn one glyph at a time with no space characters, word gaps set
narrower than PDFium's guess allows, small capitals, drop capitals and letter-spaced tables.
Each PDF is drawn on a reportlab canvas the way such a producer draws it; none is a corpus
document, and every name is made up."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from fullpicture.learning.documents import Block, read_document, text_blocks
from fullpicture.learning.pdf_layout import Run, find_tables, line_tracking, word_breaks
from tests.learning.documents import items_of

_TITLE = "Learning from the review for Baby Ellis"
_FINDINGS = [
    "Nobody asked who else was living in the flat with the baby.",
    "The bruising pathway for infants who cannot crawl was not followed.",
]


def _glyph_by_glyph(
    canvas: Canvas, text: str, x: float, y: float, size: float, tracking: float, word: float
) -> None:
    """Draw ``text`` one glyph at a time, as a browser or InDesign draws tracked text: each
    glyph placed on its own, ``tracking`` ems after the one before, ``word`` ems more between
    words, and no space character drawn."""
    font = "Helvetica-Bold" if size > 12 else "Helvetica"
    for number, chunk in enumerate(text.split(" ")):
        if number:
            x += word * size
        for glyph in chunk:
            canvas.setFont(font, size)
            canvas.drawString(x, y, glyph)
            x += canvas.stringWidth(glyph, font, size) + tracking * size


def create_tracked_pdf(path: Path, *, tracking: float, word: float = 0.28) -> Path:
    """A briefing whose heading is tracked twice as much as its body, all glyph by glyph."""
    canvas = Canvas(str(path), pagesize=A4)
    _glyph_by_glyph(canvas, _TITLE, 60, 780, 18, 2 * tracking, word)
    _glyph_by_glyph(canvas, "What we found", 60, 740, 14, 2 * tracking, word)
    y = 715.0
    for finding in _FINDINGS:
        canvas.circle(64, y + 3, 2, stroke=0, fill=1)
        _glyph_by_glyph(canvas, finding, 74, y, 9, tracking, word)
        y -= 20
    canvas.showPage()
    canvas.save()
    return path


def _texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_should_read_words_of_letter_spaced_text_drawn_glyph_by_glyph(tmp_path: Path):
    # a fifth of an em of tracking on the headings, a tenth on the body: PDFium guesses a
    # space between every two letters ("W h a t w e f o u n d")
    document = read_document(create_tracked_pdf(tmp_path / "tracked.pdf", tracking=0.1))
    texts = _texts(document.blocks)
    assert _TITLE in texts
    assert "What we found" in texts
    assert all(finding in texts for finding in _FINDINGS)
    assert [block.heading > 0 for block in document.blocks][:2] == [True, True]


def test_should_find_learning_under_a_letter_spaced_heading(tmp_path: Path):
    items = items_of(create_tracked_pdf(tmp_path / "t.pdf", tracking=0.12))
    assert set(items) >= {("finding", text) for text in _FINDINGS}


def test_should_keep_word_breaks_set_narrower_than_a_usual_space(tmp_path: Path):
    # justified or condensed type drawn glyph by glyph: word gaps of a fifth of an em, which
    # PDFium's guess misses after some letters ("Practitionersdidnotask")
    path = tmp_path / "narrow.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    sentences = [
        "Practitioners did not ask who else lived in the household with the baby.",
        "The health visiting pathway for bruising in infants was not followed.",
    ]
    for number, sentence in enumerate(sentences):
        _glyph_by_glyph(canvas, sentence, 60, 760 - 30 * number, 10, 0.0, 0.2)
    canvas.showPage()
    canvas.save()
    assert _texts(read_document(path).blocks) == sentences


def test_should_tell_word_gaps_from_a_lines_tracking():
    # "SAFE SLEEP" tracked at 3 points in 12-point type: the word gap is the tracking twice
    # and a space's width; the letter gaps vary by kerning
    gaps = [3.0, 3.1, 2.9, 9.6, 3.0, 2.8, 3.0, 3.1]
    drawn = [False] * len(gaps)
    tracking = line_tracking(gaps, drawn, 12.0)
    assert tracking is not None and abs(tracking - 3.0) < 0.1
    assert word_breaks(gaps, drawn, 12.0, tracking) == [False] * 3 + [True] + [False] * 4


def test_should_leave_a_line_too_short_to_measure_and_keep_drawn_spaces():
    assert line_tracking([3.0, 9.0], [False, False], 12.0) is None
    assert word_breaks([3.0, 9.0], [False, True], 12.0, None) == [None, True]


def test_should_join_a_drop_capital_to_the_word_it_begins(tmp_path: Path):
    path = tmp_path / "drop.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, 780, "What the review found")
    canvas.setFont("Times-Roman", 38)
    canvas.drawString(60, 727, "T")  # three lines tall, the paragraph indented beside it
    canvas.setFont("Helvetica", 10)
    canvas.drawString(86, 750, "he nursery did not pass on its worries about the bruises to the")
    canvas.drawString(86, 738, "social worker, and the family's move was not known to the school")
    canvas.drawString(60, 726, "nurse until the autumn term had started.")
    canvas.showPage()
    canvas.save()
    texts = _texts(read_document(path).blocks)
    assert texts[0] == "What the review found"
    assert texts[1].startswith("The nursery did not pass on its worries")
    assert "T" not in texts


def _small_caps(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw ``text`` in small capitals as a browser synthesises them: capitals at ``size``,
    lower-case letters set smaller (a browser draws capitals there, the text layer keeping
    them lower case; only the sizes matter to the reader), glyph by glyph."""
    for glyph in text:
        glyph_size = 0.7 * size if glyph.islower() else size
        canvas.setFont("Helvetica", glyph_size)
        canvas.drawString(x, y, glyph)
        x += canvas.stringWidth(glyph, "Helvetica", glyph_size) + 0.03 * size


def test_should_measure_lines_in_small_capitals_by_their_capitals(tmp_path: Path):
    path = tmp_path / "caps.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _small_caps(canvas, "Learning from the review", 60, 780, 22)
    _small_caps(canvas, "for Baby Ellis", 60, 754, 22)
    _small_caps(canvas, "Key learning", 60, 715, 15)
    canvas.setFont("Helvetica", 10)
    lines = [
        "Practitioners should write down the name of every adult who lives",
        "with a baby, and check it with the other agencies that know the",
        "family. A partner who is new to the household must be seen.",
    ]
    for number, line in enumerate(lines):
        canvas.drawString(60, 690 - 13 * number, line)
    _small_caps(canvas, "reviewed each year", 60, 640, 10)  # a line with no capital in it
    canvas.showPage()
    canvas.save()
    blocks = read_document(path).blocks
    assert blocks[0].text == "Learning from the review for Baby Ellis"
    assert blocks[0].heading and blocks[1].heading
    assert blocks[1].text == "Key learning"
    assert blocks[2].text.startswith("Practitioners should write down") and not blocks[2].heading


def test_should_read_a_letter_spaced_table_by_its_cells(tmp_path: Path):
    path = tmp_path / "table.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, 790, "What will change")
    columns = (60, 330, 460)
    rows = [
        ("Recommendation", "Lead agency", "By when"),
        ("The partnership should audit the bruising pathway.", "Community health", "May 2027"),
        ("Schools should record who collects each child.", "Education", "July 2027"),
    ]
    y = 760.0
    for row in rows:
        for x, cell in zip(columns, row, strict=True):
            _glyph_by_glyph(canvas, cell, x, y, 9, 0.12, 0.28)
        y -= 22
    canvas.showPage()
    canvas.save()
    items = items_of(path)
    assert [kind for kind, _ in items] == ["recommendation", "recommendation"]
    assert items[0][1].startswith("The partnership should audit the bruising pathway")
    assert "(Lead agency: Community health)" in items[0][1]
    assert items[1][1].startswith("Schools should record who collects each child")


def test_should_rejoin_a_word_a_browser_hyphenated_with_a_hyphen_character():
    # a browser prints a soft hyphen taken at a line's end as U+2010, not a plain hyphen
    text = (
        "The safeguarding part\u2010\n"
        "nership asked every agency for its records. The partnership met in May.\n"
    )
    assert text_blocks(text)[0].text.startswith("The safeguarding partnership asked")


def test_should_look_for_a_table_whose_header_word_a_narrow_column_breaks(tmp_path: Path):
    # "Action" broken over two lines of a narrow first column ("Actio" / "n"), which PDFium
    # gives as one line, "Actio n": no other line on the page names a kind
    styles = getSampleStyleSheet()
    rows = [
        ["Action", "Lead", "By"],
        ["Ward staff will phone the health visitor before discharge.", "Ward manager", "May"],
        ["Clinic letters will be copied to the school nurse.", "Outpatients", "June"],
    ]
    cells = [
        [Paragraph(f"<b>{text}</b>" if number == 0 else text, styles["BodyText"]) for text in row]
        for number, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=[40, 300, 100])
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    path = tmp_path / "narrow-table.pdf"
    heading = Paragraph("What the hospital is doing", styles["Heading2"])
    SimpleDocTemplate(str(path), pagesize=A4).build([heading, table])
    items = items_of(path)
    assert [kind for kind, _ in items] == ["next_step", "next_step"]
    assert items[0][1].startswith("Ward staff will phone the health visitor")
    assert items[0][1].endswith("(Lead: Ward manager) (By: May)")


def test_should_not_take_a_justified_letter_spaced_line_for_a_tables_header():
    # a justified line of tracked text: its word gaps stretched wider than a column's gap,
    # so its words stand apart like a header's cells, one naming a kind ("Finding 3.")
    words = ["Finding 3.", *"The adult team was not told of the risks".split()]
    line, left = [], 40.0
    for word in words:
        line.append(Run(word, left, left + 6.0 * len(word), 700.0, 709.0))
        left += 6.0 * len(word) + 9.0 + (0.6 if len(line) % 2 else 0.0)
    assert not find_tables(line, 842.0)
    header = [Run("Finding", 40, 80, 700, 709), Run("Lead", 300, 322, 700, 709)]
    header += [Run("By when", 420, 460, 700, 709), Run("Status", 500, 530, 700, 709)]
    header += [Run("RAG", 548, 566, 700, 709)]
    assert find_tables(header, 842.0)  # a header's cells stand apart by their columns' widths
