"""Sections named by what a review does: answers to its terms of reference (findings) and
what it asks agencies to do (recommendations)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

_ANSWERED = """NORTHWOOD SAFEGUARDING CHILDREN BOARD

Serious Case Review: Child B

1. Introduction

1.1 This is the executive summary of the review about Child B.

2. The terms of reference and the review's conclusions

TERM OF REFERENCE 1: DID AGENCIES KNOW WHO LIVED IN THE HOME?

2.1 No agency knew that a lodger had moved into the flat. The housing
officer visited but did not ask who else lived there.

TERM OF REFERENCE 2: WAS THE CHILD SEEN AND HEARD?

2.2 Child B was seen on home visits but was not spoken to on his own at
any point in the year.

3. Recommendations

3.1 The Board should make sure agencies ask who lives in the home at
every visit.
"""

_SCOPE_ONLY = """Serious Case Review: Child C

1. Terms of reference

1.1 The review looked at the work of agencies from 2019 to 2021.

2. Findings

2.1 The school did not share its concerns with the health visitor.
"""


def test_should_read_answers_to_the_terms_of_reference_as_findings(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _ANSWERED, "summary.txt"))
    assert kind_of(items, "2.1 No agency knew") == "finding"
    assert kind_of(items, "2.2 Child B was seen") == "finding"
    assert kind_of(items, "3.1 The Board should") == "recommendation"


def test_should_keep_terms_of_reference_alone_as_background(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _SCOPE_ONLY, "summary.txt"))
    assert kind_of(items, "1.1 The review looked") is None
    assert kind_of(items, "2.1 The school did not") == "finding"


_ASKS = """# Briefing for leaders

## Key messages

1. Babies who are not brought to appointments are at risk when nobody follows up.

## What the partnership asks each agency to do

- Health visiting should follow up every missed contact within a week.
- Schools should record every concern on the safeguarding system.
"""


def test_should_read_what_the_partnership_asks_agencies_to_do_as_recommendations(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _ASKS, "briefing.md"))
    assert kind_of(items, "Health visiting should") == "recommendation"
    assert kind_of(items, "Schools should record") == "recommendation"


def create_checklist(tmp_path: Path) -> Path:
    """A Word briefing with a self-assessment checklist: a table of questions to rate."""
    import docx

    document = docx.Document()
    document.add_heading("Briefing for leaders", 1)
    document.add_heading("Leaders' self-assessment checklist", 2)
    document.add_paragraph("Use the checklist with your senior team and rate each statement.")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Statement", "Evidence to look for", "Rating"),
        ("Do we know which babies missed their health checks?", "Health visiting records", ""),
        ("Are missed appointments followed up by a named person?", "Case audit", ""),
    ]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "briefing.docx"
    document.save(str(path))
    return path


def test_should_read_a_checklist_table_of_questions_as_reflective_questions(
    tmp_path: Path,
) -> None:
    items = items_of(create_checklist(tmp_path))
    assert ("reflective_question", "Do we know which babies missed their health checks?") in items
    assert kind_of(items, "Are missed appointments") == "reflective_question"
    assert kind_of(items, "Use the checklist") is None
