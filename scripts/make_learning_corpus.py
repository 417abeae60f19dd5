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

Run: uv run python scripts/make_learning_corpus.py
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from datetime import datetime
from pathlib import Path

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


def _blocks(lines: list[str]) -> list[tuple[str, str]]:
    """(style, text) pairs: h1..h6, bullet or para; a paragraph's lines are joined."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []
    for line in [*lines, ""]:
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        numbered = re.match(r"^\d+\.\s", line)
        if not line.strip() or heading or line.startswith("- ") or numbered:
            if para:
                blocks.append(("para", " ".join(para)))
                para = []
        if heading:
            blocks.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif numbered:
            blocks.append(("numbered", line))
        elif line.strip():
            para.append(line.strip())
    return blocks


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
        if style[0] == "h":
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

    body = MarkdownIt("commonmark").render("\n".join(lines))
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/reviews'>Reviews</a></nav>"
        f"<main>{body}</main><footer>Contact the partnership business unit</footer></body></html>\n"
    )


def render_docx(lines: list[str], path: Path) -> None:
    """DOCX with Title/Heading styles and bulleted list paragraphs."""
    import docx

    document = docx.Document()
    for style, text in _blocks(lines):
        if style == "h1":
            document.add_paragraph(text, style="Title")
        elif style[0] == "h":
            document.add_heading(text, level=min(int(style[1]) - 1, 3))
        elif style == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.core_properties.created = datetime(2026, 1, 1)  # fixed, so rebuilds match
    document.save(str(path))


def render_pdf(lines: list[str], path: Path) -> None:
    """PDF with reportlab: larger bold headings, bullets that wrap, page footers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[object] = []
    for style, text in _blocks(lines):
        safe = text.replace("&", "&amp;").replace("<", "&lt;")
        if style[0] == "h":
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
        story, onFirstPage=footer, onLaterPages=footer
    )


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
        target.write_text("\n".join(lines) + "\n")
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
