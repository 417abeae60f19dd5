"""Wordings read from heldout34-35's theme errors (eleventh session, third round;
docs/learning-taxonomy.md, "Wordings from heldout34-35's theme errors"): one service's staff
named together, children's services in a list of agencies, the household's adults, rising
risk and the child's day. All texts are synthetic."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    "text",
    [
        "Midwives and health visitors in Dunmere now talk through a sleep plan at every visit.",
        "The midwife and health visitor wrote only that the baby lived with her mum.",
        "From spring, midwives, health visitors and GPs will ask each mother about home life.",
    ],
)
def test_should_not_read_one_services_staff_as_agencies_working_together(text: str) -> None:
    themes = lexical_themes(text)
    assert "health" in themes
    assert "multi_agency" not in themes


def test_should_still_read_one_services_staff_beside_another_agency_as_working_together() -> None:
    themes = lexical_themes(
        "The police knew of his violence, but the midwife and the health visitor were never told."
    )
    assert "multi_agency" in themes


@pytest.mark.parametrize(
    "text",
    [
        "After the fall, the hospital, police and children's services met within the hour.",
        "The school and children's services met about the boy once a month.",
    ],
)
def test_should_read_childrens_services_as_one_agency_of_a_list(text: str) -> None:
    themes = lexical_themes(text)
    assert "multi_agency" in themes
    assert "police" not in themes
    assert "education" not in themes


@pytest.mark.parametrize(
    "text",
    [
        'Nobody spoke to him; the file called him only "mum\'s partner".',
        "Who is the man in this baby's life, and what has he told you about himself?",
        "Ask who lives at home and who helps with the little ones, and write it down.",
        "How do you learn about the adults who live with the children on your caseload?",
        "Services should see and assess the adult who causes harm, not only the mother.",
    ],
)
def test_should_read_the_households_adults_as_fathers_and_men(text: str) -> None:
    assert "fathers_men" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Each new overdose was a sign of rising risk, not a cry for attention.",
        "Controlling behaviour is a pattern, and the risk grows as it goes on.",
        "How would your service notice that a girl's cutting is becoming more serious?",
    ],
)
def test_should_read_risk_that_grows_as_risk_assessment(text: str) -> None:
    assert "risk_assessment" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "How would you find out what a typical morning is like for the twins?",
        "What would the children in that house say about weekends, if anyone asked?",
        "The words and drawings of pupils rarely reached the conference reports.",
        "A drawing she made in class showed her hiding behind the sofa.",
        "His own description of the shouting at night was never written down.",
        "The nurse speaks to the child alone before the parent comes in.",
    ],
)
def test_should_read_the_childs_day_and_drawings_as_the_childs_voice(text: str) -> None:
    assert "voice_of_child" in lexical_themes(text)


def test_should_not_read_drawing_on_a_review_as_the_childs_voice() -> None:
    themes = lexical_themes("The partnership wrote new guidance, drawing on this review.")
    assert "voice_of_child" not in themes


def test_should_not_read_a_drug_and_alcohol_service_as_health() -> None:
    # settled in docs/learning-taxonomy.md: adult drug and alcohol (treatment, recovery)
    # services are the parent's substance misuse, not the health service (49 of 59 gold items)
    themes = lexical_themes(
        "The adult drug and alcohol service closed the father's case after two missed visits."
    )
    assert "substance_misuse" in themes
    assert "health" not in themes


@pytest.mark.parametrize(
    "text",
    [
        "The board should send its new escalation guide to every early years setting.",
        "Early years practitioners: note each unexplained mark and tell your lead that day.",
    ],
)
def test_should_read_early_years_settings_as_education(text: str) -> None:
    # settled case (k): learning addressed to early years settings is education
    assert "education" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        'She told the nurse she was "a burden on everyone" and nobody asked more.',
        'He said he "did not want to be a burden" to his gran any more.',
    ],
)
def test_should_read_a_child_feeling_a_burden_in_quotes_as_their_mental_health(text: str) -> None:
    assert "mental_health_child" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Add an alert to the family's record on the practice system.",
        "Any member of the practice team who hears a disclosure should log it the same day.",
        "All patient-facing staff now complete the exploitation module.",
        "Ask about the household when registering new patients.",
    ],
)
def test_should_read_a_general_practice_as_health(text: str) -> None:
    assert "health" in lexical_themes(text)
