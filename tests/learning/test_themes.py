"""Theme rules: phrases, agencies named as participants, and ambiguous words resolved."""

from fullpicture.learning.themes import assign_themes, lexical_themes, topic_themes


def test_should_match_a_phrase_with_an_optional_last_letter():
    assert "looked_after" in assign_themes("There were three emergency moves in a month.")
    assert "adolescents" in assign_themes("She spent her evenings with older peer groups.")


def test_should_read_a_list_of_agencies_as_multi_agency_working_not_their_services():
    themes = lexical_themes("What the police, the school and the GP knew was never put together.")
    assert "multi_agency" in themes
    assert not themes & {"police", "education", "health"}


def test_should_keep_an_agency_theme_when_the_agency_is_the_subject():
    themes = lexical_themes("The police arrested him twice without asking who sent him.")
    assert "police" in themes and "multi_agency" not in themes


def test_should_read_exploitation_as_sexual_when_nothing_says_criminal():
    themes = lexical_themes(
        "Sexual exploitation was missed: she was seen as choosing exploitation."
    )
    assert "sexual_exploitation" in themes and "criminal_exploitation" not in themes
    both = lexical_themes(
        "Sexual exploitation and exploitation through county lines were both missed."
    )
    assert {"sexual_exploitation", "criminal_exploitation"} <= both


def test_should_not_take_school_from_attendance_at_hospital():
    assert "education" not in assign_themes(
        "She attended the emergency department; each attendance was recorded."
    )
    assert "education" in assign_themes("His poor attendance was not followed up.")


def test_should_not_count_older_men_exploiting_a_girl_as_fathers():
    assert "fathers_men" not in assign_themes("She was seen with older men in cars.")
    assert "fathers_men" in assign_themes("The men living in the home were never spoken to.")


def test_should_keep_only_topic_themes_for_headings():
    assert topic_themes({"neglect", "assessment", "babies"}) == {"neglect", "babies"}


def test_should_keep_the_health_theme_for_a_list_of_health_staff_only():
    themes = lexical_themes("Health visitors and midwives did not share their worries.")
    assert {"health", "multi_agency"} <= themes


def test_should_tell_a_persons_history_from_the_case_history():
    assert "chronologies" not in assign_themes("His history of violence was not explored.")
    assert "chronologies" in assign_themes("Each referral was judged without the history.")


def test_should_not_read_every_mention_of_social_workers_as_a_workforce_problem():
    assert "workforce" not in assign_themes("Social workers should complete a chronology.")
    assert "workforce" in assign_themes("She had five social workers in two years.")


def test_should_need_a_parent_for_depression_to_be_parental_mental_health():
    assert "parental_mental_health" in assign_themes("The mother's depression was not known.")
    assert "parental_mental_health" not in assign_themes("Nobody asked how the day went.")


def test_should_read_self_harm_in_its_verb_forms():
    assert "self_harm_suicide" in assign_themes("She had cut herself for a year.")
    assert "self_harm_suicide" in assign_themes("Any child who has harmed themselves is seen.")


def test_should_count_a_strategy_discussion_as_agencies_working_together():
    # settled case (e), docs/learning-taxonomy.md: child protection plans only when the item
    # also names a section 47 enquiry, a conference, a plan or a medical
    themes = assign_themes("Health joined every strategy discussion.")
    assert "multi_agency" in themes
    assert "child_protection_plans" not in themes
