"""Metadata of documents holding several reviews (synthetic text written for these tests):
each review's year from its own section, one partnership for all unless a section names
another, a family named by its surname heading a review, and the title-page forms a
single-review briefing or thematic summary takes."""

from pathlib import Path

from fullpicture.learning.documents import Block, RawDocument
from fullpicture.learning.library import parse_raw
from fullpicture.learning.metadata import extract_metadata, find_date, title_type

_PARTNERSHIP = "Pemberley Safeguarding Children Partnership"


def create_document(blocks: list[Block]) -> RawDocument:
    return RawDocument(
        path=Path("synthetic.docx"),
        format="docx",
        sha256="0" * 64,
        blocks=blocks,
        characters=sum(len(block.text) for block in blocks),
    )


def create_yearly_report(*sections: tuple[str, str]) -> RawDocument:
    blocks = [
        Block(f"{_PARTNERSHIP}: Yearly Report 2024 to 2025", heading=1),
        Block("Published October 2025 by the safeguarding partners."),
        Block("1. Learning from our reviews", heading=1),
        Block("Three reviews are summarised below."),
    ]
    for heading, text in sections:
        blocks += [Block(heading, heading=2), Block(text), Block("What the review found:")]
        blocks.append(Block("1. Agencies did not share what they knew with each other."))
    return create_document(blocks)


def sample_metadata(raw: RawDocument) -> list[tuple[str, str | None, int | None]]:
    parsed = parse_raw(raw)
    return [
        (r.metadata.review_type, r.metadata.partnership, r.metadata.year) for r in parsed.reviews
    ]


def test_should_read_each_reviews_year_from_its_own_heading_not_the_report_date():
    raw = create_yearly_report(
        ("1.1 Local child safeguarding practice review: Child P (published December 2024)", "P."),
        ("1.2 Rapid review: Baby Q (June 2024)", "Q was a baby."),
        ("1.3 SILP review: the Marsh children (concluded March 2025)", "Two brothers."),
    )
    assert sample_metadata(raw) == [
        ("child_safeguarding_practice_review", _PARTNERSHIP, 2024),
        ("rapid_review", _PARTNERSHIP, 2024),
        ("silp", _PARTNERSHIP, 2025),
    ]


def test_should_give_a_review_the_reports_date_when_its_section_writes_none():
    raw = create_yearly_report(
        ("1.1 Rapid review: Child P", "P was fourteen."),
        ("1.2 Rapid review: Baby Q", "Q was a baby."),
    )
    assert [year for _, _, year in sample_metadata(raw)] == [2025, 2025]


def test_should_keep_the_partnership_a_section_names_for_its_own_review():
    raw = create_yearly_report(
        ("1.1 Rapid review: Child P (May 2024)", "P was fourteen."),
        (
            "1.2 Serious case review: Baby Q (March 2019)",
            "Commissioned by the former Longbourn Local Safeguarding Children Board.",
        ),
    )
    partnerships = [partnership for _, partnership, _ in sample_metadata(raw)]
    assert partnerships == [_PARTNERSHIP, "Longbourn Local Safeguarding Children Board"]


def test_should_split_reviews_headed_by_a_family_named_by_its_surname():
    raw = create_yearly_report(
        ("1.1 SILP review: the Marsh children", "Two brothers."),
        ("1.2 Practice review: the Delaney family", "A family of five."),
    )
    assert [code for code, _, _ in sample_metadata(raw)] == ["silp", "practice_review"]


def test_should_not_split_a_review_at_sections_that_name_no_review():
    raw = create_document(
        [
            Block("Local child safeguarding practice review: the Marsh children", heading=1),
            Block(f"{_PARTNERSHIP}, May 2024"),
            Block("The Marsh children at home", heading=2),
            Block("The boys lived with their mother."),
            Block("The Marsh children at school", heading=2),
            Block("The boys attended the local primary school."),
        ]
    )
    assert len(parse_raw(raw).reviews) == 1


def test_should_read_a_date_in_brackets_after_a_reviews_type_closing_a_case_heading():
    meta = extract_metadata(
        "Case 3: the Delaney family (multi-agency practice review, September 2025)",
        [
            "Case 3: the Delaney family (multi-agency practice review, September 2025)",
            "The family moved three times in 2023.",
        ],
        ["Learning bulletin", "Issue 4, February 2026"],
    )
    assert meta.year == 2025


def test_should_read_a_publishers_line_with_a_genre_and_date_over_a_table_row():
    meta = extract_metadata(
        "Learning from Four Rapid Reviews: Exploitation",
        [
            "Learning from Four Rapid Reviews: Exploitation",
            f"{_PARTNERSHIP}. Thematic summary, October 2025.",
            "Young person",
            "A 15 March 2024 Assault",
        ],
        [],
    )
    assert meta.year == 2025


