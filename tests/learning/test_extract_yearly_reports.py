"""A safeguarding partnership's yearly report as published: a learning chapter reporting each
review under its own "Subject: type of review" heading and the coming year's priorities,
and a practice-week note's findings under topic headings
(synthetic documents written after heldout22's errors)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

_CHAPTER = (
    "# Oakvale Safeguarding Partnership Annual Report 2024 to 2025\n\n"
    "## Section 5: Learning from reviews and what changed\n\n"
    "### Child T: rapid review\n\n"
    "Concluded March 2025.\n\n"
    "T was four months old when he was admitted to hospital with a head injury.\n\n"
    "What the review found:\n\n"
    "- Nobody asked who else looked after T during the day.\n\n"
    "What has changed:\n\n"
    "- Health visitors now ask at every contact who else cares for the baby.\n\n"
)


def test_should_not_read_a_reviews_summary_under_its_subject_first_heading_as_learning(
    tmp_path: Path,
):
    items = items_of(create_document(tmp_path, _CHAPTER))
    assert items == [
        ("finding", "Nobody asked who else looked after T during the day."),
        ("next_step", "Health visitors now ask at every contact who else cares for the baby."),
    ]


def test_should_read_the_coming_years_learning_priorities_as_next_steps(tmp_path: Path):
    body = (
        _CHAPTER + "### Our learning priorities for 2025 to 2026\n\n"
        "1. Audit how agencies record the men who care for babies.\n"
        "2. Run a practice week on neglect in the spring.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Audit how agencies") == "next_step"
    assert kind_of(items, "Run a practice week") == "next_step"


def test_should_keep_a_case_titled_as_learning_from_a_review_under_its_heading(tmp_path: Path):
    body = (
        "# Practice briefing\n\n## Key learning\n\n### Kai: learning from a rapid review\n\n"
        "- A bruise on a baby who cannot move on their own always needs a referral.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "A bruise on a baby") == "key_learning"


def test_should_read_a_practice_weeks_measured_shortfall_under_a_topic_as_a_finding(
    tmp_path: Path,
):
    body = (
        "# Practice Week Note\n\n## What we saw\n\n### Recording\n\n"
        "Case summaries are out of date in too many cases. Only half of those read had been "
        "updated in the last three months.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Case summaries are out of date") == "finding"
