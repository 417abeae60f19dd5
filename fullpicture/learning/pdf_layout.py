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
starting with their number), so neither becomes learning nor joins it.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# A header cell that names what its column's rows are (as ``documents._TABLE_KIND``).
TABLE_KIND = re.compile(
    r"^(?:recommendations?|findings?|actions?|next steps?|key learning|learning points?|"
    r"key messages?|questions?)\b",
    re.IGNORECASE,
)
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


def page_runs(textpage: Any, page_height: float) -> list[Run]:
    """The page's text runs, top to bottom, runs on one line set close together merged.

    Args:
        textpage: a ``pypdfium2.PdfTextPage``.
        page_height: the page's height in points (PDF measures up from the bottom).
    """
    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        if text:
            runs.append(Run(text, left, right, page_height - top, page_height - bottom))
    return _merge_close(sorted(runs, key=lambda run: (round(run.top), run.left)))


def _same_line(a: Run, b: Run) -> bool:
    return abs(a.top - b.top) < 0.5 * max(a.height, b.height, 1.0)


def _column_gap(run: Run) -> float:
    """The smallest horizontal gap that separates columns rather than words."""
    return max(6.0, 0.9 * run.height)


def _merge_close(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last and _same_line(last, run) and 0 <= run.left - last.right < _column_gap(run):
            merged[-1] = Run(
                f"{last.text} {run.text}",
                last.left,
                max(last.right, run.right),
                min(last.top, run.top),
                max(last.bottom, run.bottom),
            )
        else:
            merged.append(run)
    return merged


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
    runs: list[Run], page_height: float, carried: PdfTable | None = None
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
    """
    lines = [line for line in _lines(runs) if MARGIN * page_height <= line[0].top]
    lines = [line for line in lines if line[0].top <= (1 - MARGIN) * page_height]
    tables: list[PdfTable] = []
    index = 0
    if carried is not None and lines and not _is_header(lines[0]):
        header = carried.rows[0]
        table = PdfTable(lines[0][0].top, lines[0][0].top, [header], carried.starts, carried.height)
        index = _read_rows(table, lines, 0)
        if len(table.rows) >= 2:
            tables.append(table)
    while index < len(lines):
        header_line = lines[index]
        if _is_header(header_line):
            table = PdfTable(
                header_line[0].top,
                max(run.bottom for run in header_line),
                [[run.text for run in header_line]],
                [run.left for run in header_line],
                statistics.median(run.height for run in header_line),
            )
            index = _read_rows(table, lines, index + 1)
            if len(table.rows) >= 2:
                tables.append(table)
            continue
        index += 1
    return tables


def _is_header(line: list[Run]) -> bool:
    """A table's header: short cells, one naming an item kind, every one a word (a contents
    line, "Recommendations ... 12", has a page number instead)."""
    return (
        len(line) >= 2
        and all(len(run.text.split()) <= 6 for run in line)
        and all(any(char.isalpha() for char in run.text) for run in line)
        and any(TABLE_KIND.match(run.text) for run in line)
    )


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


def _read_rows(table: PdfTable, lines: list[list[Run]], start: int) -> int:
    """Read the table's rows from ``lines[start:]`` into ``table``; the index it stopped at."""
    starts, height = table.starts, table.height
    row: list[list[str]] = []
    row_bottom = table.bottom
    index = start
    while index < len(lines):
        line = lines[index]
        columns = [_column(run, starts) for run in line]
        gap = line[0].top - table.bottom
        if None in columns or gap > 2.5 * height or max(r.height for r in line) > 1.3 * height:
            break
        if not row or line[0].top > row_bottom + 0.9 * height or _starts_numbered_row(line, row):
            row = [[] for _ in starts]
            table.rows.append([])  # filled below, once the row is complete
        for run, column in zip(line, columns, strict=True):
            row[column or 0].append(run.text)
        table.rows[-1] = [" ".join(cell) for cell in row]
        row_bottom = max(run.bottom for run in line)
        table.bottom = max(table.bottom, row_bottom)
        index += 1
    table.runs_on = index == len(lines)
    return index


_ROW_NUMBER = re.compile(r"^(?:r(?:ec)?\.?\s*)?\d{1,2}(?:\.\d{1,2})?[.)]?$", re.IGNORECASE)


def _starts_numbered_row(line: list[Run], row: list[list[str]]) -> bool:
    """A number alone in the first column starts a row even with no gap above it."""
    first = line[0]
    return bool(row and row[0] and _ROW_NUMBER.match(first.text))


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


_FOOTNOTE_START = re.compile(
    r"^(?:\d{1,3}|[*\u2020\u2021]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)\s*\S"
)


def is_footnote_start(text: str, size: float, top: float, body: float, height: float) -> bool:
    """A line in small type in the lower part of the page that starts with a note's number or
    mark: the first line of the page's footnotes."""
    return size < 0.9 * body and top > 0.55 * height and bool(_FOOTNOTE_START.match(text))
