"""Points of practice put to the reader under a heading that names no kind ("On Monday
morning", "Try this"): an instruction opening with its occasion ("Before you ..., check") or
telling the reader to say or raise something is key learning; and a heading over a named
child's experience ("B's experience"), where what others saw the child do is the child's voice
(synthetic text written for these tests). A rapid review's decision that a fuller review was
or was not needed is procedure, not a finding."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_instructions_that_open_with_their_occasion_as_key_learning(tmp_path: Path):
    body = (
        "# Learning brief: Child B\n\n"
        "## On Monday morning\n\n"
        "- Before you sign off a missing episode, read the last three return interviews.\n"
        "- After a home visit where the baby was asleep, arrange to see the baby awake.\n"
        "- If a colleague's decision worries you, say so to your manager the same day.\n"
        "- When a parent refuses a visit, raise it at the next core group.\n"
    )
    items = items_of(create_document(tmp_path, body))
    for start in ("Before you sign off", "After a home visit", "If a colleague's", "When a parent"):
        assert kind_of(items, start) == "key_learning", start


def test_should_not_read_a_sentence_about_the_past_under_such_a_heading_as_learning(
    tmp_path: Path,
):
    body = (
        "# Learning brief: Child B\n\n"
        "## On Monday morning\n\n"
        "- Before the review began, the family had moved twice in a year.\n"
    )
    assert kind_of(items_of(create_document(tmp_path, body)), "Before the review") is None


def test_should_read_what_was_seen_of_a_named_childs_experience_as_the_childs_voice(
    tmp_path: Path,
):
    body = (
        "# Learning brief: Child B\n\n"
        "## What the review found\n\n"
        "Each referral was screened on its own, so the pattern was not seen.\n\n"
        "## B's experience\n\n"
        "His childminder described B hiding under the table whenever a door slammed and "
        "asking every afternoon whether his dad was coming home.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "His childminder described B") == "child_voice"


def test_should_not_read_a_mothers_experience_as_the_childs_voice(tmp_path: Path):
    body = (
        "# Learning brief: Child B\n\n"
        "## The mother's experience\n\n"
        "She described waiting weeks for a call back from the housing team after each move "
        "and feeling that nobody believed her.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "She described waiting") != "child_voice"


def test_should_not_read_a_rapid_reviews_decision_on_a_fuller_review_as_a_finding(
    tmp_path: Path,
):
    body = (
        "# Child A: rapid review summary\n\n"
        "## What we found\n\n"
        "Agencies did not share what they knew about the father's drug use, so the risk was "
        "not seen.\n\n"
        "## Decision\n\n"
        "The rapid review concluded that the learning was clear and that the criteria for a "
        "local child safeguarding practice review were not met. The national panel agreed.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Agencies did not share") == "finding"
    assert kind_of(items, "The rapid review concluded") is None
