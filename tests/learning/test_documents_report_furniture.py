"""A report's furniture read as furniture, in every format: contents lists, footnotes and
endnotes, words hyphenated at a line's end, page numbers and blank-page lines (synthetic
documents written for each test, not corpus text)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from fullpicture.learning.documents import read_document
from fullpicture.learning.library import parse_document

_FINDING = (
    "Finding 1: Professionals did not consider the significance of the repeated missing"
    " episodes, and no return home interview was completed after four of them."
)
_RECOMMENDATION = (
    "Recommendation 1: The partnership should ensure that every missing episode is followed"
    " by a return home interview within 72 hours."
)


def _texts(path: Path) -> list[str]:
    return [block.text for block in read_document(path).blocks]


def _items(path: Path) -> list[tuple[str, str]]:
    return [
        (item.kind, item.text) for review in parse_document(path).reviews for item in review.items
    ]


def create_text_report(path: Path, contents: list[str], end: list[str]) -> Path:
    lines = [
        "Westmere Safeguarding Children Partnership",
        "",
        "Local Child Safeguarding Practice Review: Child P",
        "",
        "Contents",
        *contents,
        "",
        "3. Findings",
        "",
        _FINDING,
        "",
        "4. Recommendations",
        "",
        _RECOMMENDATION,
        "",
        *end,
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_should_not_read_a_dotted_contents_list_as_items_or_headings(tmp_path: Path):
    path = create_text_report(
        tmp_path / "r.txt",
        [
            "1. Introduction ........................ 3",
            "3. Findings ........................ 7",
            "4. Recommendations ..................... 12",
        ],
        [],
    )
    texts = _texts(path)
    assert not any("...." in text for text in texts)
    assert "Contents" not in texts
    assert sorted(kind for kind, _ in _items(path)) == ["finding", "recommendation"]


def test_should_not_read_a_contents_list_without_leaders_under_its_heading(tmp_path: Path):
    path = create_text_report(
        tmp_path / "r.txt", ["1. Introduction 3", "3. Findings 7", "4. Recommendations 12"], []
    )
    texts = _texts(path)
    assert not any(text.endswith((" 3", " 7", " 12")) for text in texts)
    assert texts.count("3. Findings") == 1  # the section's own heading stays


def test_should_not_read_footnotes_at_the_end_of_text_as_items(tmp_path: Path):
    path = create_text_report(
        tmp_path / "r.txt",
        [],
        [
            "\u00b9 Details of the injury are not included to protect the family's privacy.",
            "[2] Working Together to Safeguard Children, chapter 4.",
        ],
    )
    items = _items(path)
    assert [kind for kind, _ in items] == ["finding", "recommendation"]
    assert not any("privacy" in text or "Working Together" in text for _, text in items)


def test_should_remove_a_bracketed_note_mark_from_an_items_text(tmp_path: Path):
    path = tmp_path / "r.md"
    path.write_text(
        "# Child P\n\n## Findings\n\nFinding 1: No return home interview was held after the"
        " episodes.[1]\n\n[1] Four of the six episodes.\n",
        encoding="utf-8",
    )
    texts = _texts(path)
    assert "Finding 1: No return home interview was held after the episodes." in texts
    assert not any(text.startswith("[1]") for text in texts)


def test_should_join_a_word_hyphenated_at_a_line_end_only_where_the_document_writes_it_whole(
    tmp_path: Path,
):
    path = tmp_path / "r.txt"
    path.write_text(
        "Findings\n\nNo return home inter-\nview was held after the multi-\nagency meeting.\n\n"
        "A return home interview is offered after every episode.\n",
        encoding="utf-8",
    )
    assert "No return home interview was held after the multi-agency meeting." in _texts(path)


def test_should_join_a_word_broken_by_a_soft_hyphen_at_a_line_end(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text("Findings\n\nNo return home inter\u00ad\nview was held.\n", encoding="utf-8")
    assert "No return home interview was held." in _texts(path)


def test_should_rejoin_markdown_and_html_words_hyphenated_at_a_source_line_end(tmp_path: Path):
    md = tmp_path / "r.md"
    md.write_text(
        "# Findings\n\nNo return home inter-\nview was held after the multi-\nagency meeting."
        "\n\nEvery interview matters.\n",
        encoding="utf-8",
    )
    html = tmp_path / "r.html"
    html.write_text(
        "<h1>Findings</h1><p>No return home inter-\nview was held after the multi-\nagency"
        " meeting.</p><p>Every interview matters.</p>",
        encoding="utf-8",
    )
    for path in (md, html):
        assert "No return home interview was held after the multi-agency meeting." in _texts(path)


def test_should_read_html_contents_links_and_endnotes_as_furniture(tmp_path: Path):
    path = tmp_path / "r.html"
    path.write_text(
        "<h1>Child P</h1><h2>Contents</h2>"
        '<p><a href="#f">3. Findings</a> 7</p><p><a href="#r">4. Recommendations</a> 12</p>'
        f'<h2 id="f">3. Findings</h2><p>{_FINDING}<sup>1</sup></p>'
        f'<h2 id="r">4. Recommendations</h2><p>{_RECOMMENDATION}</p><hr>'
        "<p>[1] Four of the six episodes were in the summer holidays.</p>",
        encoding="utf-8",
    )
    texts = _texts(path)
    assert "Contents" not in texts and "3. Findings 7" not in texts
    assert not any("summer holidays" in text for text in texts)
    assert _FINDING in texts


def create_docx_report(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Child Safeguarding Practice Review: Child P", 0)
    document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Contents")
    document.add_paragraph("3. Findings\t7", style="TOC 1")
    document.add_paragraph("4. Recommendations\t12", style="TOC 1")
    document.add_paragraph("Appendix: glossary\t15")  # a contents entry typed by hand
    running = "Westmere SCP | LCSPR Child P | Final"  # a converted document's running footer
    document.add_heading("3. Findings", 1)
    paragraph = document.add_paragraph(_FINDING)
    paragraph.add_run("12").font.superscript = True  # a footnote mark typed in superscript
    document.add_paragraph(running)
    document.add_heading("4. Recommendations", 1)
    document.add_paragraph(_RECOMMENDATION)
    document.add_paragraph(running)
    document.add_paragraph("Page 4")
    document.add_paragraph("This page is intentionally left blank")
    document.add_paragraph(running)
    document.save(path)
    return path


def test_should_read_a_docx_contents_list_note_marks_and_running_lines_as_furniture(tmp_path: Path):
    texts = _texts(create_docx_report(tmp_path / "r.docx"))
    assert texts == [
        "Child Safeguarding Practice Review: Child P",
        "3. Findings",
        _FINDING,
        "4. Recommendations",
        _RECOMMENDATION,
    ]


def test_should_not_read_a_pdf_contents_list_with_dot_leaders_as_items(tmp_path: Path):
    styles = getSampleStyleSheet()
    story = [
        Paragraph("Child Safeguarding Practice Review: Child P", styles["Title"]),
        Paragraph("Contents", styles["Heading2"]),
    ]
    for title, page in (("3. Findings", 7), ("4. Recommendations", 12)):
        story.append(Paragraph(f"{title} {'.' * (60 - len(title))} {page}", styles["BodyText"]))
    story += [
        Paragraph("3. Findings", styles["Heading2"]),
        Paragraph(_FINDING, styles["BodyText"]),
        Paragraph("4. Recommendations", styles["Heading2"]),
        Paragraph(_RECOMMENDATION, styles["BodyText"]),
    ]
    path = tmp_path / "r.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    assert not any("...." in text for text in _texts(path))
    assert sorted(kind for kind, _ in _items(path)) == ["finding", "recommendation"]


def test_should_rejoin_pdf_words_hyphenated_at_a_line_end(tmp_path: Path):
    path = tmp_path / "r.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 760, "Findings")
    page.setFont("Helvetica", 11)
    for number, line in enumerate(
        [
            "No return home inter-",
            "view was held after the multi-",
            "agency meeting in June.",
        ]
    ):
        page.drawString(72, 720 - 14 * number, line)
    page.drawString(72, 660, "A return home interview is offered after every episode.")
    page.save()
    texts = _texts(path)
    assert "No return home interview was held after the multi-agency meeting in June." in texts


def test_should_rejoin_pdf_table_cell_words_hyphenated_at_a_line_end(tmp_path: Path):
    styles = getSampleStyleSheet()
    cell = Paragraph(
        "The partnership should audit every return home inter-<br/>view and each multi-<br/>"
        "agency meeting.",
        styles["BodyText"],
    )
    table = Table(
        [["No.", "Recommendation", "Lead agency"], ["1", cell, "Partnership"]],
        colWidths=[30, 300, 100],
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story = [
        Paragraph("Child Safeguarding Practice Review: Child P", styles["Title"]),
        Paragraph("A return home interview followed each episode.", styles["BodyText"]),
        Paragraph("Recommendations", styles["Heading2"]),
        table,
    ]
    path = tmp_path / "r.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    text = " ".join(_texts(path))
    assert "return home interview and each multi-agency meeting." in text
    assert "\x02" not in text
