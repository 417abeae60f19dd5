"""Readers: turn a review document (PDF, DOCX, HTML, Markdown, plain text) into a flat list of
blocks (headings, paragraphs, bullets) that the structure and extraction steps work on.

Formats that carry structure (DOCX styles, HTML and Markdown tags) keep it; PDF and plain text
are structured by layout heuristics: headings are short lines set apart (or set in a larger or
bold font in a PDF), bullets start with a bullet mark, and lines that wrap are joined.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fullpicture.errors import LearningError
from fullpicture.learning.pdf_layout import (
    CELL_LINE,
    MARGIN,
    TABLE_KIND,
    Band,
    Box,
    PdfTable,
    Run,
    column_bands,
    column_of,
    drawn_shapes,
    find_tables,
    is_footnote_start,
    is_print_furniture,
    known_words,
    line_tracking,
    margin_key,
    matrix_scale,
    page_runs,
    rejoin_cell,
    running_lines,
    text_boxes,
    word_breaks,
)
from fullpicture.learning.pdf_layout import NARRATION as NARRATION
from fullpicture.learning.web_furniture import is_link_list_heading, is_web_furniture, links_end

FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


@dataclass(frozen=True)
class Block:
    """One unit of a document: a heading (``heading`` = level 1-6), a bullet or a paragraph."""

    text: str
    heading: int = 0
    bullet: bool = False
    boxed: bool = False  # in a framed box, text box or table: its headings end with the box
    lead: bool = False  # opens with a sentence in bold, run in ("**Early help closes too soon.**")


@dataclass(frozen=True)
class RawDocument:
    """A document read from disk: its format, content hash, blocks and size in characters."""

    path: Path
    format: str
    sha256: str
    blocks: list[Block]
    characters: int


_BULLET = re.compile(
    r"^\s*(?:[•\u2022\u25aa\u25cf\u25e6\u2013\u2014\-\*\u25a0o]|\d{1,2}[.)]|[a-z][.)])\s+"
)
_SLIDE = re.compile(r"^\s*slide\s+\d+\s*(?:of\s+\d+)?\s*$", re.IGNORECASE)
# A rule drawn across the page ("-----", "=====") frames a box or starts a section: the short
# line after it, standing alone, is the heading even when it asks ("Did you know?").
_RULE = re.compile(r"^\s*([-=_*~\u2500\u2014])\1{7,}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d+(?:\s+of\s+\d+)?\s*$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_SENTENCE_END = (".", ",", ";", "!", "?", "\u201d", '"')
_ITEM_LABEL = re.compile(
    r"^(?:finding|recommendation|key learning|learning point|practice point|next step|"
    r"action|question|rec\.?|r(?=\d)|q(?=\d))s?"
    r"\s*\d+(?:\.\d+)*[a-z]?\s*(?:\([^)]*\))?\s*[:.\-\u2013]\s*\S",
    re.IGNORECASE,
)


def read_document(path: Path) -> RawDocument:
    """Read the review document at ``path`` into blocks.

    Args:
        path: a .pdf, .docx, .html/.htm, .md or .txt file.

    Returns:
        The document's format, sha256 of its bytes, blocks and character count.

    Raises:
        LearningError: the file is missing, of an unsupported kind, or unreadable.
    """
    if not path.is_file():
        raise LearningError(f"No such file: {path}", hint="Check the path and try again.")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LearningError(
            f"Cannot read {path.name}: unsupported file type {path.suffix or '(none)'}.",
            hint=(
                "Import PDF, DOCX, HTML, Markdown (.md) or plain text (.txt) documents; save"
                " other formats (such as .doc, .rtf or .odt) as one of these first."
            ),
        )
    data = path.read_bytes()
    try:
        blocks = _READERS[fmt](data)
    except LearningError:
        raise
    except Exception as exc:  # parsers raise many kinds; all mean "not readable as this kind"
        raise LearningError(
            f"Could not read {path.name} as {fmt}: {exc}",
            hint="Check that the file opens in its usual application and is not damaged.",
        ) from exc
    blocks = emphasis_headings([plain_block(block) for block in without_report_furniture(blocks)])
    characters = sum(len(block.text) for block in blocks)
    return RawDocument(path, fmt, hashlib.sha256(data).hexdigest(), blocks, characters)


# Typography that word processors and PDF producers put in and the phrase rules do not expect:
# curly apostrophes ("child’s voice"), non-breaking and other hyphens ("multi‑agency"),
# ligatures in PDFs ("ﬁndings"), non-breaking and thin spaces, soft hyphens and zero-width
# characters.
_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "ʼ": "'",
        "′": "'",
        "‐": "-",
        "‑": "-",
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        " ": " ",
        " ": " ",
        " ": " ",
        "­": None,
        "​": None,
        "‌": None,
        "‍": None,
        "﻿": None,
        "\x02": "-",  # PDFium's hyphen at a line's end, where nothing rejoined the word
    }
)
# A footnote mark in superscript digits straight after a word or punctuation ("neglect\u00b3").
_SUPERSCRIPT_MARK = re.compile(r"(?<=[^\s\d])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")


# A footnote mark in brackets straight after a word or punctuation ("episodes.[1]").
_BRACKET_MARK = re.compile(r"(?<=[A-Za-z.,;:)\u201d'\"])\[\d{1,3}\](?=[\s.,;:)]|$)")


def plain_text(text: str) -> str:
    """``text`` in plain typography: straight apostrophes, plain hyphens and spaces, ligatures
    spelled out, footnote marks in superscript digits or in brackets ("episodes.[1]")
    removed."""
    return _BRACKET_MARK.sub("", _SUPERSCRIPT_MARK.sub("", text.translate(_TYPOGRAPHY)))


# A short line wholly in Markdown emphasis ("**Spotlight: Child M**"), as text pasted from a
# Markdown editor, a chat or an e-mail keeps it; a producer that reads one asterisk as a bullet
# or as markup leaves the pair unbalanced ("*What the baby could not tell us**").
_EMPHASISED_LINE = re.compile(r"^\*{1,2}([^*\s](?:[^*]*[^*\s])?)\*{1,2}:?$")


def emphasis_headings(blocks: list[Block]) -> list[Block]:
    """The blocks with each short line set wholly in Markdown emphasis, ending no sentence,
    read as a heading one level below the heading above it (as a paragraph set wholly in bold
    is in Word): a box's or a vignette's title, not a paragraph of learning."""
    level = 1
    out: list[Block] = []
    for block in blocks:
        title = _EMPHASISED_LINE.match(block.text) if not block.heading else None
        if (
            title
            and len(title.group(1).split()) <= 14
            and not title.group(1).endswith(_SENTENCE_END)
        ):
            block = dataclasses.replace(
                block, text=title.group(1), heading=min(level + 1, 6), bullet=False, lead=False
            )
        else:
            level = block.heading or level
        out.append(block)
    return out


def plain_block(block: Block) -> Block:
    """The block with its text in plain typography (see :func:`plain_text`)."""
    text = plain_text(block.text)
    return block if text == block.text else dataclasses.replace(block, text=text)


def decode_text(data: bytes) -> str:
    """A text file's characters: UTF-8 (with or without a byte-order mark), else Windows-1252.

    Raises:
        LearningError: the bytes are neither.
    """
    return _decode(data)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LearningError(
        "The text is neither UTF-8 nor Windows-1252.", hint="Save the file as UTF-8 and retry."
    )


# -- report furniture: contents lists, notes, blank-page lines ----------------------------

_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents(?:\s+page)?:?$", re.IGNORECASE)
# A contents entry's leader to its page number: dots, an ellipsis, a tab or underscores.
_LEADER = re.compile(r"(?:(?:\s?\.){4,}|(?:\s?\u2026)+|\t+|(?:\s?_){4,})\s*\d{1,3}\s*$")
_LEADS = ("....", ". . .", "\u2026", "\t", "____", "_ _ _")
_LEADERS = re.compile(r"(?:(?:\s?\.){4,}|(?:\s?\u2026)+|(?:\s?_){4,})\s*\d{1,3}\b")
# A note at the foot of a page or the end of the text: "\u00b9 Details ...", "[1] Details ...".
_SUPERSCRIPT_NOTE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+\s*\S")
_BRACKET_NOTE = re.compile(r"^\[(\d{1,3})\]\s*\S")
_BLANK_PAGE = re.compile(
    r"^\(?(?:this\s+page\s+(?:is\s+|has\s+been\s+)?)?(?:intentionally|deliberately)"
    r"\s+(?:left\s+)?blank\.?\)?$",
    re.IGNORECASE,
)


def without_report_furniture(blocks: list[Block]) -> list[Block]:
    """The blocks without a report's furniture: its contents list (entries with leaders to a
    page number anywhere, and the entries under a "Contents" heading), its footnotes and
    endnotes ("\u00b9 ..." anywhere, "[1] ..." where the text refers to it or at the end),
    page numbers standing alone, "this page is intentionally left blank", and a running header
    or footer kept in the body (a converted document's "Wexley SCP | Child K | Final" before
    each page break), as plain text's are dropped (:func:`_drop_repeated_footers`), and a web
    page's furniture kept in its text ("Skip to main content", a breadcrumb, a cookie notice,
    "Related pages" and its links; see :mod:`fullpicture.learning.web_furniture`)."""
    marks = {m for block in blocks for m in re.findall(r"(?<=\S)\[(\d{1,3})\]", block.text)}
    running = set(_repeated_running_lines([block.text for block in blocks if not block.heading]))
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if _CONTENTS.match(block.text.strip()):  # its title and entries (a DOCX reader drops
            index = _contents_end(blocks, index + 1)  # Word's) are no section of the report
            continue
        if block.heading and is_link_list_heading(block.text):  # "Related pages" and its links
            index = _links_end(blocks, index + 1)
            continue
        if is_web_furniture(block.text):  # "Skip to main content", a breadcrumb, a cookie notice
            index += 1
            continue
        if not _is_furniture(block, blocks, index, marks) and block.text not in running:
            out.append(block)
        index += 1
    return out


def _links_end(blocks: list[Block], start: int) -> int:
    """The index after the links under a link-list heading: short lines (a short line on its
    own reads as a heading in plain text), up to the first sentence or a heading over one."""
    texts = [block.text for block in blocks]
    end = links_end(texts, start)
    while end > start and blocks[end - 1].heading and end < len(blocks):
        end -= 1  # a heading over the sentence that ended the links opens a section of its own
    return end


def _is_furniture(block: Block, blocks: list[Block], index: int, marks: set[str]) -> bool:
    text = block.text.strip()
    if _is_contents_entry(text, led=True) or _BLANK_PAGE.match(text):
        return True
    if block.heading:
        return False
    if _PAGE_NUMBER.match(text) or _SUPERSCRIPT_NOTE.match(text):
        return True
    note = _BRACKET_NOTE.match(text)
    if note is None:
        return False
    trailing = all(_BRACKET_NOTE.match(after.text) for after in blocks[index + 1 :])
    return note.group(1) in marks or trailing


def _is_contents_entry(text: str, *, led: bool) -> bool:
    """Whether a line is a contents entry: a title with a leader to its page number ("3.
    Findings ....... 7"), or several run together; unless ``led``, a short title ending in a
    page number or none ("1. Introduction 3", "Appendix A: Glossary"), perhaps a section put
    as a question ("Why a thematic review?")."""
    if any(leader in text for leader in _LEADS):  # the leaders' patterns are slow to search
        if len(_LEADERS.findall(text)) >= 2:
            return True
        if _LEADER.search(text):
            return len(_LEADER.sub("", text).split()) <= 16
    if led:
        return False
    title = re.sub(r"\s+\d{1,3}$", "", text)
    return len(title.split()) <= 12 and (title.endswith("?") or not title.endswith(_SENTENCE_END))


def _contents_end(blocks: list[Block], start: int) -> int:
    """Where the contents list beginning at ``start`` ends: its entries are short titles
    (with or without page numbers); a sentence, or a heading that is no entry, ends it."""
    end = start
    while end < len(blocks):
        block = blocks[end]
        led = _is_contents_entry(block.text.strip(), led=True)
        if block.heading and not led:
            break
        if not led and not _is_contents_entry(block.text.strip(), led=False):
            break
        end += 1
    return end


# -- plain text (also the last step for PDF) ------------------------------------------------


# A line introducing a list with a verb ("The partnership should:", "We recommend that:") is
# the start of a sentence the bullets finish, not a heading.
_INTRO_CLAUSE = re.compile(
    r"\b(?:should|must|ought to|needs? to|will|(?:is|are) asked to|recommends?(?:\s+that)?|"
    r"recommended(?:\s+that)?)\s*:\s*$",
    re.IGNORECASE,
)


# A heading's closing note of a review's kind, publisher and year in brackets ("Review 2: Baby S
# (child safeguarding practice review, Eastmoor Safeguarding Children Partnership, 2025)"),
# which does not count towards a heading's length
_DATED_NOTE = re.compile(r"\s*\([^()]{3,120}\b(?:19|20)\d\d\)\s*$")


def _is_heading_line(line: str, *, set_apart: bool) -> bool:
    if _INTRO_CLAUSE.search(line):
        return False
    if set_apart and (note := _DATED_NOTE.search(line)) and note.start() > 0:
        line = line[: note.start()]  # measured without its note, which holds no sentence's end
    words = line.split()
    if not words or len(words) > 14 or len(line) > 100 or _BULLET.match(line):
        if _BULLET.match(line) and re.match(r"^\s*\d{1,2}[.)]\s", line):
            return set_apart and _is_heading_line(_BULLET.sub("", line), set_apart=True)
        return False
    if line.isupper() and any(c.isalpha() for c in line):
        return True
    if line.rstrip().endswith(_SENTENCE_END) or not (line[0].isupper() or line[0].isdigit()):
        return False
    return set_apart


def text_blocks(text: str, *, styled: bool = False) -> list[Block]:
    """Structure plain text into blocks: headings, bullets (wrapped lines joined), paragraphs.

    A line is a heading when it is short, does not end a sentence and stands apart (a blank
    line or a slide marker before it) or is written in capitals; ``#`` marks are honoured.
    With ``styled`` (text laid out from a PDF, whose ``#`` marks come from type sizes), a
    heading found only by those rules is a sibling of the styled heading above it, so a line
    like "L told the reviewer. She said:" under "5.4 ..." does not take in "5.8 ...".
    """
    blocks: list[Block] = []
    current: list[str] = []
    current_bullet = False
    styled_level = 2  # where a heading found by the rules (not by ``#``) sits

    def flush() -> None:
        nonlocal current, current_bullet
        if current:
            blocks.append(Block(_join_wrapped(current, words), bullet=current_bullet))
        current, current_bullet = [], False

    previous_blank = True
    after_rule = False  # the line before was a rule across the page
    lines = _without_web_lines(_drop_repeated_footers(_without_page_margins(text)))
    words = cache(lambda: document_words(lines))  # read only where a line ends in a hyphen
    width = None if styled else _wrap_width(lines)
    for index, raw in enumerate(lines):
        line = raw.strip()
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if not line or _PAGE_NUMBER.match(line):
            flush()
            previous_blank = True
            continue
        if _SLIDE.match(line) or _RULE.match(line):
            flush()
            previous_blank = True  # the next line is the slide's (or the box's) title
            after_rule = bool(_RULE.match(line))
            continue
        if after_rule and next_blank and _ruled_heading(line):
            blocks.append(Block(line.rstrip(":").strip(), heading=styled_level))
            after_rule = previous_blank = False
            continue
        after_rule = False
        if current and _starts_paragraph(current[-1], raw, bullet=current_bullet, width=width):
            flush()  # even without a blank line before it
        if md := _MD_HEADING.match(line):
            flush()
            blocks.append(Block(md.group(2).strip().rstrip(":"), heading=len(md.group(1))))
            if styled:
                styled_level = max(2, len(md.group(1)))
        elif _BULLET.match(line) and (
            not _is_heading_line(line, set_apart=previous_blank)
            or _continues_in_lower_case(lines, index)  # a numbered point that wraps
        ):
            flush()
            current, current_bullet = [_BULLET.sub("", line)], True
        elif (
            not current
            and _is_heading_line(line, set_apart=previous_blank)
            and not (styled and _introduces(line))
            and (next_blank or not _ITEM_LABEL.match(line))
            and not _continues_in_lower_case(lines, index, width)
        ):
            blocks.append(Block(line.rstrip(":").strip(), heading=styled_level))
        else:
            current.append(line)
        previous_blank = False
    flush()
    return blocks


def _starts_paragraph(before: str, raw: str, *, bullet: bool, width: int | None) -> bool:
    """Whether a line starts a paragraph of its own although no blank line comes before it:
    a labelled item after a sentence's end ("Recommendation 2: ..."), or the page's own text
    after a bullet in text that is not hard-wrapped (see :func:`_after_bullet`)."""
    if _ITEM_LABEL.match(raw.strip()) and before.endswith(_SENTENCE_END):
        return True
    return bullet and width is None and _after_bullet(before, raw)


def _after_bullet(bullet: str, raw: str) -> bool:
    """Whether a line, in text that is not hard-wrapped (a paragraph on each line, as a web
    page copied or saved as text is), starts a paragraph of its own after a bullet rather
    than continuing it: the bullet ended its sentence ("Have I seen this before?") and the
    line starts with a capital, set flush with the margin."""
    return bullet.endswith((".", "?", "!")) and not raw[:1].isspace() and raw[:1].isupper()


def _introduces(line: str) -> bool:
    """Whether a plain line in text laid out from a PDF (whose headings are set in larger or
    bold type, marked ``#``) is a sentence introducing what follows ("Since these reviews,
    the partnership has done some things I am proud of:"), not a heading: it ends in a colon
    and runs to six words or more, not numbered as a section ("3.1.2 Issues identified:")."""
    return line.endswith(":") and len(line.split()) >= 6 and not line[0].isdigit()


def _join_wrapped(lines: list[str], words: Callable[[], set[str]] | None = None) -> str:
    """A wrapped paragraph's lines as one text. A word hyphenated at a line's end is joined
    without a space: as one word ("inter-" / "view" as "interview") where the hyphen is soft
    or the document (``words``, see :func:`document_words`) writes the joined word elsewhere,
    else keeping its hyphen ("multi-" / "agency" as "multi-agency")."""
    text = ""
    for line in lines:
        if text.endswith("\u00ad"):
            text = text[:-1] + line
        elif re.search(r"[A-Za-z][-\u2010]$", text):  # a browser prints a soft hyphen as U+2010
            text = text[:-1] + line if words and _one_word(text, line, words()) else text + line
        else:
            text += " " + line if text else line
    return text.strip()


_WORD_CHARS = re.compile(r"[a-z]+")


def document_words(texts: list[str]) -> set[str]:
    """The words (lower case, letters only) the texts write."""
    return {word for text in texts for word in _WORD_CHARS.findall(text.lower())}


def _one_word(left: str, right: str, words: set[str]) -> bool:
    """Whether a word hyphenated at a line's end (``left`` ends "inter-", ``right`` starts
    "view") is one word the document writes whole elsewhere ("interview")."""
    tail = re.search(r"[A-Za-z]+[-\u2010]$", left)
    head = re.match(r"[a-z]+", right)
    if tail is None or head is None:
        return False
    return (tail.group()[:-1] + head.group()).lower() in words


# PDFium gives a hyphen at a line's end as this character and runs the two lines together.
_LINE_HYPHEN = re.compile("([A-Za-z]*)[\x02\ufffe]([a-z]*)")


def rejoin_line_hyphens(text: str, words: set[str]) -> str:
    """``text`` with each word PDFium found hyphenated at a line's end made whole where the
    document writes it whole elsewhere ("interview"), else hyphenated ("multi-agency")."""

    def rejoined(match: re.Match[str]) -> str:
        left, right = match[1], match[2]
        whole = bool(left and right) and (left + right).lower() in words
        return left + right if whole else f"{left}-{right}"

    return _LINE_HYPHEN.sub(rejoined, text)


def _ruled_heading(line: str) -> bool:
    """Whether a line standing alone under a rule is a heading: short, capitalised, not a
    bullet, ending as a title or a question ("What does this mean for my practice?")."""
    return (
        len(line.split()) <= 12
        and line[0].isupper()
        and not _BULLET.match(line)
        and not line.endswith((".", ",", ";"))
    )


def _continues_in_lower_case(lines: list[str], index: int, width: int | None = None) -> bool:
    """Whether the next line carries on the same sentence (a wrapped paragraph, not a heading):
    it starts in lower case, or (in text wrapped at ``width`` characters) this line is full,
    so the next line's first word did not fit on it ("... sent on 10" / "January 2025.")."""
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if not following:
        return False
    if following[0].islower():
        return True
    line = lines[index].strip()
    if width is None or _BULLET.match(following) or _MD_HEADING.match(following):
        return False
    return len(line) + 1 + len(following.split()[0]) > width


def _wrap_width(lines: list[str]) -> int | None:
    """The width plain text is wrapped at, where it is hard-wrapped (many long lines of about
    the same length): the longest line. None for text with a paragraph on each line."""
    # a title in capitals is set on its own line, not wrapped: it does not give the width
    lengths = [len(line.rstrip()) for line in lines if line.strip() and not line.isupper()]
    long = [length for length in lengths if length >= 50]
    if len(long) < 5 or max(lengths, default=0) > 120:
        return None
    return max(long)


def _without_page_margins(text: str) -> list[str]:
    """The text's lines without the running headers and footers of its pages, when it has
    pages (form feeds, as ``pdftotext`` writes them): a page's first or last line that
    repeats, digits aside, at the top or foot of at least half the pages (three or more). A
    slide title repeated on some slides of a deck is not furniture and stays."""
    pages = [page.splitlines() for page in text.split("\f")]
    if len(pages) < 3:
        return text.splitlines()
    margins = [_margin_lines(page) for page in pages]
    counts = Counter(
        key
        for page, margin in zip(pages, margins, strict=True)
        for key in {margin_key(page[index]) for index in margin}
    )
    needed = max(3, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= needed and any(c.isalpha() for c in key)}
    return [
        line
        for page, margin in zip(pages, margins, strict=True)
        for index, line in enumerate(page)
        if not (index in margin and margin_key(line) in running)
    ]


def _margin_lines(page: list[str]) -> set[int]:
    """The indexes of a page's first and last non-blank lines."""
    filled = [index for index, line in enumerate(page) if line.strip()]
    return {filled[0], filled[-1]} if filled else set()


def _drop_repeated_footers(lines: list[str]) -> list[str]:
    """Drop short lines that repeat on three or more pages or slides (running headers, footers)."""
    repeated = _repeated_running_lines(lines)
    return [line for line in lines if line.strip() not in repeated]


def _repeated_running_lines(lines: list[str]) -> set[str]:
    """The lines (stripped) that repeat three times or more and read as a running header or
    footer: with a "|" between its parts, a page or a copyright sign."""
    counts = Counter(line.strip() for line in lines if line.strip())
    return {
        line
        for line, n in counts.items()
        if n >= 3 and ("|" in line or "page" in line.lower() or "\u00a9" in line)
    }


def _read_text(data: bytes) -> list[Block]:
    return text_blocks(_decode(data))


# -- PDF ----------------------------------------------------------------------------------

# A stretch of characters without a space long enough to be words run together (PDFium missed
# the breaks between glyphs drawn one at a time, set a little closer than its guess allows).
_SPACELESS = re.compile(r"[^\s]{16,}")


@dataclass
class _PdfLine:
    text: str
    size: float
    bold: bool
    top: float
    bottom: float
    left: float = 0.0
    right: float = 0.0  # where its last glyph's advance ends (set for lines of one glyph)


class _PdfPage:
    """Reads one page's characters through PDFium into lines with their size and weight."""

    def __init__(self, page: Any) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self._ctypes = ctypes
        self._text = page.get_textpage()
        self._raw = self._text.raw
        self._height = float(page.get_height())
        self.width = float(page.get_width())
        self.textpage = self._text
        self.height = self._height
        self._font = ctypes.create_string_buffer(128)
        self.drawn = drawn_shapes(page, self._height)
        self._scales: dict[int | None, float] = {}  # per text object: its matrix's scale
        self.trackings: list[tuple[float, float]] = []  # per measured line: size, tracking
        # see _box_chars: each character's middle (height, across), index and code
        self._placed: list[tuple[float, float, int, int]] | None = None
        self._heights: list[float] = []
        self._tracking_at: dict[float, float] = {}  # per type size: the page's tracking
        self.bands = column_bands(
            text_boxes(self._text, self._height), self.width, self.drawn.rules
        )
        scales = self.drawn.text_scales
        self._scale = next(iter(scales)) if len(scales) == 1 else None if scales else 1.0

    def _bold(self, index: int) -> bool:
        flags = self._ctypes.c_int()
        self._c.FPDFText_GetFontInfo(self._raw, index, self._font, 128, self._ctypes.byref(flags))
        name = self._font.value.decode("latin-1", "replace").lower()
        return "bold" in name or "black" in name or "heavy" in name

    def _size(self, index: int) -> float:
        """The character's type size in points on the page: its font size scaled by its text
        object's matrix. A browser prints CSS pixels at 0.75 of a point ("16px" text is set
        at size 16, scaled to 12 points), and some producers set every font at size 1 and
        scale the text instead, so the font size alone does not compare with the distances
        between lines."""
        size = float(self._c.FPDFText_GetFontSize(self._raw, index))
        if self._scale is not None:  # one scale for the whole page: no need to look it up
            return round(size * self._scale, 1)
        text_object = self._c.FPDFText_GetTextObject(self._raw, index)
        key = self._ctypes.cast(text_object, self._ctypes.c_void_p).value
        if key not in self._scales:
            self._scales[key] = matrix_scale(text_object)
        return round(size * self._scales[key], 1)

    def _origin(self, index: int) -> tuple[float, float]:
        """The character's origin: its left edge, and its baseline measured down from the top
        of the page."""
        x, y = self._ctypes.c_double(), self._ctypes.c_double()
        self._c.FPDFText_GetCharOrigin(self._raw, index, x, y)
        return x.value, self._height - y.value

    def lines(self) -> list[_PdfLine]:
        """The page's lines in reading order (PDFium marks line ends with CR LF)."""
        found: list[list[tuple[int, str]]] = []  # per line, each character's index and text
        chars: list[tuple[int, str]] = []
        last = 0.0  # on a page with columns: the left edge of the line's last character
        for index in range(self._text.count_chars()):
            code = self._c.FPDFText_GetUnicode(self._raw, index)
            char = chr(code) if code else ""
            if char in ("\r", "\n"):
                if chars:
                    found.append(chars)
                chars = []
                continue
            if self.bands and not char.isspace():
                if chars and self._across_gutter(index, last):  # the next column's line
                    found.append(chars)
                    chars = []
                last = self._origin(index)[0]
            chars.append((index, char))
        if chars:
            found.append(chars)
        size_of = self._size
        sized = [
            (line, [size_of(index) if char.isalnum() else 0.0 for index, char in line])
            for line in found
        ]
        small_caps = small_caps_sizes([(line, sizes) for line, sizes in sized])
        lines = [self._line(line, sizes, small_caps) for line, sizes in sized]
        lines = join_drop_capitals([line for line in lines if line.text])
        return mark_drawn_bullets(lines, self.drawn.bullets)

    def _alnum_size(self, index: int, char: str) -> float:
        """A letter's or digit's size (0 for spaces, punctuation and characters put in)."""
        return self._size(index) if index >= 0 and char.isalnum() else 0.0

    def _loose_box(self, index: int) -> tuple[float, float, float, float]:
        """The character's loose box (left, right, top, bottom; points from the page's
        top-left corner): from its origin to the end of its advance (origin plus width), so
        the tracking and word gaps of a line lie between neighbouring boxes."""
        rect = self._c.FS_RECTF()
        self._c.FPDFText_GetLooseCharBox(self._raw, index, rect)
        return rect.left, rect.right, self._height - rect.top, self._height - rect.bottom

    def _word_spaced(
        self, chars: list[tuple[int, str]], size: float, tracking: float | None = None
    ) -> list[tuple[int, str]]:
        """The line's characters with its word breaks read from the gaps between its glyphs
        (see :func:`pdf_layout.word_breaks`): a space PDFium guessed inside a letter-spaced
        word is dropped, and one it missed between words set a little closer than usual is
        put in. Drawn spaces are kept; a line with neither guessed spaces nor a long stretch
        without a space is left as PDFium gives it. The line's letter spacing is measured
        from its own gaps unless ``tracking`` is given (a few words cut from a longer line).
        """
        generated, raw = self._c.FPDFText_IsGenerated, self._raw
        guessed = [
            char == " " and index >= 0 and generated(raw, index) == 1 for index, char in chars
        ]
        if not any(guessed) and not _SPACELESS.search("".join(char for _, char in chars)):
            return chars
        glyphs = [at for at, (_, char) in enumerate(chars) if char and not char.isspace()]
        if len(glyphs) < 2:
            return chars
        boxes = [self._loose_box(chars[at][0]) for at in glyphs]
        gaps = [right[0] - left[1] for left, right in itertools.pairwise(boxes)]
        drawn = [
            any(chars[at][1].isspace() and not guessed[at] for at in range(a + 1, b))
            for a, b in itertools.pairwise(glyphs)
        ]
        if tracking is None:
            tracking = line_tracking(gaps, drawn, size)
            if tracking is not None:
                self.trackings.append((size, tracking))
        return _with_breaks(chars, guessed, glyphs, word_breaks(gaps, drawn, size, tracking))

    @property
    def tracked(self) -> bool:
        """Whether some line of the page is letter-spaced (by more than a twentieth of an
        em), so that PDFium's guesses at word breaks are not to be trusted on it."""
        return any(tracking > 0.05 * size for size, tracking in self.trackings)

    def box_text(self, left: float, right: float, top: float, bottom: float) -> str:
        """The text of the characters whose loose boxes' middles lie inside a box (points
        from the page's top-left corner), its word breaks read from the gaps between glyphs
        at the tracking measured on the page's lines of the same size (a table cell's few
        words are too few to measure their own)."""
        return self._word_spaced_text(self._box_chars(left, right, top, bottom))

    def _box_chars(
        self, left: float, right: float, top: float, bottom: float
    ) -> list[tuple[int, str]]:
        """The characters (index and text) whose loose boxes' middles lie inside a box, line
        ends as spaces."""
        if self._placed is None:
            placed = []
            for index in range(self._text.count_chars()):
                code = self._c.FPDFText_GetUnicode(self._raw, index)
                box = self._loose_box(index)
                placed.append(((box[2] + box[3]) / 2, (box[0] + box[1]) / 2, index, code))
            self._placed = sorted(placed)  # by height on the page, then across it
            self._heights = [middle for middle, *_ in self._placed]
        start = bisect.bisect_left(self._heights, top)
        end = bisect.bisect_right(self._heights, bottom)
        inside = sorted(
            (index, " " if code in (10, 13) else chr(code) if code else "")
            for _, x, index, code in self._placed[start:end]
            if left <= x <= right
        )
        return inside

    def _word_spaced_text(self, chars: list[tuple[int, str]]) -> str:
        """Characters cut from the page's lines as text, word breaks read from their gaps."""
        size, tracking = self._size_and_tracking(chars)
        if not size:
            return "".join(char for _, char in chars)
        return "".join(char for _, char in self._word_spaced(chars, size, tracking))

    def box_tracking(self, left: float, right: float, top: float, bottom: float) -> float:
        """The letter spacing (points) of the text inside a box: the tracking measured on the
        page's lines of the same size (see :meth:`box_text`)."""
        return self._size_and_tracking(self._box_chars(left, right, top, bottom))[1]

    def _size_and_tracking(self, chars: list[tuple[int, str]]) -> tuple[float, float]:
        """The size most of the characters are set in, and the tracking measured on the
        page's lines of that size (all its measured lines where none is of that size)."""
        sizes = Counter(self._alnum_size(index, char) for index, char in chars if char.isalnum())
        if not sizes:
            return 0.0, 0.0
        size = sizes.most_common(1)[0][0]
        if size not in self._tracking_at:
            alike = [t for s, t in self.trackings if abs(s - size) <= 0.1 * size]
            everywhere = [t for _, t in self.trackings] or [0.0]
            self._tracking_at[size] = statistics.median(alike or everywhere)
        return size, self._tracking_at[size]

    def _across_gutter(self, index: int, last: float) -> bool:
        """Whether the character at ``index`` stands right of a gutter whose other side holds
        the line's character before it (at ``last``, its left edge): lines of two columns
        drawn one after the other on one baseline, which PDFium gives as one line."""
        x, baseline = self._origin(index)
        return any(
            band.top - 1 <= baseline <= band.bottom + 1
            and last <= band.gutter_left + 1
            and x >= band.gutter_right - 3  # an origin lies left of its letter's box
            for band in self.bands
        )

    def _line(
        self,
        indexed: list[tuple[int, str]],
        char_sizes: list[float],
        small_caps: dict[float, float],
    ) -> _PdfLine:
        """One line from its characters (index and text) and their sizes (0 for spaces and
        punctuation); ``small_caps`` maps the size of a page's small capitals to the size of
        the capitals they go with (see :func:`small_caps_sizes`)."""
        # The size most of the line is set in: a list number or drop capital set larger does
        # not make a line a heading. A line in small capitals is the size of its capitals.
        sizes = Counter(size for size in char_sizes if size)
        size = sizes.most_common(1)[0][0] if sizes else 0.0
        size = _small_caps_size(indexed, char_sizes) or small_caps.get(size, size)
        spaced = self._word_spaced(indexed, size)
        if spaced is not indexed:
            char_sizes = [self._alnum_size(index, char) for index, char in spaced]
        chars = [char for _, char in spaced]
        # index of the line's first letter or digit (not a bullet glyph)
        first = next((index for index, char in spaced if char.isalnum()), -1)
        if sizes and min(sizes) < 0.85 * size:  # some characters set small: footnote marks?
            chars = _without_note_marks(chars, char_sizes, size)
        text = "".join(chars).strip()
        if (
            text
            and not text[0].isalnum()
            and not text[0].isspace()
            and text[0] not in "\"'(\u201c\u2018["
        ):
            text = "\u2022 " + text[1:].strip()  # a bullet glyph from a symbol font
        if first < 0:
            return _PdfLine(text, size, False, 0.0, 0.0)
        # The line's box is its font size above the baseline, so gaps compare like with like
        # whatever letters the lines start with.
        left, baseline = self._origin(first)
        right = self._loose_box(first)[1] if len(text) == 1 else 0.0
        return _PdfLine(text, size, self._bold(first), baseline - size, baseline, left, right)


def _small_caps_size(chars: list[tuple[int, str]], char_sizes: list[float]) -> float | None:
    """The size of a line set in small capitals: its capitals' size, where every lower-case
    letter is set smaller, at 0.6 to 0.85 of it (a browser or word processor makes small
    capitals by setting the lower-case letters as smaller capitals, so most of the line is
    in the smaller size, and its gaps and headings would be measured by it). None for any
    other line."""
    if len(set(char_sizes) - {0.0}) < 2:  # one size: no small capitals
        return None
    upper = [size for (_, char), size in zip(chars, char_sizes, strict=True) if char.isupper()]
    lower = [size for (_, char), size in zip(chars, char_sizes, strict=True) if char.islower()]
    if not upper or len(lower) < 2:
        return None
    capital = max(Counter(upper).most_common(1)[0][0], 0.1)
    return capital if all(0.6 <= size / capital <= 0.85 for size in lower) else None


def _with_breaks(
    chars: list[tuple[int, str]],
    guessed: list[bool],
    glyphs: list[int],
    breaks: list[bool | None],
) -> list[tuple[int, str]]:
    """A line's characters with one space between each pair of neighbouring glyphs (at the
    positions ``glyphs``) that ``breaks`` calls a word break (the drawn one where the producer
    drew one, "12\u00a0March", else PDFium's guess or a space put in) and none between those
    it calls none; where it cannot tell, the characters are left as they are. ``guessed``
    marks the spaces PDFium put in."""
    out = chars[: glyphs[0] + 1]
    for (a, b), brk in zip(itertools.pairwise(glyphs), breaks, strict=True):
        between = chars[a + 1 : b]
        if brk is not None:
            kept = [pair for pair in between if not pair[1].isspace()]
            spaces = [at for at in range(a + 1, b) if chars[at][1].isspace()]
            drawn = [at for at in spaces if not guessed[at]]
            if brk:
                kept.append(chars[(drawn or spaces)[0]] if spaces else (-1, " "))
            between = kept
        out += [*between, chars[b]]
    return out + chars[glyphs[-1] + 1 :]


def join_drop_capitals(lines: list[_PdfLine]) -> list[_PdfLine]:
    """The lines with each drop capital joined to the word it begins.

    A drop capital is a paragraph's first letter set two lines tall or more and apart, the
    paragraph's first lines indented beside it. PDFium gives it as a line of its own (its
    baseline is lower than the first line's), and a browser draws it before the text, so it
    reads as a one-letter heading and the paragraph starts mid-word ("he review found").
    A line of one letter set at least twice as large as the first line just right of it (its
    left edge within two of that line's ems of the letter's right edge, its baseline within
    the letter's height) is put at the start of that line: without a space before a lower-case
    letter, with one otherwise ("A" + "review found")."""
    out = list(lines)
    for cap in [line for line in lines if len(line.text) == 1 and line.text.isalpha()]:
        beside = [
            line
            for line in out
            if line is not cap
            and 0 < line.size <= cap.size / 2
            and -0.5 * line.size <= line.left - cap.right <= 2 * line.size
            and cap.top - line.size <= line.bottom <= cap.bottom + line.size
        ]
        if not beside or cap.right <= cap.left:
            continue
        first = min(beside, key=lambda line: line.top)
        glue = "" if first.text[:1].islower() else " "
        at = out.index(first)
        out[at] = dataclasses.replace(first, text=cap.text + glue + first.text, left=cap.left)
        out.remove(cap)
    return out


def small_caps_sizes(lines: list[tuple[list[tuple[int, str]], list[float]]]) -> dict[float, float]:
    """A page's small capitals: for each size its lower-case letters are set in as smaller
    capitals (see :func:`_small_caps_size`), the size of the capitals they go with, so that a
    line of the same small capitals with no capital in it ("agencies.") is measured at the
    size of the lines around it. A size that some other line on the page sets both its
    capitals and its lower-case letters in is body text, not small capitals, and left out.

    Args:
        lines: per line, its characters (index and text) and each one's size.
    """
    found: dict[float, float] = {}
    for chars, sizes in lines:
        capital = _small_caps_size(chars, sizes)
        if capital is not None:
            found.update(
                (size, capital)
                for (_, char), size in zip(chars, sizes, strict=True)
                if char.islower()
            )
    if not found:
        return found
    plain: set[float] = set()
    for chars, sizes in lines:
        if _small_caps_size(chars, sizes) is None and any(char.isupper() for _, char in chars):
            plain |= {size for (_, char), size in zip(chars, sizes, strict=True) if char.islower()}
    return {size: capital for size, capital in found.items() if size not in plain}


def mark_drawn_bullets(lines: list[_PdfLine], shapes: list[Box]) -> list[_PdfLine]:
    """The lines with a bullet mark where a bullet is drawn as a shape just left of the line's
    first letter (a browser draws a list's discs and squares as paths, not as characters, so
    the text alone shows no list)."""
    marked = set()
    for shape in shapes:
        middle = (shape.top + shape.bottom) / 2
        # the line the shape stands beside: the first whose baseline is at or below its middle
        beside = [
            (line.bottom - middle, index)
            for index, line in enumerate(lines)
            if line.left - 3.5 * line.size <= shape.right <= line.left
            and line.top - 0.2 * line.size <= middle <= line.bottom + 1.0
        ]
        if beside:
            marked.add(min(beside)[1])
    return [
        dataclasses.replace(line, text="\u2022 " + line.text)
        if index in marked and not _BULLET.match(line.text)
        else line
        for index, line in enumerate(lines)
    ]


def _without_note_marks(chars: list[str], char_sizes: list[float], size: float) -> list[str]:
    """The line's characters without footnote reference marks: digits set much smaller than
    the line straight after a word or punctuation ("neglect\u00b3", "in 2023.\u2074")."""
    kept: list[str] = []
    in_mark = False
    for char, char_size in zip(chars, char_sizes, strict=True):
        small = char.isdigit() and 0 < char_size < 0.85 * size
        after_word = bool(kept) and not kept[-1].isspace() and not kept[-1].isdigit()
        if small and (in_mark or after_word):
            in_mark = True
            continue
        in_mark = False
        kept.append(char)
    return kept


@dataclass
class _PdfPageContent:
    """One page: its lines, the tables found on it and its height."""

    lines: list[_PdfLine]
    tables: list[PdfTable]
    height: float
    bands: list[Band] = dataclasses.field(default_factory=list)

    def column(self, line: _PdfLine) -> int:
        """Where the line is read among the page's columns (0 on a page of one column)."""
        return column_of(self.bands, line.left, line.top, line.bottom) if self.bands else 0


# A page is searched for tables only where a line names what a table's column could hold.
_MAY_HAVE_TABLE = re.compile(
    "|".join("(?:" + kind.pattern.replace("^", r"\b") + ")" for kind in (TABLE_KIND, NARRATION)),
    re.IGNORECASE,
)


def _may_name_a_column(text: str) -> bool:
    """Whether a line names what a table's column could hold, also where a word of a short
    line (a table's header) is broken across a narrow column's lines ("Actio" / "n", which
    PDFium gives as one line: "Actio n Lead By")."""
    if _MAY_HAVE_TABLE.search(text):
        return True
    words = text.split()
    return len(words) <= 6 and any(
        _MAY_HAVE_TABLE.search(left + right) for left, right in itertools.pairwise(words)
    )


def _pdf_page(page: Any, carried: PdfTable | None) -> _PdfPageContent:
    """The page's lines (in PDFium's order, top to bottom as a rule) and its tables, the
    first perhaps continuing ``carried``, a table that ran on from the page before."""
    reader = _PdfPage(page)
    lines = reader.lines()
    content = _PdfPageContent(lines, [], reader.height, reader.bands)
    # each column read top to bottom before the next (a producer may draw across the page)
    content.lines = sorted(lines, key=content.column)
    if carried is not None or any(_may_name_a_column(line.text) for line in lines):
        runs = page_runs(reader.textpage, reader.height, reader if reader.tracked else None)
        content.tables = _column_tables(runs, content.bands, reader, carried)
    return content


def _column_tables(
    runs: list[Run], bands: list[Band], reader: _PdfPage, carried: PdfTable | None
) -> list[PdfTable]:
    """The page's tables, looked for in each of its columns apart: two columns' lines side
    by side are no table's row."""
    if not bands:
        return find_tables(runs, reader.height, carried, reader.drawn.rules)
    parts: dict[int, list[Run]] = {}
    for run in runs:
        parts.setdefault(column_of(bands, run.left, run.top, run.bottom), []).append(run)
    tables: list[PdfTable] = []
    for column in sorted(parts):
        found = find_tables(parts[column], reader.height, carried, reader.drawn.rules)
        carried = None  # a table from the page before runs on at the page's first column
        tables += [dataclasses.replace(table, column=column) for table in found]
    return tables


def _pdf_pages(document: Any) -> list[_PdfPageContent]:
    pages: list[_PdfPageContent] = []
    carried: PdfTable | None = None
    for page in document:
        pages.append(_pdf_page(page, carried))
        last = pages[-1].tables[-1] if pages[-1].tables else None
        carried = last if last is not None and last.runs_on else None
    return pages


def _continues_heading(previous: _PdfLine | None, line: _PdfLine, out: list[str]) -> bool:
    return (
        previous is not None
        and bool(out)
        and out[-1].startswith("#")
        and abs(previous.size - line.size) < 0.5
        and previous.bold == line.bold
        and 0 <= line.top - previous.bottom <= line.size * 0.6
    )


def _heading_tiers(pages: list[list[_PdfLine]], body: float) -> tuple[float, ...]:
    """The type sizes a PDF sets its section headings in, largest first, between the body
    text and the title (over 1.6 times the body): a report with headings in 14 and 12 point
    has two levels of section, "What we found" above "Parents"."""
    sizes = {
        round(line.size * 2) / 2
        for page in pages
        for line in page
        if body * 1.15 < line.size <= body * 1.6 and len(line.text.split()) <= 16
    }
    return tuple(sorted(sizes, reverse=True))


def _pdf_line_text(line: _PdfLine, body: float, tiers: tuple[float, ...] = ()) -> str:
    text = line.text.strip()
    words = len(text.split())
    if line.size > body * 1.15 and words <= 16:
        if line.size > body * 1.6:
            return "# " + text
        size = round(line.size * 2) / 2
        level = 2 + (tiers.index(size) if size in tiers else 0)
        return "#" * min(level, 5) + " " + text
    if line.bold and words <= 14 and not _BULLET.match(text):
        return "#" * min(3 + max(len(tiers) - 1, 0), 6) + " " + text
    return text


def _pdf_to_text(
    pages: list[list[_PdfLine]], body: float | None = None, tiers: tuple[float, ...] = ()
) -> str:
    """Lay out PDF lines as text: blank lines at paragraph gaps, ``#`` for larger or bold type
    (one level per heading size, ``tiers``, and bold body text below them), headings that wrap
    joined, and bullet glyphs set apart joined to their text."""
    if body is None:
        sizes = [line.size for page in pages for line in page]
        body = statistics.median(sizes) if sizes else 10.0
    out: list[str] = []
    for page in pages:
        previous: _PdfLine | None = None
        bullet = False
        for line in page:
            text = line.text.strip()
            if not any(c.isalnum() for c in text) and len(text) <= 2:
                bullet = True  # a bullet glyph on its own, before its text
                continue
            if previous is None and _PAGE_NUMBER.match(text):
                continue  # "Page 2" over a page, where too few pages repeat it as a header
            gap = line.top - previous.bottom if previous else 0.0
            new_paragraph = previous is None or gap > line.size * 0.6 or bullet
            if previous is None and not bullet and _carried_over_page(out, text):
                out.pop()  # the paragraph the last page broke off goes on here
                new_paragraph = False
            formatted = _pdf_line_text(line, body, tiers)
            if formatted.startswith("#") and _continues_heading(previous, line, out):
                out[-1] += " " + text
            else:
                if (
                    new_paragraph
                    or formatted.startswith("#")
                    or out[-1:]
                    and out[-1].startswith("#")
                ):
                    out.append("")
                out.append("\u2022 " + text if bullet else formatted)
            bullet, previous = False, line
        out.append("")
    return "\n".join(out)


_PAGE_NUMBER = re.compile(r"^page \d{1,3}(?: of \d{1,3})?$", re.IGNORECASE)


def _carried_over_page(out: list[str], text: str) -> bool:
    """Whether a page's first line carries on the paragraph the page before ended with: it
    starts in lower case and that page's last line, body text, ends mid-sentence ("... in
    another force area," / "and this was not known ...")."""
    if not text[:1].islower() or len(out) < 2 or out[-1]:
        return False
    last = out[-2].rstrip()
    return (
        bool(last)
        and not last.startswith(("#", "\u2022"))
        and not last.endswith((".", "!", "?", ":", ";"))
    )


def _read_pdf(data: bytes) -> list[Block]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        pages = _pdf_pages(document)
    finally:
        document.close()
    if not any(page.lines for page in pages):
        raise LearningError(
            "The PDF has no extractable text (it may be a scanned image).",
            hint="Run it through OCR first, or import a text or DOCX version.",
        )
    return _pdf_blocks(pages)


def _pdf_blocks(pages: list[_PdfPageContent]) -> list[Block]:
    """The document's blocks: its text laid out as lines (without running headers, footers
    and footnotes), with each table read by its cells where it stands."""
    sizes = [line.size for page in pages for line in page.lines]
    body = statistics.median(sizes) if sizes else 10.0
    _rejoin_pdf_hyphens(pages)
    # Running headers and footers are set no larger than the body text: a slide deck's titles,
    # repeated at the top of its slides, are larger and stay.
    running = running_lines(
        [[(line.text, line.top) for line in page.lines if _small(line, body)] for page in pages],
        [page.height for page in pages],
    )
    tiers = _heading_tiers([page.lines for page in pages], body)
    words = cache(
        lambda: known_words([line.text for page in pages for line in _outside_tables(page)])
    )
    blocks: list[Block] = []
    pending: list[list[_PdfLine]] = []
    for number, page in enumerate(pages):
        lines = _page_body(page, body, running)
        if number == 0:
            lines = _without_masthead(lines, body, page.height)
        for table in sorted(page.tables, key=lambda found: (found.column, found.top)):
            pending.append([line for line in lines if _before(page, line, table)])
            lines = [line for line in lines if _after(page, line, table)]
            blocks += text_blocks(_pdf_to_text(pending, body, tiers), styled=True)
            pending = []
            level = next((b.heading for b in reversed(blocks) if b.heading and not b.boxed), 1)
            if len(table.rows) >= 2:  # not a header alone, whose rows are on the next page
                blocks += table_blocks(_rejoined(table.rows, words), level)
        pending.append(lines)
    return blocks + text_blocks(_pdf_to_text(pending, body, tiers), styled=True)


def _rejoin_pdf_hyphens(pages: list[_PdfPageContent]) -> None:
    """Make whole, in place, the words PDFium found hyphenated at a line's end (see
    :func:`rejoin_line_hyphens`), by the words the document writes."""
    broken = [
        line
        for page in pages
        for line in page.lines
        if "\x02" in line.text or "\ufffe" in line.text
    ]
    if broken:
        words = document_words([line.text for page in pages for line in page.lines])
        for line in broken:
            line.text = rejoin_line_hyphens(line.text, words)


def _before(page: _PdfPageContent, line: _PdfLine, table: PdfTable) -> bool:
    """Whether the line is read before the table (in an earlier column, or above it)."""
    column = page.column(line)
    return column < table.column or column == table.column and line.bottom <= table.top + 1


def _after(page: _PdfPageContent, line: _PdfLine, table: PdfTable) -> bool:
    """Whether the line is read after the table (in a later column, or below it)."""
    column = page.column(line)
    return column > table.column or column == table.column and line.top >= table.bottom - 1


def _rejoined(rows: list[list[str]], words: Callable[[], list[str]]) -> list[list[str]]:
    """A PDF table's cells with their lines rejoined (see :func:`rejoin_cell`) by ``words``,
    the words of the document's text outside its tables, read only when a cell has more than
    one line."""
    if not any(CELL_LINE in cell for row in rows for cell in row):
        return rows
    known = words()
    return [[rejoin_cell(cell, known) for cell in row] for row in rows]


def _outside_tables(page: _PdfPageContent) -> list[_PdfLine]:
    return [
        line
        for line in page.lines
        if not any(
            table.top - 1 <= line.top <= table.bottom + 1 and page.column(line) == table.column
            for table in page.tables
        )
    ]


def _small(line: _PdfLine, body: float) -> bool:
    return 0 < line.size <= body * 1.05


def _without_masthead(lines: list[_PdfLine], body: float, height: float) -> list[_PdfLine]:
    """The first page's lines without a masthead above the title: lines in the top margin,
    set no larger than the body text, before the first line set as a title (over 1.6 times
    the body). A web page printed from a browser starts with its site's navigation ("Home
    Reviews"), which is neither the title nor learning."""
    title = next((i for i, line in enumerate(lines) if line.size > body * 1.6), None)
    if title is None:
        return lines
    masthead = [
        i
        for i, line in enumerate(lines[:title])
        if line.top < MARGIN * height and _small(line, body) and len(line.text.split()) <= 8
    ]
    return [line for i, line in enumerate(lines) if i not in masthead]


def _page_body(page: _PdfPageContent, body: float, running: set[str]) -> list[_PdfLine]:
    """The page's lines without its running header and footer and its footnotes."""
    kept: list[_PdfLine] = []
    in_notes = False
    for line in page.lines:
        margin = line.top < MARGIN * page.height or line.top > (1 - MARGIN) * page.height
        if _small(line, body) and margin and margin_key(line.text) in running:
            continue
        if _small(line, body) and margin and is_print_furniture(line.text):
            continue  # a browser's print header or footer, even on a document of one page
        if line.size and is_footnote_start(line.text, line.size, line.top, body, page.height):
            in_notes = True
        if in_notes and line.size < 0.9 * body:
            continue
        in_notes = False
        kept.append(line)
    return kept


# -- DOCX ---------------------------------------------------------------------------------

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_block(style: str, text: str) -> Block:
    lowered = style.lower()
    if lowered == "title":
        return Block(text, heading=1)
    if match := re.match(r"heading (\d)", lowered):
        return Block(text, heading=int(match.group(1)))
    if "list" in lowered:
        return Block(_BULLET.sub("", text), bullet=True)
    return Block(text)


# A contents entry's page number after a tab ("3. Findings<tab>7"), as Word's TOC sets it.
_TAB_PAGE = re.compile(r"\t\s*\d{1,3}\s*$")


def _docx_contents_entry(paragraph: Any) -> bool:
    """Whether a paragraph is an entry of a contents list: set in a "TOC n" style, or a short
    line ending in a tab and a page number (a TOC field's result, or one typed by hand)."""
    style = (paragraph.style.name if paragraph.style else "").lower()
    if re.match(r"toc\s*\d|table of contents|contents\s*\d", style):
        return True
    text = paragraph.text
    return bool(_TAB_PAGE.search(text)) and len(text.split()) <= 16


def _docx_text(paragraph: Any) -> str:
    """A paragraph's text without footnote marks typed in superscript ("episodes.12"); Word's
    own footnote references carry no text."""
    runs = paragraph.runs
    if not any(run.font.superscript for run in runs):
        return str(paragraph.text)
    marks = [run for run in runs if run.font.superscript and _NOTE_MARK.fullmatch(run.text.strip())]
    if not marks:
        return str(paragraph.text)
    text = str(paragraph.text)
    for run in marks:  # each mark once, where it stands after a word
        text = re.sub(r"(?<=\S)" + re.escape(run.text.strip()) + r"(?=\s|$)", "", text, count=1)
    return text


def _numbered(paragraph: Any) -> bool:
    """Whether a paragraph carries Word's own list numbering or bullets (``w:numPr``) while
    set in a plain style, as documents converted from other editors often are."""
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _is_bold_heading(paragraph: Any, text: str) -> bool:
    """A short paragraph set wholly in bold that ends no sentence: a heading typed by hand
    ("Learning points" at the top of a framed box), not a paragraph."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    return (
        bool(runs)
        and all(run.bold for run in runs)
        and len(text.split()) <= 10
        and not text.endswith(_SENTENCE_END)
    )


def _docx_bold_lead(paragraph: Any) -> bool:
    """Whether a paragraph opens with a sentence in bold runs and goes on in plain ones (a
    run-in lead, as :func:`_bold_lead` for HTML)."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = 0
    while bold < len(runs) and runs[bold].bold:
        bold += 1
    lead = "".join(run.text for run in runs[:bold]).strip()
    return 0 < bold < len(runs) and lead.endswith(_SENTENCE_END)


class _DocxReader:
    """Reads a DOCX body in document order: paragraphs, tables, framed boxes and text boxes.

    A single-cell table (a framed box) and a text box are read paragraph by paragraph, their
    headings one level below the heading they sit under and ending with the box (``boxed``).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.level = 1  # the level of the latest heading outside a box

    def body(self, container: Any, *, boxed: bool = False) -> None:
        from docx.table import Table

        for part in container.iter_inner_content():
            if isinstance(part, Table):
                self.table(part, boxed=boxed)
            else:
                self.paragraph(part, boxed=boxed)

    def paragraph(self, paragraph: Any, *, boxed: bool) -> None:
        text = " ".join(_docx_text(paragraph).split())
        if text and _docx_contents_entry(paragraph):
            text = ""  # a contents list's entry: neither learning nor a heading
        if text:
            block = _docx_block(paragraph.style.name if paragraph.style else "", text)
            if not block.heading and not block.bullet and _numbered(paragraph):
                block = Block(_BULLET.sub("", text), bullet=True)  # a list in a plain style
            if not block.heading and not block.bullet and _is_bold_heading(paragraph, text):
                # one level below the styled heading above, so bold headings are siblings
                block = Block(text.rstrip(":"), heading=self.level + 1)
            elif block.heading and not boxed:
                self.level = block.heading
            elif block.heading:
                block = Block(block.text, heading=max(block.heading, self.level + 1))
            lead = not block.heading and not block.bullet and _docx_bold_lead(paragraph)
            self.blocks.append(Block(block.text, block.heading, block.bullet, boxed, lead))
        for box in self._text_boxes(paragraph):
            self.body(box, boxed=True)

    @staticmethod
    def _text_boxes(paragraph: Any) -> list[Any]:
        """The paragraph's text boxes, each once (Word stores a copy in a fallback drawing)."""
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        boxes = []
        for content in paragraph._p.iter(qn("w:txbxContent")):
            if any(ancestor.tag == _MC_FALLBACK for ancestor in content.iterancestors()):
                continue
            boxes.append(_ParagraphList([Paragraph(p, paragraph) for p in content.iter(qn("w:p"))]))
        return boxes

    def table(self, table: Any, *, boxed: bool) -> None:
        cells = _unique_cells(table)
        if all(len(row) == 1 for row in cells):  # a framed box or a one-column list
            for row in table.rows:
                self.body(row.cells[0], boxed=True)
            return
        rows = [[" ".join(cell.text.split()) for cell in row] for row in cells]
        self.blocks.extend(table_blocks(rows, self.level))


class _ParagraphList:
    """A text box's paragraphs, read like a document body."""

    def __init__(self, paragraphs: list[Any]) -> None:
        self._paragraphs = paragraphs

    def iter_inner_content(self) -> list[Any]:
        return self._paragraphs


def _unique_cells(table: Any) -> list[list[Any]]:
    """Each row's cells, a cell merged across columns counted once."""
    rows = []
    for row in table.rows:
        cells: list[Any] = []
        for cell in row.cells:
            if not any(cell._tc is seen._tc for seen in cells):
                cells.append(cell)
        rows.append(cells)
    return rows


def _read_docx(data: bytes) -> list[Block]:
    import io

    import docx

    reader = _DocxReader()
    reader.body(docx.Document(io.BytesIO(data)))
    return reader.blocks


# -- tables (DOCX and HTML) -----------------------------------------------------------------

# A column of row numbers ("No.", "#", "Ref"): the number is the row's place, not learning.
_NUMBER_COLUMN = re.compile(r"^\s*(?:no\.?|number|#|ref\.?|reference|item)\s*$", re.IGNORECASE)


def table_blocks(rows: list[list[str]], level: int) -> list[Block]:
    """A table as blocks. A table whose header names an item kind in a column
    ("Recommendation | Lead | Due") gives that header as a heading (ending with the table) and
    each row as a paragraph with its other columns in brackets ("... (Lead: Police)"), a
    column of row numbers ("No.", "#", "Ref") left out; any other table gives one paragraph
    per row, its cells joined by " | ". Each column that names a kind is read so: an action
    plan's "Recommendation | Agency | Action | Status" gives its recommendations, then its
    actions, and "You said | We did" what was raised, then what was done. A script's table
    ("Scene | On screen | Voice-over") gives its spoken column alone.

    Args:
        rows: the table's rows of cell texts, the header row first.
        level: the level of the heading the table sits under.
    """
    if is_blank_form(rows):
        return []
    rows = [row for row in rows if any(row)]
    header = rows[0] if rows else []
    spoken = next((i for i, cell in enumerate(header) if NARRATION.match(cell)), None)
    if spoken is not None and len(header) >= 2 and len(rows) >= 2:
        return _column_blocks(rows, spoken, [], level)  # a film's script: what is said
    mains = [i for i, cell in enumerate(header) if TABLE_KIND.match(cell)]
    if any(_LESSON_COLUMN.match(header[i]) for i in mains):
        rows = [_with_doing_column(header), *rows[1:]]
        header = rows[0]
        mains = [i for i, cell in enumerate(header) if TABLE_KIND.match(cell)]
    asked = _question_column(rows) if not mains else None
    if asked is not None:
        return _question_blocks(rows, asked, level)
    if not mains or len(header) < 2 or len(rows) < 2:
        body = rows[1:] if _labels_columns(rows) else rows
        return [Block(" | ".join(cell for cell in row if cell)) for row in body]
    others = [i for i in range(len(header)) if i not in mains]
    blocks: list[Block] = []
    for main in mains:
        column = _column_blocks(rows, main, others, level)
        blocks += column if len(column) > 1 else []  # an empty column gives no heading
    return blocks


# A column of lessons ("What we learned", "Learning point", "Key learning"), and the column
# beside it saying what each lesson means for the reader ("What this means for you", "What
# this means for your practice"): with the lesson stated in its own column, the other says
# what to do about it, a next step (beside "What we found" it states the lesson itself).
_LESSON_COLUMN = re.compile(
    r"^\s*(?:what (?:we|the (?:\w+ )?review) (?:have |has )?learn(?:ed|t)|learning points?|"
    r"key learning|lessons?(?: learn\w*)?)\s*:?\s*$",
    re.IGNORECASE,
)
_MEANS_FOR_READER = re.compile(
    r"^\s*what (?:this|it) means for (?:you|your (?:practice|work|team))\s*:?\s*$", re.IGNORECASE
)


def _with_doing_column(header: list[str]) -> list[str]:
    """A lessons table's header with its "what this means for you" column named as what it
    is, the reader's next step ("Next steps (What this means for you)")."""
    return [
        f"Next steps ({cell.strip()})" if _MEANS_FOR_READER.match(cell) else cell for cell in header
    ]


def _labels_columns(rows: list[list[str]]) -> bool:
    """Whether a table's first row labels its columns ("Practice standard | What it means for
    every child"): short cells ending no sentence over rows that hold sentences. The labels
    are no learning of their own."""
    labels = [cell for cell in rows[0] if cell.strip()]
    if len(labels) < 2 or len(rows) < 2:
        return False
    if any(len(cell.split()) > 6 or cell.rstrip()[-1] in ".?!;" for cell in labels):
        return False
    return any(len(cell.split()) > 6 for row in rows[1:] for cell in row)


# The columns of a plan left to fill in: who does it, by when, its progress.
_FORM_COLUMN = re.compile(
    r"^\s*(?:who|by whom|who leads|by when|when|owner|deadline|timescales?|status|rag|"
    r"progress|date (?:due|completed))\s*:?\s*$",
    re.IGNORECASE,
)


def is_blank_form(rows: list[list[str]]) -> bool:
    """A table left for the reader to fill in: a header of two cells or more over blank rows
    ("What we will do | Who | By when" in a team's action plan); it holds no learning."""
    filled = [row for row in rows if any(cell.strip() for cell in row)]
    if len(filled) != 1 or filled[0] != rows[0] or len(rows[0]) < 2:
        return False
    # blank rows, or none at all under a header of a plan's column labels ("Who", "By
    # when"): a word processor's export may drop the empty rows
    return len(rows) > 1 or any(_FORM_COLUMN.match(cell) for cell in rows[0])


def _question_column(rows: list[list[str]]) -> int | None:
    """The column of a self-assessment checklist ("Statement | Evidence | Rating") whose every
    row asks a question: leaders are to answer them, so they are reflective questions."""
    body = rows[1:]
    if len(rows[0] if rows else []) < 2 or len(body) < 2:
        return None
    for column in range(len(rows[0])):
        cells = [row[column] for row in body if column < len(row) and row[column]]
        if len(cells) == len(body) and all(cell.rstrip().endswith("?") for cell in cells):
            return column
    return None


def _question_blocks(rows: list[list[str]], column: int, level: int) -> list[Block]:
    """A checklist's questions under a "Questions" heading, without the columns beside them
    (the evidence to look for and a rating to fill in are the form, not the learning)."""
    heading = Block("Questions", heading=level + 1, boxed=True)
    return [heading, *(Block(row[column], boxed=True) for row in rows[1:])]


def _column_blocks(rows: list[list[str]], main: int, others: list[int], level: int) -> list[Block]:
    """One kind-naming column as a heading and a paragraph per row, with the row's other
    (not kind-naming, not row-number) columns in brackets."""
    header = rows[0]
    blocks = [Block(header[main].rstrip(":"), heading=level + 1, boxed=True)]
    for row in rows[1:]:
        if main >= len(row) or not row[main]:
            continue
        extra = [
            f"({header[i] or 'Note'}: {row[i]})"
            for i in others
            if i < len(row) and row[i] and not _NUMBER_COLUMN.match(header[i])
        ]
        blocks.append(Block(" ".join([row[main], *extra]), boxed=True))
    return blocks


# -- HTML and Markdown ----------------------------------------------------------------------

_NOTE_MARK = re.compile(r"\[?(?:\d{1,3}|[*\u2020\u2021]|[ivx]{1,4})\]?")
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "tr", "dt", "dd"]


def _html_blocks(html: str) -> list[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header"]):
        tag.decompose()
    for mark in soup("sup"):
        if _NOTE_MARK.fullmatch(mark.get_text(strip=True)):
            mark.decompose()  # a footnote reference ("neglect<sup>3</sup>"), not the text's
    _rejoin_source_hyphens(soup)
    blocks: list[Block] = []
    level = 1
    read_tables: set[int] = set()  # tables read whole: their rows are not read again
    for element in soup.find_all([*_BLOCK_TAGS, "table"]):
        if id(element) in read_tables or any(id(up) in read_tables for up in element.parents):
            continue
        if element.name == "table":
            table = _html_box(element, level) or _html_table(element, level)
            if table or is_blank_form(_html_rows(element)):
                blocks.extend(table)
                read_tables.add(id(element))
            elif _labels_columns(_html_rows(element)) and (first := element.find("tr")):
                read_tables.add(id(first))  # the column labels: no learning of their own
            continue
        panel = _html_panel(element, level) if element.name == "blockquote" else []
        if panel:
            blocks.extend(panel)
            read_tables.add(id(element))  # its paragraphs are read: not again
            continue
        block = _html_block(element)
        if block is not None:
            level = block.heading or level
            blocks.append(block)
    return blocks


# A word hyphenated where the source's line ends ("inter-" / "view"), in HTML or Markdown.
_SOURCE_HYPHEN = re.compile(r"(?<=[A-Za-z])-[ \t]*\n\s*(?=[a-z])")


def _rejoin_source_hyphens(soup: Any) -> None:
    """Join, in place, words the source broke with a hyphen at a line's end: one word where
    the document writes it whole elsewhere, else keeping the hyphen (see
    :func:`rejoin_line_hyphens`)."""
    broken = soup.find_all(string=_SOURCE_HYPHEN)
    if not broken:
        return
    words = document_words([soup.get_text(" ")])
    for string in broken:
        string.replace_with(rejoin_line_hyphens(_SOURCE_HYPHEN.sub("\x02", str(string)), words))


def _html_table(table: Any, level: int) -> list[Block]:
    """The table's blocks when its header names an item kind (see :func:`table_blocks`)."""
    blocks = table_blocks(_html_rows(table), level)
    return blocks if blocks and blocks[0].heading else []


def _html_rows(table: Any) -> list[list[str]]:
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all(["td", "th"])]
        for row in table.find_all("tr")
    ]


