"""Shapes of learning products on one theme drawing on several reviews, read in heldout35
(synthetic documents, no review text): "Theme n:" sections that tell a case and then state its
lesson, a page titled "Themes from case reviews: ...", "What our reviews identified", a two-column
"What the reviews found | What this means for practice" table, "Points to remember", "What we
ask ... to do", "What practitioners must do" and a boxed list."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

THEMED_PAGE = """# Themes from case reviews: a guide for youth clubs

Published 3 March 2026

Youth workers see young people in their own time, and our reviews often show they knew a lot.

### Reviews this page draws on

- Child T: local child safeguarding practice review, published June 2024
- Child W: rapid review, learning summary published May 2025

## Theme 1: Late nights at the club

In the review of Child T the club's staff noticed she stayed until closing every night and was
collected by older men in a car, but nobody passed this on to the school.

A young person who does not want to go home is telling you something about home. Note it and
talk to your safeguarding lead the same evening.

## Theme 2: Who brings them

Leaders should know who collects each young person after a session, and a change of adult is
worth asking about.

## What we ask youth clubs to do

- Keep a simple record of who collects each young person under sixteen.
- Agree who in your club speaks to the school when a worry comes up.
"""


def test_should_read_a_lesson_stated_under_a_theme_heading_as_key_learning(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, THEMED_PAGE))
    assert kind_of(items, "In the review of Child T the club") == "finding"
    assert kind_of(items, "A young person who does not want to go home") == "key_learning"
    assert kind_of(items, "Leaders should know who collects") == "key_learning"


def test_should_not_make_a_themes_from_reviews_title_a_findings_section(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, THEMED_PAGE))
    assert kind_of(items, "Published 3 March 2026") is None
    assert kind_of(items, "Youth workers see young people") is None
    assert kind_of(items, "Child T: local child safeguarding") is None


def test_should_read_what_we_ask_readers_to_do_as_next_steps(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, THEMED_PAGE))
    assert kind_of(items, "Keep a simple record") == "next_step"
    assert kind_of(items, "Agree who in your club") == "next_step"


GUIDE = """# Keeping teenagers safe online: practice guidance

## 2. What our reviews identified

- Online contact was treated as a matter for parents. In the review about Child P, three
  reports of messages from an adult were closed without a visit.

## 3. Points to remember

> - A child groomed online is a victim, whatever they sent.
> - Ask to see the messages, with the child's agreement.

## 4. What practitioners must do

- Record the usernames a child gives you and pass them to the police the same day.
"""


def test_should_read_what_our_reviews_identified_as_findings(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, GUIDE))
    assert kind_of(items, "Online contact was treated") == "finding"


def test_should_read_points_to_remember_in_a_boxed_list_once_as_key_learning(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, GUIDE))
    assert kind_of(items, "A child groomed online is a victim") == "key_learning"
    assert kind_of(items, "Ask to see the messages") == "key_learning"
    assert sum(text.startswith("A child groomed online") for _, text in items) == 1


def test_should_read_what_practitioners_must_do_as_next_steps(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, GUIDE))
    assert kind_of(items, "Record the usernames") == "next_step"


TABLE_PAGE = """<html><body><h1>Learning event handout: sleep and babies</h1>
<h2>What the reviews found and what it means for practice</h2>
<table>
<tr><th>What the reviews found</th><th>What this means for practice</th></tr>
<tr><td>In two reviews the baby slept on a sofa with a parent who had been drinking.</td>
<td>Talk about safer sleep at every visit, not only after the birth.</td></tr>
<tr><td>Nobody asked where the baby slept when the family stayed with relatives.</td>
<td>Ask where the baby will sleep on nights away from home.</td></tr>
</table></body></html>
"""


def test_should_read_each_column_of_a_reviews_found_table(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, TABLE_PAGE, name="handout.html"))
    assert kind_of(items, "In two reviews the baby slept") == "finding"
    assert kind_of(items, "Nobody asked where the baby slept") == "finding"
    assert kind_of(items, "Talk about safer sleep") == "key_learning"
    assert kind_of(items, "Ask where the baby will sleep") == "key_learning"


EVENT = """# Learning event: neglect in the early years

## About the reviews

Baby N was eleven months old when she was admitted to hospital with a fractured arm.

## Theme 1: Seeing the child

In the review of Child K, a nursery worker recalled him saying, "Mummy sleeps all day and I make
the toast."

## Table exercise

Talk about these on your tables and write your answers on the sheet.

1\\. When did you last ask a child what a normal morning at home is like?

2\\. Who would you tell if a child said they made their own meals?
"""


def test_should_read_an_adult_recalling_a_named_childs_words_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, EVENT))
    assert kind_of(items, "In the review of Child K, a nursery worker") == "child_voice"


def test_should_read_a_table_exercises_questions_as_reflective_questions(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, EVENT))
    assert kind_of(items, "1. When did you last ask a child") == "reflective_question"
    assert kind_of(items, "2. Who would you tell if a child") == "reflective_question"
    assert kind_of(items, "Talk about these on your tables") is None


LESSONS_TABLE = """<html><body><h1>Learning brief: Child V</h1>
<h2>Learning and what it means for you</h2>
<table>
<tr><th>What we learned</th><th>What this means for you</th></tr>
<tr><td>A parent's new partner changes the risk to a child, whoever he is.</td>
<td>Ask who has moved into the home at every visit and record his details.</td></tr>
</table>
<h2>From the review</h2>
<table>
<tr><th>What we found</th><th>What this means for you</th></tr>
<tr><td>No one asked who the man at the door was.</td>
<td>A new adult in the home is a question to ask, not a detail to note.</td></tr>
</table></body></html>
"""


def test_should_read_what_a_lesson_means_for_the_reader_as_a_next_step(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, LESSONS_TABLE, name="brief.html"))
    assert kind_of(items, "A parent's new partner changes the risk") == "key_learning"
    assert kind_of(items, "Ask who has moved into the home") == "next_step"
    assert kind_of(items, "No one asked who the man") == "finding"
    assert kind_of(items, "A new adult in the home is a question") == "key_learning"
