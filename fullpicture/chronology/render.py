"""Rendering a chronology: text (a Rich table), HTML, CSV and JSON.

DOCX and PDF are in :mod:`fullpicture.exports.documents`; they render the same
:class:`~fullpicture.chronology.views.ChronologyTable`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from fullpicture.chronology.html import chronology_page
from fullpicture.chronology.model import Chronology
from fullpicture.chronology.views import ChronologyTable, build_table, marked_cells
from fullpicture.errors import FullpictureError
from fullpicture.exports.cells import neutralise_cell

FORMATS = ("text", "html", "csv", "json")

_STYLE = {"concern": "red", "positive": "green", "neutral": "", "gap": "bold yellow"}


def render_chronology(
    chronology: Chronology, *, view: str = "working", fmt: str = "text", anonymise: bool = False
) -> str:
    """Render ``chronology`` in ``view`` as ``fmt``.

    Args:
        chronology: from :func:`fullpicture.chronology.build_chronology`.
        view: ``working``, ``court`` or ``review``.
        fmt: ``text``, ``html``, ``csv`` or ``json``.
        anonymise: replace names with stable pseudonyms everywhere, free text included.

    Returns:
        The rendered chronology.

    Raises:
        FullpictureError: unknown view or format.
    """
    renderers = {"text": render_text, "html": render_html, "csv": render_csv, "json": render_json}
    if fmt not in renderers:
        raise FullpictureError(
            f"Unknown chronology format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}."
        )
    return renderers[fmt](build_table(chronology, view, anonymise))


def render_text(table: ChronologyTable, width: int = 160) -> str:
    """A Rich table as plain text, ``width`` characters wide."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(f"[bold]{table.title}[/]", highlight=False)
    for key, value in table.facts:
        console.print(f"{key}: {value}", highlight=False, markup=False)
    if table.members:
        console.print("Household members:", highlight=False)
        for name, relation, periods in table.members:
            console.print(f"  {name} ({relation}): {periods}", highlight=False, markup=False)
    grid = Table(show_lines=True, title=f"{table.view.value.capitalize()} view")
    for column in table.columns:
        grid.add_column(column, overflow="fold")
    for row in table.rows:
        style = _STYLE["gap"] if row.kind == "gap" else _STYLE.get(row.valence, "")
        grid.add_row(*(_plain(c) for c in marked_cells(table, row)), style=style or None)
    console.print(grid)
    return console.export_text()


def _plain(text: str) -> Any:
    from rich.text import Text

    return Text(text)  # never interpret agency text as Rich markup


def render_html(table: ChronologyTable) -> str:
    """A self-contained HTML page."""
    return chronology_page(table)


def render_csv(table: ChronologyTable) -> str:
    """CSV with a header row; every cell neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Kind", "Valence", *table.columns, "Event ids"])
    for row in table.rows:
        valence = row.valence if row.kind == "event" else ""
        cells = [row.kind, valence, *row.cells, " ".join(str(i) for i in row.event_ids)]
        writer.writerow([neutralise_cell(c) for c in cells])
    return out.getvalue()


def render_json(table: ChronologyTable) -> str:
    """JSON: the heading facts, the columns and each row with its provenance."""
    data = {
        "title": table.title,
        "person_id": table.person_id,
        "view": table.view.value,
        "anonymised": table.anonymised,
        "facts": dict(table.facts),
        "household": [{"name": n, "relationship": r, "periods": p} for n, r, p in table.members],
        "columns": list(table.columns),
        "rows": [
            {
                "kind": row.kind,
                "valence": row.valence,
                "cells": dict(zip(table.columns, row.cells, strict=True)),
                "event_ids": list(row.event_ids),
                "provenance": [
                    {
                        "agency": p.agency,
                        "source": p.source,
                        "system": p.system,
                        "file": p.filename,
                        "row": p.row_number,
                        "record_id": p.record_id,
                        "author_role": p.author_role,
                        "ledger_id": p.ledger_id,
                    }
                    for p in row.provenance
                ],
            }
            for row in table.rows
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
