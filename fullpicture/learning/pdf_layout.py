"""PDF layout beyond lines of text: table cells, running headers and footers, and footnotes.

PDFium gives characters in the order the page's content stream draws them, so a table drawn
cell by cell comes out as the first cell's lines, then the next cell's ("1 The partnership
should ..." / "Children's social care" / "March 2027"), and its columns lose their meaning.
PDFium also gives the page's text *rectangles*: runs of characters on one line drawn together.
A table shows itself as a header line of short runs set apart by wide gaps, one naming an item
kind ("No. | Recommendation | Lead agency | Timescale"), with the runs below it each falling
inside one column. Those runs are gathered into cells by column and into rows by the vertical
gaps between them, and the rows are handed to the same table reading as DOCX and HTML tables.

The same module finds what repeats on every page at its top or bottom (running headers and
footers: "Child Q review | Page 3 of 12") and footnotes (small type at the bottom of the page,
starting with their number), so neither becomes learning nor joins it, and the stretches of
a page set in two columns (:func:`column_bands`), so each column is read before the next.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

# A header cell that names what its column's rows are, in a PDF's table as in DOCX and HTML
# tables (read by ``documents.table_blocks``).
TABLE_KIND = re.compile(
    # a recommendation qualified by whose it is: "National recommendation for local partners"
    r"^(?:(?:national|local|panel|review|original|the|our) ){0,2}recommendations?\b|"
    # a self-assessment's column judging practice against each recommendation: "Our local
    # position", "Current position"
    r"^(?:our )?(?:local |current )position$|"
    r"^(?:recommendations?|findings?|actions?|next steps?|key learning|learning points?|"
    r"key messages?|questions?|you said|we did|strengths?|worries|concerns|"
    # the three questions of strengths-based practice frameworks
    r"what(?:'s|\u2019s| is) working well|what (?:are|were) we worried about|"
    r"what needs to happen|"
    # the columns of published learning tables: "Learning identified | Action | Lead",
    # "Good practice | Areas for development", "What went well | Even better if",
    # "Issue | Action taken | Status", "Practice issue | Recommendation"
    r"learning(?: identified)?$|lessons? learn\w*|good practice|what went well|even better if|"
    r"areas? (?:for|of) (?:development|improvement)|improvement areas?|(?:practice )?issues?$|"
    r"key findings?|agreed actions?|actions? taken|reflective questions?|"
    r"what this means for (?:practice|you)|priorit(?:y|ies)|"
    # a learning-on-a-page's "What we found | What this means for you"
    r"what (?:we|the (?:\w+ )?(?:review|audit)) found|"
    # ... and a themed product's "What the reviews found | What this means for practice"
    r"what (?:the |our |these )(?:[\w-]+ )?(?:reviews|audits) found|"
    # a rapid review's grid "What we saw | What we learned | What has changed"
    r"what (?:we|the (?:\w+ )?(?:review|audit)) (?:saw|noticed|observed)$|"
    r"what (?:we|the (?:\w+ )?(?:review|audit)) (?:have |has )?learn(?:ed|t)$|"
    r"what (?:has|have) (?:already |now )?changed$|"
    # a response beside each recommendation: "What the force has done", "What we will do"
    r"what (?:we|the [\w ]{1,30}?|our [\w ]{1,30}?) (?:has|have) (?:done|changed)$|"
    r"what (?:we|the [\w ]{1,30}?) (?:will do|(?:is|are) doing)$|"
    # a briefing's table of what each agency or role should now do ("Agency | What to do",
    # "Role | What you should do"): what the reader is asked to do, settled case (a)
    r"what to do(?: now| next| differently)?$|"
    r"what (?:you|practitioners|professionals|staff) (?:should|can|must|need to) do(?: now)?$|"
    # a practice guide's "Do | Don't" (or "Try not to", "Avoid"): both columns are advice
    r"(?:do|dos|do's)$|(?:don'?t|don\u2019t|don'?ts|do not|try not to|avoid)$)\b",
    re.IGNORECASE,
)
# The spoken column of a film's or podcast's script ("Scene | On screen | Voice-over"): its
# lines are what the film says; what is shown beside them sets the scene and is left out.
NARRATION = re.compile(
    r"^(?:voice-?\s?overs?|v/?o|narration|narrator|spoken(?: words?| text)?|audio|"
    r"what (?:is|we) (?:said|say|hear)|script)$",
    re.IGNORECASE,
)
# Between the lines of one cell: a narrow column breaks words anywhere ("inform" / "ation"),
# so whether a line's end is a space is decided once the document's words are known
# (:func:`rejoin_cell`).
CELL_LINE = "\n"
MARGIN = 0.07  # running headers and footers sit within about 4 cm of the top or bottom (A4)


@dataclass(frozen=True)
class Run:
    """Characters PDFium draws together on one line: their text and box (points from the
    page's top-left corner)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        """The run's height (about its font size)."""
        return self.bottom - self.top


@dataclass
class PdfTable:
    """A table found on a page: its vertical extent, its rows of cell texts (header first),
    its columns' left edges and text height, and whether it runs on to the next page."""

    top: float
    bottom: float
    rows: list[list[str]] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    height: float = 0.0
    runs_on: bool = False  # nothing but the page's margin follows its last row
    column: int = 0  # where it stands among the page's columns (see :func:`column_of`)


class LetterSpacing(Protocol):
    """What a letter-spaced page knows about its text: a box's text, its word breaks read from
    the gaps between glyphs, and the tracking of the text in a box (points from the page's
    top-left corner)."""

    def box_text(self, left: float, right: float, top: float, bottom: float) -> str:
        """The text inside the box."""
        ...

    def box_tracking(self, left: float, right: float, top: float, bottom: float) -> float:
        """The letter spacing, in points, of the text inside the box."""
        ...


def page_runs(textpage: Any, page_height: float, spacing: LetterSpacing | None = None) -> list[Run]:
    """The page's text runs, top to bottom, runs on one line set close together merged.

    Args:
        textpage: a ``pypdfium2.PdfTextPage``.
        page_height: the page's height in points (PDF measures up from the bottom).
        spacing: on a letter-spaced page, its text and tracking read from the gaps between
            glyphs; PDFium's own text (``get_text_bounded``) guesses a word break between
            every two tracked letters, and a tracked word gap is wider than untracked.
    """

    def read(left: float, right: float, top: float, bottom: float) -> str:
        if spacing is not None:
            return " ".join(spacing.box_text(left, right, top, bottom).split())
        bounded = textpage.get_text_bounded(left, page_height - bottom, right, page_height - top)
        return " ".join(bounded.split())

    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = read(left, right, page_height - top, page_height - bottom)
        if text:
            runs.append(Run(text, left, right, page_height - top, page_height - bottom))
    if spacing is None:
        return _merge_close(_line_order(runs), read)

    def widened(run: Run) -> float:  # a tracked word gap: the tracking twice and a space
        return 2 * spacing.box_tracking(run.left, run.right, run.top, run.bottom)

    return _merge_close(_line_order(runs), read, widened=widened)


def _line_order(runs: list[Run]) -> list[Run]:
    """Runs line by line, top to bottom, each line's left to right: runs whose tops differ by
    a point (a large first letter's box set higher) are on one line all the same."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda run: run.top):
        if lines and _same_line(lines[-1][0], run):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [run for line in lines for run in sorted(line, key=lambda run: run.left)]


def _same_line(a: Run, b: Run) -> bool:
    return abs(a.top - b.top) < 0.5 * max(a.height, b.height, 1.0)


def _column_gap(run: Run) -> float:
    """The smallest horizontal gap that separates columns rather than words."""
    return max(6.0, 0.9 * run.height)


def _merge_close(
    runs: list[Run],
    read: Callable[[float, float, float, float], str],
    widened: Callable[[Run], float] | None = None,
) -> list[Run]:
    """Runs on one line set close together merged. Runs that touch or overlap (a large
    letter's box reaching into the next run's: "Y" / "ou said") are one run, its text read
    again from their joint box: each box's text may hold the other's overlapping letters,
    and no space stands between them. Runs set further apart are joined with a space. On a
    letter-spaced page (``widened``: how much wider its word gaps are set, per run) each word
    or letter may be a run of its own, runs that far further apart are words of one line,
    and the joint box's text (whose word breaks ``read`` finds) is read again."""
    merged: list[Run] = []
    joined: set[int] = set()  # on a letter-spaced page: merged runs whose text is read last
    for run in runs:
        last = merged[-1] if merged else None
        gap = run.left - last.right if last else 0.0
        if last and _same_line(last, run) and _close(gap, run, widened):
            box = (
                last.left,
                max(last.right, run.right),
                min(last.top, run.top),
                max(last.bottom, run.bottom),
            )
            if widened is not None:
                merged[-1] = Run("", *box)
                joined.add(len(merged) - 1)
                continue
            # runs that touch or overlap split a word: read the joint box's own text
            text = f"{last.text} {run.text}" if gap >= 0.15 * run.height else read(*box)
            merged[-1] = Run(text, *box)
        else:
            merged.append(run)
    for at in joined:
        run = merged[at]
        merged[at] = Run(read(run.left, run.right, run.top, run.bottom), *_box_of(run))
    return merged


def _close(gap: float, run: Run, widened: Callable[[Run], float] | None) -> bool:
    """Whether a run set ``gap`` after the one before it on its line belongs with it: it
    touches or overlaps it, or stands nearer than a column's gap (widened on a letter-spaced
    page by how much wider its word gaps are set)."""
    if gap < -0.5 * run.height:
        return False
    if gap < _column_gap(run):
        return True
    return widened is not None and gap < _column_gap(run) + widened(run)


def _box_of(run: Run) -> tuple[float, float, float, float]:
    return run.left, run.right, run.top, run.bottom


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped by line, top to bottom, each line's runs left to right."""
    lines: list[list[Run]] = []
    for run in runs:
        if lines and _same_line(lines[-1][0], run):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda run: run.left) for line in lines]


