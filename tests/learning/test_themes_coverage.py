"""General coverage of the phrase rules: compounds spelled with a hyphen, a space or neither,
and the coding frame's own vocabulary (Working Together 2023 definitions, the national panel's
and the triennial analyses' terms), each checked on a sentence written for the test."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The baby was non mobile when the bruise was seen.", "babies"),
        ("The parents were cosleeping with the baby on a sofa.", "babies"),
        ("A multiagency meeting was never held.", "multi_agency"),
        ("Practitioners did not see the self harm.", "self_harm_suicide"),
    ],
)
def test_should_match_a_hyphenated_phrase_written_with_a_space_or_closed_up(text, theme):
    assert theme in lexical_themes(text)


def test_should_keep_looked_after_a_person_apart_from_looked_after_children():
    assert "looked_after" not in lexical_themes("The father looked after L at weekends.")
    assert "looked_after" in lexical_themes("Looked-after children need stable homes.")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The children often went without food and warm clothing.", "neglect"),
        ("Nobody sought medical treatment for the infection.", "neglect"),
        ("Her mother had punched the child before.", "physical_abuse"),
        ("The doctor found bite marks on his arm.", "physical_abuse"),
        ("She was sexually assaulted by a relative.", "sexual_abuse"),
        ("He told his teacher that his uncle had touched him inappropriately.", "sexual_abuse"),
        ("He was told he was worthless and unloved.", "emotional_abuse"),
        ("Explicit images of her were shared at school.", "sexual_exploitation"),
        ("He was criminally exploited to pay off a drug debt.", "criminal_exploitation"),
        ("The police attended three domestic incidents.", "domestic_abuse"),
        ("Her father was an abusive partner who used economic abuse.", "domestic_abuse"),
        ("The father's deteriorating mental health was not known.", "parental_mental_health"),
        ("The mother had postnatal depression.", "parental_mental_health"),
        ("The father was an alcoholic and binge drinking was common.", "substance_misuse"),
        ("She had an opiate addiction.", "substance_misuse"),
        ("Kinship carers had no support.", "looked_after"),
        ("He arrived as an unaccompanied asylum-seeking child.", "looked_after"),
        ("She was in her early teens when it started.", "adolescents"),
        ("Safer sleep advice was not given.", "babies"),
        ("He did not return home after school.", "missing"),
        ("The child's perspective was missing from the plan.", "voice_of_child"),
        ("Direct work with the sibling did not happen.", "voice_of_child"),
        ("Agencies did not liaise before the conference.", "multi_agency"),
        ("Professionals worked together well once the plan was made.", "multi_agency"),
        ("Parenting capacity was not assessed.", "assessment"),
        ("Previous referrals were not read.", "chronologies"),
        ("No agency identified the risk factors.", "risk_assessment"),
        ("Practitioners should show healthy scepticism.", "escalation"),
        ("Her supervisor did not review the case.", "supervision"),
        ("Early intervention from the children's centre stopped.", "early_help"),
        ("The family were in rent arrears and had no recourse to public funds.", "poverty"),
        ("He was deaf and his mother needed a translator.", "identity_culture"),
        ("Racism she experienced at school was not recorded.", "identity_culture"),
        ("The mother's boyfriend moved in.", "fathers_men"),
        ("The GP knew about her self-injury.", "self_harm_suicide"),
        ("The headteacher and the SENCO met the family.", "education"),
        ("She waited a year for CYPMHS.", "mental_health_child"),
        ("Primary care records showed missed immunisations.", "health"),
        ("His offending escalated quickly.", "police"),
        ("The family were sofa surfing after the tenancy ended.", "housing"),
        ("Staffing shortages and inexperienced staff were found.", "workforce"),
        ("A child protection medical was not arranged.", "child_protection_plans"),
    ],
)
def test_should_read_the_coding_frames_own_vocabulary(text, theme):
    assert theme in lexical_themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The learning was translated into practice.", "identity_culture"),
        ("The case was closed prematurely.", "babies"),
        ("She runs line management for the team.", "criminal_exploitation"),
        ("Families with complex needs were offered help.", "identity_culture"),
        ("Practice follows Working Together to Safeguard Children.", "multi_agency"),
    ],
)
def test_should_not_read_a_common_word_as_the_frame_term_it_resembles(text, theme):
    assert theme not in lexical_themes(text)