def _html_box(table: Any, level: int) -> list[Block]:
    """A one-cell (or one-column) table used as a framed box, read element by element; a
    paragraph set wholly in bold is the box's heading, one level below ``level``."""
    rows = table.find_all("tr")
    cells = [row.find_all(["td", "th"], recursive=False) for row in rows]
    if not rows or any(len(row) != 1 for row in cells):
        return []
    blocks: list[Block] = []
    for (cell,) in cells:
        elements = cell.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd"])
        if not elements:
            text = " ".join(cell.get_text(" ", strip=True).split())
            blocks += [Block(text, boxed=True)] if text else []
        for element in elements:
            block = _html_block(element, in_box=True)
            if block is None:
                continue
            bold = element.find(["strong", "b"])
            if element.name == "p" and bold and bold.get_text(strip=True) == block.text:
                if len(block.text.split()) <= 10 and not block.text.endswith(_SENTENCE_END):
                    block = Block(block.text.rstrip(":"), heading=level + 1)
            elif block.heading:
                block = Block(block.text, heading=max(block.heading, level + 1))
            blocks.append(Block(block.text, block.heading, block.bullet, boxed=True))
    return blocks


def _html_panel(quote: Any, level: int) -> list[Block]:
    """A quotation set as a framed panel: its first paragraph a short title wholly in bold
    ("**Golden rules**", "**Why this matters**") over one or more paragraphs of its own, read
    as a heading one level below ``level`` and one block per paragraph. A quotation of several
    paragraphs without such a title is one quotation (empty list)."""
    paragraphs = quote.find_all("p", recursive=False)
    if len(paragraphs) < 2:
        return []
    title = " ".join(paragraphs[0].get_text(" ", strip=True).split())
    bold = paragraphs[0].find(["strong", "b"])
    if bold is None or " ".join(bold.get_text(" ", strip=True).split()) != title:
        return []
    if len(title.split()) > 10 or title.endswith(_SENTENCE_END):
        return []
    blocks = [Block(title.rstrip(":"), heading=level + 1, boxed=True)]
    for paragraph in paragraphs[1:]:
        text = " ".join(paragraph.get_text(" ", strip=True).split())
        blocks += [Block(text, boxed=True)] if text else []
    return blocks


