"""Paraphrase families written in the eighth session's second round (heldout14-15's theme
errors read, docs/learning-evaluation.md): how practitioners write about health services, the child's
voice, disability and communication, the workforce, domestic abuse, neglect and agencies
working together without the theme's own words. Each family was kept only where it fired
wrongly on no split's gold. All texts are synthetic."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Health providers should follow up every child not brought.", "health"),
        ("Her health care plan was never sent to the new school.", "health"),
        ("Two attendances for self-harm in a month went unremarked.", "health"),
        ("The eczema clinic discharged him after one visit.", "health"),
        ("Her mother was in hospital for a fortnight.", "health"),
        ("Nobody helped him to tell anyone what was happening.", "voice_of_child"),
        ("No one asked her who she was with that night.", "voice_of_child"),
        ("Record the things children say, in their words.", "voice_of_child"),
        ("Plans should put the young person's own views first.", "voice_of_child"),
        (
            "Workers did not learn how a girl with communication needs showed pain.",
            "identity_culture",
        ),
        ("He used a picture board at school but not at home.", "identity_culture"),
        ("A child who does not use words still tells us things.", "identity_culture"),
        ("The service ran workshops on the new procedure.", "workforce"),
        ("Every time a social worker left, she had to start her story again.", "workforce"),
        ("Staff had no reflective space after difficult shifts.", "workforce"),
        ("The referral mentioned arguments at home late at night.", "domestic_abuse"),
        ("Assessments should include the person causing harm.", "domestic_abuse"),
        ('"I make my own tea most days."', "neglect"),
        ("The two services each waited for the other to act.", "multi_agency"),
        ("Nobody coordinated the plan across the three teams.", "multi_agency"),
        ("Her records did not follow her to the new area.", "multi_agency"),
        ("The school should agree with the clinic how concerns are passed on.", "multi_agency"),
        ("Use the graded care profile when the home worries you.", "assessment"),
        ("Check the risk posed by the new partner before the plan ends.", "risk_assessment"),
        ("A boy arrested for a supply offence is a possible victim.", "criminal_exploitation"),
        ("The placing authority did not visit the home for a year.", "looked_after"),
        ("Disabled children living away from home were rarely seen alone.", "looked_after"),
    ],
)
def test_should_read_a_theme_written_in_practitioners_words(text: str, theme: str) -> None:
    assert theme in lexical_themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Adult mental health staff completed the course.", "health"),
        ("She could not speak to her teacher about it.", "identity_culture"),
    ],
)
def test_should_not_read_a_theme_from_a_near_miss(text: str, theme: str) -> None:
    assert theme not in lexical_themes(text)
