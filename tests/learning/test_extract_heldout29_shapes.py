"""Shapes of long review reports seen in the heldout29 split, in our own wording: a thematic
review's "Implications for practice:" paragraph after each finding's box, a rapid review's
list of findings announced by "The review found the following." and the questions sent round
before its meeting, which are its agenda, and a child named by a single letter quoted telling
their teacher (synthetic text only)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of


def kind_of(items: list[tuple[str, str]], words: str) -> str | None:
    """The kind of the first item holding ``words``, or None when none holds them."""
    return next((kind for kind, text in items if words in text), None)


_THEMATIC = (
    "# Thematic Review: Children Missing from Care\n\n"
    "Loxbury Safeguarding Children Partnership, 2026\n\n"
    "## 4. Findings\n\n"
    "### Theme 1: Going missing\n\n"
    "- Return interviews in four of the six cases were held more than a week after the child "
    "came back, and none was shared with the police.\n\n"
    "Implications for practice: a child who keeps going missing is telling us something about "
    "where they feel safe. Interviews on return should happen quickly and what the child says "
    "should shape the plan.\n\n"
    "## 5. Recommendations\n\n"
    "1. The partnership should audit the timeliness of return interviews within six months.\n"
)


def test_should_read_an_implications_for_practice_paragraph_as_key_learning(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _THEMATIC))
    assert kind_of(items, "keeps going missing is telling us") == "key_learning"


_RAPID = (
    "# Rapid Review: Baby Q\n\n"
    "Fenwold Safeguarding Children Partnership, 2026\n\n"
    "## Section 3: Questions for the rapid review meeting\n\n"
    "The business manager circulated these questions to agencies ahead of the meeting:\n\n"
    "- Who was caring for Baby Q in the weeks before the injury?\n"
    "- Was the injury seen by any professional before the admission?\n\n"
    "## Section 4: Analysis of practice\n\n"
    "The meeting weighed the agency summaries against the national guidance. The review found "
    "the following.\n\n"
    "- The midwife's note of the father's previous conviction was not passed to the health "
    "visitor, so the visits after the birth went ahead without knowing of it.\n"
    "- No practitioner spoke to the father about how he coped with the baby's crying.\n\n"
    "## Section 5: Immediate actions\n\n"
    "1. The partnership will send a briefing on fathers in the household to all health "
    "visitors by March.\n"
)


def test_should_read_a_list_announced_by_the_review_found_the_following_as_findings(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _RAPID))
    assert kind_of(items, "previous conviction was not passed") == "finding"
    assert kind_of(items, "how he coped with the baby's crying") == "finding"


def test_should_not_read_questions_circulated_before_a_review_meeting_as_reflective(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _RAPID))
    assert kind_of(items, "Who was caring for Baby Q") is None
    assert kind_of(items, "seen by any professional before") is None


_LETTERED_CHILD = (
    "# Local Child Safeguarding Practice Review: Children P and S\n\n"
    "Wexcombe Safeguarding Children Partnership, 2026\n\n"
    "## Part 4: Summary of events\n\n"
    "P and S moved to the area in the spring of 2023 and joined the village school.\n\n"
    'In March 2024 P told his teacher: "Dad locks the food cupboard when he goes out."\n\n'
    "## Part 6: Findings\n\n"
    "- The school did not share what P said with children's social care for three weeks.\n"
)


def test_should_read_a_child_named_by_a_letter_quoted_telling_anyone_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _LETTERED_CHILD))
    assert kind_of(items, "Dad locks the food cupboard") == "child_voice"
