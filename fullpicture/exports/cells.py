"""Spreadsheet cells that cannot run as formulas (CSV/XLSX formula injection).

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a
tab or carriage return, or their full-width forms) as a formula. Agency records are free text
written by many hands, so every exported cell goes through :func:`neutralise_cell`, which prefixes
such a value with a single quote: the text is kept whole and shown as text.
"""

from __future__ import annotations

_FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def neutralise_cell(value: str) -> str:
    """Return ``value`` made safe to open in a spreadsheet.

    Args:
        value: the cell text as it will be written.

    Returns:
        The same text, prefixed with ``'`` when it would otherwise start a formula.

    Examples:
        >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
        '\\'=HYPERLINK("http://x")'
        >>> neutralise_cell("Seen alone")
        'Seen alone'
    """
    if value and value[0] in _FORMULA_STARTS:
        return "'" + value
    return value
