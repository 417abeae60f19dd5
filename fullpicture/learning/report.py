"""The thematic report: how often each theme and item kind appears across the library, with
denominators, by review type and by year, as an HTML page with server-rendered SVG charts and
as CSV files.

Small numbers are handled as official statistics do: a count from 1 to 4 is shown as "c"
(confidential) and not charted, and a percentage is shown only when both its count and its
denominator are 5 or more (zero counts are shown, as they disclose nothing). Percentages are
rounded to whole numbers, so they may not sum to 100; a review or item with several themes
counts once under each.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.exports.cells import neutralise_cell
from fullpicture.learning import tables
from fullpicture.learning.extract import KINDS
from fullpicture.learning.metadata import REVIEW_TYPES
from fullpicture.learning.themes import theme_codes, theme_label

SUPPRESSED = "c"
SMALLEST_SHOWN = 5


def shown_count(count: int) -> str:
    """A count as published: 1-4 become "c"."""
    return SUPPRESSED if 0 < count < SMALLEST_SHOWN else str(count)


def shown_percent(count: int, denominator: int) -> str:
    """A whole-number percentage, or "c" when the count or the denominator is 1-4."""
    if denominator == 0:
        return ""
    if 0 < count < SMALLEST_SHOWN or denominator < SMALLEST_SHOWN:
        return SUPPRESSED
    return str(round(100 * count / denominator))


@dataclass
class Table:
    """One table of the report: a title, the denominator it is a share of, and rows."""

    title: str
    denominator_note: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    chart: list[tuple[str, int]] = field(default_factory=list)  # label, raw count
    chart_title: str = ""


@dataclass
class ThematicReport:
    """The tables of the report and the totals they rest on."""

    reviews: int
    items: int
    tables: list[Table]


def _load(engine: Engine) -> list[dict[str, Any]]:
    item, review = tables.learning_item, tables.learning_review
    query = (
        sa.select(
            item.c.kind,
            item.c.themes,
            review.c.id.label("review_id"),
            review.c.review_type,
            review.c.year,
        )
        .select_from(item.join(review, item.c.review_id == review.c.id))
        .where(review.c.review_type != "catalogue", item.c.withdrawn == sa.false())
    )
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def _review_count(engine: Engine) -> int:
    review = tables.learning_review
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(review.c.review_type != "catalogue")
            ).scalar_one()
        )


def _kinds_table(rows: list[dict[str, Any]]) -> Table:
    counts = Counter(row["kind"] for row in rows)
    total = len(rows)
    table = Table("Learning items by kind", f"Share of all {total} items", ["Kind", "Items", "%"])
    for kind, label in KINDS.items():
        table.rows.append([label, shown_count(counts[kind]), shown_percent(counts[kind], total)])
        table.chart.append((label, counts[kind]))
    return table


def _themes_table(rows: list[dict[str, Any]], reviews: int) -> Table:
    item_counts: Counter[str] = Counter()
    review_sets: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        for theme in row["themes"].split():
            item_counts[theme] += 1
            review_sets[theme].add(row["review_id"])
    total = len(rows)
    table = Table(
        "Themes across the library",
        f"Items: share of all {total} items; reviews: share of all {reviews} reviews",
        ["Theme", "Items", "% of items", "Reviews", "% of reviews"],
    )
    for code in sorted(theme_codes(), key=lambda c: -len(review_sets[c])):
        n_reviews = len(review_sets[code])
        table.rows.append(
            [
                theme_label(code),
                shown_count(item_counts[code]),
                shown_percent(item_counts[code], total),
                shown_count(n_reviews),
                shown_percent(n_reviews, reviews),
            ]
        )
        table.chart.append((theme_label(code), n_reviews))
    return table


def _breakdown(rows: list[dict[str, Any]], key: str, title: str, label: Any) -> Table:
    """Share of reviews in each group (review type or year) that raise each theme."""
    groups: dict[Any, set[int]] = defaultdict(set)
    theme_reviews: dict[tuple[Any, str], set[int]] = defaultdict(set)
    for row in rows:
        groups[row[key]].add(row["review_id"])
        for theme in row["themes"].split():
            theme_reviews[(row[key], theme)].add(row["review_id"])
    ordered = sorted(groups, key=lambda g: (g is None, str(g)))
    header = ["Theme"] + [f"{label(g)} (of {len(groups[g])})" for g in ordered]
    table = Table(title, "Percentage of the group's reviews that raise the theme", header)
    table.chart = [(str(label(g)), len(groups[g])) for g in ordered]
    table.chart_title = "Reviews in each group"
    for code in theme_codes():
        cells = [theme_label(code)]
        for group in ordered:
            cells.append(shown_percent(len(theme_reviews[(group, code)]), len(groups[group])))
        table.rows.append(cells)
    return table


def build_report(engine: Engine) -> ThematicReport:
    """Count themes and kinds across the library (the catalogue itself is left out)."""
    rows = _load(engine)
    reviews = _review_count(engine)
    return ThematicReport(
        reviews=reviews,
        items=len(rows),
        tables=[
            _kinds_table(rows),
            _themes_table(rows, reviews),
            _breakdown(
                rows,
                "review_type",
                "Themes by review type",
                lambda g: REVIEW_TYPES.get(g, str(g)),
            ),
            _breakdown(
                rows, "year", "Themes by year", lambda g: "Year not stated" if g is None else str(g)
            ),
        ],
    )


def bar_chart_svg(bars: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart as inline SVG; bars for counts of 1-4 are not drawn."""
    bar_height, gap, label_width, width = 18, 6, 330, 720
    height = (bar_height + gap) * len(bars) + 30
    top = max((count for _, count in bars if count >= SMALLEST_SHOWN), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{html.escape(title)}</title>'
    ]
    for index, (label, count) in enumerate(bars):
        y = 20 + index * (bar_height + gap)
        shown = shown_count(count)
        length = 0 if shown == SUPPRESSED else int((width - label_width - 60) * count / top)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end" font-size="13">'
            f"{html.escape(label)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="#1d70b8"/>'
            f'<text x="{label_width + length + 6}" y="{y + 13}" font-size="13">{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _html_table(table: Table) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in table.rows
    )
    return (
        f"<h2>{html.escape(table.title)}</h2><p>{html.escape(table.denominator_note)}</p>"
        + (
            f"<h3>{html.escape(table.chart_title or table.title)}</h3>"
            + bar_chart_svg(table.chart, title=table.chart_title or table.title)
            if table.chart
            else ""
        )
        + f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def render_html(report: ThematicReport) -> str:
    """The report as one self-contained HTML page (no scripts)."""
    style = (
        "body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}"
        "table{border-collapse:collapse;margin-bottom:2em}"
        "th,td{border-bottom:1px solid #b1b4b6;padding:4px 10px;text-align:left}"
    )
    intro = (
        f"<p>{report.reviews} reviews, {report.items} learning items. Counts of 1 to 4 are shown "
        'as "c" and percentages are shown only where count and denominator are 5 or more.</p>'
    )
    tables_html = "".join(_html_table(table) for table in report.tables)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Thematic report of the learning library</title><style>{style}</style></head>"
        f"<body><h1>Thematic report of the learning library</h1>{intro}{tables_html}</body></html>"
    )


def safe_cell(value: str) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula."""
    return neutralise_cell(value)


def render_csv(table: Table) -> str:
    """One table of the report as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in table.header])
    writer.writerows([[safe_cell(cell) for cell in row] for row in table.rows])
    return out.getvalue()


def write_report(engine: Engine, out_dir: Path) -> list[Path]:
    """Write the HTML page and one CSV per table into ``out_dir``; return the paths."""
    report = build_report(engine)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "learning-report.html"
    page.write_text(render_html(report), encoding="utf-8")
    written = [page]
    for name, table in zip(("kinds", "themes", "by-type", "by-year"), report.tables, strict=True):
        path = out_dir / f"learning-{name}.csv"
        path.write_text(render_csv(table), encoding="utf-8")
        written.append(path)
    return written
