"""Readers: every format gives headings, bullets and paragraphs."""

from pathlib import Path

import pytest

from fullpicture.errors import LearningError
from fullpicture.learning.documents import Block, read_document, text_blocks


@pytest.mark.parametrize(
    "name",
    [
        "01-northmere-cspr-child-t.pdf",
        "02-aldcaster-bulletin-two-cases.docx",
        "03-brackenford-seven-minute.html",
        "05-kestrel-silp.md",
        "09-lindenshaw-rapid-review.txt",
    ],
)
def test_should_read_each_format_into_headings_and_body(sample_corpus: Path, name: str):
    document = read_document(sample_corpus / "docs" / name)
    assert any(block.heading for block in document.blocks)
    assert any(not block.heading for block in document.blocks)
    assert len(document.sha256) == 64


def test_should_join_a_bullet_that_wraps_over_lines():
    blocks = text_blocks(
        "Key learning\n\u2022 Going missing is a signal\n  of harm.\n\u2022 Second.\n"
    )
    assert blocks == [
        Block("Key learning", heading=2),
        Block("Going missing is a signal of harm.", bullet=True),
        Block("Second.", bullet=True),
    ]


def test_should_drop_a_footer_repeated_on_every_slide():
    deck = "".join(
        f"Slide {n}\nKey learning\n\u2022 Point {n}.\nDeck | page\n" for n in range(1, 4)
    )
    assert all("Deck" not in block.text for block in text_blocks(deck))


def test_should_refuse_an_unsupported_file_type(tmp_path: Path):
    path = tmp_path / "review.xyz"
    path.write_text("text")
    with pytest.raises(LearningError, match="unsupported file type"):
        read_document(path)


