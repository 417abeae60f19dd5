"""Review types as title pages and opening lines state them (synthetic text written for
these tests): a subtitle naming the review with its publisher and date, a newsletter's
masthead, practice guides drawn from a partnership's reviews, and learning "brought
together" that is not SCIE's Learning Together."""

import pytest

from fullpicture.learning.metadata import detect_type, extract_metadata, subtitle_type


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Local learning review, Pemberley Safeguarding Children Partnership", "practice_review"),
        (
            "Significant Incident Learning Process (SILP) review, Pemberley Children's "
            "Safeguarding Partnership, published May 2025",
            "silp",
        ),
        (
            "Rapid review \u00b7 Pemberley Safeguarding Children Partnership \u00b7 2024",
            "rapid_review",
        ),
        ("Serious case review - March 2016", "serious_case_review"),
        # the one review a briefing presents (docs/learning-taxonomy.md, "Settled cases")
        (
            "Learning from a local child safeguarding practice review, September 2022",
            "child_safeguarding_practice_review",
        ),
    ],
)
def test_should_read_a_subtitle_naming_the_review_with_its_publisher_and_date(line, code):
    assert subtitle_type(line) == code


@pytest.mark.parametrize(
    "line",
    [
        # learning passed on from a national review: not a review the partnership held, so
        # not read here; _review_type types it a national analysis (Settled cases (n))
        "Learning from the national review of children in residential settings",
        # a sentence, or a line saying more than who and when
        "Local learning review, commissioned after the deaths of two brothers in 2023",
        "Pemberley Safeguarding Children Partnership, June 2024",
    ],
)
def test_should_not_read_a_line_saying_more_than_the_review_its_publisher_and_date(line):
    assert subtitle_type(line) is None


def test_should_type_a_seven_minute_briefing_by_the_review_its_subtitle_names():
    meta = extract_metadata(
        "Seven-Minute Briefing: Jonah",
        [
            "Seven-Minute Briefing: Jonah",
            "Significant Incident Learning Process (SILP) review, Pemberley Children's "
            "Safeguarding Partnership, published May 2025",
            "Seven-minute briefings are meant to be read aloud in team meetings.",
        ],
        [],
    )
    assert meta.review_type == "silp"
    assert meta.year == 2025


def test_should_type_a_briefing_by_the_one_review_its_subtitle_says_it_learns_from():
    meta = extract_metadata(
        "7-Minute Briefing: Curiosity about who lives at home",
        [
            "7-Minute Briefing: Curiosity about who lives at home",
            "Pemberley Safeguarding Children Partnership",
            "Learning from a local child safeguarding practice review, September 2022",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"


@pytest.mark.parametrize(
    "masthead",
    [
        "Pemberley Safeguarding Children Partnership practitioner newsletter",
        "Summer edition, published July 2025",
        "Issue 9, March 2024",
    ],
)
def test_should_type_a_newsletter_by_its_masthead_over_the_review_its_lead_article_reports(
    masthead,
):
    meta = extract_metadata(
        "A new review is published: Child P",
        [
            "Keeping Children Safe Together",
            masthead,
            "In May we published the local child safeguarding practice review about Child P, "
            "a ten-year-old boy.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"


def test_should_not_take_a_numbered_issue_heading_of_a_review_for_a_newsletter():
    meta = extract_metadata(
        "Overview report",
        [
            "Overview report",
            "Issue 1",
            "This serious case review found that the school's concerns were not shared.",
        ],
        [],
    )
    assert meta.review_type == "serious_case_review"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "Seeing the Child at Home: Practice Standards",
            ["A practitioner guide drawn from Pemberley's case reviews"],
        ),
        (
            "Home visits that count",
            [
                "Pemberley Safeguarding Children Partnership \u00b7 Practice guide \u00b7 2024",
                "Reviews drawn on: rapid reviews Child K (2022) and Child S (2023); the "
                "multi-agency audit of neglect (2022).",
            ],
        ),
        (
            "The reviews this guide draws on",
            [
                "Seeing the Child at Home",
                "Pemberley Safeguarding Children Partnership",
                "Version 1.0, approved March 2023",
            ],
        ),
    ],
)
def test_should_type_a_guide_drawing_on_the_partnerships_reviews_as_a_thematic_analysis(
    title, lines
):
    meta = extract_metadata(title, lines if title.startswith("The") else [title, *lines], [])
    assert meta.review_type == "thematic_analysis"


def test_should_keep_a_briefing_drawing_on_one_review_as_that_briefing():
    meta = extract_metadata(
        "Practice note: bruising in babies who are not yet mobile",
        [
            "Practice note: bruising in babies who are not yet mobile",
            "The review this practice note draws on: rapid review, Baby H (2024)",
        ],
        [],
    )
    assert meta.review_type == "bulletin"


def test_should_not_take_learning_brought_together_for_scies_learning_together():
    text = "This guide brings the learning together so that every visit counts."
    assert detect_type(text) is None
    assert detect_type("The review used the Learning Together model.") == "learning_together"


def test_should_type_a_report_by_what_it_says_it_is_over_the_review_before_it():
    meta = extract_metadata(
        "Child R",
        [
            "Child R",
            "This report is a local child safeguarding practice review commissioned after a "
            "rapid review of the incident.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"


def test_should_read_a_title_pages_line_naming_the_review_and_its_subject():
    meta = extract_metadata(
        "Baby S",
        [
            "Baby S",
            "A Local Child Safeguarding Practice Review into the circumstances of Baby S",
            "Northfield Safeguarding Children Partnership, March 2024",
            "Following a rapid review, the partnership commissioned this review.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"


def test_should_not_read_a_sentence_opening_with_a_review_as_a_title_pages_line():
    assert subtitle_type("Rapid review of the incident found that the school was not told.") is (
        None
    )


def test_should_type_a_briefing_whose_title_page_names_the_one_review_it_is_on_as_that_review():
    # settled case (m): a briefing subtitled with the one review it presents takes its type,
    # in a briefing's words ("A briefing on the ...") as in "Learning from a ..."
    meta = extract_metadata(
        "Child W: what practitioners need to know",
        [
            "Child W: what practitioners need to know",
            "A briefing on the local child safeguarding practice review",
            "Northfield Safeguarding Children Partnership, May 2024",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"


def test_should_keep_a_briefing_whose_title_page_names_no_one_review_a_briefing():
    meta = extract_metadata(
        "What practitioners need to know about bruising",
        [
            "What practitioners need to know about bruising",
            "A briefing on the themes of our recent reviews",
            "Northfield Safeguarding Children Partnership, May 2024",
        ],
        [],
    )
    assert meta.review_type == "bulletin"


def test_should_type_a_gap_analysis_as_a_thematic_analysis():
    meta = extract_metadata(
        "Gap analysis",
        [
            "Gap analysis against the national panel's recommendations",
            "Westshire Safeguarding Children Partnership, July 2024",
            "We looked again at our rapid reviews.",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"
