"""Extraction of items from each document shape."""

from pathlib import Path

from fullpicture.learning.library import parse_document


def _items(path: Path) -> list[tuple[str, str]]:
    parsed = parse_document(path)
    return [(item.kind, item.text) for review in parsed.reviews for item in review.items]


def test_should_attach_recommendations_to_the_numbered_finding_before_them(sample_text_review):
    review = parse_document(sample_text_review).reviews[0]
    finding, recommendation, learning = review.items
    assert finding.kind == "finding" and "nobody offered" in finding.text
    assert recommendation.kind == "recommendation"
    assert recommendation.text.endswith("report to the board.")
    assert recommendation.parent == 0
    assert recommendation.addressee == "Partnership"
    assert learning.kind == "key_learning"
    assert learning.text == "Going missing is a signal of harm, not a behaviour to be managed."


def test_should_split_a_bulletin_into_its_cases(sample_corpus: Path):
    parsed = parse_document(sample_corpus / "docs" / "02-aldcaster-bulletin-two-cases.docx")
    assert [r.metadata.review_type for r in parsed.reviews] == [
        "serious_case_review",
        "rapid_review",
    ]
    assert [r.metadata.child_pseudonym for r in parsed.reviews] == ["Baby R", "Child S"]


def test_should_keep_one_section_when_a_slide_title_repeats(sample_corpus: Path):
    parsed = parse_document(sample_corpus / "docs" / "04-westholm-slides.txt")
    learning = [i for i in parsed.reviews[0].items if i.kind == "key_learning"]
    assert len(learning) == 5
    assert {i.heading_path for i in learning} == {"Key learning"}


def test_should_find_questions_next_steps_and_the_childs_voice(sample_corpus: Path):
    kinds = {
        kind for kind, _ in _items(sample_corpus / "docs" / "14-rowley-briefing-questions.txt")
    }
    assert {"key_learning", "next_step", "reflective_question"} <= kinds
    voice = _items(sample_corpus / "docs" / "12-pennick-child-voice.docx")
    assert sum(kind == "child_voice" for kind, _ in voice) == 3


def test_should_split_several_reviews_in_one_document(sample_corpus: Path):
    parsed = parse_document(sample_corpus / "docs" / "06-fenmoor-two-reviews.pdf")
    assert len(parsed.reviews) == 2


def test_should_give_themes_from_the_taxonomy(sample_text_review):
    review = parse_document(sample_text_review).reviews[0]
    assert "missing" in review.items[0].themes
