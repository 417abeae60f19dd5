from datetime import UTC, date, datetime

import pytest

from fullpicture.chronology import build_chronology
from fullpicture.chronology.model import EntryKind
from fullpicture.errors import NotFoundError
from tests.factories import create_event, create_person, create_source_person


def _event_entries(chronology):
    return [e for e in chronology.entries if e.kind == EntryKind.EVENT]


def test_should_raise_not_found_for_an_unknown_person(store):
    with pytest.raises(NotFoundError) as caught:
        build_chronology(store, "P999999")
    assert "fullpicture people" in (caught.value.hint or "")


def test_should_order_mixed_precision_and_print_uncertainty(store):
    pid = create_person(store, sources=("social_care", "police"))
    create_event(store, person_id=pid, source="police", occurred_on=date(2021, 5, 3))
    create_event(
        store,
        person_id=pid,
        source="social_care",
        event_type="social_care.statutory_visit",
        occurred_on=date(2021, 5, 1),
        precision="month",
    )
    create_event(
        store,
        person_id=pid,
        source="social_care",
        event_type="social_care.referral",
        occurred_on=date(2021, 4, 30),
        uncertain=True,
    )
    create_event(
        store,
        person_id=pid,
        source="police",
        event_type="police.arrest",
        occurred_on=date(2021, 1, 1),
        precision="year",
    )
    whens = [e.when for e in _event_entries(build_chronology(store, pid))]
    assert whens == ["2021", "?30 April 2021", "May 2021", "3 May 2021"]


def test_should_keep_the_same_day_sequence_of_a_source(store):
    pid = create_person(store)
    day = date(2022, 2, 2)
    for seq, kind in [(3, "police.missing_end"), (1, "police.missing_start"), (2, "police.arrest")]:
        create_event(store, person_id=pid, event_type=kind, occurred_on=day, sequence=seq)
    chronology = build_chronology(store, pid)
    assert [e.records[0].event_type for e in chronology.entries] == [
        "police.missing_start",
        "police.arrest",
        "police.missing_end",
    ]


def test_should_print_the_time_of_an_exact_event_in_uk_time(store):
    pid = create_person(store)
    at = datetime(2021, 7, 1, 13, 5, tzinfo=UTC)
    create_event(
        store, person_id=pid, occurred_on=date(2021, 7, 1), precision="exact", occurred_at=at
    )
    assert build_chronology(store, pid).entries[0].when == "1 July 2021 14:05"


def test_should_group_one_incident_from_several_agencies_by_reference(store):
    pid = create_person(store, sources=("police", "health", "social_care"))
    a = create_event(store, person_id=pid, source="police", incident_ref="INC-77")
    b = create_event(
        store,
        person_id=pid,
        source="social_care",
        event_type="social_care.referral",
        occurred_on=date(2021, 5, 5),
        incident_ref=" inc-77 ",
    )
    c = create_event(
        store,
        person_id=pid,
        source="health",
        event_type="health.ed_attendance",
        occurred_on=date(2021, 5, 3),
    )
    entries = _event_entries(build_chronology(store, pid))
    assert len(entries) == 1
    assert {r.event_id for r in entries[0].records} == {a, b, c}
    assert set(entries[0].agencies) == {"police", "social_care", "health"}


def test_should_not_group_one_source_records_or_different_families(store):
    pid = create_person(store, sources=("police", "education"))
    create_event(store, person_id=pid, source="police", event_type="police.incident")
    create_event(store, person_id=pid, source="police", event_type="police.incident", sequence=1)
    create_event(store, person_id=pid, source="education", event_type="education.exclusion")
    assert len(_event_entries(build_chronology(store, pid))) == 3


def test_should_keep_every_record_in_exactly_one_entry(store):
    pid = create_person(store, sources=("police", "health", "education", "social_care"))
    made = set()
    kinds = [
        ("police", "police.incident"),
        ("health", "health.ed_attendance"),
        ("education", "education.concern"),
        ("social_care", "social_care.referral"),
        ("police", "police.notification"),
    ]
    for day in (1, 1, 2, 9):
        for source, kind in kinds:
            made.add(
                create_event(
                    store,
                    person_id=pid,
                    source=source,
                    event_type=kind,
                    occurred_on=date(2020, 3, day),
                )
            )
    seen = [r.event_id for e in build_chronology(store, pid).entries for r in e.records]
    assert sorted(seen) == sorted(made)


