"""The thematic report: counts and shares of themes and item kinds with their denominators, by
review type and year, with charts, small counts suppressed; each table as a CSV download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from fullpicture.errors import NotFoundError
from fullpicture.learning.report import SMALLEST_SHOWN, bar_chart_svg, build_report, render_csv
from fullpicture.web.context import App
from fullpicture.web.learning_views import render_learning

router = APIRouter(include_in_schema=False)

TABLE_NAMES = ("kinds", "themes", "by-type", "by-year")
"""The CSV names of the report's tables, in the report's order (as ``learning report`` writes)."""


@router.get("/learning/report")
def report_page(request: Request, app: App) -> Response:
    """The report's tables and charts (server-rendered SVG, each beside its table)."""
    report = build_report(app.engine)
    # bar_chart_svg escapes every label itself, so its output is safe to place in the page.
    svgs = [
        bar_chart_svg(t.chart, title=t.chart_title or t.title) if t.chart else None
        for t in report.tables
    ]
    charts = [Markup(svg) if svg is not None else None for svg in svgs]  # nosec B704
    return render_learning(
        request,
        "learning-report.html",
        report=report,
        sections=list(zip(TABLE_NAMES, report.tables, charts, strict=True)),
        smallest=SMALLEST_SHOWN,
    )


@router.get("/learning/report/{table}.csv")
def report_csv(table: str, app: App) -> Response:
    """One table of the report as CSV, cells neutralised against spreadsheet formulas."""
    if table not in TABLE_NAMES:
        raise NotFoundError("Page not found")
    report = build_report(app.engine)
    chosen = report.tables[TABLE_NAMES.index(table)]
    return Response(
        render_csv(chosen),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="learning-{table}.csv"'},
    )