def find_tables(
    runs: list[Run],
    page_height: float,
    carried: PdfTable | None = None,
    rules: list[Box] | None = None,
) -> list[PdfTable]:
    """The tables on a page whose header names an item kind, with their rows of cells.

    A header is a line of two or more short runs, one naming an item kind. The runs below it
    belong to the table while each sits inside one column (from the header cell's left edge
    to the next one's) and is set no larger than the table's text; a run that crosses a
    column's edge (a paragraph across the page, a heading) or a wide vertical gap ends it.

    Args:
        runs: the page's text runs (see :func:`page_runs`).
        page_height: the page's height in points.
        carried: a table that ran on from the previous page: the lines at the top of this
            page that fit its columns continue it (a table whose header is not repeated).
        rules: the horizontal rules the page draws: a rule across two columns or more
            between two lines starts a new row, however little space the rows leave
            between them (a word processor's table sets its rows close, ruled apart).
    """
    rules = rules or []
    lines = [line for line in _lines(runs) if MARGIN * page_height <= line[0].top]
    lines = [line for line in lines if line[0].top <= (1 - MARGIN) * page_height]
    tables: list[PdfTable] = []
    index = 0
    if carried is not None and lines and not _is_header(_header_line(lines, 0)[0]):
        header = carried.rows[0]
        table = PdfTable(lines[0][0].top, lines[0][0].top, [header], carried.starts, carried.height)
        index = _read_rows(table, lines, 0, rules)
        if len(table.rows) >= 2:
            tables.append(table)
    while index < len(lines):
        header_line, index = _header_line(lines, index)
        if _is_header(header_line):
            table = PdfTable(
                header_line[0].top,
                max(run.bottom for run in header_line),
                [[run.text for run in header_line]],
                [run.left for run in header_line],
                statistics.median(run.height for run in header_line),
            )
            index = _read_rows(table, lines, index + 1, rules)
            if len(table.rows) >= 2 or table.runs_on:  # a header at a page's foot runs on
                tables.append(table)
            continue
        index += 1
    return tables