def test_should_show_positives_and_concerns(store):
    pid = create_person(store, sources=("social_care", "police"))
    create_event(
        store, person_id=pid, source="social_care", event_type="social_care.statutory_visit"
    )
    create_event(
        store,
        person_id=pid,
        source="police",
        event_type="police.arrest",
        occurred_on=date(2021, 6, 1),
    )
    valences = [e.valence for e in build_chronology(store, pid).entries]
    assert valences == ["positive", "concern"]


def test_should_show_a_gap_in_agency_contact_and_last_contact_per_agency(store):
    pid = create_person(store, sources=("social_care", "police"))
    create_event(store, person_id=pid, source="police", occurred_on=date(2020, 1, 10))
    create_event(
        store,
        person_id=pid,
        source="social_care",
        event_type="social_care.referral",
        occurred_on=date(2020, 8, 20),
    )
    chronology = build_chronology(store, pid)
    gaps = [e for e in chronology.entries if e.kind == EntryKind.GAP]
    assert len(gaps) == 1
    assert gaps[0].text.startswith("No contact from any agency for 7 months")
    assert [e.kind for e in chronology.entries] == [EntryKind.EVENT, EntryKind.GAP, EntryKind.EVENT]
    assert chronology.last_contact == {
        "police": date(2020, 1, 10),
        "social_care": date(2020, 8, 20),
    }


def test_should_not_show_a_gap_below_the_threshold(store):
    pid = create_person(store)
    create_event(store, person_id=pid, occurred_on=date(2020, 1, 10))
    create_event(store, person_id=pid, occurred_on=date(2020, 3, 10))
    assert all(e.kind == EntryKind.EVENT for e in build_chronology(store, pid).entries)


def test_should_carry_provenance_on_every_record(store):
    pid = create_person(store)
    create_event(
        store,
        person_id=pid,
        source="police",
        filename="niche_export.csv",
        record_id="INC-1",
        author_role="PC",
        system="Niche",
    )
    record = build_chronology(store, pid).entries[0].records[0]
    p = record.provenance
    assert (p.agency, p.system, p.filename, p.record_id, p.author_role) == (
        "police",
        "Niche",
        "niche_export.csv",
        "INC-1",
        "PC",
    )
    assert p.row_number > 0


def test_should_include_events_where_the_child_took_part_with_their_role(store):
    child = create_person(store, sources=("police",))
    mother = create_person(
        store, given_name="Carla", family_name="Fenwick", is_child=False, sources=("police",)
    )
    child_record = create_source_person(store, person_id=None, source="police", given_name="J")
    from tests.factories import source_person_of

    witness = source_person_of(store, child, "police")
    create_event(
        store,
        person_id=mother,
        source="police",
        event_type="police.domestic_abuse_incident",
        participants=((witness, "witness"),),
    )
    entries = build_chronology(store, child).entries
    assert entries[0].records[0].role == "witness"
    assert child_record  # an unlinked record stays out of the child's chronology
    assert len(entries) == 1


def test_should_read_subject_and_participant_records_in_one_statement_as_in_two(store):
    from fullpicture.chronology.records import (
        read_participant_records,
        read_records,
        read_subject_records,
    )
    from tests.factories import source_person_of

    child = create_person(store, sources=("police", "health"))
    mother = create_person(store, given_name="Carla", is_child=False, sources=("police",))
    as_police = source_person_of(store, child, "police")
    ids = [as_police, source_person_of(store, child, "health")]
    create_event(store, person_id=child, source="police", summary="own record")
    create_event(store, person_id=child, source="health", event_type="health.ed_attendance")
    create_event(  # two roles in one event: read once, with the first role by name
        store,
        person_id=mother,
        source="police",
        event_type="police.domestic_abuse_incident",
        participants=((as_police, "witness"), (as_police, "victim")),
    )
    create_event(  # the child is its subject too: read once, as the subject
        store, person_id=child, source="police", participants=((as_police, "witness"),)
    )
    for agencies in (None, frozenset({"police"}), frozenset({"health"})):
        with store.connect() as conn:
            one = read_records(conn, ids, agencies)
            two = read_subject_records(conn, ids, agencies)
            two += read_participant_records(conn, ids, {r.event_id for r in two}, agencies)
        assert sorted(one, key=lambda r: r.event_id) == sorted(two, key=lambda r: r.event_id)
    assert {(r.event_type, r.role) for r in one} == {("health.ed_attendance", "subject")}
    with store.connect() as conn:
        roles = sorted((r.event_type, r.role) for r in read_records(conn, ids))
    assert roles == [
        ("health.ed_attendance", "subject"),
        ("police.domestic_abuse_incident", "victim"),
        ("police.incident", "subject"),
        ("police.incident", "subject"),
    ]
