"""Spreadsheet-safe cells: neutralising formula injection in every CSV/XLSX fullpicture writes.

A spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces
or control characters, and their full-width forms) as a formula; a leading tab, carriage return
or NUL can hide such a start. Such cells get a leading apostrophe, which spreadsheets show as
text and do not evaluate. Plain numbers (``-12``, ``+3.5``, ``-1e3``) are left as they are: a number
cannot run anything, and turning ``-12`` into text would break sums in the receiving agency.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

_TRIGGERS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # and their full-width forms
_HIDERS = frozenset("\t\r\n\x00")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _first_visible(value: str) -> str:
    """Return the first character that is neither whitespace nor a control character."""
    for char in value:
        if not (char.isspace() or ord(char) < 32 or char == "\x7f"):
            return char
    return ""


def neutralise_cell(value: Any) -> str:
    """Return ``value`` as text that a spreadsheet will not run as a formula.

    Args:
        value: any cell value; None becomes an empty string.

    Returns:
        The text, with a leading apostrophe when it could be read as a formula.
    """
    text = "" if value is None else str(value)
    if not text or _NUMBER.fullmatch(text):
        return text
    if text[0] in _HIDERS or _first_visible(text) in _TRIGGERS:
        return "'" + text
    return text


def write_safe_csv(rows: Iterable[Sequence[Any]], target: Path | TextIO) -> int:
    """Write rows (the first is the header) as UTF-8 CSV with every cell neutralised.

    Args:
        rows: the header row, then data rows.
        target: a path (written UTF-8 with a BOM so Excel reads it right) or an open text stream.

    Returns:
        The number of rows written, header included.
    """
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            return _write(rows, handle)
    return _write(rows, target)


def _write(rows: Iterable[Sequence[Any]], handle: TextIO | io.StringIO) -> int:
    writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
    count = 0
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
        count += 1
    return count