def _html_block(element: Any, *, in_box: bool = False) -> Block | None:
    parents = ["li", "blockquote"] if in_box else ["li", "blockquote", "tr"]
    if element.find_parent(parents) is not None and element.name == "p":
        return None  # its text belongs to the enclosing list item or quotation
    if element.name == "blockquote" and element.find(["ul", "ol"]):
        return None  # a boxed list ("> - ..."): its items are read one by one
    if element.name == "li" and element.find(["ul", "ol"]):
        text = " ".join(element.find_all(string=True, recursive=False)).strip()
    else:
        text = element.get_text(" ", strip=True)
    text = " ".join(text.split())
    if not text:
        return None
    name = element.name
    if name[0] == "h" and name[1:].isdigit():
        return Block(text.rstrip(":"), heading=int(name[1:]))
    return Block(text, bullet=name == "li", lead=name == "p" and _bold_lead(element, text))


def _bold_lead(element: Any, text: str) -> bool:
    """Whether a paragraph opens with a whole sentence in bold and goes on after it: a run-in
    lead ("<strong>Early help closes too soon.</strong> Several families ...")."""
    first = next((child for child in element.children if str(child).strip()), None)
    if getattr(first, "name", None) not in ("strong", "b"):
        return False
    bold = " ".join(first.get_text(" ", strip=True).split())  # type: ignore[union-attr]
    return bold.endswith(_SENTENCE_END) and len(bold) < len(text)


