"""Extraction from a full review report whose analysis chapter is set out under theme headings
("4. Analysis" > "Theme one: ..."), with numbered paragraphs and no findings heading, and a
learning brief's labelled pair under each learning point, and a serious case review's numbered
lessons over their evidence
(synthetic text only)."""

from __future__ import annotations

from tests.learning.documents import create_document, items_of, kind_of

_OPENING = (
    "# Local Child Safeguarding Practice Review: Sam\n\n"
    "Westbury Safeguarding Children Partnership, 2026\n\n"
    "## 1. Introduction\n\n1.1 This review looks at the help given to Sam and his sister.\n\n"
    "## 2. Sam and his family\n\n"
    "2.1 The family moved to a rented house in 2020 and the heating failed that winter.\n\n"
    "## 3. Analysis\n\n"
)
_RECOMMENDATIONS = (
    "## 4. Recommendations\n\n"
    "1. The partnership should publish a guide to its neglect tool for schools.\n"
)


def test_should_read_numbered_paragraphs_under_an_analysis_chapters_themes_as_findings(
    tmp_path,
):
    body = (
        _OPENING + "### Theme one: Seeing the pattern over time\n\n"
        "3.1 The nursery recorded that Sam was hungry on many mornings, but each concern was "
        "handled on the day and no referral was made.\n\n"
        "### Theme two: Working across agencies\n\n"
        "3.2 The health visitor and the nursery held different parts of the picture and did "
        "not share them.\n\n" + _RECOMMENDATIONS
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "3.1 The nursery recorded") == "finding"
    assert kind_of(items, "3.2 The health visitor") == "finding"
    assert kind_of(items, "2.1 The family moved") is None  # the family introduced, not analysed
    assert kind_of(items, "The partnership should publish") == "recommendation"


def test_should_keep_a_themes_evidence_as_narrative_when_the_theme_labels_its_learning(
    tmp_path,
):
    body = (
        _OPENING + "### Theme one: Seeing the pattern over time\n\n"
        "3.1 The nursery recorded that Sam was hungry on many mornings, but each concern was "
        "handled on the day.\n\n"
        "Learning: Neglect is seen in the build-up of small concerns, so schools and nurseries "
        "need to look back over their own records.\n\n" + _RECOMMENDATIONS
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "3.1 The nursery recorded") is None
    assert kind_of(items, "Neglect is seen") == "key_learning"


def test_should_read_a_learning_briefs_what_we_found_and_good_practice_labels(tmp_path):
    body = (
        "# Practitioner Learning Brief: Child T\n\n"
        "Westbury Safeguarding Children Partnership, 2026\n\n"
        "## Learning point 1\n\n### Listening to children who use few words\n\n"
        "What we found: T used pictures to show what frightened him, and staff kept them in a "
        "drawer without asking what they meant.\n\n"
        "What good practice looks like: Practitioners learn how each child communicates and "
        "ask about what the child shows them.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "T used pictures") == "finding"
    assert kind_of(items, "Practitioners learn how") == "key_learning"


def test_should_read_a_numbered_lessons_paragraph_as_the_lesson_under_its_title(tmp_path):
    body = (
        "# Serious Case Review: Child M\n\nWestbury Local Safeguarding Children Board, 2014\n\n"
        "## 3. Lessons learned\n\n"
        "Lesson 1: A new adult in the household changes the risk to a child.\n\n"
        "3.1 The mother's new partner was known to the health visitor, but nobody checked his "
        "history or told children's services that he had moved in.\n\n"
        "Lesson 2: Injuries to a baby must be seen together.\n\n"
        "3.2 The two hospital visits were seen by different doctors who did not look at the "
        "earlier record.\n"
    )
    items = items_of(create_document(tmp_path, body))
    # the one-line "Lesson n:" titles the paragraph below it, the lesson the document labels
    assert not [text for _, text in items if "A new adult in the household" in text]
    assert kind_of(items, "3.1 The mother's new partner") == "key_learning"
    assert kind_of(items, "3.2 The two hospital visits") == "key_learning"
