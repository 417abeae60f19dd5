"""Theme phrase families written the way practitioners write (sixth session): ages in words,
information passing between agencies, the child's voice without the word "voice", young
children, sexual extortion, and the bare word "exploitation" read as the review's."""

import pytest

from fullpicture.learning.documents import Block
from fullpicture.learning.extract import extract_items, review_context
from fullpicture.learning.review_themes import resolve_bare_abuse, resolve_exploitation
from fullpicture.learning.sections import place_blocks
from fullpicture.learning.themes import generic_exploitation, lexical_themes


@pytest.mark.parametrize(
    "text",
    [
        "She was fifteen when the referral was made.",
        "Every homeless sixteen or seventeen year old should be assessed.",
        "A risk tool adapted for victims under eighteen.",
        "Practitioners saw him as a young adult making choices.",
        "Training on adultification of Black boys.",
    ],
)
def test_should_read_a_teenagers_age_in_words_as_adolescence(text: str):
    assert "adolescents" in lexical_themes(text)


def test_should_not_read_the_mental_health_services_name_as_adolescence():
    found = lexical_themes("He was referred to the child and adolescent mental health service.")
    assert "adolescents" not in found
    assert "mental_health_child" in found
    assert "adolescents" in lexical_themes("Adolescents were rarely asked.")
    assert "adolescents" not in lexical_themes("The older children's attendance fell.")


@pytest.mark.parametrize(
    "text",
    [
        "The nursery was not told about the injunction.",
        "Nobody told the school that the boy had been in hospital.",
        "The ward should tell the child's school, as well as the GP, after each admission.",
        "What the girl said in the interview did not reach her social worker.",
        "Each agency held part of what was known; pieces of the picture never met.",
        "The two services agreed a joint protocol for homeless teenagers.",
    ],
)
def test_should_read_information_passing_between_services_as_multi_agency(text: str):
    assert "multi_agency" in lexical_themes(text)


def test_should_not_read_telling_a_parent_as_multi_agency():
    assert "multi_agency" not in lexical_themes("The mother was told the outcome by letter.")


@pytest.mark.parametrize(
    "text",
    [
        "A child out of school must still be seen and heard by someone.",
        "Nobody spoke to the boy alone about the relationship.",
        "Drawing was her way of telling staff what was happening.",
        "When a child seems to be telling us something, give them time.",
        "Young people should know that they can talk to you.",
        "Children in care are asked to tell their story again and again.",
        "How would the girl describe an ordinary day at home?",
        "Record what has been done about the young person's wishes.",
    ],
)
def test_should_read_hearing_the_child_without_the_word_voice(text: str):
    assert "voice_of_child" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "There was a toddler in the flat.",
        "Bruising in very young children must always be explained.",
        "A travel cot scheme for families in hardship.",
        "The father was seen at the new birth visit.",
        "The six-to-eight-week review was missed.",
    ],
)
def test_should_read_young_children_and_their_care_as_babies(text: str):
    assert "babies" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reports of sexual extortion by strangers have risen.",
        "A boy who is being extorted may feel there is no way out.",
        "He told them he was being blackmailed with a photo.",
    ],
)
def test_should_read_sexual_extortion_as_sexual_exploitation(text: str):
    assert "sexual_exploitation" in lexical_themes(text)


def test_should_tell_a_bare_exploitation_from_a_named_one():
    assert generic_exploitation("The exploitation team's worker stayed with her.")
    assert not generic_exploitation("She was sexually exploited by older men.")
    assert not generic_exploitation("Exploitation through county lines grew.")
    assert not generic_exploitation("The worker stayed with her.")


def test_should_read_a_bare_exploitation_as_the_exploitation_the_review_names():
    texts = ["The girl was sexually exploited.", "Training about exploitation helped."]
    own = [lexical_themes(text) for text in texts]
    resolved = resolve_exploitation(own, texts, "Review: Child P", frozenset())
    assert "sexual_exploitation" in resolved[1]
    assert "criminal_exploitation" not in resolved[1]


def test_should_keep_a_bare_exploitation_criminal_where_the_review_names_criminal():
    texts = ["He carried drugs on county lines.", "Training about exploitation helped."]
    own = [lexical_themes(text) for text in texts]
    resolved = resolve_exploitation(own, texts, "Review: Child Q", frozenset())
    assert resolved[1] >= {"criminal_exploitation"}
    assert "sexual_exploitation" not in resolved[1]


def test_should_read_both_exploitations_where_the_review_names_both_equally():
    texts = ["She was groomed online.", "He ran a county line.", "Exploitation panels met."]
    own = [lexical_themes(text) for text in texts]
    resolved = resolve_exploitation(own, texts, "Thematic review", frozenset())
    assert {"sexual_exploitation", "criminal_exploitation"} <= resolved[2]


def test_should_resolve_exploitation_when_items_are_extracted():
    blocks = [
        Block("Practice review: sexual exploitation of Child K", heading=1),
        Block("Key learning", heading=2),
        Block("K was sexually exploited by men she met online."),
        Block("Training about exploitation changed how staff think."),
    ]
    title = "Practice review: sexual exploitation of Child K"
    items = extract_items(place_blocks(blocks), review_context(title, [], None, "Child K"))
    assert "sexual_exploitation" in items[1].themes
    assert "criminal_exploitation" not in items[1].themes


def test_should_read_a_risk_assessment_as_risk_not_as_assessment():
    assert lexical_themes("The risk assessment ignored the pattern.") == {"risk_assessment"}
    assert "assessment" in lexical_themes("The parenting assessment ignored the pattern.")
    assert "assessment" in lexical_themes("A risk assessment and a core assessment were done.")


