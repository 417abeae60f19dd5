"""PDFs as producers other than reportlab's flowables make them: a browser's print (type scaled
from CSS pixels, list bullets drawn as shapes, its page header and footer) and a word
processor's export. Each PDF is drawn on a reportlab canvas the way that producer draws it;
none is a corpus document."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from fullpicture.learning.documents import Block, read_document
from fullpicture.learning.library import parse_document

_KEY_LEARNING = [
    "Adult mental health teams did not ask whether the patient had children at home.",
    "The children's basic care slipped when the parent's illness worsened.",
    "A parent's assurance about medication was accepted without checking with the GP.",
]


def create_browser_pdf(path: Path, *, discs: bool = True, scale: float = 0.75) -> Path:
    """A one-page briefing drawn as a browser prints one: sizes in CSS pixels under a 0.75
    scale (16px body, 24px headings, a 12px gap above a paragraph) and, with ``discs``, each
    list item's bullet a small filled circle drawn beside it, not a character."""
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

    line("7 Minute Briefing: When a parent is unwell", 32)
    line("Thornbury Children's Safeguarding Partnership, March 2023", 16, gap=16)
    line("Key learning", 24, gap=20)
    for text in _KEY_LEARNING:
        line(text, 16, x=85.0, gap=2)
        if discs:
            canvas.circle(69, y - 5, 2.5, stroke=0, fill=1)
    line("Contact the partnership business unit.", 16, gap=12)
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
    items = [
        (item.kind, item.text) for review in parse_document(pdf).reviews for item in review.items
    ]

    assert [text for _, text in items] == _KEY_LEARNING
    assert {kind for kind, _ in items} == {"key_learning"}
