"""Theme phrases for how agencies write (tenth session, heldout24-27 theme errors read).

All wording is synthetic: written for these tests, with fictional names.
"""

import pytest

from fullpicture.learning.themes import assign_themes


@pytest.mark.parametrize(
    "text",
    [
        "The ICB will publish a revised policy this spring.",
        "Medication reviews at the surgery did not ask who the patient looked after.",
        "At the booking antenatal appointment nobody asked about the partner.",
        "Routine enquiry about abuse at home was made only at the first contact.",
        "The specialist health team held no regular space to talk through unclear worries.",
    ],
)
def test_should_read_health_services_in_their_own_wording(text: str):
    assert "health" in assign_themes(text)


def test_should_not_read_a_mental_health_team_as_the_health_service_phrase():
    assert "health" not in assign_themes("The community mental health team closed the case.")


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Q's low mood was noted by the midwife and not passed on.",
        "Low mood after the birth went unremarked at the six-week check.",
        "Her antidepressants ran out when she changed surgery.",
    ],
)
def test_should_read_a_parents_low_mood_and_medicines_as_parental_mental_health(text: str):
    assert "parental_mental_health" in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Workers recorded his links to older boys near the shops but made no plan.",
        "Harm from people outside the family needs a plan; so does risk from others.",
        "The youth team now writes a contextual safety plan for every such child.",
        "Long empty afternoons leave a child open to adults who want to exploit him.",
    ],
)
def test_should_read_harm_from_outside_the_family_as_criminal_exploitation(text: str):
    assert "criminal_exploitation" in assign_themes(text)


def test_should_not_read_contextual_safeguarding_training_as_exploitation():
    themes = assign_themes("Offer contextual safeguarding training to reception staff.")
    assert "criminal_exploitation" not in themes


def test_should_not_read_a_fathers_own_history_as_the_cases_history():
    themes = assign_themes("Mr D came to the clinic but was never asked about his own history.")
    assert "chronologies" not in themes


def test_should_still_read_the_cases_history_as_chronologies():
    assert "chronologies" in assign_themes("Start every new assessment from the history.")


@pytest.mark.parametrize(
    "text",
    [
        "Who else lives at the flat, and who looks after the toddler at night?",
        "Ask who else helps you look after the twins when you are at work.",
    ],
)
def test_should_read_who_else_lives_there_as_the_household_not_agencies(text: str):
    themes = assign_themes(text)
    assert "fathers_men" in themes
    assert "multi_agency" not in themes


def test_should_still_read_who_else_needs_to_know_as_agencies_working_together():
    assert "multi_agency" in assign_themes("Who else needs to know what the boy told you?")


@pytest.mark.parametrize(
    "text",
    [
        "Assessments should set out the child's day from waking to bedtime.",
        "Officers should speak to every child at the address, away from the adults.",
        "Their views about moving schools were never written down.",
        "Record how the children seemed that night.",
    ],
)
def test_should_read_the_childs_day_and_words_as_the_childs_voice(text: str):
    assert "voice_of_child" in assign_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Is the plan changing the child's day-to-day care?",
        "The nurse spoke to the child's grandmother on the phone.",
    ],
)
def test_should_not_read_day_to_day_care_or_a_relatives_call_as_the_childs_voice(text: str):
    assert "voice_of_child" not in assign_themes(text)


def test_should_not_read_a_strategy_discussion_alone_as_a_child_protection_plan():
    themes = assign_themes("The strategy discussion about Kit was held a week late.")
    assert "multi_agency" in themes
    assert "child_protection_plans" not in themes


def test_should_still_read_a_strategy_discussion_leading_to_a_conference_as_one():
    themes = assign_themes("The strategy discussion led to a child protection conference.")
    assert "child_protection_plans" in themes


@pytest.mark.parametrize(
    "text",
    [
        "Toby was not brought to five appointments in a year.",
        "Adopt the was-not-brought policy in every surgery.",
    ],
)
def test_should_read_a_child_not_brought_to_appointments_as_health_care(text: str):
    assert {"health", "neglect"} <= set(assign_themes(text))


@pytest.mark.parametrize(
    "text",
    [
        "What the youth worker knew was not brought to a multi-agency meeting.",
        "The separate worries were not brought together by anyone.",
        "The concern was not brought to the attention of the team manager.",
    ],
)
def test_should_not_read_information_not_brought_forward_as_a_child_not_brought(text: str):
    assert "neglect" not in assign_themes(text)