def _header_line(lines: list[list[Run]], index: int) -> tuple[list[Run], int]:
    """The line at ``index`` as a table's header, with its cells' wrapped lines joined
    ("Priori" / "ty" in a narrow column, "Reco" / "mme" / "ndati" / "on" in a narrower one),
    and the index of its last line. A line that is a header by itself is taken as it is,
    unless the joined lines name more kinds ("Recommen" / "dation" beside "Action": a word
    processor breaks a word too long for its column)."""
    line = lines[index]
    short = len(line) >= 2 and all(len(run.text.split()) <= 6 for run in line)
    if not short:
        return line, index
    best, last = line, index
    for below in range(1, _HEADER_WRAPS + 1):
        merged = _joined_header(lines, index, below)
        if merged is None:
            break
        if _is_header(line):
            if _kinds_named(merged) > _kinds_named(best):
                best, last = merged, index + below
        elif _is_header(merged):
            return merged, index + below
    return best, last


# A header cell's word may wrap over this many lines below the header's first line
_HEADER_WRAPS = 5


def _joined_header(lines: list[list[Run]], index: int, below: int) -> list[Run] | None:
    """The header at ``lines[index]`` with the ``below`` lines under it joined into its
    cells, or None when one of those lines is no header cell's wrapped text (a run outside
    the columns, two runs in one column, a gap wider than a line)."""
    if index + below >= len(lines):
        return None
    line = lines[index]
    starts = [run.left for run in line]
    height = statistics.median(run.height for run in line)
    parts: list[list[str]] = [[run.text] for run in line]
    rights = [run.right for run in line]
    bottom = max(run.bottom for run in line)
    for following in lines[index + 1 : index + below + 1]:
        columns = [_column(run, starts) for run in following]
        pitch = max(run.bottom for run in following) - bottom
        # a cell's next line sits close below, or a line's pitch below ("om" under "Rec":
        # letters without ascenders start lower than the line's pitch suggests)
        if None in columns or min(following[0].top - bottom, pitch - height) > 0.9 * height:
            return None
        if len(set(columns)) < len(columns):
            return None
        for run, column in zip(following, columns, strict=True):
            parts[column or 0].append(run.text)
            rights[column or 0] = max(rights[column or 0], run.right)
        bottom = max(run.bottom for run in following)
    return [
        Run(_header_text(cell), run.left, right, run.top, bottom)
        for cell, run, right in zip(parts, line, rights, strict=True)
    ]


