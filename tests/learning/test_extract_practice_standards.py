"""Shapes of practice guides read in heldout15: numbered standards, each stating what practice
should be and then "What our reviews found:" as its evidence; what the guide expects of a
named role; a child named with their age quoted (synthetic documents, no review text)."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

GUIDE = """# Seeing Every Adult: Practice Standards for Working with Carers

A guide drawn from the Somewhere partnership's reviews

## How to use this guide

Each standard says what we expect, then what our reviews found.

## Standard 1: Listen to what children say about home

1. Practitioners ask each child, in a way that suits their age, who looks after them at home.

What our reviews found: In one review the child's worries about an uncle were written down but
nobody asked the child about him again.

In practice this means:

- Asking the child on their own, at more than one visit.

## Standard 2: Keep every carer in the plan

2. The plan says what is expected of each adult who cares for the child.

## What we expect of team leaders

- Team leaders should ask about every adult in the household at each case discussion.
"""


def test_should_read_a_guides_standards_as_key_learning_and_their_evidence_as_findings(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, GUIDE))
    assert kind_of(items, "Practitioners ask each child") == "key_learning"
    assert kind_of(items, "The plan says") == "key_learning"
    assert kind_of(items, "Asking the child on their own") == "key_learning"
    assert kind_of(items, "In one review the child's worries") == "finding"


def test_should_read_what_a_guide_expects_of_a_named_role_as_recommendations(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, GUIDE))
    assert kind_of(items, "Team leaders should ask") == "recommendation"


def test_should_hear_a_child_named_with_their_age_telling_someone(tmp_path: Path) -> None:
    body = """# Learning Brief: Child P

## Key messages

Children who go missing are often being exploited and need to be asked why they leave.

Ravi, aged fifteen, told his teacher: "Nobody asked me where I went. They just said I was late."
"""
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Ravi, aged fifteen") == "child_voice"
    assert kind_of(items, "Children who go missing") == "key_learning"


def test_should_read_a_guides_advice_opening_with_more_verbs_as_key_learning(
    tmp_path: Path,
) -> None:
    body = """# Home Visits: A Practice Guide

## When nobody answers the door

- Treat three missed visits in a row as a reason to look at the risk again.
- Contact the school the same day when a visit fails.
- Discuss every visit that worried you with your supervisor.
"""
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Treat three missed visits") == "key_learning"
    assert kind_of(items, "Contact the school") == "key_learning"
    assert kind_of(items, "Discuss every visit") == "key_learning"


def test_should_read_a_guides_example_from_a_review_under_why_this_matters_as_a_finding(
    tmp_path: Path,
) -> None:
    body = """# Home Visits: A Practice Guide

## Before the visit

- Read the history, not only the last entry.

> **Why this matters**
>
> In the review of Baby Q, three practitioners visited in a month but none read the notes
> of the visit before, so the pattern was not seen.
"""
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "In the review of Baby Q") == "finding"
    assert kind_of(items, "Read the history") == "key_learning"
