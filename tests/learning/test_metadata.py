"""Review metadata."""

from datetime import date

from fullpicture.learning.metadata import detect_type, extract_metadata, find_age


def test_should_read_the_review_metadata():
    meta = extract_metadata(
        "Child Safeguarding Practice Review: Child T",
        ["Child T was a 15-year-old girl; she lived in a children's home.", "Police and CAMHS."],
        ["Northmere Safeguarding Children Partnership", "Published: 14 March 2023"],
    )
    assert meta.partnership == "Northmere Safeguarding Children Partnership"
    assert meta.review_date == date(2023, 3, 14) and meta.year == 2023
    assert meta.review_type == "child_safeguarding_practice_review"
    assert (meta.child_pseudonym, meta.child_age, meta.child_sex) == (
        "Child T",
        "15 years",
        "female",
    )
    assert {"police", "CAMHS"} <= set(meta.agencies)


def test_should_prefer_the_most_specific_review_type():
    assert detect_type("A SCIE Learning Together review of a serious case") == "learning_together"
    assert detect_type("7 minute briefing") == "bulletin"
    assert detect_type("Minutes of a meeting") is None


def test_should_read_ages_in_months():
    assert find_age("Baby K was 4 months old") == "4 months"


def test_should_read_a_document_drawing_on_several_reviews_as_a_thematic_analysis():
    from fullpicture.learning.metadata import detect_type

    assert detect_type("Neglect and hardship: learning from five local reviews") == (
        "thematic_analysis"
    )
    assert detect_type("Learning from reviews: neglect briefing") == "bulletin"
    assert detect_type("Local review: Child K") == "rapid_review"


def test_should_take_the_latest_year_named_when_no_date_is_written_out():
    from fullpicture.learning.metadata import extract_metadata

    meta = extract_metadata(
        "Learning event",
        ["We looked again at reviews published between 2019 and 2022."],
        [],
    )
    assert meta.year == 2022 and meta.review_date is None


def test_should_read_a_multi_agency_case_file_audit():
    assert detect_type("Multi-agency case file audit: neglect") == "multi_agency_audit"


def test_should_read_a_national_panels_briefing_as_a_national_analysis():
    meta = extract_metadata(
        "Briefing: sexual abuse within the family",
        ["National Safeguarding Learning Panel", "Published 3 December 2024"],
        [],
    )
    assert meta.partnership == "National Safeguarding Learning Panel"
    assert meta.review_type == "thematic_analysis"
    local = extract_metadata(
        "Briefing: neglect", ["Inchbury Safeguarding Children Partnership"], []
    )
    assert local.review_type == "bulletin"
