"""Headings worded in ways no pattern has met, read by what each kind means: a heading that
turns to the reader and asks what they are to do is a next step, one stating what "we" now know
is key learning, one stating what the review saw is a finding. Read only where no heading names
a kind (fullpicture.learning.heading_reader). Synthetic wording only."""

from __future__ import annotations

from pathlib import Path

import pytest

from fullpicture.learning.extract import section_kind
from fullpicture.learning.heading_reader import rule_kind
from tests.learning.documents import create_document, items_of, kind_of


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("How could you respond sooner next time?", "next_step"),
        ("4. Your part in keeping babies safe", "next_step"),
        ("What managers can change on Monday", "next_step"),
        ("How can I help?", "next_step"),
        ("What could staff on the ward do differently?", "next_step"),
        ("What we would like every nurse to do", "next_step"),
        ("What we now know", "key_learning"),
        ("What it tells us", "key_learning"),
        ("What the panel saw", "finding"),
    ],
)
def test_should_read_a_heading_by_what_it_means_where_no_pattern_names_a_kind(
    heading: str, kind: str
) -> None:
    assert section_kind(("Briefing: Child D", heading)) == kind


@pytest.mark.parametrize(
    "heading",
    [
        "How the family came to our attention",
        "What happened next",
        "What the father told us",  # a parent's words, not learning
        "Where the family lived",  # sets the scene, asks nothing
        "How practitioners respond to neglect",  # describes practice, asks nothing
        "What health visitors did",
    ],
)
def test_should_give_no_kind_to_a_heading_that_neither_asks_nor_states_learning(
    heading: str,
) -> None:
    assert section_kind(("Briefing: Child D", heading)) is None


def test_should_leave_a_named_kind_to_the_patterns() -> None:
    # "Recommendations" names its kind; the rules are not asked
    assert section_kind(("Review", "Recommendations for you to consider")) == "recommendation"
    assert rule_kind("Background to the review") is None


def test_should_read_a_briefings_question_to_the_reader_as_next_steps(tmp_path: Path) -> None:
    body = (
        "# Learning briefing: Baby D\n\nHolmbury Safeguarding Children Partnership, 2026\n\n"
        "## What happened\n\n"
        "D was seven weeks old when a health visitor saw a small bruise on his ear.\n\n"
        "## What we now know\n\n"
        "- A bruise on a baby who cannot move on their own is never minor.\n\n"
        "## How could you respond sooner next time?\n\n"
        "- Refer any mark on a baby who is not yet mobile the same day.\n"
        "- Ask who else looks after the baby, and write their names down.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "A bruise on a baby who cannot") == "key_learning"
    assert kind_of(items, "Refer any mark on a baby") == "next_step"
    assert kind_of(items, "Ask who else looks after") == "next_step"
