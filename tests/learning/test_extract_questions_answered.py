"""Extraction from the commonest published families in further house styles: a rapid review
summary setting its questions over their answers, a briefing's "Learning theme:" headings, the
child quoted by a pronoun or after "told the reviewer that", and a local section listing what
the partners agreed (synthetic text only)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

QUESTIONS_ANSWERED = (
    "# Rapid Review Summary: Child Q\n"
    "\n"
    "Ambleford Safeguarding Children Partnership\n"
    "\n"
    "## Why a rapid review was held\n"
    "\n"
    "Child Q is thirteen. In March 2024 she was found in a flat in another town.\n"
    "\n"
    "## Child Q's story in brief\n"
    "\n"
    "Q lives with her father and a younger sister and is a keen runner.\n"
    "\n"
    'When her running coach asked Q about the new trainers in February 2024, she said: "A '
    "friend got them for me, he's kind like that.\"\n"
    "\n"
    "## What the rapid review asked, and what it found\n"
    "\n"
    "### Were the first signs noticed?\n"
    "\n"
    "Some were. The coach and the school nurse both saw that Q was tired and withdrawn, but "
    "each put it down to exams and neither spoke to the other.\n"
    "\n"
    "### Did agencies share what they knew?\n"
    "\n"
    "The police held information about the man who gave Q the trainers, but it was not passed "
    "to the school or to children's services before March 2024.\n"
    "\n"
    "## What is already happening\n"
    "\n"
    "- The school nursing service now tells the designated safeguarding lead about every child "
    "it sees who has been missing.\n"
    "- The police have agreed to bring intelligence about adults who target children to the "
    "monthly exploitation meeting.\n"
    "\n"
    "## Recommendations\n"
    "\n"
    "Recommendation to all partners: Every agency should record gifts from unknown adults as a "
    "possible sign of exploitation and share it with the lead professional.\n"
)


def test_should_read_a_summarys_questions_as_headings_over_the_findings_answering_them(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, QUESTIONS_ANSWERED))
    assert kind_of(items, "Some were. The coach") == "finding"
    assert kind_of(items, "The police held information") == "finding"


def test_should_read_what_is_already_happening_as_next_steps(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, QUESTIONS_ANSWERED))
    assert kind_of(items, "The school nursing service now tells") == "next_step"
    assert kind_of(items, "The police have agreed to bring") == "next_step"


def test_should_hear_the_child_quoted_by_a_pronoun_after_who_asked_her(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, QUESTIONS_ANSWERED))
    assert kind_of(items, "When her running coach asked Q") == "child_voice"


STORY_TOLD = (
    "# Executive Summary\n"
    "\n"
    'Local Child Safeguarding Practice Review: "Rowan"\n'
    "\n"
    "## Rowan's story\n"
    "\n"
    "Rowan came into care at ten and lived in five homes in four years.\n"
    "\n"
    'Rowan told the reviewer that every new home meant new rules: "I never knew what I was '
    'allowed to do, so I stopped asking."\n'
    "\n"
    "Rowan was referred to the mental health service twice, and each time the referral lapsed "
    "when Rowan moved.\n"
    "\n"
    'He said: "By the time anyone called me back I lived somewhere else."\n'
    "\n"
    "Rowan's grandmother visited him at each home.\n"
    "\n"
    'She said: "He always asked me when he could come home."\n'
    "\n"
    "## What the review found\n"
    "\n"
    "Rowan's moves were made at short notice and none was planned with him.\n"
)


def test_should_hear_the_child_telling_the_reviewer_that_then_quoted(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, STORY_TOLD))
    assert kind_of(items, "Rowan told the reviewer that every new home") == "child_voice"


def test_should_hear_the_child_quoted_again_by_a_pronoun_in_the_same_story(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, STORY_TOLD))
    assert kind_of(items, 'He said: "By the time anyone') == "child_voice"
    # a relative's words after a paragraph about her are not the child's voice
    assert kind_of(items, 'She said: "He always asked me') is None


LEARNING_THEMES = (
    '# 7-Minute Briefing: Local Child Safeguarding Practice Review "Jem"\n'
    "\n"
    "Ashcombe Safeguarding Children Partnership\n"
    "\n"
    "## 1. Background\n"
    "\n"
    "Jem was sixteen when he was seriously assaulted.\n"
    "\n"
    "## 2. Learning theme: the move to college\n"
    "\n"
    "Jem's college place fell through in the first month, and no one told his youth worker, "
    "who learned of it six weeks later.\n"
    "\n"
    "Reflective question: who would know first if a young person you work with stopped going "
    "to college?\n"
    "\n"
    "A place in education keeps a child near adults who notice when something changes.\n"
    "\n"
    "## 3. Learning theme: seeing the pattern\n"
    "\n"
    "Jem was stopped by the police four times in two months, and each stop was recorded on its "
    "own.\n"
    "\n"
    "## 4. What the partnership is doing\n"
    "\n"
    "- The police will share every stop of a child known to children's services with the "
    "child's social worker.\n"
)


def test_should_read_what_a_learning_themes_heading_states_as_findings(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, LEARNING_THEMES))
    assert kind_of(items, "Jem's college place fell through") == "finding"
    assert kind_of(items, "Jem was stopped by the police") == "finding"
    assert kind_of(items, "who would know first") == "reflective_question"
    assert kind_of(items, "A place in education keeps") == "key_learning"


LOCAL_SECTION = (
    "# Regional Briefing No. 4\n"
    "\n"
    "Westmere Safeguarding Children Partnership\n"
    "\n"
    "## What the national review found\n"
    "\n"
    "Plans did not say who would care for the baby. Where a parent had a crisis plan, it "
    "rarely named who would look after the baby if the parent became unwell.\n"
    "\n"
    "## What this means for Westmere\n"
    "\n"
    "Westmere's partners discussed the review in September 2024 and compared it with a local "
    "rapid review from 2023, in which the midwife learned of the crisis only afterwards. The "
    "partners agreed the following.\n"
    "\n"
    "- The crisis team will tell the health visitor the same day when it sees a parent of a "
    "baby under one.\n"
    "- The partnership will add a page on babies' daily care to its assessment guidance.\n"
)


def test_should_read_the_list_of_what_the_partners_agreed_as_next_steps(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, LOCAL_SECTION))
    assert kind_of(items, "The crisis team will tell the health visitor") == "next_step"
    assert kind_of(items, "The partnership will add a page") == "next_step"
    assert kind_of(items, "Westmere's partners discussed the review") is None
