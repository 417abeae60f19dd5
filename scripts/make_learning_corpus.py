"""Build the learning library's synthetic evaluation corpus from its annotated sources.

Every document in tests/learning/corpus/src/*.md is fictional text written for the tests (no
real review, partnership or child). A source is Markdown with a header:

    format: pdf | docx | html | markdown | text
    split: dev | heldout | heldout2 | heldout3
    shape: a few words on the document's shape
    slides: yes            (optional: render as a slide deck converted to text)
    review: TYPE | PARTNERSHIP | YEAR      (one line per review, in document order)
    ---
    body

In the body, a paragraph, bullet or heading that is a learning item starts with
``{KIND|theme theme ...}``, KIND being F (finding), R (recommendation), K (key learning),
N (next step), Q (reflective question) or V (the child's voice). The script strips the
annotations, renders the document in its format into tests/learning/corpus/docs/, and writes
the annotations as gold into tests/learning/corpus/gold/<name>.json.

Two further shapes (used from the fourth held-out split on): a table, written as Markdown pipe
rows (``| No. | Recommendation | Lead |``, the first row its header), whose cells may start with
an annotation; and a box, the lines between ``:::box`` and ``:::``, drawn as a framed panel (a
one-cell table in DOCX and PDF, an ``<aside>`` in HTML, a quotation in Markdown, ruled lines in
text).

Run: uv run python scripts/make_learning_corpus.py
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "learning" / "corpus"
KINDS = {
    "F": "finding",
    "R": "recommendation",
    "K": "key_learning",
    "N": "next_step",
    "Q": "reflective_question",
    "V": "child_voice",
}
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "markdown": ".md", "text": ".txt"}
_ANNOTATION = re.compile(
    r"^(?P<lead>#{1,6}\s+|-\s+|\d+\.\s+)?\{(?P<kind>[FRKNQV])\|(?P<themes>[^}]*)\}\s*"
)
_CELL_ANNOTATION = re.compile(r"^\{(?P<kind>[FRKNQV])\|(?P<themes>[^}]*)\}\s*")
_CELL_SPLIT = re.compile(r"\|(?![^{]*\})")  # a bar inside an annotation does not split cells
_RULE_ROW = re.compile(r"^\|[\s:|-]+\|$")
_LABEL = re.compile(
    r"^(?:finding|recommendation|key learning|next step|question)s?\s*[\d.]*[a-z]?\s*"
    r"(?:\([^)]*\))?\s*[:.]\s*",
    re.IGNORECASE,
)


def parse_source(path: Path) -> tuple[dict[str, object], list[str], list[dict[str, object]]]:
    """Split a source into its header, its clean Markdown lines and its gold items."""
    header_text, body = path.read_text("utf-8").split("\n---\n", 1)
    header: dict[str, object] = {"reviews": []}
    for line in header_text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "review":
            kind, partnership, year = (part.strip() for part in value.split("|"))
            header["reviews"].append(  # type: ignore[attr-defined]
                {"review_type": kind, "partnership": partnership, "year": int(year)}
            )
        elif key.strip():
            header[key.strip()] = value.strip()
    lines: list[str] = []
    items: list[dict[str, object]] = []
    for line in body.strip().splitlines():
        if line.startswith("|"):
            lines.append(_table_row(line, items))
            continue
        match = _ANNOTATION.match(line)
        if match:
            clean = (match.group("lead") or "") + line[match.end() :]
            text = re.sub(r"^#{1,6}\s+|^-\s+|^\d+\.\s+", "", clean)
            items.append(
                {
                    "kind": KINDS[match.group("kind")],
                    "text": _LABEL.sub("", text).strip(),
                    "themes": sorted(match.group("themes").split()),
                }
            )
            line = clean
        lines.append(line)
    return header, lines, items


def _table_row(line: str, items: list[dict[str, object]]) -> str:
    """Take the annotations out of one table row's cells into ``items``; return the clean row."""
    if _RULE_ROW.match(line):
        return line
    cells = [cell.strip() for cell in _CELL_SPLIT.split(line.strip().strip("|"))]
    clean: list[str] = []
    for cell in cells:
        match = _CELL_ANNOTATION.match(cell)
        if match:
            cell = cell[match.end() :]
            items.append(
                {
                    "kind": KINDS[match.group("kind")],
                    "text": _LABEL.sub("", cell).strip(),
                    "themes": sorted(match.group("themes").split()),
                }
            )
        clean.append(cell)
    return "| " + " | ".join(clean) + " |"


