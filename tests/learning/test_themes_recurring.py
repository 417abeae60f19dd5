"""Theme decisions changed in round nine (heldout16-17's theme errors read, docs/learning-evaluation.md):
causes that recur across independent authors rather than wordings of one document. All texts
are synthetic."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    "text",
    [
        "Audit of children whose parents live with parental mental ill health",
        "The father had a history of mental ill-health that no one asked about.",
    ],
)
def test_should_read_a_parents_mental_ill_health_as_parental_mental_health(text: str) -> None:
    assert "parental_mental_health" in lexical_themes(text)


def test_should_not_read_a_childs_own_mental_ill_health_as_the_parents() -> None:
    text = "The child's mental ill health was not assessed before the move."
    assert "parental_mental_health" not in lexical_themes(text)


def test_should_not_read_a_marac_as_a_child_protection_conference() -> None:
    text = "The case went to the multi-agency risk assessment conference twice."
    assert "child_protection_plans" not in lexical_themes(text)


def test_should_still_read_a_child_protection_conference_as_a_plan() -> None:
    assert "child_protection_plans" in lexical_themes("The initial conference was delayed.")


def test_should_read_a_school_nurse_as_health_not_schooling() -> None:
    found = lexical_themes("The school nurse recorded the disclosure carefully.")
    assert "health" in found
    assert "education" not in found


@pytest.mark.parametrize(
    "text",
    [
        "She said she was smacked when she was late home.",
        "A first account of being hit deserves a referral.",
        "The father said physical punishment was normal where he grew up.",
    ],
)
def test_should_read_hitting_a_child_as_physical_abuse(text: str) -> None:
    assert "physical_abuse" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The teaching assistant wrote down his exact words.",
        "Without an interpreter she could not speak about herself.",
    ],
)
def test_should_read_the_childs_words_in_paraphrase_as_the_childs_voice(text: str) -> None:
    assert "voice_of_child" in lexical_themes(text)