def test_should_report_a_damaged_pdf_clearly(tmp_path: Path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf at all")
    with pytest.raises(LearningError, match="Could not read broken.pdf"):
        read_document(path)


def test_should_ignore_page_navigation_and_footer_in_html(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><nav>Home</nav><h2>Key learning</h2><ul><li>Point one.</li></ul>"
        "<footer>Contact us</footer></body></html>"
    )
    texts = [block.text for block in read_document(path).blocks]
    assert texts == ["Key learning", "Point one."]


def test_should_read_windows_1252_text(tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes("Key learning\n\u2022 The child\u2019s voice.\n".encode("cp1252"))
    # the Windows-1252 curly apostrophe is read, then written plain (see plain_text)
    assert read_document(path).blocks[-1].text == "The child's voice."


def test_should_read_docx_tables_as_rows(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("Action plan", level=1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Audit return interviews"
    table.rows[0].cells[1].text = "Police"
    document.save(str(tmp_path / "plan.docx"))
    blocks = read_document(tmp_path / "plan.docx").blocks
    assert blocks[-1].text == "Audit return interviews | Police"


def test_should_read_a_docx_framed_box_in_place_with_its_bold_title_as_a_heading(
    tmp_path: Path,
):
    import docx

    document = docx.Document()
    document.add_heading("Case 1", level=1)
    document.add_paragraph("An account of the case.")
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].add_run("Learning points").bold = True
    cell.add_paragraph("Missed appointments are a safeguarding concern.", style="List Bullet")
    document.add_paragraph("Text after the box.")
    document.save(str(tmp_path / "box.docx"))
    assert read_document(tmp_path / "box.docx").blocks == [
        Block("Case 1", heading=1),
        Block("An account of the case."),
        Block("Learning points", heading=2, boxed=True),
        Block("Missed appointments are a safeguarding concern.", bullet=True, boxed=True),
        Block("Text after the box."),
    ]


def _docx_with_text_box(path: Path) -> None:
    """A DOCX whose second paragraph anchors a text box, stored (as Word does) twice: as a
    drawing and as a fallback picture for older readers."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Briefing", level=1)
    anchor = document.add_paragraph("Read the box below.")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    content = (
        "<w:txbxContent><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Ask yourself</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Who else lives in the home?</w:t></w:r></w:p></w:txbxContent>"
    )
    run = parse_xml(
        f"<w:r {w} {mc}><mc:AlternateContent><mc:Choice Requires='wps'>{content}</mc:Choice>"
        f"<mc:Fallback>{content}</mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(run)
    document.save(str(path))


def test_should_read_a_docx_text_box_once_after_its_anchor(tmp_path: Path):
    _docx_with_text_box(tmp_path / "textbox.docx")
    assert read_document(tmp_path / "textbox.docx").blocks == [
        Block("Briefing", heading=1),
        Block("Read the box below."),
        Block("Ask yourself", heading=2, boxed=True),
        Block("Who else lives in the home?", boxed=True),
    ]


def test_should_read_a_recommendation_table_with_its_lead_column(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("What happens next", level=1)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Recommendation", "Lead", "Due"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["Audit return interviews.", "Police", "June"], strict=True
    ):
        cell.text = text
    document.add_paragraph("After the table.")
    document.save(str(tmp_path / "plan.docx"))
    assert read_document(tmp_path / "plan.docx").blocks[1:] == [
        Block("Recommendation", heading=2, boxed=True),
        Block("Audit return interviews. (Lead: Police) (Due: June)", boxed=True),
        Block("After the table."),
    ]


def test_should_read_an_html_table_whose_header_names_recommendations(tmp_path: Path):
    path = tmp_path / "briefing.html"
    path.write_text(
        "<h2>Recommendations</h2><table><tr><th>Recommendation</th><th>For</th></tr>"
        "<tr><td>Use an interpreter.</td><td>All agencies</td></tr></table>"
        "<table><tr><td>Date</td><td>May</td></tr></table>"
    )
    assert read_document(path).blocks == [
        Block("Recommendations", heading=2),
        Block("Recommendation", heading=3, boxed=True),
        Block("Use an interpreter. (For: All agencies)", boxed=True),
        Block("Date May"),  # a table naming no item kind is read row by row, as before
    ]


def test_should_read_a_numbered_point_that_wraps_as_a_bullet_not_a_heading():
    blocks = text_blocks(
        "Areas of strength\n\n1. Early help workers built trusting relationships with\n"
        "parents over many months.\n"
    )
    assert blocks == [
        Block("Areas of strength", heading=2),
        Block(
            "Early help workers built trusting relationships with parents over many months.",
            bullet=True,
        ),
    ]


def test_should_read_bold_headings_typed_by_hand_as_siblings(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("Findings", level=1)
    document.add_paragraph().add_run("What worked well").bold = True
    document.add_paragraph("The teacher noticed.")
    document.add_paragraph().add_run("Areas for development").bold = True
    document.add_paragraph("No chronology was kept.")
    document.save(str(tmp_path / "bold.docx"))
    headings = [(b.text, b.heading) for b in read_document(tmp_path / "bold.docx").blocks]
    assert headings[1::2] == [("What worked well", 2), ("Areas for development", 2)]


def test_should_read_an_html_framed_box_table_with_its_bold_title_as_a_heading(tmp_path: Path):
    path = tmp_path / "bulletin.html"
    path.write_text(
        "<h2>Case 1</h2><p>An account.</p><table><tr><td><p><strong>Learning points</strong>"
        "</p><ul><li>Missed appointments matter.</li></ul></td></tr></table><p>After.</p>"
    )
    assert read_document(path).blocks == [
        Block("Case 1", heading=2),
        Block("An account."),
        Block("Learning points", heading=3, boxed=True),
        Block("Missed appointments matter.", bullet=True, boxed=True),
        Block("After."),
    ]


def test_should_read_curly_apostrophes_and_typographic_hyphens_as_plain_ones(tmp_path: Path):
    path = tmp_path / "review.txt"
    path.write_text(
        "Key learning\n\n"
        "\u2022 Hear the child\u2019s voice in multi\u2011agency meetings.\u00b3\n\n"
        "\u2022 Record the \ufb01ndings\u00a0of every home visit.\n",
        encoding="utf-8",
    )
    assert [block.text for block in read_document(path).blocks] == [
        "Key learning",
        "Hear the child's voice in multi-agency meetings.",
        "Record the findings of every home visit.",
    ]


def test_should_leave_html_and_markdown_footnote_marks_out_of_the_text(tmp_path: Path):
    page = tmp_path / "review.html"
    page.write_text(
        "<h2>Key learning</h2><ul><li>Neglect<sup><a href='#n1'>1</a></sup> is cumulative.</li>"
        "</ul>",
        encoding="utf-8",
    )
    notes = tmp_path / "review.md"
    notes.write_text(
        "## Key learning\n\n- Neglect[^1] is cumulative.\n\n[^1]: Working Together 2023.\n",
        encoding="utf-8",
    )
    for path in (page, notes):
        texts = [block.text for block in read_document(path).blocks]
        assert texts == ["Key learning", "Neglect is cumulative."]


def test_should_drop_running_headers_and_footers_of_text_with_page_breaks():
    pages = [
        f"Eastmoor Safeguarding Children Partnership\n\nKey learning\n\n"
        f"\u2022 Point {n} about neglect.\n\nChild R review {n}\n"
        for n in range(1, 5)
    ]
    texts = [block.text for block in text_blocks("\f".join(pages))]
    assert texts.count("Point 1 about neglect.") == 1
    assert not any("Eastmoor" in text or "Child R review" in text for text in texts)


def test_should_keep_a_slide_title_repeated_on_some_pages_of_a_deck():
    slides = [f"Key learning\n\n\u2022 Point {n}.\n\n" for n in range(1, 4)]
    slides += [f"Background {n}\n\nThe family moved often.\n\n" for n in range(1, 6)]
    texts = [block.text for block in text_blocks("\f".join(slides))]
    assert texts[:2] == ["Key learning", "Point 1."]


def test_should_mark_a_paragraph_led_by_a_sentence_in_bold(tmp_path: Path):
    path = tmp_path / "blog.html"
    path.write_text(
        "<h1>Notes from the business unit</h1>"
        "<p><strong>Plans end too early.</strong> Families slipped back after closure.</p>"
        "<p><strong>Contact us</strong></p>"
        "<p>Some words, <b>then bold.</b></p>",
        encoding="utf-8",
    )
    blocks = read_document(path).blocks
    assert [block.lead for block in blocks] == [False, True, False, False]


def test_should_mark_a_docx_paragraph_led_by_a_sentence_in_bold(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("What we keep seeing", level=1)
    led = document.add_paragraph()
    led.add_run("Plans end too early.").bold = True
    led.add_run(" Families slipped back after closure.")
    document.add_paragraph("No lead here.")
    document.save(str(tmp_path / "blog.docx"))
    blocks = read_document(tmp_path / "blog.docx").blocks
    assert [block.lead for block in blocks] == [False, True, False]
