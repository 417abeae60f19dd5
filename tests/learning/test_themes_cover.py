"""What a review's cover block lends its items (heldout20-21's theme errors read,
docs/learning-evaluation.md): a subject line beside a genre title frames the items as the title does.
All texts are synthetic."""

from pathlib import Path

import pytest

from fullpicture.learning.library import parse_document
from fullpicture.learning.review_themes import cover_lines
from fullpicture.learning.themes import lexical_themes


def test_should_read_a_subject_line_below_a_genre_title() -> None:
    texts = [
        "Oakmere Safeguarding Children Partnership",
        "Learning Digest No. 4",
        "What our reviews say about children living with neglect",
        "March 2026",
        "About this digest",
        "This digest was written by the partnership's business unit for all practitioners.",
        "The toddler's weight was not plotted for a year.",
    ]
    lines = cover_lines(texts, "Learning Digest No. 4")
    assert "What our reviews say about children living with neglect" in lines
    assert not any("weight" in line for line in lines)


def test_should_read_a_topic_label_and_stop_at_a_table() -> None:
    texts = [
        "Multi-Agency Audit: Summary of Findings",
        "Topic: how agencies respond when a child lives with parental drug use.",
        "Age | Number of children",
        "A subtitle about domestic abuse after the table",
    ]
    lines = cover_lines(texts, "Multi-Agency Audit: Summary of Findings")
    assert lines == ["how agencies respond when a child lives with parental drug use."]


def test_should_not_take_a_sentence_of_the_text_as_the_cover() -> None:
    texts = [
        "Rapid Review: Child P",
        "P was a nine-year-old girl who lived with her mother and her mother's partner.",
        "A short heading about domestic abuse",
    ]
    assert cover_lines(texts, "Rapid Review: Child P") == []


def test_should_lend_the_cover_subject_to_the_items_about_the_child(tmp_path: Path) -> None:
    path = tmp_path / "audit.md"
    path.write_text(
        "# Multi-Agency Audit: Summary of Findings\n\n"
        "Topic: children present at a domestic abuse incident at home\n\n"
        "Audit carried out: May 2025.\n\n"
        "## What we found\n\n"
        "### Key finding 1\n\n"
        "Notifications about the child reached the school a day late in four cases.\n\n"
        "### Key finding 2\n\n"
        "Records rarely said what the child had seen or heard that night.\n",
        "utf-8",
    )
    items = [item for review in parse_document(path).reviews for item in review.items]
    assert items
    assert all("domestic_abuse" in item.themes for item in items)


def test_should_read_a_parent_in_mental_health_crisis_as_parental_mental_health() -> None:
    assert "parental_mental_health" in lexical_themes(
        "Babies whose parents were in mental health crisis"
    )
    assert "parental_mental_health" in lexical_themes("Nobody wrote a crisis and relapse plan.")
    assert "parental_mental_health" not in lexical_themes("The CAMHS crisis team saw her twice.")


@pytest.mark.parametrize(
    "text",
    [
        "The child and adolescent mental health service should review its criteria.",
        "CAMHS closed the referral after two missed appointments.",
    ],
)
def test_should_read_camhs_acting_or_addressed_as_health(text: str) -> None:
    assert "health" in lexical_themes(text, subject_window=4)


@pytest.mark.parametrize(
    "text",
    [
        "She waited a year for the child and adolescent mental health service.",
        "He was never referred to CAMHS.",
    ],
)
def test_should_read_camhs_only_as_where_a_child_waited_as_no_health_service(text: str) -> None:
    assert "health" not in lexical_themes(text, subject_window=4)
    assert "mental_health_child" in lexical_themes(text, subject_window=4)


def test_should_read_a_childs_daily_experience_as_the_childs_voice() -> None:
    text = "Records said little about the toddler's daily experience at home."
    assert "voice_of_child" in lexical_themes(text, subject_window=4)
