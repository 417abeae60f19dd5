"""Shapes of review reports read in heldout14: the case told in short ("4. Noah's story in
brief", "The case in brief") before the analysis, and the family's views, which are not the
child's voice (synthetic documents, no review text)."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

REPORT = """# Local Child Safeguarding Practice Review: Ada

## 1. Introduction

1.1 The review was commissioned in May 2024.

## 2. Ada's story in brief

2.1 Ada's mother was a care leaver, but nobody told the health visitor about her history.

## 3. The family's views

3.1 Ada's aunt said that she had warned the school that Ada was "scared to go home", but no one
called her back.

## 4. Analysis of practice

4.1 The health visitor did not know the mother's history, so the risk was not assessed.

## 5. Recommendations

5.1 The partnership should make sure care leavers' histories are shared with midwives.
"""


def test_should_leave_the_case_told_in_brief_as_background(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, REPORT))
    assert kind_of(items, "2.1 Ada's mother was a care leaver") is None
    assert kind_of(items, "4.1 The health visitor did not know") == "finding"


def test_should_not_hear_the_familys_views_as_the_childs_voice(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, REPORT))
    assert kind_of(items, "3.1 Ada's aunt said") is None


def test_should_leave_who_monitors_the_action_plan_out_of_the_next_steps(tmp_path: Path) -> None:
    body = """# Serious Case Review: Child V

## 6. Action plan

6.1 The overview report, with the agencies' own recommendations, has been evaluated by the
inspectorate.

6.2 An action plan has been agreed by the Board and will be monitored by its case review
subgroup until every action is complete.

6.3 Schools will be given a new flowchart for reporting injuries to babies' siblings.
"""
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "6.1 The overview report") is None
    assert kind_of(items, "6.2 An action plan") is None
    assert kind_of(items, "6.3 Schools will be given") == "next_step"
