"""Shapes read after heldout9's errors: an edited webinar transcript with speakers' turns
("Name 00:01:30"), a publisher's name on a line of its own, and a completed form's closing
request to send it back (synthetic documents written for these tests)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.library import parse_document


def create_document(tmp_path: Path, body: str, name: str = "webinar.md") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _texts(path: Path) -> list[str]:
    return [item.text for review in parse_document(path).reviews for item in review.items]


def test_should_not_take_a_speakers_turn_label_for_learning(tmp_path: Path):
    body = (
        "# Lunchtime session: our audit of missing episodes\n\n"
        "## What the audit found\n\n"
        "Priya 00:03:12\n\n"
        "Return interviews were not offered to children placed out of area, and nobody "
        "checked whether they had happened.\n\n"
        "Tom (audit lead) 00:04:40\n\n"
        "Schools were not told when a child had been missing overnight.\n"
    )
    texts = _texts(create_document(tmp_path, body))
    assert not any("00:0" in text for text in texts)
    assert any(text.startswith("Return interviews were not offered") for text in texts)


def test_should_not_take_a_publishers_name_alone_for_learning(tmp_path: Path):
    body = (
        "# What we learned: a summary for practitioners\n\n"
        "Northbeck and Dale Safeguarding Children Partnership\n\n"
        "## Key learning\n\n"
        "- Ask who else lives in the home and record the answer.\n"
    )
    texts = _texts(create_document(tmp_path, body))
    assert texts == ["Ask who else lives in the home and record the answer."]


def test_should_not_take_a_request_to_return_the_completed_form_for_learning(tmp_path: Path):
    body = (
        "# Team briefing record\n\n"
        "## Any learning for the partnership\n\n"
        "The team found the briefing useful but the case study was too long.\n\n"
        "Thank you. Please return the completed form to the learning and development team.\n"
    )
    texts = _texts(create_document(tmp_path, body))
    assert not any("completed form" in text for text in texts)


def test_should_read_a_numbered_form_section_naming_a_briefing_as_a_section(tmp_path: Path):
    body = (
        "# Briefing feedback record\n\n"
        "# Section 1: The key messages we took from the briefing\n\n"
        "Please record, in your own words, what the team understood the main learning to be.\n\n"
        "- A toddler's repeated missed health appointments are a sign of possible neglect.\n"
        "- Ask who else looks after the child and write their names down.\n"
    )
    texts = _texts(create_document(tmp_path, body, "record.md"))
    assert texts == [
        "A toddler's repeated missed health appointments are a sign of possible neglect.",
        "Ask who else looks after the child and write their names down.",
    ]


def test_should_read_a_list_introduced_as_the_reviews_recommendations_as_recommendations(
    tmp_path: Path,
):
    body = (
        "# Questions and answers about the practice review of Child R\n\n"
        "## What has the board agreed to do?\n\n"
        "The board agreed the three recommendations the reviewer made:\n\n"
        "- The council should offer every kinship carer a named worker.\n"
        "- Schools should tell the social worker when a child's attendance falls.\n"
    )
    path = create_document(tmp_path, body, "qa.md")
    kinds = [item.kind for review in parse_document(path).reviews for item in review.items]
    assert kinds == ["recommendation", "recommendation"]


def test_should_read_questions_in_a_findings_section_as_reflective_or_not_learning(
    tmp_path: Path,
):
    body = (
        "# Webinar: what our audit of neglect cases found\n\n"
        "## What the audit found\n\n"
        "So what stood out?\n\n"
        "Plans were not reviewed when nothing changed for the children.\n\n"
        "And were the right people there?\n\n"
        "Which of your families has had the same plan for a year, and what has changed?\n"
    )
    path = create_document(tmp_path, body)
    items = [(i.kind, i.text) for review in parse_document(path).reviews for i in review.items]
    assert ("finding", "And were the right people there?") not in items
    assert (
        "reflective_question",
        "Which of your families has had the same plan for a year, and what has changed?",
    ) in items
    assert all(kind != "finding" or not text.endswith("?") for kind, text in items)


def test_should_not_read_a_board_papers_closing_sections_as_next_steps(tmp_path: Path):
    body = (
        "# Practice review of Child M: paper for the executive group\n\n"
        "## 5. Actions proposed\n\n"
        "## 5.1 The business unit proposes to\n\n"
        "- The business unit will write to schools about attendance by June.\n\n"
        "## 6. Risks\n\n"
        "The action plan depends on the provider's capacity, which is under review.\n\n"
        "## 7. Equality implications\n\n"
        "Boys from some communities are over-represented among excluded children.\n\n"
        "## 8. Publication\n\n"
        "The report has been shared with the national panel.\n"
    )
    path = create_document(tmp_path, body, "paper.md")
    items = [(i.kind, i.text) for review in parse_document(path).reviews for i in review.items]
    assert items == [
        ("next_step", "The business unit will write to schools about attendance by June."),
    ]


def test_should_read_what_a_review_found_as_a_finding_under_a_learning_heading(
    tmp_path: Path,
):
    body = (
        "# Practice newsletter: spring\n\n"
        "## 2) Learning from a rapid review: a toddler with a burn\n\n"
        "The rapid review found that the burn was treated without asking how it happened.\n"
    )
    path = create_document(tmp_path, body, "newsletter.md")
    kinds = [item.kind for review in parse_document(path).reviews for item in review.items]
    assert kinds == ["finding"]
