"""Shapes read after heldout10's errors: a rapid review in the national template's question
sections, a patient safety investigation's "Improvement area:" labels, a review told as
practice episodes, a school's email cascade with headings in capitals, a briefing for carers
in the second person, a news release, a blog and a self-assessment (synthetic documents
written for these tests, none copied from the corpus)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.library import parse_document


def create_document(tmp_path: Path, body: str, name: str = "document.md") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _items(path: Path) -> list[tuple[str, str]]:
    return [
        (item.kind, item.text) for review in parse_document(path).reviews for item in review.items
    ]


def _kind_of(items: list[tuple[str, str]], start: str) -> str | None:
    return next((kind for kind, text in items if text.startswith(start)), None)


def test_should_read_the_rapid_review_templates_question_sections_by_what_they_ask(
    tmp_path: Path,
):
    body = (
        "# Rapid Review: Infant M\n\n"
        "# Section 3: What does the information gathered tell us about the quality of "
        "practice?\n\n"
        "The GP knew of the father's drinking but did not tell the health visitor.\n\n"
        "# Section 4: Were there any examples of good practice?\n\n"
        "The ambulance crew raised a concern straight away and stayed until police came.\n\n"
        "# Section 6: What learning has been identified?\n\n"
        "1. Crying is the most common trigger for shaking, and every parent needs to hear it.\n\n"
        "# Section 7: Recommendation\n\n"
        "The panel recommends that the partnership does not commission a local child "
        "safeguarding practice review.\n\n"
        "# Section 8: Learning to be taken forward\n\n"
        "- Health visitors should ask about every adult who cares for the baby.\n\n"
        "Signed on behalf of the partnership by its independent scrutineer, 3 March 2025.\n"
    )
    items = _items(create_document(tmp_path, body))
    assert _kind_of(items, "The GP knew") == "finding"
    assert _kind_of(items, "The ambulance crew") == "finding"
    assert _kind_of(items, "Crying is") == "key_learning"
    assert _kind_of(items, "Health visitors should") == "recommendation"
    assert _kind_of(items, "The panel recommends") is None
    assert _kind_of(items, "Signed on behalf") is None


def test_should_read_improvement_area_labels_as_recommendations_under_findings(
    tmp_path: Path,
):
    body = (
        "# Patient safety incident investigation: Patient D\n\n"
        "## 4. Findings\n\n"
        "### Environment\n\n"
        "D waited in the adult waiting room for four hours, which made it harder for staff "
        "to talk with her alone.\n\n"
        "Improvement area: The trust should open a quiet room for young people at night.\n\n"
        "Area for improvement: discharge letters were not copied to the school nurse.\n"
    )
    items = _items(create_document(tmp_path, body))
    assert items == [
        (
            "finding",
            "D waited in the adult waiting room for four hours, which made it harder for "
            "staff to talk with her alone.",
        ),
        ("recommendation", "The trust should open a quiet room for young people at night."),
        ("finding", "discharge letters were not copied to the school nurse."),
    ]


def test_should_read_the_learning_of_a_practice_episode_as_findings_about_it(tmp_path: Path):
    body = (
        "# Child Safeguarding Practice Review: Child P\n\n"
        "## 2. Episode one: the school move (2022)\n\n"
        "P moved school twice in a term. Each time his records followed late, but the "
        "school did not chase them.\n\n"
        "### Learning from this period\n\n"
        "- The new school treated P as a new pupil with no history, and his records arrived "
        "six weeks later.\n\n"
        "## 3. Recommendations\n\n"
        "- The partnership should set a deadline for moving pupils' safeguarding records.\n"
    )
    items = _items(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == ["finding", "recommendation"]
    assert items[0][1].startswith("The new school treated P")


def test_should_read_an_email_cascade_with_headings_in_capitals(tmp_path: Path):
    body = (
        "STAFF BRIEFING: LEARNING FROM A LOCAL REVIEW\n\n"
        "From: Headteacher\n\n"
        "WHAT I AM ASKING ALL TEACHING STAFF TO DO\n\n"
        "- Write down what a pupil tells you in their own words, the same day.\n\n"
        "WHAT THE SCHOOL IS CHANGING\n\n"
        "The pastoral team is adding a check of attendance patterns to its weekly meeting.\n\n"
        "QUESTIONS FOR MONDAY'S BRIEFING\n\n"
        "- Which pupil in your class would you worry about if they stopped coming in?\n"
    )
    items = _items(create_document(tmp_path, body, "cascade.txt"))
    assert _kind_of(items, "Write down what a pupil") == "recommendation"
    assert _kind_of(items, "The pastoral team") == "next_step"
    assert _kind_of(items, "Which pupil") == "reflective_question"


def test_should_read_a_carers_briefing_news_release_and_blog_by_their_headings(
    tmp_path: Path,
):
    body = (
        "# Learning briefing for kinship carers: Sam's review\n\n"
        "## What this means if you are looking after a child\n\n"
        "- You can ask for a copy of the plan for the child in your care.\n\n"
        "## Things we keep seeing\n\n"
        "Plans were closed as soon as school attendance improved, and nobody checked six "
        "months later.\n\n"
        "## What has already changed\n\n"
        "- Carers are now invited to every review meeting about the child.\n\n"
        "The review also heard from grandparents caring for their grandchildren, who said "
        "they felt alone.\n\n"
        "The full report is available on the partnership's website.\n"
    )
    items = _items(create_document(tmp_path, body))
    assert _kind_of(items, "You can ask for a copy") == "key_learning"
    assert _kind_of(items, "Plans were closed") == "finding"
    assert _kind_of(items, "Carers are now invited") == "next_step"
    assert _kind_of(items, "The review also heard") is None
    assert _kind_of(items, "The full report") is None


def test_should_read_improvement_priorities_as_recommendations_and_childrens_words(
    tmp_path: Path,
):
    body = (
        "# Neglect: multi-agency self-assessment\n\n"
        "## What children and carers told us\n\n"
        'A boy of ten said: "Nobody asked me what I had for tea."\n\n'
        "## Improvement priorities\n\n"
        "- Agree a shared tool for assessing neglect across agencies.\n"
    )
    items = _items(create_document(tmp_path, body))
    assert _kind_of(items, "A boy of ten") == "child_voice"
    assert _kind_of(items, "Agree a shared tool") == "recommendation"
