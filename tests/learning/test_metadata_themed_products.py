"""Review types of a partnership's themed learning products and lists of published reviews
(synthetic text written for these tests; docs/learning-taxonomy.md, "Themed products drawing
on several reviews"): a product whose title page counts the reviews it draws on is a thematic
analysis whatever its genre; one naming them only in its text stays a briefing; an entry of a
list of published reviews is split even when its heading brackets when it was published."""

from pathlib import Path

from fullpicture.learning.documents import Block, RawDocument
from fullpicture.learning.library import parse_raw

_PARTNERSHIP = "Quillbrook Safeguarding Children Partnership"


def create_document(blocks: list[Block]) -> RawDocument:
    return RawDocument(
        path=Path("synthetic.docx"),
        format="docx",
        sha256="0" * 64,
        blocks=blocks,
        characters=sum(len(block.text) for block in blocks),
    )


def sample_metadata(raw: RawDocument) -> list[tuple[str, str | None, int | None]]:
    parsed = parse_raw(raw)
    return [
        (r.metadata.review_type, r.metadata.partnership, r.metadata.year) for r in parsed.reviews
    ]


def create_product(title: str, line_under_title: str, opening: str) -> RawDocument:
    return create_document(
        [
            Block(title, heading=1),
            Block(line_under_title),
            Block(f"{_PARTNERSHIP}, June 2025"),
            Block("Why it matters", heading=2),
            Block(opening),
            Block("Key learning", heading=2),
            Block("- Ask who looks after the toddler when the parents work nights."),
        ]
    )


def test_should_type_a_briefing_whose_title_page_counts_its_reviews_as_thematic():
    raw = create_product(
        "Seven Minute Briefing: Toddlers and open water",
        "Themes from three rapid reviews held in Quillbrook in 2024 and 2025",
        "Each of the toddlers had been left near water for a short time.",
    )
    assert sample_metadata(raw) == [("thematic_analysis", _PARTNERSHIP, 2025)]


def test_should_type_a_page_saying_what_several_reviews_told_us_as_thematic():
    raw = create_product(
        "Learning on a page: Toddlers and open water",
        "What five Quillbrook reviews told us | June 2025",
        "Each of the toddlers had been left near water for a short time.",
    )
    assert sample_metadata(raw) == [("thematic_analysis", _PARTNERSHIP, 2025)]


def test_should_keep_a_briefing_naming_its_reviews_only_in_its_text_a_briefing():
    raw = create_product(
        "Seven Minute Briefing: Toddlers and open water",
        "For everyone who visits families with young children",
        "Three recent local reviews were about toddlers left near water.",
    )
    assert sample_metadata(raw) == [("bulletin", _PARTNERSHIP, 2025)]


def test_should_split_a_list_of_published_reviews_whose_headings_bracket_the_date():
    blocks = [
        Block("Our published reviews", heading=1),
        Block(f"{_PARTNERSHIP} publishes a summary of each review below."),
    ]
    for heading in (
        "Child M: Local Child Safeguarding Practice Review (published April 2025)",
        "Toby: Rapid Review learning summary (published October 2023)",
        "The Hale family: Serious Case Review (published March 2019)",
    ):
        blocks += [Block(heading, heading=2), Block("What we learned", heading=3)]
        blocks.append(Block("- Agencies did not put together what each of them knew."))
    assert sample_metadata(create_document(blocks)) == [
        ("child_safeguarding_practice_review", _PARTNERSHIP, 2025),
        ("rapid_review", _PARTNERSHIP, 2023),
        ("serious_case_review", _PARTNERSHIP, 2019),
    ]
