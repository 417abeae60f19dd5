from datetime import UTC, date, datetime

import sqlalchemy as sa
from bs4 import BeautifulSoup

from fullpicture.alerts.tables import alert, rule_sql
from fullpicture.exports.report import alert_counts, write_report
from tests.factories import create_address, create_event, create_person, source_person_of


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _sample_siblings(store):
    older = create_person(
        store, given_name="Ava", family_name="Quinn", sources=("police", "housing")
    )
    younger = create_person(store, given_name="Ben", family_name="Quinn", sources=("housing",))
    adult = create_person(
        store, given_name="Tom", family_name="Quinn", is_child=False, sources=("housing",)
    )
    for pid in (older, younger, adult):
        create_address(
            store,
            source_person_id=source_person_of(store, pid, "housing"),
            start_date=date(2018, 1, 1),
        )
    create_event(store, person_id=older, source="police", summary="Ava <b>seen</b> at the park")
    return older, younger, adult


def test_should_index_every_child_and_link_to_their_pages(store, tmp_path):
    older, younger, adult = _sample_siblings(store)
    index = write_report(store, tmp_path / "report")
    soup = _soup(index)
    links = [a["href"] for a in soup.select("table#people tbody a")]
    assert links == [f"people/{older}.html", f"people/{younger}.html"]
    assert not (tmp_path / "report" / "people" / f"{adult}.html").exists()
    assert len(soup.select("h1")) == 1
    assert soup.select_one("input#search")
    assert soup.select_one("label[for=search]")
    assert "Open alerts" in [th.get_text() for th in soup.select("thead th")]


def test_should_write_each_child_page_with_chronology_household_and_links(store, tmp_path):
    older, younger, _adult = _sample_siblings(store)
    write_report(store, tmp_path / "report")
    soup = _soup(tmp_path / "report" / "people" / f"{older}.html")
    assert soup.select_one("h1").get_text() == f"Household chronology: Ava Quinn ({older})"
    assert soup.select_one('a[href="../index.html"]')
    assert [a["href"] for a in soup.select("nav a")] == [f"{younger}.html"]
    assert {td.get_text() for td in soup.select("table.fp-household tbody td:first-child")} == {
        "Ben Quinn",
        "Tom Quinn",
    }
    assert "Ava <b>seen</b> at the park" in soup.select_one("table.fp-chronology").get_text()
    assert not soup.select("table.fp-chronology b")


def test_should_count_only_alerts_still_needing_attention(store, tmp_path):
    older, _younger, _adult = _sample_siblings(store)
    assert alert_counts(store) == {}
    now = datetime.now(UTC)
    with store.begin() as conn:
        conn.execute(sa.insert(rule_sql), [{
            "sql_hash": "h", "rule_id": "TIM-1", "rule_version": 1, "parameters": "{}",
            "compiled_sql": "select 1", "first_used_at": now,
        }])  # fmt: skip
        conn.execute(sa.insert(alert), [{
            "alert_key": f"TIM-1|{older}|{status}", "rule_id": "TIM-1", "rule_code": "TIM-1",
            "rule_version": 1, "person_id": older, "anchor_key": status, "severity": "high",
            "explanation": "x", "facts": "{}", "sql_hash": "h", "status": status,
            "condition_holds": True, "first_seen_at": now, "last_seen_at": now, "updated_at": now,
        } for status in ("open", "acknowledged", "dismissed")])  # fmt: skip
    assert alert_counts(store) == {older: 2}
    soup = _soup(write_report(store, tmp_path / "report"))
    heads = [th.get_text() for th in soup.select("thead th")]
    row = soup.select("table#people tbody tr")[0]
    assert row.select("td")[heads.index("Open alerts")].get_text() == "2"