def _kinds_named(line: list[Run]) -> int:
    return sum(bool(TABLE_KIND.match(run.text)) for run in line)


def _header_text(parts: list[str]) -> str:
    """A header cell's lines joined: without spaces where only that names a kind ("Priori" +
    "ty", "Reco" + "mme" + "ndati" + "on"), else with them ("Lead" + "agency")."""
    spaced = " ".join(parts)
    joined = "".join(parts)
    return joined if TABLE_KIND.match(joined) and not TABLE_KIND.match(spaced) else spaced


def _is_header(line: list[Run]) -> bool:
    """A table's header: short cells, one naming an item kind, every one a word (a contents
    line, "Recommendations ... 12", has a page number instead), not a justified line of text
    whose wide word gaps part it into runs (see :func:`_evenly_spaced`)."""
    return (
        len(line) >= 2
        and not _evenly_spaced(line)
        and all(len(run.text.split()) <= 6 for run in line)
        and all(any(char.isalpha() for char in run.text) for run in line)
        and any(TABLE_KIND.match(run.text) or NARRATION.match(run.text) for run in line)
    )


def _evenly_spaced(line: list[Run]) -> bool:
    """Whether a line's runs, five or more, mostly stand the same distance apart (three in
    four gaps within a point and a half of their median): a justified line of letter-spaced
    text, whose word gaps are stretched wider than a column's gap, where a table's header
    cells stand as far apart as their columns are wide, each gap its own."""
    if len(line) < 5:
        return False
    gaps = [b.left - a.right for a, b in itertools.pairwise(line)]
    usual = statistics.median(gaps)
    return sum(abs(gap - usual) <= 1.5 for gap in gaps) >= 0.75 * len(gaps)


def _column(run: Run, starts: list[float]) -> int | None:
    """The column a run falls in, or None when it crosses a column's edge."""
    tolerance = 0.6 * max(run.height, 1.0)
    column = None
    for position, start in enumerate(starts):
        if run.left >= start - tolerance:
            column = position
    if column is None:
        return None
    end = starts[column + 1] if column + 1 < len(starts) else float("inf")
    return column if run.right <= end + tolerance else None


def _read_rows(table: PdfTable, lines: list[list[Run]], start: int, rules: list[Box]) -> int:
    """Read the table's rows from ``lines[start:]`` into ``table``; the index it stopped at."""
    starts, height = table.starts, table.height
    row: list[list[str]] = []
    row_bottom = table.bottom
    index = start
    # The table's text is as tall as its tallest line read so far: a header's glyphs may all
    # sit on the line ("No. Recommendation Addressed to") while a row's hang below it ("g", "p")
    tallest = height
    while index < len(lines):
        line = lines[index]
        columns = [_column(run, starts) for run in line]
        gap = line[0].top - table.bottom
        line_height = max(run.height for run in line)
        if None in columns or gap > 2.5 * height or line_height > 1.3 * tallest:
            break
        tallest = max(tallest, line_height)
        if (
            not row
            or line[0].top > row_bottom + 0.9 * height
            or _starts_numbered_row(line, row)
            or _ruled_between(rules, starts, row_bottom, min(run.top for run in line))
        ):
            row = [[] for _ in starts]
            table.rows.append([])  # filled below, once the row is complete
        for run, column in zip(line, columns, strict=True):
            row[column or 0].append(run.text)
        table.rows[-1] = [CELL_LINE.join(cell) for cell in row]
        row_bottom = max(run.bottom for run in line)
        table.bottom = max(table.bottom, row_bottom)
        index += 1
    table.runs_on = index == len(lines)
    return index