def test_should_read_being_out_of_school_as_schooling_wherever_it_stands():
    assert "education" in lexical_themes("Nobody knew the girl was not in school.", None, 4)
    assert "education" in lexical_themes("He waited months for a school place.", None, 4)
    assert "education" not in lexical_themes("It was known to the GP and the school.", None, 4)


def test_should_read_child_in_need_plans_but_not_family_group_conferences_as_plans():
    assert "child_protection_plans" in lexical_themes("The child in need plan was closed.")
    assert "child_protection_plans" not in lexical_themes("A family group conference was held.")


def test_should_read_an_unnamed_abuse_as_the_abuse_the_review_is_about():
    texts = [
        "The mother's partner was violent towards her partner at home.",
        "Domestic abuse was recorded at each police visit.",
        "She told the nurse about the abuse months later.",
        "Training on recognising abuse.",
    ]
    own = [lexical_themes(text) for text in texts]
    resolved = resolve_bare_abuse(own, texts)
    assert "domestic_abuse" in resolved[2]
    assert "domestic_abuse" in resolved[3]


def test_should_not_read_an_unnamed_abuse_without_a_form_the_review_names_twice():
    texts = ["Domestic abuse was recorded once.", "She told the nurse about the abuse."]
    own = [lexical_themes(text) for text in texts]
    assert "domestic_abuse" not in resolve_bare_abuse(own, texts)[1]
    texts = ["Substance abuse was common.", "Drug abuse too.", "Alcohol abuse also."]
    own = [lexical_themes(text) for text in texts]
    assert all("domestic_abuse" not in themes for themes in resolve_bare_abuse(own, texts))


def test_should_read_maternity_and_practice_nurses_as_health_services():
    assert "health" in lexical_themes("The practice nurse saw the bruise at his immunisations.")
    assert "health" in lexical_themes("Maternity services should ask every father.", None, 4)
    assert "health" not in lexical_themes("He was not known to health services.", None, 4)
    assert "health" not in lexical_themes("Adult mental health services treated her.", None, 4)


def test_should_not_read_training_for_many_agencies_or_a_shared_bed_as_multi_agency():
    assert "multi_agency" not in lexical_themes("Add it to the multi-agency training on neglect.")
    assert "multi_agency" not in lexical_themes("Children were sharing a bed with a parent.")
    assert "multi_agency" not in lexical_themes("He was pressured into sharing images.")
    assert "multi_agency" in lexical_themes("Agencies were not sharing information.")


def test_should_not_read_a_service_something_is_known_or_reported_to_as_its_subject():
    assert "police" not in lexical_themes("He was known to the police for violence.", None, 4)
    assert "police" not in lexical_themes("Tell them to report to the police.", None, 4)
    assert "police" in lexical_themes("The police did not check the address.", None, 4)


@pytest.mark.parametrize(
    "text",
    [
        "The stepfather's version of events was accepted at every visit.",
        "The mark was accepted without question.",
        "What the parents said was taken at face value.",
        "Her claim to be sober was not tested.",
        "Ask a colleague to test your assumptions.",
        "How do you know whether it is true?",
        "No one contacted the father.",
        "Practitioners should ask why the family moved.",
        "Judge a family's progress by what changes for the baby.",
    ],
)
def test_should_read_accepting_what_parents_say_untested_as_assessment(text: str):
    assert "assessment" in lexical_themes(text)


def test_should_read_substitute_prescribing_as_substance_misuse_and_moving_a_family_as_housing():
    assert "substance_misuse" in lexical_themes("The mother was given take-home doses.")
    assert "substance_misuse" in lexical_themes("The recovery service did not tell the GP.")
    assert "housing" in lexical_themes("Moving the family did not remove the risk.")
    assert "housing" in lexical_themes("When I got my flat I felt on my own.")


def test_should_read_sending_and_telling_between_services_as_multi_agency():
    assert "multi_agency" in lexical_themes("The ward will send the summary to the social worker.")
    assert "multi_agency" in lexical_themes("Schools did not always tell the local authority.")
    assert "multi_agency" in lexical_themes("Had the mental health service been told?")
    assert "multi_agency" not in lexical_themes("She did not pass it on to her manager.")


def test_should_read_police_custody_and_not_rising_harm_or_shared_images_as_practice():
    assert "police" in lexical_themes("Custody staff should be told about a child's needs.")
    assert "police" in lexical_themes("He was held in custody overnight.")
    assert "escalation" not in lexical_themes("Repeated contact was a sign of escalating risk.")
    assert "escalation" in lexical_themes("Practitioners did not escalate their concerns.")
    assert "multi_agency" not in lexical_themes("The sharing of intimate images was not seen.")


def test_should_read_a_parents_mental_illness_and_the_adult_community_team():
    assert "parental_mental_health" in lexical_themes(
        "Where a parent has a long-term mental illness."
    )
    found = lexical_themes("The community mental health team knew the mother well.")
    assert "parental_mental_health" in found
    assert "mental_health_child" not in found


def test_should_read_risk_levels_and_checking_what_practitioners_are_told():
    assert "risk_assessment" in lexical_themes("The family was described as low risk.")
    assert "assessment" in lexical_themes("Check what you are told against what you see.")


def test_should_read_no_single_agency_and_the_network_around_a_child_as_multi_agency():
    assert "multi_agency" in lexical_themes("No single agency held the whole history.")
    assert "multi_agency" in lexical_themes("Keep the network around the teenager together.")
    assert "multi_agency" not in lexical_themes("Check with the police where there is a concern.")