def test_should_not_read_a_sentence_naming_the_partnership_as_a_title_page_date():
    day, year = find_date(
        [
            f"In May 2023 the {_PARTNERSHIP} agreed that a review was needed and asked two "
            "independent reviewers to lead it.",
            "Rapid review (January 2023)",
        ]
    )
    assert year == 2023 and day is not None and day.month == 1


def test_should_type_a_title_passing_on_learning_from_one_childs_review_as_that_review():
    assert title_type("Learning from a Rapid Review: Child R") == "rapid_review"
    assert title_type("Learning from a serious case review - Baby T") == "serious_case_review"


def test_should_keep_learning_passed_on_without_a_child_or_after_a_communication_a_briefing():
    assert title_type("Learning from a rapid review: what we found") == "bulletin"
    assert title_type("Safeguarding update: learning from a rapid review: Child R") == "bulletin"
    assert title_type("Learning from a local child safeguarding practice review, 2022") == (
        "bulletin"
    )


def test_should_read_a_year_or_date_a_reviews_heading_gives_after_its_type():
    raw = create_yearly_report(
        ("Rapid review: Baby Q (2024)", "Q was six weeks old."),
        ("Child P - local child safeguarding practice review, March 2023", "P was fourteen."),
    )
    assert [year for _, _, year in sample_metadata(raw)] == [2024, 2023]


def test_should_read_when_a_section_says_its_review_was_held():
    raw = create_yearly_report(
        ("Rapid review: Baby Q", "The rapid review was held in July 2024 after Q was hurt."),
        ("SILP review: Child P", "The review concluded in March 2023."),
    )
    assert [year for _, _, year in sample_metadata(raw)] == [2024, 2023]


def test_should_keep_a_single_reviews_own_date_over_the_rapid_review_before_it():
    raw = create_document(
        [
            Block("Local child safeguarding practice review: Child P", heading=1),
            Block(f"This review was written for the {_PARTNERSHIP} and agreed in May 2025."),
            Block("Background", heading=2),
            Block("The rapid review was held in March 2023, two weeks after P was hurt."),
        ]
    )
    assert [year for _, _, year in sample_metadata(raw)] == [2025]


def test_should_split_parts_each_heading_a_child_then_a_reviews_type():
    raw = create_yearly_report(
        ("Part A: Jay - local learning review (2024)", "Jay was fifteen."),
        ("Part B: Ruby - local learning review (2025)", "Ruby was twelve."),
    )
    assert sample_metadata(raw) == [
        ("practice_review", _PARTNERSHIP, 2024),
        ("practice_review", _PARTNERSHIP, 2025),
    ]


def test_should_type_a_bulletins_first_case_by_its_own_text_not_the_bulletins_opening():
    blocks = [
        Block("Learning bulletin", heading=1),
        Block(f"{_PARTNERSHIP}. Issue 5, May 2025."),
        Block("This issue shares learning from our practice reviews and rapid reviews."),
    ]
    for heading, text in (
        ("Case 1: Baby Z", "A SILP review was held after Z was hurt."),
        ("Case 2: Child K", "A rapid review looked at K's care."),
    ):
        blocks += [Block(heading, heading=2), Block(text), Block("Learning points:")]
    assert [code for code, _, _ in sample_metadata(create_document(blocks))] == [
        "silp",
        "rapid_review",
    ]


def create_periodical(publisher_line: str) -> RawDocument:
    blocks = [
        Block("Community Nursing Safeguarding Bulletin", heading=1),
        Block(publisher_line),
        Block("In this issue", heading=2),
        Block(f"Two reviews held by the {_PARTNERSHIP} in which our nurses took part."),
    ]
    for heading in ("Child D: learning from a rapid review", "Child E: a SILP review"):
        blocks += [Block(heading, heading=2), Block("What we learned", heading=3)]
        blocks.append(Block("- Nurses did not ask who else lived in the home."))
    return create_document(blocks)


def test_should_keep_another_agencys_bulletin_issue_as_one_bulletin_over_its_cases():
    raw = create_periodical("Issue 4, Summer 2025. Larchfield Community Health NHS Trust.")
    assert sample_metadata(raw) == [("bulletin", _PARTNERSHIP, 2025)]


def test_should_still_split_a_partnerships_own_bulletin_issue_into_its_cases():
    raw = create_periodical(f"Issue 4, Summer 2025. {_PARTNERSHIP}.")
    assert [meta[0] for meta in sample_metadata(raw)] == ["rapid_review", "silp"]
