from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from fullpicture.errors import MissingColumnError
from fullpicture.intake.importer import import_files
from fullpicture.intake.quarantine import list_quarantine
from fullpicture.intake.statutory.builtin import load_builtin
from fullpicture.store import schema
from tests.intake.factories import create_csv
from tests.intake.statutory.factories import EPISODE_COLUMNS, create_903_files


@pytest.fixture
def sample_903(store, tmp_path):
    files = create_903_files(tmp_path)
    results = import_files(store, list(files.values()), "cla", load_builtin("ssda903", "cla"))
    return {r.table: r for r in results}


def _events(engine, **where):
    query = sa.select(schema.event).where(schema.event.c.source == "cla")
    for column, value in where.items():
        query = query.where(schema.event.c[column] == value)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(schema.event.c.occurred_on)).mappings().all()
    return [{**row, "attributes": json.loads(row["attributes"] or "{}")} for row in rows]


def test_should_store_or_quarantine_every_row_of_every_table(sample_903):
    counts = {name: (r.read, r.stored, r.quarantined) for name, r in sample_903.items()}
    assert counts == {
        "header": (4, 3, 1),
        "episodes": (8, 5, 3),
        "reviews": (2, 1, 1),
        "missing": (2, 2, 0),
        "sw_episodes": (2, 2, 0),
    }
    assert all(r.read == r.stored + r.quarantined for r in sample_903.values())


def test_should_give_each_quarantined_episode_its_reason(store, sample_903):
    reasons = {
        row.row_number: row.reasons[0]["problem"]
        for row in list_quarantine(store, source="cla")
        if row.filename == "episodes.csv"
    }
    assert "unknown person" in reasons[7]
    assert "not a real date" in reasons[8]
    assert "RNE='Q'" in reasons[9]


def _people(engine):
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.source_person)).mappings().all()
    return {row["local_id"]: row for row in rows}


def test_should_read_children_with_sex_codes_dates_and_upns(store, sample_903):
    people = _people(store)
    assert people["C100"]["sex"] == "male"
    assert str(people["C100"]["date_of_birth"]) == "2012-02-14"
    assert people["C100"]["upn"] is not None
    assert people["C200"]["sex"] == "female" and people["C200"]["upn"] is None  # UN2
    assert people["C200"]["other_ids"] is None  # UN codes are not invalid UPNs
    assert people["C300"]["ethnicity"] == "AIND"


def test_should_derive_care_and_placement_events_from_the_episode_codes(store, sample_903):
    types = [(str(e["occurred_on"]), e["event_type"]) for e in _events(store)]
    c100 = [t for t in types if t[1].startswith("social_care.") and "worker" not in t[1]]
    assert ("2023-04-03", "social_care.looked_after_start") in c100
    assert ("2023-04-05", "social_care.legal_status_change") in c100
    assert ("2023-04-05", "social_care.placement_end") not in c100  # X1, same placement
    assert ("2023-06-10", "social_care.placement_end") in c100  # X1 with CARPL
    assert ("2023-11-20", "social_care.placement_start") in c100
    assert ("2024-03-15", "social_care.looked_after_end") in c100
    assert ("2024-01-12", "social_care.looked_after_start") in c100  # C300, still looked after


def test_should_mark_emergency_starts_and_unplanned_ends_as_not_planned(store, sample_903):
    starts = _events(store, event_type="social_care.placement_start")
    planned = {str(e["occurred_on"]): e["attributes"].get("planned") for e in starts}
    assert planned["2023-04-03"] == "false"  # police protection (L1)
    assert planned["2023-06-10"] is None  # nothing in the row says
    ends = _events(store, event_type="social_care.placement_end")
    by_day = {str(e["occurred_on"]): e["attributes"] for e in ends}
    assert by_day["2023-06-10"]["planned"] == "true"
    assert by_day["2023-11-20"] == {**by_day["2023-11-20"], "planned": "false", "reason": "ALLEG"}
    [ended] = _events(store, event_type="social_care.looked_after_end")
    assert ended["attributes"]["reason"] == "E4A" and ended["attributes"]["legal_status"] == "C2"


def test_should_translate_review_missing_and_social_worker_codes(store, sample_903):
    [review] = _events(store, event_type="social_care.lac_review")
    assert review["attributes"]["participation"] == "PN1"
    kinds = {
        (str(e["occurred_on"]), e["attributes"]["missing_kind"])
        for e in _events(store, event_type="police.missing_start")
    }
    assert kinds == {("2023-08-01", "missing"), ("2024-02-02", "away")}
    assert len(_events(store, event_type="police.missing_end")) == 1  # the open period has none
    changes = _events(store, event_type="social_care.social_worker_change")
    found = sorted(
        (str(e["occurred_on"]), e["attributes"]["change"], e["attributes"]["social_worker"],
         e["attributes"].get("reason", ""))
        for e in changes
    )  # fmt: skip
    assert found == [
        ("2023-04-03", "allocated", "SW1001", ""),
        ("2023-09-01", "allocated", "SW1002", ""),
        ("2023-09-01", "ended", "SW1001", "ORGRST"),
    ]


def test_should_update_not_duplicate_an_episode_closed_in_a_later_return(store, tmp_path):
    files = create_903_files(tmp_path)
    mapping = load_builtin("ssda903", "cla")
    import_files(store, [files["header"]], "cla", mapping)
    row = ["C300", "12/01/2024", "S", "V2", "N4", "U1", "PR1", "", "", "", "", "CD4", ""]
    first = create_csv(tmp_path / "episodes_2024.csv", EPISODE_COLUMNS, [row])
    import_files(store, [first], "cla", mapping)
    closed = [*row[:7], "01/03/2024", "E13", "CARPL", *row[10:]]
    later = create_csv(tmp_path / "episodes_2025.csv", EPISODE_COLUMNS, [closed])
    import_files(store, [later], "cla", mapping)
    assert len(_events(store, event_type="social_care.looked_after_start")) == 1
    assert len(_events(store, event_type="social_care.looked_after_end")) == 1


def test_should_refuse_an_episodes_file_missing_a_column_naming_it(store, tmp_path):
    columns = [c for c in EPISODE_COLUMNS if c != "REC"]
    broken = create_csv(tmp_path / "episodes.csv", columns, [["C1", *[""] * 11]])
    with pytest.raises(MissingColumnError) as caught:
        import_files(store, [broken], "cla", load_builtin("ssda903", "cla"))
    assert "'REC'" in caught.value.message and "episodes" in caught.value.message
