"""Review metadata of short learning products and of documents written by other agencies or
for oversight (synthetic text written for these tests): posters, termly updates, reports
looking across a partnership's reviews, and a youth justice board as publisher."""

import pytest

from fullpicture.learning.metadata import extract_metadata, find_partnership, title_type


def test_should_type_a_poster_made_from_a_review_as_a_briefing():
    meta = extract_metadata(
        "Shaken, not stirred: keeping crying babies safe",
        [
            "Holmbury Safeguarding Children Partnership | Practice poster 2 | March 2025",
            "Why this poster?",
            "Last year the partnership held a rapid review after a baby was shaken.",
            "This poster is for every waiting room and staff room in Holmbury.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"
    assert meta.year == 2025


def test_should_type_a_termly_update_naming_a_review_in_its_contents_as_a_briefing():
    meta = extract_metadata(
        "Safeguarding Update for Staff and Governors",
        [
            "Holmbury Academy, Autumn Term 2024",
            "In this update:",
            "- Learning from a local review",
            "The Holmbury Safeguarding Children Partnership published a child safeguarding "
            "practice review in September about a girl of fifteen.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"
    assert meta.partnership == "Holmbury Safeguarding Children Partnership"


@pytest.mark.parametrize(
    "title",
    [
        "Safeguarding update: spring term",
        "Termly safeguarding update for designated safeguarding leads",
        "Practice update",
        "Quarterly learning digest: July to September",
    ],
)
def test_should_type_a_title_naming_an_update_as_a_briefing(title):
    assert title_type(title) == "bulletin"


def test_should_keep_an_update_on_a_named_review_as_that_review():
    assert title_type("Update on the child safeguarding practice review: Child N") == (
        "child_safeguarding_practice_review"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Independent Scrutiny Report: Learning from Reviews",
        "Think Family: Learning from Child Safeguarding Reviews for Adult Services",
        "Learning from our reviews: the year in review, 2023 to 2024",
    ],
)
def test_should_type_a_title_drawing_learning_from_reviews_as_thematic(title):
    assert title_type(title) == "thematic_analysis"


@pytest.mark.parametrize(
    "title",
    [
        "Learning from reviews: neglect briefing",
        "Learning from Reviews bulletin, Issue 4",
        "Learning from a rapid review: Baby A",
        "Learning from Reviews: Quarterly Digest",
    ],
)
def test_should_not_take_a_briefing_or_one_review_for_learning_across_reviews(title):
    assert title_type(title) != "thematic_analysis"


def test_should_type_a_report_counting_the_reviews_it_read_as_thematic_through_its_title():
    meta = extract_metadata(
        "Independent Scrutiny Report: Learning from Reviews",
        [
            "Holmbury Safeguarding Children Partnership",
            "Report of the Independent Scrutineer to the Lead Safeguarding Partners, May 2025",
            "I read the four local child safeguarding practice reviews and nine rapid reviews "
            "completed since 2022.",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"
    assert meta.year == 2025


def test_should_type_a_brief_drawn_from_reviews_over_years_as_thematic():
    meta = extract_metadata(
        "Myth buster: recording what children say",
        [
            "Holmbury Safeguarding Children Partnership",
            "Learning brief drawn from our local reviews, 2020 to 2023 | November 2023",
            "In the reviews of the last three years (three rapid reviews and a multi-agency "
            "audit of referrals) practitioners told us the same things.",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"
    assert meta.year == 2023


def test_should_not_take_one_reviews_period_for_learning_across_reviews():
    meta = extract_metadata(
        "Baby M",
        [
            "Local child safeguarding practice review",
            "The review looked at agencies' work from 2021 to 2023.",
            "It drew on the rapid reviews held in 2022.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "Report to the Holmbury Youth Justice Management Board, 3 June 2025",
            "Holmbury Youth Justice Management Board",
        ),
        ("Holmbury Youth Justice Partnership Board", "Holmbury Youth Justice Partnership Board"),
        (
            "Holmbury Youth Offending Service Management Board",
            "Holmbury Youth Offending Service Management Board",
        ),
    ],
)
def test_should_read_a_youth_justice_board_as_the_publisher(line, name):
    assert find_partnership(["Holmbury Youth Justice Service", line]) == name


def test_should_prefer_a_safeguarding_partnership_to_a_youth_justice_board_named_after_it():
    lines = [
        "Holmbury Safeguarding Children Partnership",
        "Shared with the Holmbury Youth Justice Management Board",
    ]
    assert find_partnership(lines) == "Holmbury Safeguarding Children Partnership"


@pytest.mark.parametrize(
    "title",
    [
        "Myth buster: information sharing",
        "Mythbusting neglect",
        "Infographic: bruising in non-mobile babies",
        "Fact sheet for GPs: fabricated or induced illness",
    ],
)
def test_should_type_other_short_products_as_briefings(title):
    assert title_type(title) == "bulletin"


def test_should_type_a_briefing_on_one_review_by_it_though_its_subtitle_gives_years():
    meta = extract_metadata(
        "Seven minute briefing: Baby R",
        [
            "Holmbury Safeguarding Children Partnership",
            "Learning from a rapid review held in 2024",
            "The review looked at the period from 2022 to 2024.",
        ],
        [],
    )
    # the rapid review it presents (a settled case), not an analysis across years
    assert meta.review_type == "rapid_review"


@pytest.mark.parametrize(
    "title",
    [
        "Learning snapshot: children missing education",
        "Key messages for GPs",
    ],
)
def test_should_type_a_snapshot_of_learning_as_a_briefing(title):
    assert title_type(title) == "bulletin"


def test_should_keep_key_messages_from_a_named_review_as_that_review():
    assert title_type("Key messages from the serious case review: Child F") == (
        "serious_case_review"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Local Serious Incident Review: Young Person D",
        "Patient Safety Incident Investigation (PSII): Patient T",
        "Serious incident learning review 2024/02",
    ],
)
def test_should_type_an_agencys_own_incident_review_as_a_practice_review(title):
    assert title_type(title) == "practice_review"


def test_should_type_a_film_script_by_the_thematic_review_it_is_drawn_from():
    meta = extract_metadata(
        "Who is in the house? Script for an animated film",
        [
            "Holmbury Safeguarding Children Partnership",
            "Drawn from the Partnership's thematic review of babies harmed at home, 2020 to 2023",
            "Script version 2, approved on 3 March 2024",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"


def test_should_type_a_numbered_briefing_on_learning_from_our_reviews_as_thematic():
    meta = extract_metadata(
        "Practice Note 4: Babies who are not brought",
        [
            "Learning from our reviews about babies who miss health appointments",
            "Holmbury Safeguarding Children Partnership",
            "May 2025. For everyone who works with babies and their families.",
            "Where this comes from",
            "This note draws on three of the partnership's reviews from the last two years.",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"


def test_should_type_a_briefing_from_one_of_our_reviews_as_a_briefing():
    meta = extract_metadata(
        "Practice Note 5: Baby P",
        [
            "Learning from one of our reviews about a baby who was not brought",
            "Holmbury Safeguarding Children Partnership",
            "May 2025.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"
