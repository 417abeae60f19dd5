"""A document's furniture: the running headers and footers its body text leaves out.

Partnerships often name themselves, and date a document, only there: "Wexley Safeguarding
Children Partnership | 7-minute briefing | Page 3", a Word footer "Version 1.0 final, March
2023", a web page's site header and footer, or in the file's own description (a web page's
``<title>`` and site name, a Word or PDF file's title, author and subject). The readers in
:mod:`fullpicture.learning.documents` drop these lines so that they are not read as learning;
this module reads them again, on demand, for the review's metadata (see
:func:`fullpicture.learning.metadata.extract_metadata`).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from fullpicture.learning.documents import RawDocument, decode_text
from fullpicture.learning.pdf_layout import margin_key
from fullpicture.learning.web_furniture import web_furniture_lines

# A line of furniture repeats on this many pages (or slides) at least.
_REPEATS = 3


def document_furniture(raw: RawDocument) -> list[str]:
    """The document's running headers and footers, page headers and footers, and a web
    page's ``<header>`` and ``<footer>`` text, each line once, in the order first met.

    Unreadable furniture gives an empty list: it only ever fills in what the body left out.
    """
    readers = {
        "pdf": _pdf_furniture,
        "docx": _docx_furniture,
        "html": _html_furniture,
        "markdown": _text_furniture,
        "text": _text_furniture,
    }
    reader = readers.get(raw.format)
    if reader is None:
        return []
    try:
        return list(dict.fromkeys(line for line in reader(raw.path) if line))
    except Exception:  # furniture is a fallback; a reader's failure must not stop an import
        return []


def repeated_margin_lines(pages: list[list[str]]) -> list[str]:
    """The first and last two filled lines of each page that repeat (digits aside) on at
    least three pages and a third of them."""
    margins = [_margins(page) for page in pages]
    counts = Counter(key for margin in margins for key in {margin_key(line) for line in margin})
    needed = max(_REPEATS, len(pages) // 3)
    return [
        line.strip() for margin in margins for line in margin if counts[margin_key(line)] >= needed
    ]


# A PDF's document information: its title, author and subject often name the partnership.
_FIELDS = ("Title", "Author", "Subject")


def _described(values: Iterable[object]) -> list[str]:
    """The filled text fields of a file's description (title, author, subject), stripped."""
    return [str(value).strip() for value in values if value and str(value).strip()]


def _margins(page: list[str]) -> list[str]:
    filled = [line for line in page if line.strip()]
    return filled[:2] + filled[-2:] if len(filled) > 4 else filled


def _text_furniture(path: Path) -> list[str]:
    text = decode_text(path.read_bytes())
    site = web_furniture_lines(text.splitlines())  # a saved web page's banner and footer
    pages = [page.splitlines() for page in text.split("\f")]
    if len(pages) >= _REPEATS:
        return repeated_margin_lines(pages) + site
    # no page breaks (slides pasted as text): short lines repeated three times or more
    counts = Counter(line.strip() for line in text.splitlines() if line.strip())
    return [line for line, n in counts.items() if n >= _REPEATS and len(line.split()) <= 16] + site


def _pdf_furniture(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        pages = [page.get_textpage().get_text_range().splitlines() for page in document]
        info = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    return repeated_margin_lines(pages) + _described(info.get(key) for key in _FIELDS)


def _docx_furniture(path: Path) -> list[str]:
    import docx

    document = docx.Document(io.BytesIO(path.read_bytes()))
    properties = document.core_properties
    lines = _described([properties.title, properties.author, properties.subject])
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.footer):
            lines += [paragraph.text.strip() for paragraph in part.paragraphs]
            for table in part.tables:
                lines += [cell.text.strip() for row in table.rows for cell in row.cells]
    return lines


def _html_furniture(path: Path) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(path.read_bytes()), "html.parser")
    described = [soup.title.get_text() if soup.title else None]
    for name in ("author", "og:site_name", "application-name"):
        meta = soup.find("meta", attrs={"name": name}) or soup.find("meta", property=name)
        described.append(str(meta.get("content")) if meta and meta.get("content") else None)
    lines = _described(described)
    for tag in soup(["header", "footer"]):
        lines += [line.strip() for line in tag.get_text("\n").splitlines()]
    return lines + web_furniture_lines(soup.get_text("\n").splitlines())
