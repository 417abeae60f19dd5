"""The thematic report on the web: themes and item kinds with denominators, by review type and
year, charts beside the tables, small counts suppressed, and formula-safe CSV downloads."""

import csv
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup

from fullpicture.learning import tables
from fullpicture.learning.library import import_document
from fullpicture.learning.report import build_report, render_csv
from tests.web.library import create_signed_in

CORPUS = Path(__file__).resolve().parents[1] / "learning" / "corpus" / "docs"


def _import_corpus_texts(engine) -> None:
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        import_document(engine, path, embed=False)


def test_should_show_the_report_with_denominators_charts_and_suppression(
    sample_engine, client_request, sample_library
):
    _import_corpus_texts(sample_engine)
    report = build_report(sample_engine)
    client = create_signed_in(sample_engine, client_request, "iro")
    page = client.get("/learning/report")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    assert f"Share of all {report.items} items" in page.text
    assert len(soup.select("figure.app-chart svg[role=img] title")) == len(report.tables)
    kinds = soup.select("#kinds ~ div table")[0]
    cells = {
        row.th.get_text(): [td.get_text() for td in row.find_all("td")]
        for row in kinds.tbody.find_all("tr")
    }
    assert cells == {row[0]: row[1:] for row in report.tables[0].rows}
    shown = [cell for row in report.tables[1].rows for cell in row[1:]]
    assert "c" in shown  # some theme is raised 1 to 4 times: suppressed, as published


def test_should_download_each_table_as_csv_neutralised_against_formulas(
    sample_engine, client_request, sample_library
):
    with sample_engine.begin() as conn:  # a store tampered with: a review type that is a formula
        conn.execute(
            tables.learning_review.update()
            .where(tables.learning_review.c.id == sample_library["review"])
            .values(review_type="=HYPERLINK(1)", agencies=json.dumps([]))
        )
    client = create_signed_in(sample_engine, client_request, "analyst")
    report = build_report(sample_engine)
    for name, table in zip(("kinds", "themes", "by-type", "by-year"), report.tables, strict=True):
        response = client.get(f"/learning/report/{name}.csv")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert f'filename="learning-{name}.csv"' in response.headers["content-disposition"]
        assert response.text == render_csv(table)
    header = next(csv.reader(io.StringIO(client.get("/learning/report/by-type.csv").text)))
    assert header[1].startswith("'=HYPERLINK(1)")
    assert client.get("/learning/report/secrets.csv").status_code == 404


def test_should_say_so_when_the_library_is_empty(sample_engine, client_request):
    client = create_signed_in(sample_engine, client_request, "administrator")
    page = client.get("/learning/report")
    assert page.status_code == 200 and "nothing to count" in page.text
