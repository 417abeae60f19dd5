from datetime import date

from fullpicture.chronology.anonymise import Anonymiser
from fullpicture.chronology.model import NamedPerson


def create_named(key, names, *, is_child=True, subject=False, born=None):
    return NamedPerson(key, names[0], is_child, born, tuple(names), is_subject=subject)


def test_should_give_stable_pseudonyms_by_role_and_age():
    people = [
        create_named("P3", ["Tom Hale"], is_child=False),
        create_named("P2", ["Zoe Hale"], born=date(2016, 1, 1)),
        create_named("P1", ["Amy Hale"], subject=True, born=date(2014, 1, 1)),
        create_named("P4", ["Kit Hale"], born=date(2012, 1, 1)),
    ]
    names = Anonymiser(people).pseudonyms
    assert names == {"P1": "Child A", "P4": "Child B", "P2": "Child C", "P3": "Adult 1"}


def test_should_replace_full_names_single_names_and_shared_surnames():
    hide = Anonymiser(
        [
            create_named("P1", ["Amy Hale", "Amy", "Hale", "Ames"], subject=True),
            create_named("P2", ["Tom Hale"], is_child=False),
        ]
    ).apply
    assert hide("AMY HALE told Tom that Ames is fine; Mr Hale left.") == (
        "Child A told Adult 1 that Child A is fine; Mr [name] left."
    )


def test_should_match_names_at_letter_edges_only():
    hide = Anonymiser([create_named("P1", ["Ann Orr"], subject=True)]).apply
    assert (
        hide("Annual review: Ann_notes.csv, ann2, Orrery")
        == "Annual review: Child A_notes.csv, Child A2, Orrery"
    )


def test_should_leave_text_without_names_alone():
    assert Anonymiser([]).apply("No names here") == "No names here"