def table_rows(text: str) -> list[list[str]]:
    """The cells of a table block's rows (its rule row dropped)."""
    return [
        [cell.strip() for cell in row.strip().strip("|").split("|")]
        for row in text.splitlines()
        if not _RULE_ROW.match(row)
    ]


def _blocks(lines: list[str]) -> list[tuple[str, str]]:
    """(style, text) pairs: h1..h6, bullet, numbered, para, table, box_start or box_end.

    A paragraph's lines are joined; a table's rows are kept as lines of its text.
    """
    blocks: list[tuple[str, str]] = []
    para: list[str] = []
    table: list[str] = []
    for line in [*lines, ""]:
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        numbered = re.match(r"^\d+\.\s", line)
        if table and not line.startswith("|"):
            blocks.append(("table", "\n".join(table)))
            table = []
        if not line.strip() or heading or line.startswith(("- ", "|", ":::")) or numbered:
            if para:
                blocks.append(("para", " ".join(para)))
                para = []
        if line.startswith("|"):
            table.append(line)
        elif line.startswith(":::box"):
            blocks.append(("box_start", line[len(":::box") :].strip()))
        elif line.startswith(":::"):
            blocks.append(("box_end", ""))
        elif heading:
            blocks.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif numbered:
            blocks.append(("numbered", line))
        elif line.strip():
            para.append(line.strip())
    return blocks


def _text_panel(style: str, text: str) -> list[str]:
    """A box's rule (and label) or a table's rows as plain-text lines."""
    if style != "table":
        return ["-" * 64, *([text.upper(), ""] if text else [])]
    lines = [line for row in table_rows(text) for line in textwrap.wrap("   ".join(row), 72)]
    return [*lines, ""]


def render_text(lines: list[str], *, slides: bool, footer: str) -> str:
    """Plain text: headings as lines of their own, bullets wrapped over lines at 64 columns.

    As a slide deck, each level-2 heading starts a slide, long sections run onto a further
    slide under the same title, and every slide ends with the deck's footer.
    """
    out: list[str] = []
    slide = 0
    section_title = ""
    bullets_on_slide = 0

    def new_slide(title: str) -> None:
        nonlocal slide, bullets_on_slide
        if slide:
            out.extend([footer, ""])
        slide += 1
        bullets_on_slide = 0
        out.extend([f"Slide {slide}", title, ""])

    for style, text in _blocks(lines):
        if style in ("box_start", "box_end", "table"):
            out.extend(_text_panel(style, text))
        elif style[0] == "h":
            section_title = text
            if slides:
                new_slide(text)
            else:
                out.extend([text.upper() if style == "h1" else text, ""])
        elif style == "bullet":
            if slides and bullets_on_slide == 3:
                new_slide(section_title)  # the title repeats on the continuation slide
            bullets_on_slide += 1
            out.extend(textwrap.wrap(text, 64, initial_indent="\u2022 ", subsequent_indent="  "))
            if not slides:
                out.append("")
        else:
            out.extend(textwrap.wrap(text, 72))
            out.append("")
    if slides:
        out.append(footer)
    return "\n".join(out) + "\n"


def render_html(lines: list[str], title: str) -> str:
    """HTML through markdown-it, inside a page with navigation and footer to be ignored."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark").enable("table")
    body, segment = "", []
    for line in [*lines, ":::end"]:
        if not line.startswith(":::"):
            segment.append(line)
            continue
        body += markdown.render("\n".join(segment))
        segment = []
        if line.startswith(":::box"):
            label = line[len(":::box") :].strip()
            body += "<aside class='key-learning'>" + (f"<h3>{label}</h3>" if label else "")
        elif line == ":::":
            body += "</aside>"
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/reviews'>Reviews</a></nav>"
        f"<main>{body}</main><footer>Contact the partnership business unit</footer></body></html>\n"
    )


def _markdown_boxes(lines: list[str]) -> list[str]:
    """Markdown has no boxes: a box's lines become a block quotation."""
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith(":::box"):
            inside = True
            label = line[len(":::box") :].strip()
            out.extend([f"> **{label}**", ">"] if label else [])
        elif line.startswith(":::"):
            inside = False
        else:
            out.append(("> " + line).rstrip() if inside else line)
    return out


def _docx_table(document: Any, text: str) -> None:
    """A bordered DOCX table, its first row in bold."""
    rows = table_rows(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]), style="Table Grid")
    for r, row in enumerate(rows):
        for c, cell_text in enumerate(row):
            run = table.cell(r, c).paragraphs[0].add_run(cell_text)
            run.bold = r == 0


