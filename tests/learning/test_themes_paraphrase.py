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


def test_should_read_how_a_child_tells_or_shows_as_their_voice():
    assert "voice_of_child" in lexical_themes("Write down exactly what a child says.")
    assert "voice_of_child" in lexical_themes("Children rarely told anyone at home.")
    assert "voice_of_child" in lexical_themes("Spend time alone with the child each visit.")
    assert "voice_of_child" in lexical_themes("Babies show, rather than tell, their distress.")
    assert "voice_of_child" not in lexical_themes("The mother told the GP she was tired.")


def test_should_read_disability_race_and_language_without_their_names():
    assert "identity_culture" in lexical_themes("The wheelchair no longer fitted her.")
    assert "identity_culture" in lexical_themes("He did not use speech to communicate.")
    assert "identity_culture" in lexical_themes("Black boys were seen as older than they were.")
    assert "identity_culture" in lexical_themes("The parents spoke little English.")
    assert "identity_culture" not in lexical_themes("He had a black eye at school.")


def test_should_read_not_asking_and_accepting_explanations_as_assessment():
    assert "assessment" in lexical_themes("The nurse did not ask why the baby was hurt.")
    assert "assessment" in lexical_themes("Staff accepted the mother's explanation every time.")
    assert "assessment" in lexical_themes("No agency asked who else lived there.")
    assert "assessment" not in lexical_themes("He asked why the meeting was late.")


def test_should_read_money_and_living_conditions_as_poverty_and_housing():
    assert "poverty" in lexical_themes("Money was tight every month.")
    assert "poverty" in lexical_themes("They could not afford to heat the flat.")
    assert "housing" in lexical_themes("The family lived in a hotel for a year.")
    assert "housing" in lexical_themes("He was placed sixty miles from home.")
    assert "housing" in lexical_themes("Advice must fit the living conditions.")


def test_should_read_threats_and_a_parents_overdoses_as_family_harm():
    assert "domestic_abuse" in lexical_themes("The father's threats frightened the children.")
    assert "domestic_abuse" in lexical_themes("Police attended arguments between the parents.")
    assert "parental_mental_health" in lexical_themes("Her mother's overdoses were not linked.")
    assert "parental_mental_health" in lexical_themes("Perinatal mental illness was missed.")


def test_should_read_exploitation_paraphrases_and_not_read_the_exploiters_as_fathers():
    found = lexical_themes("She was said to be in a relationship with men in their twenties.")
    assert "sexual_exploitation" in found and "fathers_men" not in found
    assert "criminal_exploitation" in lexical_themes("He was found with drugs and cash.")
    assert "criminal_exploitation" in lexical_themes("He was being used by others to sell.")
    assert "missing" in lexical_themes("Her disappearances were put down to friends.")


def test_should_read_paraphrases_of_history_risk_and_schooling():
    assert "chronologies" in lexical_themes("Ask for records of any earlier concerns.")
    assert "chronologies" in lexical_themes("Read the child's history before closing.")
    assert "risk_assessment" in lexical_themes("The risk rises when routines change.")
    assert "risk_assessment" in lexical_themes("Nobody knew how dangerous he was.")
    assert "education" in lexical_themes("He was on a reduced timetable for months.")
    assert "self_harm_suicide" in lexical_themes("Two had hurt themselves last year.")
    assert "escalation" in lexical_themes("She did not know how to challenge the decision.")


def test_should_read_a_parents_medication_and_the_protection_plan_without_their_names():
    assert "parental_mental_health" in lexical_themes("Mum stopped taking her medication.")
    assert "child_protection_plans" in lexical_themes("The protection plan ended too soon.")


def test_should_read_asking_a_child_and_hearing_their_views_as_their_voice():
    assert "voice_of_child" in lexical_themes("Ask the child what home is like.")
    assert "voice_of_child" in lexical_themes("Children may send their views in writing.")
    assert "voice_of_child" in lexical_themes("When children did tell, it was to a teacher.")


def test_should_read_placements_far_from_home_and_earlier_referrals():
    found = lexical_themes("Placing her far from home cut her off from friends.")
    assert {"looked_after", "housing"} <= found
    assert "looked_after" in lexical_themes("Every child placed outside the county was visited.")
    assert "chronologies" in lexical_themes("Each referral was treated as a fresh start.")
    assert "chronologies" in lexical_themes("The family had been referred before.")


def test_should_read_who_lives_in_the_home_and_checking_backgrounds():
    assert "fathers_men" in lexical_themes("Always ask who lives in the home.")
    assert "assessment" in lexical_themes("Nobody checked his background.")
    assert "workforce" in lexical_themes("Several had four or more social workers.")
    assert "criminal_exploitation" in lexical_themes("Older boys were moving him around.")


def test_should_read_officers_attending_as_police_but_not_other_officers():
    assert "police" in lexical_themes("When officers attended, the father was present.")
    assert "police" not in lexical_themes("Housing officers should visit within a week.")
