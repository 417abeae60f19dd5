"""Theme decisions changed in round ten (heldout18-19's theme errors read, docs/learning-evaluation.md):
how a health process or a hospital department named in passing counts. All texts are
synthetic."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    "text",
    [
        "The nurse completed every review health assessment on time.",
        "The protocol asks for a paediatric assessment on the same day.",
        "The wait for a mental health assessment was eleven weeks.",
    ],
)
def test_should_not_read_a_health_or_paediatric_assessment_as_assessment(text: str) -> None:
    assert "assessment" not in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "The assessment did not consider the father's history.",
        "No risk to the younger sibling was assessed.",
        "A young carer's needs assessment was never offered.",
    ],
)
def test_should_still_read_other_assessments_as_assessment(text: str) -> None:
    assert "assessment" in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "The boy went to the emergency department three times with burns.",
        "Managers should add an alert to the emergency department system for repeat visits.",
    ],
)
def test_should_read_the_emergency_department_as_health_wherever_it_is_named(text: str) -> None:
    assert "health" in lexical_themes(text, subject_window=4)


def test_should_still_read_a_gp_named_as_an_object_as_no_health_service() -> None:
    text = "The worry about the boy's weight was known to his GP but nobody asked the family."
    assert "health" not in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "Partners should review the plan when a child on it leaves school.",
        "If a pupil left school tomorrow, who would you tell?",
        "A call to the previous head on the day a child started school helps.",
    ],
)
def test_should_read_leaving_or_starting_school_as_schooling(text: str) -> None:
    assert "education" in lexical_themes(text, subject_window=4)


def test_should_still_read_a_school_told_late_in_the_clause_as_no_schooling() -> None:
    text = "Notes of the visits by the duty worker were never sent on to the school."
    assert "education" not in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "Officers graded each call-out to the flat as standard risk.",
        "Notifications of the police callouts did not reach the nursery.",
    ],
)
def test_should_read_police_call_outs_to_the_home_as_domestic_abuse(text: str) -> None:
    assert "domestic_abuse" in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "The records arrived four months after the family had moved.",
        "Tell the new area in writing when a family moves.",
    ],
)
def test_should_read_a_family_moving_as_housing_and_moves(text: str) -> None:
    assert "housing" in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "The children moved between plans three times in a year.",
        "Once the family moved on from the crisis, the plan was closed.",
    ],
)
def test_should_not_read_other_moves_as_housing(text: str) -> None:
    assert "housing" not in lexical_themes(text, subject_window=4)