def _ruled_between(rules: list[Box], starts: list[float], above: float, below: float) -> bool:
    """Whether a rule across the table's first two columns or more lies between ``above``
    (the bottom of one line) and ``below`` (the top of the next)."""
    if len(starts) < 2:
        return False
    return any(
        above - 1 <= (rule.top + rule.bottom) / 2 <= below + 1
        and rule.left <= starts[0] + 2
        and rule.right >= starts[1]
        for rule in rules
    )


_ROW_NUMBER = re.compile(r"^(?:r(?:ec)?\.?\s*)?\d{1,2}(?:\.\d{1,2})?[.)]?$", re.IGNORECASE)


def _starts_numbered_row(line: list[Run], row: list[list[str]]) -> bool:
    """A number alone in the first column starts a row even with no gap above it."""
    first = line[0]
    return bool(row and row[0] and _ROW_NUMBER.match(first.text))


_WORD = re.compile(r"[a-z][a-z']*", re.IGNORECASE)


def known_words(texts: list[str]) -> list[str]:
    """The words (lower case, sorted) of a document's running text, to rejoin its table
    cells by."""
    return sorted({word.lower().strip("'") for text in texts for word in _WORD.findall(text)})


def rejoin_cell(text: str, known: list[str]) -> str:
    """A table cell's lines (joined by :data:`CELL_LINE`) as one text: a line's end is a space
    unless the line broke a word. A narrow column breaks words anywhere ("inform" / "ation",
    "s" / "chool"); a break is seen where the two pieces make a word the document uses and
    are not both words themselves (or begin one: "introd" + "uce" begins "introduced"), and
    once a cell shows one, two pieces that are neither a word are joined where one is at most
    three letters. A word hyphenated at a line's end keeps its hyphen and no space.

    Args:
        text: the cell's lines joined by :data:`CELL_LINE`.
        known: the document's words, sorted (see :func:`known_words`).
    """
    pieces = text.split(CELL_LINE)
    if len(pieces) == 1:
        return text
    breaks = [_break(left, right, known) for left, right in itertools.pairwise(pieces)]
    broken = any(found is True for found in breaks)
    out = pieces[0]
    for piece in pieces[1:]:
        if out.endswith(LINE_HYPHEN):  # hyphenated at the line's end: whole if the text says so
            whole = _is_known(_last_word(out[:-1]) + _last_word(piece, first=True), known)
            out = out[:-1] + ("" if whole else "-") + piece
            continue
        found = _break(out, piece, known)  # the word so far: "recordin" + "g"
        join = found is True or (broken and found is None) or out.endswith("-")
        out += piece if join else f" {piece}"
    return out


# PDFium's character for a hyphen at a line's end (it cannot tell a soft hyphen from a hard).
LINE_HYPHEN = "\x02"


def _last_word(text: str, *, first: bool = False) -> str:
    """The letters ending ``text`` (or, ``first``, starting it), in lower case."""
    found = re.match(r"[a-z]*", text, re.I) if first else re.search(r"[a-z]*$", text, re.I)
    return found.group().lower() if found else ""


def _break(left: str, right: str, known: list[str]) -> bool | None:
    """Whether two lines of a cell meet inside a word: True where together they make (or
    begin) a known word and are not both words, False where they are words, None where
    neither is a known word, together they begin none, and one is at most three letters (a
    break only in a cell that shows one)."""
    tail = re.search(r"[a-z']+$", left, re.IGNORECASE)
    head = re.match(r"[a-z']+", right, re.IGNORECASE)
    if tail is None or head is None:
        return False
    a, b = tail.group().lower().strip("'"), head.group().lower().strip("'")
    a_known, b_known = _is_known(a, known), _is_known(b, known)
    if a_known and b_known:
        return False
    if _begins_known(tail.group().lower() + head.group().lower(), known):
        return True
    if a_known or b_known:
        return False
    return None if min(len(a), len(b)) <= 3 else False


def _is_known(word: str, known: list[str]) -> bool:
    at = bisect.bisect_left(known, word)
    return at < len(known) and known[at] == word


def _begins_known(word: str, known: list[str]) -> bool:
    at = bisect.bisect_left(known, word)
    return at < len(known) and known[at].startswith(word)


# -- word breaks from the gaps between glyphs -----------------------------------------------