def render_docx(lines: list[str], path: Path) -> None:
    """DOCX with Title/Heading styles, bulleted list paragraphs, tables and boxed panels."""
    import docx

    document = docx.Document()
    target: Any = document  # a box's content goes into its one-cell table
    for style, text in _blocks(lines):
        if style == "box_start":
            target = document.add_table(rows=1, cols=1, style="Table Grid").cell(0, 0)
            if text:
                target.paragraphs[0].add_run(text).bold = True
        elif style == "box_end":
            target = document
        elif style == "table":
            _docx_table(document, text)
        elif style == "h1":
            target.add_paragraph(text, style="Title")
        elif style[0] == "h":
            target.add_paragraph(text, style=f"Heading {min(int(style[1]) - 1, 3)}")
        elif style == "bullet":
            target.add_paragraph(text, style="List Bullet")
        else:
            target.add_paragraph(text)
    document.core_properties.created = datetime(2026, 1, 1)  # fixed, so rebuilds match
    document.save(str(path))


def render_pdf(lines: list[str], path: Path) -> None:
    """PDF with reportlab: larger bold headings, bullets that wrap, page footers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    page: list[object] = []
    story = page  # a box's content is gathered here, then framed as a one-cell table
    for style, text in _blocks(lines):
        safe = text.replace("&", "&amp;").replace("<", "&lt;")
        if style == "box_start":
            story = [Paragraph(f"<b>{safe}</b>", styles["BodyText"])] if text else []
            continue
        if style == "box_end":
            box = Table([[story]], colWidths=[440])
            box.setStyle(
                TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 1, colors.black),
                        ("BACKGROUND", (0, 0), (-1, -1), colors.whitesmoke),
                    ]
                )
            )
            page.extend([box, Spacer(1, 6)])
            story = page
            continue
        if style == "table":
            rows = [
                [Paragraph(f"<b>{c}</b>" if r == 0 else c, styles["BodyText"]) for c in row]
                for r, row in enumerate(table_rows(safe))
            ]
            grid = Table(rows, colWidths=_pdf_widths(len(rows[0])), repeatRows=1)
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(grid)
        elif style[0] == "h":
            story.append(
                Paragraph(safe, styles[{"h1": "Title", "h2": "Heading2"}.get(style, "Heading3")])
            )
        elif style == "bullet":
            story.append(
                ListFlowable([ListItem(Paragraph(safe, styles["BodyText"]))], bulletType="bullet")
            )
        else:
            story.append(Paragraph(safe, styles["BodyText"]))
        story.append(Spacer(1, 4))

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(40, 20, f"Page {doc.page}")  # type: ignore[attr-defined]

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        page, onFirstPage=footer, onLaterPages=footer
    )


def _pdf_widths(columns: int) -> list[int]:
    """Column widths in points for a PDF table: the widest column is the second (the text)."""
    if columns == 1:
        return [440]
    if columns == 2:
        return [330, 110]
    return [40, 300, 100] + [80] * (columns - 3)


def build(source: Path) -> Path:
    """Render one source and write its gold; return the document's path."""
    header, lines, items = parse_source(source)
    fmt = str(header["format"])
    docs, gold = CORPUS / "docs", CORPUS / "gold"
    docs.mkdir(exist_ok=True)
    gold.mkdir(exist_ok=True)
    target = docs / (source.stem + EXTENSIONS[fmt])
    title = next((line.lstrip("# ") for line in lines if line.startswith("#")), source.stem)
    if fmt == "text":
        footer = f"{header.get('footer', 'Learning briefing')} | page"
        target.write_text(render_text(lines, slides=header.get("slides") == "yes", footer=footer))
    elif fmt == "markdown":
        target.write_text("\n".join(_markdown_boxes(lines)) + "\n")
    elif fmt == "html":
        target.write_text(render_html(lines, title))
    elif fmt == "docx":
        render_docx(lines, target)
    else:
        render_pdf(lines, target)
    record = {
        "document": target.name,
        "split": header["split"],
        "shape": header.get("shape", ""),
        "reviews": header["reviews"],
        "items": items,
    }
    (gold / f"{source.stem}.json").write_text(json.dumps(record, indent=1) + "\n")
    return target


def main() -> None:
    """Build every source (or those named on the command line)."""
    sources = [Path(a) for a in sys.argv[1:]] or sorted((CORPUS / "src").glob("*.md"))
    for source in sources:
        sys.stdout.write(f"{build(source).relative_to(CORPUS)}\n")


if __name__ == "__main__":
    main()
