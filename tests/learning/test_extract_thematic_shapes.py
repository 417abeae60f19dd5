"""Shapes of thematic reviews read in heldout14: numbered "Theme N:" headings that hold the
review's findings, each followed by a "What this means for practice:" line (synthetic
documents, no review text)."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

THEMATIC = """# Thematic Review: Neglect in Teenagers

Somewhere Safeguarding Children Partnership

Thematic review. Published May 2025.

## How we did it

The panel met four times and read the agency records for each family.

## Theme 1: Visits to the surgery

Two of the three teenagers saw the practice nurse more than twice, and each visit was treated on
its own without anyone looking at the pattern.

What this means for practice: each visit should be read alongside those before it, because a
pattern is itself a sign of risk.

## Theme 2: Clubs knew a lot

Sam had moved home three times in a year, and each move meant a new club and a new youth worker.

What this means for practice: youth workers should be invited to the meetings about the teenager.
"""


def test_should_read_paragraphs_under_a_thematic_reviews_theme_headings_as_findings(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, THEMATIC))
    assert kind_of(items, "Two of the three teenagers saw") == "finding"
    assert kind_of(items, "Sam had moved home three times") == "finding"
    assert kind_of(items, "The panel met four times") is None


def test_should_keep_what_this_means_for_practice_whole_as_key_learning(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, THEMATIC))
    assert kind_of(items, "What this means for practice: each visit") == "key_learning"
    assert kind_of(items, "What this means for practice: youth workers") == "key_learning"


def test_should_not_make_a_theme_inside_another_chapter_a_findings_section(
    tmp_path: Path,
) -> None:
    body = (
        "# Review of Child Q\n\n## 5. Chronology\n\n### Theme 1: The first year at school\n\n"
        "5.1 Q started at the village school in September and settled well in her class.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "5.1 Q started") is None