# A gap this much wider than the line's own spacing between letters (in ems of the line's type
# size) is a word break: a space is a quarter to a third of an em in text faces and rarely
# set narrower than a fifth, even in justified or condensed type; kerning moves letters by a
# few hundredths.
WORD_GAP = 0.15
# Below this many gaps between undrawn letters, a line's own letter spacing cannot be told
# from its word gaps (a line of one short word: "OF"), and the PDF reader's guess is kept.
_FEW_GAPS = 3


def line_tracking(gaps: list[float], drawn: list[bool], size: float) -> float | None:
    """A line's own spacing between letters (its tracking, in points): the median gap between
    neighbouring glyphs where no space is drawn (most neighbours are letters of one word), or
    None when the line has too few such gaps to tell.

    Args:
        gaps: for each pair of neighbouring glyphs, the distance from the first's advance
            (its origin plus its width) to the second's origin, in points; negative where
            they overlap.
        drawn: for each pair, whether a space character the producer drew stands between them.
        size: the line's type size in points.
    """
    undrawn = [
        gap
        for gap, space in zip(gaps, drawn, strict=True)
        if not space and -0.3 * size <= gap <= 0.8 * size
    ]
    return statistics.median(undrawn) if len(undrawn) >= _FEW_GAPS else None


def word_breaks(
    gaps: list[float], drawn: list[bool], size: float, tracking: float | None
) -> list[bool | None]:
    """Whether each gap between two neighbouring glyphs of a line is a word break.

    Designed PDFs letter-space (track) their text: headings by a fifth of an em or more, body
    text a little. A browser or InDesign draws tracked text one glyph at a time and draws no
    space characters, so where words end must be read from the gaps, and a fixed threshold
    reads every tracked letter as a word ("p a t h w a y"). A tracked line's gaps between
    letters are even, and a word gap is clearly wider than them, so a break is a gap wider
    than the line's own letter spacing (see :func:`line_tracking`) by :data:`WORD_GAP` of an
    em.

    Args:
        gaps: the gaps between neighbouring glyphs (see :func:`line_tracking`).
        drawn: for each pair, whether a drawn space stands between them (always a break).
        size: the line's type size in points.
        tracking: the line's letter spacing in points, or None where it is not known.

    Returns:
        True for a break, False for none, None where the gaps cannot tell (the letter
        spacing unknown, or glyphs drawn out of order, right to left).
    """
    decided: list[bool | None] = []
    for gap, space in zip(gaps, drawn, strict=True):
        if space:
            decided.append(True)
        elif tracking is None or size <= 0 or gap < -0.3 * size:
            decided.append(None)
        else:
            decided.append(gap > max(tracking, 0.0) + WORD_GAP * size)
    return decided


# -- bullets drawn as shapes ----------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A drawn shape's bounds, in points from the page's top-left corner."""

    left: float
    right: float
    top: float
    bottom: float


@dataclass
class Drawn:
    """What a page draws beside its text: small, roughly square shapes (bullets a browser
    draws as paths: a list's discs and squares, which the text layer does not hold) and
    horizontal rules (a table's ruled lines between its rows)."""

    bullets: list[Box] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)
    # the scales of the page's text objects' matrices (one value on most pages)
    text_scales: set[float] = field(default_factory=set)


def matrix_scale(page_object: Any) -> float:
    """How much a page object's matrix scales what it draws (1.0 where it cannot be read).

    Args:
        page_object: a raw ``FPDF_PAGEOBJECT`` handle.
    """
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not page_object or not pdfium_c.FPDFPageObj_GetMatrix(page_object, matrix):
        return 1.0
    return round(abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5, 4) or 1.0


def drawn_shapes(page: Any, page_height: float) -> Drawn:
    """The bullets and horizontal rules a page draws as paths (see :class:`Drawn`).

    Args:
        page: a ``pypdfium2.PdfPage``.
        page_height: the page's height in points (PDF measures up from the bottom).
    """
    import pypdfium2.raw as pdfium_c

    drawn = Drawn()
    kinds = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT)
    for found in page.get_objects(filter=kinds, max_depth=3):
        if found.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            drawn.text_scales.add(matrix_scale(found.raw))
            continue
        left, bottom, right, top = found.get_bounds()
        box = Box(left, right, page_height - top, page_height - bottom)
        width, height = right - left, top - bottom
        if 1.5 <= width <= 8 and 1.5 <= height <= 8 and 0.6 <= width / height <= 1.6:
            drawn.bullets.append(box)
        elif height <= 2.5 and width >= 30:
            drawn.rules.append(box)
    return drawn


# -- running headers, footers and footnotes ---------------------------------------------------

