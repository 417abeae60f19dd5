"""Review metadata of shapes met in heldout30-33's errors (synthetic text written for these
tests): a partnership's or panel's report on its year, themes from a year's reviews and a
learning and improvement framework held as one record; a staff news item on a review called
only by its child; a regional group of partnerships as publisher; a slide deck whose first two
slides both name its review; and a story slide's dated bullet."""

from pathlib import Path

import pytest

from fullpicture.learning.documents import Block, RawDocument
from fullpicture.learning.library import parse_raw
from fullpicture.learning.metadata import extract_metadata, find_date, find_partnership

_PARTNERSHIP = "Oakmere Safeguarding Children Partnership"


def create_document(blocks: list[Block]) -> RawDocument:
    return RawDocument(
        path=Path("synthetic.txt"),
        format="text",
        sha256="0" * 64,
        blocks=blocks,
        characters=sum(len(block.text) for block in blocks),
    )


@pytest.mark.parametrize(
    "title",
    [
        f"{_PARTNERSHIP} Annual Report 2024 to 2025",
        "Child Safeguarding Practice Review Panel: Annual Report 2023 to 2024",
        "Yearly Report of the Oakmere Safeguarding Partners 2025-26",
        "Themes from our rapid reviews: April 2025 to March 2026",
        "Learning and Improvement Framework 2026 to 2029",
    ],
)
def test_should_type_a_record_looking_across_a_years_reviews_as_a_thematic_analysis(title):
    meta = extract_metadata(
        title,
        [
            "Published October 2025",
            "This rapid review was one of five the partners held in the year.",
            "The rapid review of a baby's injury found that the father was not assessed.",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"


def test_should_type_news_of_a_review_called_only_by_its_child_as_a_briefing():
    meta = extract_metadata(
        "Learning from the Child T review: what it means for our family support workers",
        [
            "Posted by Learning and Development | 9 March 2026",
            f"Last month the {_PARTNERSHIP} published a local child safeguarding practice "
            "review about Child T, a boy of six.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"
    assert meta.partnership == _PARTNERSHIP


def test_should_keep_a_subtitle_naming_the_review_for_a_title_calling_it_by_its_child():
    meta = extract_metadata(
        "Learning from the Baby K review",
        ["Learning from a rapid review", f"{_PARTNERSHIP}, May 2026"],
        [],
    )
    assert meta.review_type == "rapid_review"


def test_should_name_a_regional_group_of_partnerships_as_the_publisher():
    lines = [
        "Tarnmoor Regional Safeguarding Children Group: Alderby, Brockhurst and Cressing "
        "Safeguarding Children Partnerships",
        "Published February 2026",
    ]
    assert find_partnership(lines) == "Tarnmoor Regional Safeguarding Children Group"


def create_slide_deck() -> RawDocument:
    return create_document(
        [
            Block("Local Child Safeguarding Practice Review: Child M", heading=2),
            Block("Learning from a Local Child Safeguarding Practice Review: Child M", heading=2),
            Block(f"Practitioner session, March 2026. Led by the {_PARTNERSHIP} training lead."),
            Block("Child M's story", heading=2),
            Block("Moved to her fourth foster home in June 2025"),
            Block("What the review found", heading=2),
            Block("Agencies did not share what they knew about the men she met."),
        ]
    )


def test_should_keep_a_slide_deck_naming_its_review_on_two_slides_as_one_review():
    parsed = parse_raw(create_slide_deck())
    assert [r.metadata.review_type for r in parsed.reviews] == [
        "child_safeguarding_practice_review"
    ]


def test_should_date_a_slide_deck_by_its_session_not_a_story_slides_event():
    parsed = parse_raw(create_slide_deck())
    assert parsed.reviews[0].metadata.year == 2026


def test_should_still_split_two_reviews_of_different_types_about_one_child():
    raw = create_document(
        [
            Block(f"{_PARTNERSHIP}: learning from our reviews", heading=1),
            Block("Rapid review: Child P (May 2024)", heading=2),
            Block("Agencies did not share what they knew."),
            Block("Local child safeguarding practice review: Child P (March 2025)", heading=2),
            Block("The school was not invited to the strategy discussion."),
        ]
    )
    types = [r.metadata.review_type for r in parse_raw(raw).reviews]
    assert types == ["rapid_review", "child_safeguarding_practice_review"]


def test_should_not_read_an_event_on_a_short_line_as_a_date_standing_alone():
    _, year = find_date(
        ["Practitioner session, April 2026. Led by the training lead.", "Left school in May 2024"]
    )
    assert year == 2026
