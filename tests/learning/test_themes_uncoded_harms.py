"""Harms the taxonomy has no code of its own for, and the wordings read from heldout30-33's
theme errors (eleventh session, second round; docs/learning-taxonomy.md, "Harms without a code
of their own"). All texts are synthetic."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    "text",
    [
        "The family's so-called honour-based abuse of the girl was not explored.",
        "Practitioners should use the honour-based violence checklist when a pupil is controlled.",
    ],
)
def test_should_read_honour_based_abuse_as_culture_not_domestic_abuse(text: str) -> None:
    themes = lexical_themes(text)
    assert "identity_culture" in themes
    assert "domestic_abuse" not in themes


def test_should_still_read_forced_marriage_named_as_domestic_abuse_as_both() -> None:
    themes = lexical_themes("A forced marriage is one form of domestic abuse.")
    assert {"identity_culture", "domestic_abuse"} <= themes


def test_should_read_perplexing_presentations_as_health_not_physical_abuse() -> None:
    themes = lexical_themes(
        "Paediatricians did not apply the guidance on perplexing presentations."
    )
    assert "health" in themes
    assert "physical_abuse" not in themes


@pytest.mark.parametrize(
    "text",
    [
        "Doctors asked whether her carer had induced symptoms in the boy.",
        "The girl underwent medically unnecessary investigations for three years.",
    ],
)
def test_should_read_the_medical_harm_of_fabricated_illness_as_physical_abuse(text: str) -> None:
    assert "physical_abuse" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Any young person who arrives at hospital with a knife or penetrating injury is referred.",
        "He came to the walk-in centre with a stab wound and left before he was seen.",
        "The boy was injured in a stabbing near the park.",
    ],
)
def test_should_not_read_a_knife_wound_as_physical_abuse(text: str) -> None:
    assert "physical_abuse" not in lexical_themes(text)


def test_should_still_read_an_injury_to_a_baby_as_physical_abuse() -> None:
    assert "physical_abuse" in lexical_themes("A small injury to the baby's ear was not explained.")


@pytest.mark.parametrize(
    "text",
    [
        "She told her tutor she didn't want to be here any more.",
        "A boy saying he does not want to be alive needs a plan that day.",
        "Ask children directly whether they have thought about hurting themselves.",
    ],
)
def test_should_read_suicidal_thoughts_said_without_the_words_as_self_harm(text: str) -> None:
    assert "self_harm_suicide" in lexical_themes(text)


def test_should_not_read_not_wanting_to_live_with_a_parent_as_suicide() -> None:
    assert "self_harm_suicide" not in lexical_themes("She did not want to live with her aunt.")


@pytest.mark.parametrize(
    "text",
    [
        "Workers should see the young person on their own at every visit.",
        "Her brother interpreting stopped her speaking freely.",
        "The mentor talked to him about his worries each week.",
        "How do you keep the baby at the centre of a busy home visit?",
    ],
)
def test_should_read_seeing_and_hearing_the_child_as_voice(text: str) -> None:
    assert "voice_of_child" in lexical_themes(text)


def test_should_not_read_a_childs_needs_at_the_centre_as_voice() -> None:
    assert "voice_of_child" not in lexical_themes("Plans keep the child's needs at the centre.")


@pytest.mark.parametrize(
    "text",
    [
        "Until an age assessment is done, a boy who says he is 16 is placed as a child.",
        "While her age was disputed she was housed with adults.",
        "He waited a year for the neurodevelopmental pathway.",
        "Do you check what a child who communicates differently is telling you?",
    ],
)
def test_should_read_disputed_age_and_neurodiversity_as_identity(text: str) -> None:
    assert "identity_culture" in lexical_themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Her new boyfriend has a bad temper, she told the nurse.", "domestic_abuse"),
        ("The family was not stepped up to social care when things got worse.", "escalation"),
        ("The girl said she felt like a burden to everyone.", "mental_health_child"),
        ("The father asked for practical support with the children's bedtimes.", "early_help"),
        ("The agencies each assumed that another was visiting the boy.", "multi_agency"),
        ("Records of the fights did not pass to her secondary school.", "multi_agency"),
        ("The safety plan has to travel with the child when she moves.", "multi_agency"),
    ],
)
def test_should_read_paraphrases_from_heldout30_33(text: str, theme: str) -> None:
    assert theme in lexical_themes(text)


def test_should_not_read_moving_up_and_down_between_services_as_escalation() -> None:
    text = "The children were stepped up and down between services four times."
    assert "escalation" not in lexical_themes(text)
