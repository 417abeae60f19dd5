"""The child's pseudonym, age and sex as reviews state them (synthetic text written for these
tests): names in titles, twins, ages of adults and age limits of groups, and documents about
many children."""

import pytest

from fullpicture.learning.metadata import (
    extract_metadata,
    find_age,
    find_agencies,
    find_pseudonym,
    find_sex,
)

_STORY = [
    "Tia lived with her mother and two brothers.",
    "The school noticed that Tia was often hungry and that Tia rarely had a coat.",
]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Local Child Safeguarding Practice Review in respect of Tia", "Tia"),
        ("Child Safeguarding Practice Review: Baby Tia", "Baby Tia"),
        ("Local Child Safeguarding Practice Review: Tia - report to the Executive Group", "Tia"),
        ("Learning Briefing for Foster Carers: Tia's Review", "Tia"),
        ("Review into death of eight-year-old Tia published", "Tia"),
    ],
)
def test_should_read_the_childs_name_from_the_forms_titles_give_it(title, name):
    assert find_pseudonym(_STORY, title) == name


def test_should_not_take_a_title_word_the_text_does_not_use_as_a_name():
    assert find_pseudonym(
        ["The review found gaps in housing."], "Learning from Housing's review"
    ) is (None)


def test_should_read_twins_as_the_reviews_children():
    assert find_pseudonym(["Twins A and B, then aged two, lived with their mother."]) == (
        "Twins A and B"
    )


def test_should_prefer_the_name_a_bulletins_case_title_gives_to_children_listed_above_it():
    lines = [
        "In this issue: Ollie; Child Z.",
        *(line.replace("Tia", "Ollie") for line in _STORY),
    ]
    assert find_pseudonym(lines, "Ollie: rapid review, July 2025") == "Ollie"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "In March 2023 Ms B, aged 44, was found dead. Her son Sam, then aged 13, lived with her.",
            "13 years",
        ),
        (
            "His sister, who was nineteen when he died, told the review. He was 12 years old.",
            "12 years",
        ),
        ("The review looked at babies under one year old. Baby P was 3 months old.", "3 months"),
        ("Three of the children were aged fourteen or over. Child J was aged 12.", "12 years"),
        ("Baby R was one year old when she was admitted.", "1 year"),
    ],
)
def test_should_leave_out_adults_ages_and_age_limits_and_write_one_without_a_plural(text, age):
    assert find_age(text) == age


@pytest.mark.parametrize(
    ("title", "line"),
    [
        (
            "Thematic review: babies harmed at home",
            "The review drew on the rapid review of Baby M, a four-month-old boy.",
        ),
        (
            "Multi-agency audit: children missing from home",
            "Casey, aged 14, said she was never asked why she ran away. She was 14 years old.",
        ),
    ],
)
def test_should_give_no_single_child_to_a_document_about_many_children(title, line):
    meta = extract_metadata(title, [title, line], [])
    assert (meta.child_pseudonym, meta.child_age, meta.child_sex) == (None, None, None)


@pytest.mark.parametrize(
    ("sentence", "agency"),
    [
        (
            "The domestic abuse service offered the mother a place in a refuge.",
            "domestic abuse service",
        ),
        ("An IDVA was allocated after the MARAC.", "domestic abuse service"),
        ("Her depression was known to adult services.", "adult social care"),
        ("She had a personal adviser from the leaving care service.", "leaving care service"),
    ],
)
def test_should_name_the_services_beside_the_statutory_agencies(sentence, agency):
    assert agency in find_agencies(sentence)


def test_should_not_take_domestic_abuse_itself_for_a_service():
    assert "domestic abuse service" not in find_agencies("There was domestic abuse at home.")


def test_should_not_take_a_word_of_a_newsletters_name_for_the_childs_name():
    lines = [
        "Welcome to Safeguarding Matters, our newsletter.",
        "Send your news to Safeguarding Matters by March.",
    ]
    assert find_pseudonym(lines, "Safeguarding Matters: spring edition") is None


def test_should_not_take_a_young_person_leaving_care_for_the_leaving_care_service():
    assert "leaving care service" not in find_agencies("The young man leaving care lost his flat.")


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        (
            "Baby P was seven weeks old when he was admitted. His mother said she was tired. "
            "She had told her sister she could not cope.",
            "male",
        ),
        ("This page is about a girl we call Mia. He said he would help.", "female"),
        (
            "The youngest, a boy of twenty months, was admitted. She and her partner said ...",
            "male",
        ),
    ],
)
def test_should_read_the_childs_sex_where_the_review_states_it(text, sex):
    assert find_sex(text) == sex


def test_should_read_an_age_given_as_a_boy_of_so_many_months():
    assert find_age("The youngest, a boy of twenty months, was admitted.") == "20 months"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Tom was three years and two months old when he was admitted.", "3 years"),
        ("She was 2 years 4 months old at the time.", "2 years"),
        ("Baby J was 11 weeks old.", "11 weeks"),
    ],
)
def test_should_read_years_and_months_as_the_years_not_the_months(text: str, age: str) -> None:
    # a toddler of three years and two months is not a baby of two months
    assert find_age(text) == age
