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
    assert read_document(path).blocks[-1].text == "The child\u2019s voice."


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
