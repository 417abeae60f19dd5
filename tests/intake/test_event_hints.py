import pytest

from fullpicture.intake.event_hints import guess_event_type
from fullpicture.vocabulary import EVENT_TYPES, Agency


@pytest.mark.parametrize(
    ("text", "agency", "expected"),
    [
        ("MFH", Agency.POLICE, "police.missing_start"),
        ("Missing from home - returned", Agency.POLICE, "police.missing_end"),
        ("Missing episode ended", Agency.POLICE, "police.missing_end"),
        (
            "Return home interview declined",
            Agency.PARTNERSHIP,
            "partnership.return_interview_declined",
        ),
        ("RHI offered", Agency.PARTNERSHIP, "partnership.return_interview_offered"),
        ("DNA", Agency.HEALTH, "health.was_not_brought"),
        ("A&E attendance", Agency.HEALTH, "health.ed_attendance"),
        ("DA01", Agency.POLICE, "police.domestic_abuse_incident"),
        ("Strat disc", Agency.SOCIAL_CARE, "social_care.strategy_discussion"),
        ("ICPC", Agency.SOCIAL_CARE, "social_care.initial_conference"),
        ("CP plan ended", Agency.SOCIAL_CARE, "social_care.cp_plan_end"),
        ("Fixed term exclusion", Agency.EDUCATION, "education.exclusion"),
        ("Referral", Agency.CAMHS, "camhs.referral"),
        ("Referral", Agency.SOCIAL_CARE, "social_care.referral"),
        ("Welfare concern", Agency.EDUCATION, "education.concern"),
        ("social_care.lac_review", Agency.HEALTH, "social_care.lac_review"),
    ],
)
def test_should_read_an_agencys_own_words_as_a_vocabulary_event(text, agency, expected):
    assert guess_event_type(text, agency) == expected


@pytest.mark.parametrize("text", ["Education", "Endangered species", "Theft", ""])
def test_should_not_place_words_that_name_no_event(text):
    # Short codes must be whole words: "ed" is not "education", "end" is not "endangered".
    assert guess_event_type(text, Agency.SOCIAL_CARE) is None


def test_should_only_suggest_event_types_of_the_vocabulary():
    from fullpicture.intake.event_hints import _HINTS

    assert {hint.event_type for hint in _HINTS} <= set(EVENT_TYPES)
