import csv
import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from fullpicture.chronology import build_chronology, render_chronology
from fullpicture.chronology.views import COLUMNS, View, build_table
from fullpicture.errors import FullpictureError

REAL_NAMES = ("Lily", "Sharon", "Ashdown")


def _soup(html):
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("view", ["working", "court", "review"])
@pytest.mark.parametrize("fmt", ["text", "html", "csv", "json"])
def test_should_render_every_view_in_every_format(store, sample_family, view, fmt):
    chronology = build_chronology(store, sample_family[0], household=True)
    out = render_chronology(chronology, view=view, fmt=fmt)
    assert "NICHE-991" in out
    assert "Lily was in the kitchen" in " ".join(out.split()) or fmt == "text"
    assert "Sharon" in out


def test_should_give_the_court_view_pd12a_columns(store, sample_family):
    html = render_chronology(build_chronology(store, sample_family[0]), view="court", fmt="html")
    soup = _soup(html)
    heads = [th.get_text() for th in soup.select("table.fp-chronology thead th")]
    assert heads == list(COLUMNS[View.COURT])
    first = soup.select("table.fp-chronology tbody tr.fp-row--event")[0]
    cells = [td.get_text() for td in first.select("td")]
    assert "Police (PC)" in cells[1]
    assert "Children's social care (Social worker)" in cells[1]
    assert "high" in cells[3]
    assert "row" in cells[4] and "NICHE-991" in cells[4]


def test_should_prefix_review_sources_with_their_agency(store, sample_family):
    table = build_table(build_chronology(store, sample_family[0]), "review")
    account = table.rows[0].cells[1].splitlines()
    assert account[0].startswith("Police: Domestic abuse incident.")
    assert account[1].startswith("Children's social care: Referral")


def test_should_render_an_accessible_html_page(store, sample_family):
    soup = _soup(render_chronology(build_chronology(store, sample_family[0]), fmt="html"))
    assert soup.html["lang"] == "en"
    h1s = soup.select("h1")
    assert len(h1s) == 1
    assert soup.title.get_text().startswith(h1s[0].get_text())
    assert soup.select_one("a.fp-skip")["href"] == "#main-content"
    assert soup.select_one("main#main-content")
    assert all(th.get("scope") == "col" for th in soup.select("thead th"))
    assert soup.select("tr.fp-row--concern") and soup.select("tr.fp-row--positive")
    assert soup.select_one("tr.fp-row--gap").get_text().count("No contact from any agency") == 1
    assert not soup.select("link[href], script[src], img[src]")  # self-contained


def test_should_escape_agency_text_in_html(store, sample_family):
    from tests.factories import create_event

    create_event(store, person_id=sample_family[0], summary="<script>alert(1)</script>")
    soup = _soup(render_chronology(build_chronology(store, sample_family[0]), fmt="html"))
    assert not soup.select("script")
    assert "<script>alert(1)</script>" in soup.get_text()


def test_should_neutralise_formula_cells_in_csv(store, sample_family):
    from tests.factories import create_event

    create_event(
        store, person_id=sample_family[0], summary="=SUM(A1:A9)", occurred_on=date(2023, 1, 1)
    )
    out = render_chronology(build_chronology(store, sample_family[0]), fmt="csv")
    rows = list(csv.reader(io.StringIO(out)))
    cells = [c for row in rows for c in row]
    assert not any(c and c[0] in "=+-@" for c in cells)
    assert "'=SUM(A1:A9)" in cells
    assert rows[0][2:-1] == list(COLUMNS[View.WORKING])
    assert {r[1] for r in rows[1:] if r[0] == "event"} <= {"concern", "positive", "neutral"}


def test_should_give_provenance_in_json(store, sample_family):
    data = json.loads(render_chronology(build_chronology(store, sample_family[0]), fmt="json"))
    event_rows = [r for r in data["rows"] if r["kind"] == "event"]
    assert event_rows[0]["provenance"][0]["record_id"] == "NICHE-991"
    assert all(p["file"] and p["row"] for r in event_rows for p in r["provenance"])


@pytest.mark.parametrize("fmt", ["text", "html", "csv", "json"])
def test_should_leave_no_real_name_when_anonymised(store, sample_family, fmt):
    chronology = build_chronology(store, sample_family[0], household=True)
    out = render_chronology(chronology, view="review", fmt=fmt, anonymise=True)
    for name in REAL_NAMES:
        assert name.casefold() not in out.casefold()
    assert "Child A" in out


def test_should_replace_names_consistently(store, sample_family):
    chronology = build_chronology(store, sample_family[0], household=True)
    table = build_table(chronology, "working", anonymise=True)
    text = "\n".join(c for row in table.rows for c in row.cells)
    assert "Child A was in the kitchen with Adult 1" in text
    assert "notification about Child A" in text
    assert "Mrs [name] appears to minimise" in text
    assert table.title.startswith("Household chronology: Child A")
    assert table.members[0][0] == "Adult 1"
    assert not any(k == "Date of birth" for k, _ in table.facts)


def test_should_reject_an_unknown_view_or_format(store, sample_family):
    chronology = build_chronology(store, sample_family[0])
    with pytest.raises(FullpictureError, match="Unknown chronology view"):
        render_chronology(chronology, view="secret")
    with pytest.raises(FullpictureError, match="Unknown chronology format"):
        render_chronology(chronology, fmt="xml")


def test_should_mark_concerns_and_positives_in_plain_text(store, sample_family):
    text = render_chronology(build_chronology(store, sample_family[0]), fmt="text")
    assert "[positive]" in text and "[concern]" in text


def test_should_write_yes_and_no_for_flags(store):
    from tests.factories import create_event, create_person

    pid = create_person(store)
    create_event(
        store,
        person_id=pid,
        source="social_care",
        event_type="social_care.statutory_visit",
        attributes={"seen": True, "seen_alone": False},
    )
    table = build_table(build_chronology(store, pid))
    assert "seen: yes; seen alone: no" in table.rows[0].cells[2]


def test_should_anonymise_provenance_too(store, sample_family):
    from tests.factories import create_event

    create_event(store, person_id=sample_family[0], filename="ashdown_family_notes.csv")
    chronology = build_chronology(store, sample_family[0])
    data = json.loads(render_chronology(chronology, fmt="json", anonymise=True))
    files = [p["file"] for r in data["rows"] for p in r["provenance"]]
    assert "Child A_family_notes.csv" in files
    assert not any("ashdown" in f.casefold() for f in files)
