"""Shapes of documents that look across many reviews, seen in the heldout30-33 splits and
written here in our own wording: a partnership's standing framework or yearly report whose
name says "learning" or "improvement", a report's author line set as a heading, a chapter of
themes drawn from a year's reviews, what a panel "wants to see", a list of learning announced
by a count ("point to three areas of learning"), "What we want practitioners to know:" and a
briefing's table of what each agency should do (synthetic text only, fictional places)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of


def kind_of(items: list[tuple[str, str]], words: str) -> str | None:
    """The kind of the first item holding ``words``, or None when none holds them."""
    return next((kind for kind, text in items if words in text), None)


def count_of(items: list[tuple[str, str]], words: str) -> int:
    """How many items hold ``words``."""
    return sum(words in text for _, text in items)


_FRAMEWORK = (
    "# Learning and Improvement Framework 2026 to 2029\n\n"
    "Ashvale Safeguarding Children Partnership\n\n"
    "## 1. Introduction\n\n"
    "This framework sets out how the partners in Ashvale look at what happened to children "
    "and how what they find is turned into better practice.\n\n"
    "## 2. Our principles\n\n"
    "- Reviews look at systems and do not blame individual workers.\n"
    "- Families are invited to take part in reviews about them.\n\n"
    "## 3. How we share learning\n\n"
    "Managers talk each briefing through with their team and note in the team's record that "
    "they have done so.\n\n"
    "## 4. Our commitments\n\n"
    "- revise the escalation procedure by June and report how often it is used;\n"
    "- ask every agency to show how supervision is protected when teams are stretched.\n"
)


def test_should_read_no_kind_from_a_standing_frameworks_name(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _FRAMEWORK))
    assert kind_of(items, "sets out how the partners") is None
    assert kind_of(items, "do not blame individual workers") is None
    assert kind_of(items, "revise the escalation procedure") == "next_step"


def test_should_read_no_learning_under_a_heading_on_how_learning_is_shared(
    tmp_path: Path,
) -> None:
    page = _FRAMEWORK.replace("Learning and Improvement Framework 2026 to 2029", "Our partnership")
    items = items_of(create_document(tmp_path, page))
    assert kind_of(items, "talk each briefing through") is None


_OVERVIEW = (
    "# Ten years of reviews: an overview for the Executive\n\n"
    "## Author: Head of Learning and Quality Assurance\n\n"
    "## 1. Purpose\n\n"
    "1.1 The Executive asked for a summary of every review held since 2016 so that it can "
    "decide where to put its effort next.\n\n"
    "## 2. What the reviews teach us\n\n"
    "Keeping a baby safe depends on knowing every adult who looks after the baby.\n"
)


def test_should_read_no_kind_from_an_author_line_set_as_a_heading(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _OVERVIEW))
    assert kind_of(items, "The Executive asked for a summary") is None


def test_should_read_what_the_reviews_teach_us_as_key_learning(tmp_path: Path) -> None:
    overview = _OVERVIEW.replace("## Author: Head of Learning and Quality Assurance\n\n", "")
    items = items_of(create_document(tmp_path, overview))
    assert kind_of(items, "knowing every adult who looks after") == "key_learning"


_YEARLY = (
    "CHILD DEATH OVERVIEW PANEL: REPORT FOR 2025\n\n"
    "2. The year in figures\n\n"
    "2.1 The Panel reviewed 61 deaths in the year, four fewer than the year before.\n\n"
    "3. Themes from this year's reviews\n\n"
    "3.1 The Panel reads every review it receives. This chapter sets out what came up most "
    "often.\n\n"
    "Themes in the deaths of young people\n\n"
    "3.2 Schools were seldom told when a pupil was discharged from mental health services "
    "after missed appointments.\n\n"
    "3.3 A letter about an earlier attendance for self-harm reached the family doctor but "
    "never reached the school.\n\n"
    "What the Panel wants to see\n\n"
    "3.4 A missed appointment for a child at risk of suicide is a safeguarding matter for "
    "every agency that knows the child.\n\n"
    "4. Membership of the Panel\n\n"
    "4.1 The Panel has an independent chair and met six times in the year.\n"
)


def test_should_read_a_chapter_of_themes_from_the_years_reviews_as_findings(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _YEARLY, "report.txt"))
    assert kind_of(items, "discharged from mental health services") == "finding"
    assert kind_of(items, "never reached the school") == "finding"
    assert count_of(items, "discharged from mental health services") == 1


def test_should_read_what_the_panel_wants_to_see_as_key_learning(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _YEARLY, "report.txt"))
    assert kind_of(items, "a safeguarding matter for every agency") == "key_learning"


_CHAPTER = (
    "# Ashvale Safeguarding Children Partnership: Yearly Report 2025 to 2026\n\n"
    "## 5. Learning from reviews\n\n"
    "### 5.2 What we have learned\n\n"
    "The reviews finished this year point to three areas of learning for Ashvale.\n\n"
    "- Marks on a baby who cannot yet crawl always need a child protection response.\n"
    "- The men in a household must be known to the practitioners visiting it.\n"
    "- Neglect builds up over time and is missed when each concern is judged alone.\n"
)


def test_should_read_no_item_from_a_count_announcing_the_learning(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _CHAPTER))
    assert kind_of(items, "point to three areas of learning") is None
    assert kind_of(items, "always need a child protection response") == "key_learning"


_PAGE = (
    "# Learning from our reviews\n\n"
    "## Rapid review: Baby M (published 2025)\n\n"
    "Baby M died aged ten weeks after sleeping on a sofa with a parent who had been drinking.\n\n"
    "What we want practitioners to know:\n\n"
    "- Risk rises sharply when a carer who has been drinking falls asleep holding a baby.\n"
    "- Advice about sleep must reach every adult who does the night feeds, not only mothers.\n"
)


def test_should_read_what_we_want_a_named_reader_to_know_as_key_learning(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _PAGE))
    assert kind_of(items, "falls asleep holding a baby") == "key_learning"
    assert kind_of(items, "does the night feeds") == "key_learning"


_BRIEF = (
    "# Practitioner learning brief: Child P\n\n"
    "## What this means for you\n\n"
    "| Agency | What to do |\n"
    "|---|---|\n"
    "| Schools | Tell the allocated social worker the same day when a child on a plan misses "
    "school. |\n"
    "| Family doctors | Ask who else lives at home when a parent registers a newborn baby. |\n"
)


def test_should_read_a_table_of_what_each_agency_should_do_as_next_steps(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _BRIEF))
    assert kind_of(items, "Tell the allocated social worker") == "next_step"
    assert kind_of(items, "registers a newborn baby") == "next_step"


_FINDING_THEN_QUESTION = (
    "# Learning Together review: Child N\n\n"
    "## 5. Findings\n\n"
    "### Finding 1: Restraint reports were filed and not read\n\n"
    "Placing social workers received each restraint report as a routine notice, and none was "
    "read alongside the others.\n\n"
    "Question for the partnership: How will the partnership know that placing authorities "
    "read the incident reports of children placed far from home?\n\n"
    "## 6. Contact\n\n"
    "Ashvale Safeguarding Children Partnership, Civic Centre, Mill Street, Ashvale. Ask the "
    "business unit for the full report.\n"
)


def test_should_read_a_question_labelled_with_its_reader_as_a_reflective_question(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _FINDING_THEN_QUESTION))
    assert kind_of(items, "read the incident reports of children") == "reflective_question"


_SUMMARY_FOOT = (
    "# Multi-agency audit summary: neglect\n\n"
    "## Recommendations\n\n"
    "1. The partnership should repeat the audit of neglect cases within a year.\n\n"
    "Ashvale Safeguarding Children Partnership, Civic Centre, Mill Street, Ashvale. "
    "www.ashvale-partnership.example.org\n\n"
    "## Actions agreed by the subgroup\n\n"
    "- The health lead will circulate the neglect screening tool by March.\n\n"
    "### Sign-off\n\n"
    "Presented to the Quality and Performance Subgroup on 3 March 2026. Chair: Dr Ina Marsh.\n"
)


def test_should_read_no_item_from_the_publishers_address(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _SUMMARY_FOOT))
    assert kind_of(items, "Civic Centre, Mill Street") is None
    assert kind_of(items, "repeat the audit of neglect") == "recommendation"


def test_should_read_no_item_from_a_reports_sign_off(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _SUMMARY_FOOT))
    assert kind_of(items, "Presented to the Quality and Performance") is None
    assert kind_of(items, "circulate the neglect screening tool") == "next_step"


_NATIONAL = (
    "# Out of sight: a national review of children in unregistered homes\n\n"
    "## 3. What we found\n\n"
    "Placing authorities seldom visited the homes before a child moved in.\n\n"
    "The reviews also showed good practice.\n\n"
    "- One placing social worker visited every fortnight and spoke to the child alone.\n\n"
    "## 4. Recommendations\n\n"
    "Our recommendations are addressed to government and to local partners in every area.\n\n"
    "1. The Department should publish guidance on visits to unregistered homes by next year.\n"
)


def test_should_read_no_item_from_a_line_announcing_the_good_practice_shown(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _NATIONAL))
    assert kind_of(items, "also showed good practice") is None


def test_should_read_no_item_from_whom_the_recommendations_are_addressed_to(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _NATIONAL))
    assert kind_of(items, "are addressed to government") is None
    assert kind_of(items, "publish guidance on visits") == "recommendation"