_DIGITS = re.compile(r"\d+")


def running_lines(pages: list[list[tuple[str, float]]], page_height: list[float]) -> set[str]:
    """The texts (digits masked) that repeat in the top or bottom margin of three or more
    pages and at least a third of them: running headers and footers.

    Args:
        pages: per page, each line's text and its top (points from the page's top).
        page_height: each page's height in points.
    """
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, page_height, strict=True):
        seen = {
            margin_key(text)
            for text, top in lines
            if top < MARGIN * height or top > (1 - MARGIN) * height
        }
        counts.update(seen)
    needed = max(3, len(pages) // 3)
    return {key for key, n in counts.items() if n >= needed and any(c.isalpha() for c in key)}


def margin_key(text: str) -> str:
    """A line's text with its digits masked, so "Page 3 of 12" and "Page 4 of 12" repeat."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


# What a browser's print puts in a page's margins, whatever the page count: the time it was
# printed (with the page's title), the page's address and the page count ("1/3").
_PRINT_FURNITURE = re.compile(
    r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[ap]m)?\b"
    r"|^(?:https?|file)://\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?$"
    r"|^(?:page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$",
    re.IGNORECASE,
)


def is_print_furniture(text: str) -> bool:
    """Whether a line in a page's margin is a browser's print header or footer: a time stamp
    ("11/24/26, 9:15 PM Child Q review"), the page's address, or a page count ("2/5")."""
    return bool(_PRINT_FURNITURE.match(text.strip()))


_FOOTNOTE_START = re.compile(
    r"^(?:\d{1,3}|[*\u2020\u2021]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)\s*\S"
)


def is_footnote_start(text: str, size: float, top: float, body: float, height: float) -> bool:
    """A line in small type in the lower part of the page that starts with a note's number or
    mark: the first line of the page's footnotes."""
    return size < 0.9 * body and top > 0.55 * height and bool(_FOOTNOTE_START.match(text))


# -- columns ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A stretch of the page set in two columns: its vertical extent and its gutter (the
    strip between the columns that no text crosses), in points from the page's top-left."""

    top: float
    bottom: float
    gutter_left: float
    gutter_right: float


def text_boxes(textpage: Any, page_height: float) -> list[Box]:
    """The page's text rectangles (PDFium's runs of characters drawn together on one line),
    boxes only: enough to see where text lies without reading it."""
    boxes = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        if right - left > 0.5 and top - bottom > 0.5:
            boxes.append(Box(left, right, page_height - top, page_height - bottom))
    return boxes


def column_bands(boxes: list[Box], width: float, rules: list[Box] | None = None) -> list[Band]:
    """The stretches of a page set in two columns, top to bottom.

    A band is a run of lines down the page beside a vertical gutter near the page's middle
    that no text crosses, with four lines or more on each side, each side set wider than a
    quarter of the page, over a fifth of the page's text height or more. Lines across the
    gutter (a title, a heading or a box across the page) end a band and are read in their
    place. A table is not a pair of columns: the cells of its rows sit on shared lines, and
    it is often ruled across its columns, so a band whose two sides' paragraphs (lines after
    a wider gap than between a paragraph's lines) mostly start at the same heights, or that
    a drawn rule crosses, is left as one column.

    Args:
        boxes: the page's text boxes (see :func:`text_boxes`).
        width: the page's width in points.
        rules: the horizontal rules the page draws.
    """
    across = sum(box.left < 0.3 * width and box.right > 0.7 * width for box in boxes)
    if len(boxes) < 8 or across > 0.15 * len(boxes):
        return []  # most lines cross the page's middle: one column (measured no further)
    gutter = _gutter(boxes, width)
    if gutter is None:
        return []
    g_left, g_right = gutter
    ordered = sorted(boxes, key=lambda box: box.top)
    spans: list[list[Box]] = [[]]
    for box in ordered:
        if box.left < g_right - 1 and box.right > g_left + 1:  # crosses the gutter
            spans.append([])
        else:
            spans[-1].append(box)
    text_height = ordered[-1].bottom - ordered[0].top
    bands = []
    for span in spans:
        band = _band(span, g_left, g_right, width, text_height, rules or [])
        if band is not None:
            bands.append(band)
    return bands


