from datetime import date

import pytest

from fullpicture.chronology import build_chronology, household_members
from fullpicture.chronology.households import merge_intervals
from fullpicture.chronology.model import EntryKind, MembershipInterval
from fullpicture.errors import NotFoundError
from tests.factories import (
    create_address,
    create_event,
    create_person,
    create_relationship,
    source_person_of,
)


@pytest.fixture
def sample_household(store):
    child = create_person(
        store, given_name="Mia", family_name="Okafor", sources=("social_care", "housing")
    )
    mother = create_person(
        store, given_name="Grace", family_name="Okafor", is_child=False, date_of_birth=date(1990, 1, 1),
        sources=("social_care", "housing"),
    )  # fmt: skip
    partner = create_person(
        store, given_name="Dean", family_name="Rowe", is_child=False, date_of_birth=date(1988, 1, 1),
        sources=("housing", "police"),
    )  # fmt: skip
    create_relationship(
        store,
        from_source_person_id=source_person_of(store, mother, "social_care"),
        to_source_person_id=source_person_of(store, child, "social_care"),
        kind="parent",
    )
    create_address(
        store,
        source_person_id=source_person_of(store, child, "housing"),
        start_date=date(2019, 1, 1),
    )
    create_address(
        store,
        source_person_id=source_person_of(store, partner, "housing"),
        postcode="LS1 4AB",
        line="12, MILL LANE",
        start_date=date(2021, 3, 1),
        end_date=date(2021, 9, 30),
    )
    return child, mother, partner


def test_should_find_members_from_relationships_and_shared_addresses(store, sample_household):
    child, mother, partner = sample_household
    members = {m.person_id: m for m in household_members(store, child)}
    assert set(members) == {mother, partner}
    assert members[mother].relationships == ("parent",)
    (interval,) = members[partner].intervals
    assert (interval.start, interval.end) == (date(2021, 3, 1), date(2021, 9, 30))
    assert "shared address" in interval.basis


def test_should_give_membership_on_a_day(store, sample_household):
    child, mother, partner = sample_household
    assert {m.person_id for m in household_members(store, child, on=date(2021, 6, 1))} == {
        mother,
        partner,
    }
    assert {m.person_id for m in household_members(store, child, on=date(2022, 6, 1))} == {mother}


def test_should_ignore_associates_and_other_addresses(store):
    child = create_person(store, sources=("police", "housing"))
    friend = create_person(
        store, given_name="Kai", family_name="Lund", sources=("police", "housing")
    )
    create_relationship(
        store,
        from_source_person_id=source_person_of(store, friend, "police"),
        to_source_person_id=source_person_of(store, child, "police"),
        kind="associate",
    )
    create_address(
        store, source_person_id=source_person_of(store, child, "housing"), line="1 High St"
    )
    create_address(
        store, source_person_id=source_person_of(store, friend, "housing"), line="2 High St"
    )
    assert household_members(store, child) == []


def test_should_raise_not_found_for_an_unknown_person(store):
    with pytest.raises(NotFoundError):
        household_members(store, "P404")


def test_should_merge_touching_periods_and_keep_every_basis():
    merged = merge_intervals(
        [
            MembershipInterval(date(2020, 1, 1), date(2020, 6, 30), "a"),
            MembershipInterval(date(2020, 7, 1), date(2020, 12, 31), "b"),
            MembershipInterval(date(2022, 1, 1), None, "c"),
        ]
    )
    assert merged == (
        MembershipInterval(date(2020, 1, 1), date(2020, 12, 31), "a; b"),
        MembershipInterval(date(2022, 1, 1), None, "c"),
    )


def test_should_include_member_events_only_while_they_lived_there(store, sample_household):
    child, _mother, partner = sample_household
    inside = create_event(store, person_id=partner, source="police", occurred_on=date(2021, 5, 1))
    outside = create_event(store, person_id=partner, source="police", occurred_on=date(2022, 5, 1))
    chronology = build_chronology(store, child, household=True)
    ids = {r.event_id for r in chronology.records}
    assert inside in ids and outside not in ids
    changes = [e.text for e in chronology.entries if e.kind == EntryKind.HOUSEHOLD]
    assert any(t.startswith("Dean Rowe joined the household") for t in changes)
    assert any(t.startswith("Dean Rowe left the household") for t in changes)
    assert {r.event_id for r in build_chronology(store, child).records} == set()
