from datetime import date

from fullpicture.chronology import list_people
from tests.factories import create_event, create_person, create_source_person


def test_should_list_people_with_agencies_and_counts(store):
    child = create_person(
        store, given_name="Isla", family_name="Moss", sources=("police", "health")
    )
    adult = create_person(
        store,
        given_name="Rob",
        family_name="Moss",
        is_child=False,
        date_of_birth=None,
        sources=("police",),
    )
    create_source_person(store, person_id=None, source="police")  # not linked: nobody's record yet
    create_event(store, person_id=child, source="police")
    create_event(store, person_id=child, source="health", event_type="health.ed_attendance")
    people = {p.person_id: p for p in list_people(store)}
    assert list(people) == [child, adult]
    assert people[child].agencies == ("health", "police")
    assert (people[child].records, people[child].events) == (2, 2)
    assert people[child].date_of_birth == date(2015, 3, 1)
    assert people[child].is_child is True
    assert people[adult].is_child is False
    assert people[adult].events == 0


def test_should_list_nobody_in_an_empty_store(store):
    assert list_people(store) == []


def test_should_leave_child_status_unknown_when_no_agency_recorded_it(store):
    from tests.factories import create_source_person

    pid = create_person(store, sources=())
    create_source_person(store, person_id=pid, source="police", is_child=None)
    (summary,) = list_people(store)
    assert summary.is_child is None