def _gutter(boxes: list[Box], width: float) -> tuple[float, float] | None:
    """The widest strip in the page's middle (from 30% to 70% of its width) that the fewest
    text boxes cross, when that strip is at least 8 points wide and crossed by few boxes (a
    title or heading across the page): the gutter between two columns."""
    step = 2.0
    positions = [0.3 * width + step * i for i in range(int(0.4 * width / step) + 1)]
    crossing = [sum(box.left < x < box.right for box in boxes) for x in positions]
    fewest = min(crossing)
    if fewest > 0.15 * len(boxes):
        return None
    best: tuple[float, float] | None = None
    start = None
    for x, count in zip([*positions, float("inf")], [*crossing, -1], strict=True):
        if count == fewest and start is None:
            start = x
        elif count != fewest and start is not None:
            if best is None or x - step - start > best[1] - best[0]:
                best = (start, x - step)
            start = None
    if best is None or best[1] - best[0] < 6:  # the strip plus a step each side: 8 points
        return None
    return best[0] - step / 2, best[1] + step / 2


def _band(
    span: list[Box], g_left: float, g_right: float, width: float, height: float, rules: list[Box]
) -> Band | None:
    """The band the boxes of one span between gutter-crossing lines make, or None when the
    span is not two columns (too short, one side empty or narrow, or a table)."""
    left = [box for box in span if box.right <= g_left + 1]
    right = [box for box in span if box.left >= g_right - 1]
    if len(_tops(left)) < 4 or len(_tops(right)) < 4:
        return None
    top = min(box.top for box in span)
    bottom = max(box.bottom for box in span)
    if bottom - top < 0.2 * height:
        return None
    for side in (left, right):
        if max(box.right for box in side) - min(box.left for box in side) < 0.25 * width:
            return None
    if any(
        top <= rule.top <= bottom and rule.left < g_left and rule.right > g_right for rule in rules
    ):
        return None  # a ruled table across the gutter
    left_starts, right_starts = _starts(left), _starts(right)
    shared = sum(any(abs(a - b) <= 1.5 for b in right_starts) for a in left_starts)
    if shared >= 2 and shared >= 0.8 * min(len(left_starts), len(right_starts)):
        return None  # the two sides' paragraphs start level: a table's rows
    return Band(top, _foot(span, left, right), g_left, g_right)


def _foot(span: list[Box], left: list[Box], right: list[Box]) -> float:
    """Where the columns end: the shorter column's last line, and the longer column's lines
    that run on below it without a paragraph's gap. A line set apart below both (a page's
    closing line under its longer column) is read after the columns, not inside one."""
    bottom = min(max(box.bottom for box in left), max(box.bottom for box in right))
    for box in sorted(span, key=lambda box: box.top):
        if box.top - bottom > 0.6 * (box.bottom - box.top):
            break  # set apart below the columns
        bottom = max(bottom, box.bottom)
    return bottom


def _tops(boxes: list[Box]) -> list[float]:
    """The distinct line tops of some boxes (boxes on one line counted once)."""
    tops: list[float] = []
    for top in sorted(box.top for box in boxes):
        if not tops or top - tops[-1] > 1.0:
            tops.append(top)
    return tops


def _starts(boxes: list[Box]) -> list[float]:
    """The tops of the lines that start a paragraph (or a table's row) on one side of a
    gutter: the first line, and each line further below the one before than most are."""
    lines: list[list[float]] = []  # top, bottom
    for box in sorted(boxes, key=lambda box: box.top):
        if lines and box.top - lines[-1][0] <= 1.0:
            lines[-1][1] = max(lines[-1][1], box.bottom)
        else:
            lines.append([box.top, box.bottom])
    gaps = [below[0] - above[1] for above, below in itertools.pairwise(lines)]
    if not gaps:
        return [line[0] for line in lines]
    usual = statistics.median(gaps)
    height = statistics.median(line[1] - line[0] for line in lines)
    starts = [lines[0][0]]
    starts += [
        below[0] for gap, below in zip(gaps, lines[1:], strict=True) if gap > usual + 0.35 * height
    ]
    return starts


def column_of(bands: list[Band], left: float, top: float, bottom: float) -> int:
    """Where a line (its left edge and vertical extent) is read among the page's columns:
    the stretch above the first band is 0, a band's left column 1 and its right column 2,
    the stretch below it 3, and so on. Lines are read in that order, each column top to
    bottom before the next; on a page of one column every line is 0."""
    for number, band in enumerate(bands):
        middle = (top + bottom) / 2
        if middle < band.top - 1:
            return 3 * number
        if middle <= band.bottom + 1:
            middle_of_gutter = (band.gutter_left + band.gutter_right) / 2
            return 3 * number + (2 if left >= middle_of_gutter else 1)
    return 3 * len(bands)