def _read_html(data: bytes) -> list[Block]:
    return _html_blocks(_decode(data))


# Markdown footnotes (an extension CommonMark does not render): "[^3]" marks and the
# "[^3]: ..." definitions, which are references rather than learning.
_MD_NOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]{1,20}\]:.*$", re.MULTILINE)
_MD_NOTE_MARK = re.compile(r"\[\^[^\]\s]{1,20}\]")


def _read_markdown(data: bytes) -> list[Block]:
    from markdown_it import MarkdownIt

    # Pipe tables ("| Recommendation | Lead |") are read as tables, as in DOCX and HTML.
    text = _MD_NOTE_MARK.sub("", _MD_NOTE_DEFINITION.sub("", _decode(data)))
    text = "\n".join(_without_web_lines(_without_running_lines(text.split("\n"))))
    return _html_blocks(MarkdownIt("commonmark").enable("table").render(text))


def _without_web_lines(lines: list[str]) -> list[str]:
    """The lines with a saved web page's furniture ("Skip to main content", "Quick exit", a
    breadcrumb) left blank, so that lines run together into one paragraph keep it out."""
    return ["" if is_web_furniture(line, wrapped=True) else line for line in lines]


def _without_running_lines(lines: list[str]) -> list[str]:
    """A converted document's lines without the running header or footer its pages left
    ("Wexley CSP | SILP Review Child K | Final" before each page number), as for plain text
    (:func:`_drop_repeated_footers`); a pipe table's rows and rules are not furniture."""
    table = [line for line in lines if _MD_TABLE_ROW.match(line)]
    prose = [line for line in lines if not _MD_TABLE_ROW.match(line)]
    kept = set(_drop_repeated_footers(prose)) | set(table)
    return [line for line in lines if line in kept]


# A Markdown pipe table's row or rule ("| Lead | By when |", "|---|---|", "--- | ---").
_MD_TABLE_ROW = re.compile(r"^\s*\||^[\s|:-]+$")


_READERS = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "html": _read_html,
    "markdown": _read_markdown,
    "text": _read_text,
}
