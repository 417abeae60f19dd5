"""A document's running headers and footers, read for its metadata."""

from __future__ import annotations

import io
from pathlib import Path

from fullpicture.learning.documents import read_document
from fullpicture.learning.furniture import document_furniture
from fullpicture.learning.library import parse_document
from fullpicture.learning.metadata import extract_metadata

FOOTER = "Wexley Safeguarding Children Partnership | 7-minute briefing | March 2024"


def create_slides(tmp_path: Path) -> Path:
    slides = []
    for number, title in enumerate(["Background", "What we found", "What to do"], start=1):
        slides.append(f"Slide {number}\n\n{title}\n\n- A point about practice.\n\n{FOOTER}\n")
    path = tmp_path / "briefing.txt"
    path.write_text("\n".join(slides), encoding="utf-8")
    return path


def test_should_read_the_partnership_and_date_from_a_running_footer(tmp_path: Path):
    path = create_slides(tmp_path)
    assert FOOTER in document_furniture(read_document(path))
    meta = parse_document(path).reviews[0].metadata
    assert meta.partnership == "Wexley Safeguarding Children Partnership"
    assert meta.year == 2024


def test_should_read_page_margins_of_text_with_page_breaks(tmp_path: Path):
    pages = [
        "Wexley LSCB serious case review\n\n"
        + "\n".join(f"Practice on day {word}{page} was recorded." for word in "abcdef")
        + f"\n\nPage {number}"
        for number, page in enumerate("wxyz", start=1)
    ]
    path = tmp_path / "report.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    furniture = document_furniture(read_document(path))
    assert "Wexley LSCB serious case review" in furniture
    assert not any("recorded" in line for line in furniture)


def test_should_read_a_word_documents_header_and_footer(tmp_path: Path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Marden Safeguarding Children Partnership"
    document.sections[0].footer.paragraphs[0].text = "Version 1.0 final, 4 May 2023"
    document.add_heading("Rapid review: Child K", 1)
    document.add_paragraph("Child K was seen at school.")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "review.docx"
    path.write_bytes(buffer.getvalue())
    meta = parse_document(path).reviews[0].metadata
    assert meta.partnership == "Marden Safeguarding Children Partnership"
    assert meta.year == 2023


def test_should_read_a_web_pages_site_header_and_footer(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><header>Lorvale Safeguarding Children Partnership</header>"
        "<main><h1>Learning brief: Baby S</h1><p>Baby S was seen by her GP.</p></main>"
        "<footer>&copy; 2025 Lorvale</footer></body></html>",
        encoding="utf-8",
    )
    meta = parse_document(path).reviews[0].metadata
    assert meta.partnership == "Lorvale Safeguarding Children Partnership"


def test_should_read_the_furniture_only_when_the_text_lacks_what_it_gives():
    calls: list[int] = []

    def furniture() -> list[str]:
        calls.append(1)
        return ["Marden Safeguarding Children Partnership"]

    extract_metadata("Rapid review", ["Wexley SCP", "Published May 2024"], [], furniture)
    assert calls == []
    meta = extract_metadata("Rapid review", ["Published May 2024"], [], furniture)
    assert calls == [1] and meta.partnership == "Marden Safeguarding Children Partnership"


def test_should_read_the_partnership_from_a_files_own_description(tmp_path: Path):
    import docx

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Baby S - Lorvale Safeguarding Children Partnership</title></head>"
        "<body><h1>Learning brief: Baby S</h1><p>Baby S was seen by her GP.</p></body></html>",
        encoding="utf-8",
    )
    assert parse_document(page).reviews[0].metadata.partnership == (
        "Lorvale Safeguarding Children Partnership"
    )
    document = docx.Document()
    document.core_properties.author = "Marden Safeguarding Children Partnership"
    document.add_heading("Rapid review: Child K", 1)
    document.add_paragraph("Child K was seen at school in May 2023.")
    buffer = io.BytesIO()
    document.save(buffer)
    review = tmp_path / "review.docx"
    review.write_bytes(buffer.getvalue())
    assert parse_document(review).reviews[0].metadata.partnership == (
        "Marden Safeguarding Children Partnership"
    )
