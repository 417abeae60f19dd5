"""Phrase families the theme rules read beyond their literal words, and the words they must
not over-read."""

from fullpicture.learning.themes import lexical_themes


def test_should_not_read_drugs_a_child_is_made_to_carry_as_substance_misuse():
    found = lexical_themes("P was arrested for carrying drugs and for drug supply.")
    assert "criminal_exploitation" in found
    assert "substance_misuse" not in found
    assert "substance_misuse" in lexical_themes("The mother's drugs and alcohol use grew.")


def test_should_not_read_a_parent_looking_after_the_child_as_care():
    assert "looked_after" not in lexical_themes("The father looked after L most days.")
    assert "looked_after" not in lexical_themes("She looked after him alone.")
    assert "looked_after" in lexical_themes("Looked after children moved placement often.")


def test_should_not_read_young_person_as_the_adolescents_theme():
    assert "adolescents" not in lexical_themes("The young person was seen at hospital.")
    assert "adolescents" in lexical_themes("A teenager who has money may be working for someone.")


def test_should_read_paraphrases_of_common_themes():
    assert "missing" in lexical_themes("Return home conversations happened late.")
    assert "domestic_abuse" in lexical_themes("Children living with violence at home are victims.")
    assert "parental_mental_health" in lexical_themes("The unwell parent was also controlled.")
    assert "workforce" in lexical_themes("The Board should train staff in all agencies.")
    assert "escalation" in lexical_themes("It was not passed to the designated officer.")
    assert "voice_of_child" in lexical_themes("Young people said they repeated their story.")


def test_should_keep_adult_and_perinatal_mental_health_services_for_the_parent():
    assert "mental_health_child" in lexical_themes(
        "She was turned down by the mental health service."
    )
    found = lexical_themes("Perinatal mental health services were rarely involved.")
    assert "mental_health_child" not in found
    assert "mental_health_child" not in lexical_themes("Adult mental health teams did not ask.")


def test_should_read_a_phrase_whose_last_letter_is_optional_in_both_forms():
    assert "criminal_exploitation" in lexical_themes("He was found with a weapon.")
    assert "criminal_exploitation" in lexical_themes("He was found with weapons.")
    assert "risk_assessment" in lexical_themes("Risk was assessed at single points in time.")


def test_should_give_a_service_its_theme_only_as_a_subject_when_asked():
    known = "The partner's drinking was known to his GP but not to the professionals."
    assert "health" in lexical_themes(known)
    assert "health" not in lexical_themes(known, subject_window=4)
    notified = "Police notifications of domestic abuse reached schools in a third of cases."
    found = lexical_themes(notified, subject_window=4)
    assert "police" in found and "education" not in found
    assert "health" in lexical_themes("The hospital will refer every child.", subject_window=4)


def test_should_read_statutory_processes_and_named_services_as_their_themes():
    assert "domestic_abuse" in lexical_themes("Operation Encompass notices reached the school.")
    assert "child_protection_plans" in lexical_themes("The ICPC was held late.")
    assert "looked_after" in lexical_themes("Her pathway plan was not updated.")
    assert "criminal_exploitation" in lexical_themes("An NRM referral was never made.")
    assert "poverty" in lexical_themes("Hardship made it harder to meet the children's needs.")
    assert "housing" in lexical_themes("The flat was overcrowded and damp.")
    assert "identity_culture" not in lexical_themes("The coordinator will send a summary.")


def test_should_read_a_plain_phrase_in_its_plural():
    assert "poverty" in lexical_themes("Three food banks had helped the family.")  # "food bank*"
    assert "housing" in lexical_themes("Both landlords evicted the family.")
    assert "domestic_abuse" in lexical_themes("Two MARACs discussed the mother.")


def test_should_read_men_in_the_household_and_violence_to_a_former_partner():
    assert "fathers_men" in lexical_themes("The man living in the home was not spoken to.")
    assert "fathers_men" in lexical_themes("Check any new adult joining a household.")
    found = lexical_themes("Nobody asked about his violence towards a previous partner.")
    assert "domestic_abuse" in found
    station = "The only time anyone talked to me was in the police station."
    assert "police" in lexical_themes(station, subject_window=4)
