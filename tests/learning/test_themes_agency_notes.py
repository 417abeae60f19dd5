"""Theme wordings read from heldout24-29's theme errors (eleventh session): how agencies' notes
and long reports write about exploitation, adolescence, the child's voice, neglect, health
services and agencies working together. All wording here is synthetic."""

from __future__ import annotations

import pytest

from fullpicture.learning.extract import review_context
from fullpicture.learning.themes import assign_themes, lexical_themes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Over the summer he was made to carry drugs to a flat in another town.",
            "criminal_exploitation",
        ),
        ('Her file called it a "relationship" with a 31-year-old man.', "sexual_exploitation"),
        (
            "Keyworkers were trained to ask about hidden harm to the children of clients.",
            "substance_misuse",
        ),
        (
            "Every volunteer completes the safeguarding e-learning before a first visit.",
            "workforce",
        ),
    ],
)
def test_should_read_agencies_own_terms_for_the_theme(text: str, code: str):
    assert code in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officers described Reece as streetwise and able to look after himself.",
        "Notes said she was making choices about who she spent time with.",
        'Records said Mia was "choosing" to stay out with the group.',
        "He was seen as mature for his age and was not asked where the money came from.",
        "Staff called his absences a lifestyle choice.",
        "No service planned with her for the move towards adulthood.",
        "Support stopped the week he turned eighteen.",
    ],
)
def test_should_read_a_child_seen_as_older_than_their_age_as_adolescence(text: str):
    assert "adolescents" in assign_themes(text)


def test_should_not_read_a_child_missing_health_care_as_going_missing():
    assert "missing" not in assign_themes(
        "A baby who is not brought is a child missing health care."
    )
    assert "missing" in assign_themes("She went missing twice in a week.")


def test_should_not_read_a_child_in_need_meeting_as_a_child_protection_plan():
    assert "child_protection_plans" not in assign_themes(
        "The drug service was not told when the child in need meetings were held."
    )
    assert "child_protection_plans" in assign_themes("The child in need plan ended in May.")


@pytest.mark.parametrize(
    "text",
    [
        "The nursery, the dentist and the family centre each held part of the picture.",
        "The housing provider was not invited to core group meetings.",
    ],
)
def test_should_read_pieces_held_apart_and_agencies_left_out_as_multi_agency(text: str):
    assert "multi_agency" in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The mother was never seen alone at the clinic, so no routine enquiry was made.",
        "Health visitors should ask each woman about abuse at home when she is seen alone.",
    ],
)
def test_should_not_read_a_woman_seen_alone_as_the_childs_voice(text: str):
    assert "voice_of_child" not in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kacey was not seen alone during the assessment.",
        "What would the children say about their evenings at home?",
        "Do you know what the child thinks about the new partner?",
        "A child's behaviour is communication, and staff should ask what it means.",
        "Her teacher recorded her words the same morning.",
        "Ask a young child what their day is like from waking to bedtime.",
        "Have you seen the child on their own in the last month?",
    ],
)
def test_should_read_more_ways_of_hearing_the_child_as_the_childs_voice(text: str):
    assert "voice_of_child" in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "When the school receives a notification, a trusted adult checks in with the pupil.",
        "The notification was filed without any action being recorded.",
        "Pupils were frightened that the image would be shared with their friends.",
        "The four children were sharing a single room with their parents.",
    ],
)
def test_should_not_read_one_agencys_notice_or_things_shared_as_multi_agency(text: str):
    assert "multi_agency" not in assign_themes(text)


def test_should_still_read_a_notification_not_sent_as_multi_agency():
    assert "multi_agency" in assign_themes("No notification was sent to the school after the call.")


@pytest.mark.parametrize(
    "text",
    [
        "Workers judged the family by the state of the house on the day of each visit.",
        "The officers photographed the conditions in the flat.",
        "The grandmother's hoarding filled every room.",
        "The children's beds had no bedding.",
    ],
)
def test_should_read_the_home_as_neglect(text: str):
    assert "neglect" in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The crisis team saw the father twice in one week.",
        "A late booking in pregnancy is a sign to explore.",
        "The mental health trust will review its discharge letters.",
        "CYPMHS should tell referrers who is responsible while a child waits.",
        "No one asked about the children's health needs.",
        "Her care coordinator knew about the pregnancy.",
    ],
)
def test_should_read_more_health_services_and_needs_as_health(text: str):
    assert "health" in assign_themes(text)


def test_should_read_education_named_among_other_agencies_as_agencies_working_together():
    found = lexical_themes("There was no process for telling health, education and social care.")
    assert "multi_agency" not in lexical_themes("(For: Department for Education and schools)")
    assert "multi_agency" in found
    assert not {"education", "health"} & found


def test_should_not_read_a_teacher_a_child_told_as_the_school_acting():
    assert "education" not in lexical_themes(
        'Sami told his teacher that "there is never any food".', subject_window=4
    )
    assert "education" in lexical_themes(
        "The teacher did not pass on what Sami said.", subject_window=4
    )


def test_should_not_take_care_from_a_long_reports_background_as_the_childs_status():
    story = "The family's story is told here in full. " * 60
    long_intro = [story, "After the incident his younger sister went into foster care."]
    assert not review_context("Practice Review: Child Q", long_intro, None).looked_after
    short_intro = ["Q had lived in foster care since he was eleven."]
    assert review_context("Practice Review: Child Q", short_intro, None).looked_after
