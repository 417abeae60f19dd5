"""The thematic report and its small-number suppression."""

from fullpicture.learning.library import import_documents
from fullpicture.learning.report import (
    bar_chart_svg,
    render_csv,
    safe_cell,
    shown_count,
    shown_percent,
    write_report,
)


def test_should_suppress_counts_from_one_to_four():
    assert [shown_count(n) for n in (0, 1, 4, 5)] == ["0", "c", "c", "5"]
    assert shown_percent(3, 100) == "c"
    assert shown_percent(5, 4) == "c"
    assert shown_percent(5, 20) == "25"


def test_should_not_draw_a_bar_for_a_suppressed_count():
    svg = bar_chart_svg([("Neglect", 3), ("Missing", 10)], title="Themes")
    assert 'width="0"' in svg and ">c</text>" in svg


def test_should_write_a_page_and_csv_files(sqlite_store, sample_corpus, tmp_path):
    import_documents(sqlite_store, [sample_corpus / "docs"], embed=False)
    paths = write_report(sqlite_store, tmp_path / "out")
    page = paths[0].read_text()
    assert "<svg" in page and "<script" not in page
    assert "Denominator" not in page and "Share of all" in page
    assert paths[1].read_text().startswith("Kind,Items,%")


def test_should_neutralise_formula_cells():
    assert safe_cell("=HYPERLINK(1)").startswith("'")
    assert render_csv.__doc__
