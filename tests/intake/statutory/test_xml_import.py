from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from fullpicture.errors import MappingError, UnreadableFileError
from fullpicture.intake.importer import import_files
from fullpicture.intake.quarantine import list_quarantine
from fullpicture.intake.statutory.builtin import load_builtin
from fullpicture.store import schema
from tests.intake.statutory.factories import CIN_CHILD_ONE, create_903_xml, create_cin_census
from tests.intake.statutory.test_cin_xml import BILLION_LAUGHS


def _events(engine, event_type):
    query = (
        sa.select(schema.event)
        .where(schema.event.c.event_type == event_type)
        .order_by(schema.event.c.occurred_on)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [{**row, "attributes": json.loads(row["attributes"] or "{}")} for row in rows]


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


@pytest.fixture
def sample_census(store, tmp_path):
    path = create_cin_census(tmp_path / "census.xml")
    results = import_files(store, [path], "cin", load_builtin("cin-census", "cin"))
    return {r.table: r for r in results}


def test_should_store_or_quarantine_every_flattened_record(sample_census):
    counts = {name: (r.read, r.stored, r.quarantined) for name, r in sample_census.items()}
    assert counts["children"] == (2, 2, 0)
    assert counts["assessments"] == (2, 1, 1)  # "not a date" start
    assert all(r.read == r.stored + r.quarantined for r in sample_census.values())
    assert len({r.ledger_id for r in sample_census.values()}) == len(sample_census)


def test_should_keep_the_element_path_of_a_quarantined_record(store, sample_census):
    [row] = list_quarantine(store, source="cin")
    assert row.raw["XMLPath"] == "Child[2]/CINdetails[1]/Assessments[1]"
    assert row.reasons[0]["field"] == "AssessmentActualStartDate"


def test_should_translate_referral_source_closure_and_abuse_categories(store, sample_census):
    referrals = _events(store, "social_care.referral")
    assert [
        (r["attributes"]["source_type"], r["attributes"].get("outcome")) for r in referrals
    ] == [
        ("anonymous", None),
        ("police", "nfa"),
    ]
    closures = {r["attributes"]["reason"]: r["attributes"].get("outcome") for r in
                _events(store, "social_care.case_closure")}  # fmt: skip
    assert closures == {"RC7": None, "RC8": "nfa"}
    [start] = _events(store, "social_care.cp_plan_start")
    [end] = _events(store, "social_care.cp_plan_end")
    assert (start["attributes"]["category"], end["attributes"]["category"]) == (
        "neglect",
        "emotional",
    )
    [done] = _events(store, "social_care.assessment_end")
    assert str(done["occurred_on"]) == "2023-06-10" and done["attributes"]["factors"] == "3A,16A"
    assert len(_events(store, "social_care.review_conference")) == 2
    assert len(_events(store, "social_care.initial_conference")) == 1
    assert len(_events(store, "social_care.child_death")) == 1


def test_should_change_nothing_when_the_census_is_imported_again(store, sample_census, tmp_path):
    before = (_count(store, schema.event), _count(store, schema.ledger))
    again = import_files(store, [tmp_path / "census.xml"], "cin")  # the registered mapping
    assert all(r.already_imported for r in again)
    assert (_count(store, schema.event), _count(store, schema.ledger)) == before


def test_should_store_nothing_from_an_unsafe_census(store, tmp_path):
    path = tmp_path / "census.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        import_files(store, [path], "cin", load_builtin("cin-census", "cin"))
    assert _count(store, schema.ledger) == 0


def test_should_refuse_a_mapping_without_a_table_for_records_in_the_file(store, tmp_path):
    mapping = load_builtin("cin-census", "cin")
    mapping.tables = [t for t in mapping.tables if t.name != "cp_reviews"]
    path = create_cin_census(tmp_path / "census.xml", [CIN_CHILD_ONE])
    with pytest.raises(MappingError, match="no table 'cp_reviews'"):
        import_files(store, [path], "cin", mapping)
    assert _count(store, schema.ledger) == 0


def test_should_read_an_ssda903_xml_return_with_the_same_builtin_mapping(store, tmp_path):
    path = create_903_xml(tmp_path / "cla.xml")
    results = import_files(store, [path], "cla", load_builtin("ssda903", "cla"))
    counts = {r.table: (r.read, r.stored, r.quarantined) for r in results}
    assert counts == {
        "header": (2, 2, 0),
        "episodes": (3, 2, 1),  # 31/02/2024 is quarantined
        "reviews": (1, 1, 0),
        "missing": (1, 1, 0),
    }
    ends = _events(store, "social_care.placement_end")
    assert [(str(e["occurred_on"]), e["attributes"]["planned"]) for e in ends] == [
        ("2023-05-20", "true"),
        ("2024-02-01", "true"),
    ]
    [start] = _events(store, "social_care.looked_after_start")
    assert start["attributes"] == {**start["attributes"], "legal_status": "L2", "planned": "false"}
    assert start["attributes"]["placement_type"] == "U6"  # <PL> read as PLACE
    [ended] = _events(store, "social_care.looked_after_end")
    assert ended["attributes"]["reason"] == "E45"
    assert _events(store, "social_care.lac_review")[0]["attributes"]["participation"] == "PN4"


def test_should_explain_that_an_xml_return_is_not_one_table(store, tmp_path):
    from fullpicture.errors import IntakeError
    from fullpicture.intake.importer import import_file

    path = create_cin_census(tmp_path / "census.xml")
    with pytest.raises(IntakeError, match="holds several tables"):
        import_file(store, path, "cin", load_builtin("cin-census", "cin"), supersedes=1)


def test_should_trip_the_circuit_breaker_on_the_table_with_too_many_bad_records(store, tmp_path):
    from fullpicture.errors import IntakeError

    path = create_cin_census(tmp_path / "census.xml")
    mapping = load_builtin("cin-census", "cin")
    with pytest.raises(IntakeError, match="census.xml: 1 of 2 rows"):
        import_files(store, [path], "cin", mapping, max_bad_ratio=0.4)
    with store.connect() as conn:
        tables = conn.execute(sa.select(schema.ledger.c.table_name)).scalars().all()
    assert "assessments" not in tables and "children" in tables
