"""Review metadata read when heldout24-27's errors were read (synthetic text written for these
tests, all names fictional): a date's own sentence and a masthead's cells, deadlines in an
action table, a sign-off in a sentence, the publication of a review an agency's note
carries, one article in a newsletter's issue, a method named under a practice review's title
and practice guidance grown out of one review (docs/learning-taxonomy.md, "Review types" and
"Other agencies' documents")."""

from fullpicture.learning.library import parse_document
from fullpicture.learning.metadata import dated, extract_metadata
from tests.learning.documents import create_document

# --- year ---------------------------------------------------------------------------------


def test_should_read_a_sign_off_in_a_sentence_after_a_sentence_naming_a_commission():
    lines = [
        "Overview author: appointed by the board in 2011. Final version presented to the "
        "Board: 9 June 2012.",
        "Hospital staff noted the first bruise in August 2011.",
        "4.2 The move in May 2011",
    ]
    assert dated(lines)[2] == 2012


def test_should_read_a_masthead_cell_as_a_date_standing_alone():
    lines = [
        "Pellingford Safeguarding Children Partnership practitioner newsletter | Issue 6 | "
        "Autumn 2024",
        "The review into Corey's care was finished in March 2023 by an independent author.",
    ]
    assert dated(lines)[2] == 2024


def test_should_not_take_an_actions_deadline_for_the_documents_date():
    lines = [
        "Brenmoor Safeguarding Children Partnership | Audit sub-group | Audit finished May 2021",
        "Health visitors to record the father's details (Lead: Named Nurse) (By: July 2022)",
        "Police to add a supervisor check (Lead: Detective Inspector) (Due: June 2022)",
    ]
    assert dated(lines)[2] == 2021


def test_should_keep_a_review_date_in_a_masthead_cell_apart_from_the_issue_date():
    line = (
        "Lowfield Safeguarding Children Partnership | Version 2.0 | May 2023 | Review date May 2025"
    )
    assert dated([line])[2] == 2023


def test_should_give_an_agency_note_carrying_one_review_that_reviews_publication_year():
    meta = extract_metadata(
        "Staff Safeguarding Note 2027/02",
        [
            "Staff Safeguarding Note 2027/02",
            "Learning from a child safeguarding practice review: Mina",
            "Greywater Community Health NHS Trust | Safeguarding Team | Issued March 2027",
            "Mina was twelve when she was admitted in October 2025. The Greywater Safeguarding "
            "Children Partnership commissioned a local child safeguarding practice review, "
            "which was published in December 2026.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"
    assert meta.year == 2026


def test_should_keep_a_reviews_own_date_when_its_title_names_the_review():
    meta = extract_metadata(
        "Local Child Safeguarding Practice Review: Mina",
        [
            "Local Child Safeguarding Practice Review: Mina",
            "Published 3 March 2027",
            "The rapid review, which was published in December 2026, led to this review.",
        ],
        [],
    )
    assert meta.year == 2027


# --- type ---------------------------------------------------------------------------------


def test_should_type_one_article_in_a_newsletters_issue_as_a_bulletin():
    lines = [
        "Keeping Safe Together",
        "Ormsby Integrated Care Board | Safeguarding news for primary care | Issue 9, Winter 2026",
        "Welcome to the winter issue; our team has grown.",
        "Learning from a rapid review: Child W",
        "The Ormsby Safeguarding Children Partnership held a rapid review in October 2026.",
    ]
    meta = extract_metadata("Learning from a rapid review: Child W", lines, lines)
    assert meta.review_type == "bulletin"


def test_should_keep_a_rapid_review_presented_by_its_own_title():
    lines = [
        "Learning from a rapid review: Child W",
        "Ormsby Safeguarding Children Partnership",
        "The rapid review was held in October 2026.",
    ]
    meta = extract_metadata("Learning from a rapid review: Child W", lines, lines)
    assert meta.review_type == "rapid_review"


def test_should_take_the_method_named_under_a_practice_reviews_title():
    for line, code in [
        ("A SILP review report, Tenbury Safeguarding Children Partnership", "silp"),
        ("A review using the Learning Together systems model", "learning_together"),
    ]:
        lines = ["Local Child Safeguarding Practice Review: Rowan", line, "Published May 2026"]
        meta = extract_metadata(lines[0], lines, [])
        assert meta.review_type == code


def test_should_keep_a_practice_review_whose_text_only_mentions_a_method():
    lines = [
        "Local Child Safeguarding Practice Review: Rowan",
        "Tenbury Safeguarding Children Partnership",
        "Published May 2026",
        "The panel considered a SILP but chose a reviewer-led review.",
    ]
    meta = extract_metadata(lines[0], lines, [])
    assert meta.review_type == "child_safeguarding_practice_review"


def test_should_type_practice_guidance_grown_out_of_one_review_as_a_bulletin():
    lines = [
        "Looking Beyond Mum",
        "Working with men in the household: practice guidance for Carnby practitioners",
        "Carnby Safeguarding Children Partnership | Version 1.1 | June 2025",
        "In 2024 the partnership published a local child safeguarding practice review about "
        "Baby J, and this guide is one of its actions.",
    ]
    meta = extract_metadata(lines[0], lines, lines)
    assert meta.review_type == "bulletin"


# --- reviews in a yearly report -----------------------------------------------------------


def test_should_split_a_yearly_reports_thematic_review_headed_by_its_subject(tmp_path):
    path = create_document(
        tmp_path,
        "# Quenby Safeguarding Children Partnership Yearly Report 2026 to 2027\n\n"
        "## 4. Reviews we published\n\n"
        "### Child R (local child safeguarding practice review, published June 2026)\n\n"
        "The review found that the school nurse was not told of the move.\n\n"
        "### Thematic review of exploitation of children in care (published February 2027)\n\n"
        "The review found that return interviews were seldom shared with the carers.\n",
    )
    reviews = parse_document(path).reviews
    assert [(r.metadata.review_type, r.metadata.year) for r in reviews] == [
        ("child_safeguarding_practice_review", 2026),
        ("thematic_analysis", 2027),
    ]


def test_should_read_a_slide_deck_of_several_reviews_each_over_several_slides(tmp_path):
    path = create_document(
        tmp_path,
        "Slide 1\nLearning from Reviews: Officer Briefing\n\n"
        "Slide 2\nReview 1: Child F (rapid review, Yarrow Safeguarding Children Partnership, 2026)"
        "\n\nF was six and lived with his father.\n\n"
        "Slide 3\nChild F: what the review found\n\n"
        "• Officers did not speak to F at three incidents.\n\n"
        "Slide 4\nReview 2: Baby N (child safeguarding practice review, Corley Vale "
        "Safeguarding Children Partnership, 2025)\n\n"
        "N was eight weeks old when she was injured.\n\n"
        "Slide 5\nBaby N: what the review found\n\n"
        "• The call handler did not check for earlier reports at the address.\n",
        name="deck.txt",
    )
    reviews = parse_document(path).reviews
    found = [(r.metadata.review_type, r.metadata.partnership, r.metadata.year) for r in reviews]
    assert found == [
        ("rapid_review", "Yarrow Safeguarding Children Partnership", 2026),
        (
            "child_safeguarding_practice_review",
            "Corley Vale Safeguarding Children Partnership",
            2025,
        ),
    ]
