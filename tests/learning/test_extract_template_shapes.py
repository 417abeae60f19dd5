"""Shapes read after heldout10's errors: a rapid review in the national template's question
sections, a patient safety investigation's "Improvement area:" labels, a review told as
practice episodes, a school's email cascade with headings in capitals, a briefing for carers
in the second person, a news release, a blog and a self-assessment (synthetic documents
written for these tests, none copied from the corpus)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


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
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The GP knew") == "finding"
    assert kind_of(items, "The ambulance crew") == "finding"
    assert kind_of(items, "Crying is") == "key_learning"
    assert kind_of(items, "Health visitors should") == "recommendation"
    assert kind_of(items, "The panel recommends") is None
    assert kind_of(items, "Signed on behalf") is None


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
    items = items_of(create_document(tmp_path, body))
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
    items = items_of(create_document(tmp_path, body))
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
    items = items_of(create_document(tmp_path, body, "cascade.txt"))
    assert kind_of(items, "Write down what a pupil") == "recommendation"
    assert kind_of(items, "The pastoral team") == "next_step"
    assert kind_of(items, "Which pupil") == "reflective_question"


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
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "You can ask for a copy") == "key_learning"
    assert kind_of(items, "Plans were closed") == "finding"
    assert kind_of(items, "Carers are now invited") == "next_step"
    assert kind_of(items, "The review also heard") is None
    assert kind_of(items, "The full report") is None


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
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "A boy of ten") == "child_voice"
    assert kind_of(items, "Agree a shared tool") == "recommendation"


def test_should_give_each_child_quoted_in_one_paragraph_an_item_of_their_own(tmp_path: Path):
    body = (
        "# Audit of children's experience of neglect\n\n"
        "## What the children told us\n\n"
        'A girl of seven said: "I get my own breakfast. Sometimes there is none." A boy of '
        'eleven wrote on his form, "I wish someone checked on us at weekends." Parents said '
        "they found the meetings hard to follow.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        ("child_voice", 'A girl of seven said: "I get my own breakfast. Sometimes there is none."'),
        (
            "child_voice",
            'A boy of eleven wrote on his form, "I wish someone checked on us at weekends."',
        ),
    ]


def test_should_not_take_a_paragraph_commenting_on_a_list_for_an_item_of_its_kind(
    tmp_path: Path,
):
    body = (
        "# Learning from a rapid review: Child F\n\n"
        "## What the review found about schools\n\n"
        "- Staff noticed F was hungry but did not record it as a concern.\n"
        "- Absences on Mondays were not followed up.\n\n"
        "Earlier, F's grandmother had asked the school for help with uniform and was given "
        "a form to fill in.\n\n"
        "## Recommendations\n\n"
        "- Schools should record hunger as a safeguarding concern.\n\n"
        "The partnership will check progress on this recommendation in June.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == ["finding", "finding", "recommendation", "next_step"]


def test_should_read_a_blogs_points_led_in_bold_and_not_the_comment_after_them(
    tmp_path: Path,
):
    body = (
        "<h1>What keeps coming up in our reviews</h1>"
        "<h2>What we keep seeing</h2>"
        "<p><strong>Plans end too early.</strong> Families slipped back within months of "
        "the case closing, and no one checked.</p>"
        "<p><strong>Fathers are not asked.</strong> Men in the household were not seen.</p>"
        "<p>Neither of these belongs to one agency. I see them in every kind of record.</p>"
    )
    items = items_of(create_document(tmp_path, body, "blog.html"))
    assert [kind for kind, _ in items] == ["finding", "finding"]
