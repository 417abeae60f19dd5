"""The extractor follows the annotation conventions settled in docs/learning-taxonomy.md
("Settled cases"): (a) a list that asks the reader to act is next steps, standing practice
guidance stays key learning; (b)/(c) the points under a learning label are key learning
whether they tell the case or state a general lesson. Synthetic documents only."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_a_do_this_list_as_next_steps(tmp_path: Path) -> None:
    body = (
        "# One-minute guide: babies and the adults around them\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Why it matters\n\n"
        "- A baby cannot tell anyone who looks after them at night.\n\n"
        "## Do this\n\n"
        "- Ask at every visit who lives in the home and who cares for the baby.\n"
        "- Record the name of every adult who looks after the baby overnight.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "A baby cannot tell") == "key_learning"
    assert kind_of(items, "Ask at every visit") == "next_step"
    assert kind_of(items, "Record the name") == "next_step"


def test_should_read_three_things_to_do_now_as_next_steps(tmp_path: Path) -> None:
    body = (
        "# Learning on a page: Child D\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Three things to do now\n\n"
        "- Check that every return interview you arrange is held away from the carer.\n"
        "- Follow up every child who did not attend a first appointment after self-harm.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Check that every return") == "next_step"
    assert kind_of(items, "Follow up every child") == "next_step"


def test_should_keep_a_practice_guides_do_and_try_not_to_grid_as_key_learning(
    tmp_path: Path,
) -> None:
    body = (
        "# Practice guide: talking with teenagers\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## What good looks like\n\n"
        "- The worker sees the young person alone and on more than one occasion.\n\n"
        "## Do\n\n- Use the young person's own words in the record.\n\n"
        "## Try not to\n\n- Describe exploitation as a lifestyle choice.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The worker sees") == "key_learning"
    assert kind_of(items, "Use the young person's") == "key_learning"
    assert kind_of(items, "Describe exploitation") == "key_learning"


def test_should_read_local_commitments_under_a_learning_heading_as_next_steps(
    tmp_path: Path,
) -> None:
    body = (
        "# National review: children who leave school\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## What this means in Eastmoor\n\n"
        "1. From March 2026 schools will send a short welfare note for every child who leaves "
        "the roll.\n"
        "2. Conference chairs will hold a review within ten days when a child on a plan leaves "
        "school.\n"
        "3. Children out of school will often lose the one adult who saw them every day.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "From March 2026 schools") == "next_step"
    assert kind_of(items, "Conference chairs will") == "next_step"
    assert kind_of(items, "Children out of school") == "key_learning"


def test_should_read_case_telling_points_under_learning_identified_as_key_learning(
    tmp_path: Path,
) -> None:
    body = (
        "# Rapid Review Record: Child N\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Learning identified\n\n"
        "- The change to weekly doses was made without asking who else lived in the flat.\n"
        "- The GP was not told that the medicine was now kept at home.\n"
        "- Medicines kept at home are a risk to a toddler unless storage is checked.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The change to weekly") == "key_learning"
    assert kind_of(items, "The GP was not told") == "key_learning"
    assert kind_of(items, "Medicines kept at home") == "key_learning"


def test_should_read_a_lessons_paragraph_under_its_one_line_title_as_the_lesson(
    tmp_path: Path,
) -> None:
    body = (
        "# Serious Case Review: Child V\n\nEastmoor Local Safeguarding Children Board, 2013\n\n"
        "## 3. Lessons learned\n\n"
        "Lesson 1: Closing a plan does not close the risk.\n\n"
        "3.1 The sibling's plan was closed a month before Child V was born, and nobody planned "
        "for the new baby.\n\n"
        "Lesson 2: A short lesson standing alone is still a lesson for every agency to learn.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "3.1 The sibling's plan") == "key_learning"
    assert kind_of(items, "Closing a plan") is None  # the title of the paragraph below it
    assert kind_of(items, "A short lesson standing alone") == "key_learning"
