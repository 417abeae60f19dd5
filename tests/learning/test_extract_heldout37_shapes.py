"""Shapes of reports on what happened to a review's recommendations, seen in the heldout37
split, in our own wording: a response or progress note written under its own label beside
each recommendation ("Our response:", "What has been done:", "What remains:"), a rating line
after it, and a re-audit's findings under "What the re-audit found" (synthetic text only)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of


def kind_of(items: list[tuple[str, str]], words: str) -> str | None:
    """The kind of the first item holding ``words``, or None when none holds them."""
    return next((kind for kind, text in items if words in text), None)


_RESPONSE = (
    "# Partnership Response to the Review of Child D\n\n"
    "Pellworth Safeguarding Children Partnership, 2026\n\n"
    "## Recommendations and our response\n\n"
    "### Recommendation 1\n\n"
    "Recommendation 1: The health trust should make sure that every missed antenatal "
    "appointment is followed up by a midwife within a week.\n\n"
    "Our response: Accepted. Since March the community midwives telephone every woman who "
    "misses an appointment and record the call on the shared maternity record.\n\n"
    "### Recommendation 2\n\n"
    "Recommendation 2: Children's social care should check that each pre-birth assessment "
    "names the father and what is known about him.\n\n"
    "What has been done: the assessment template now has a section on fathers and partners, "
    "and team managers sample six assessments each quarter.\n\n"
    "What remains: the audit of last year's assessments is due to finish in the summer and "
    "will be reported to the executive.\n\n"
    "Rating: Amber\n"
)


def test_should_read_a_labelled_response_to_a_recommendation_as_a_next_step(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _RESPONSE))
    assert kind_of(items, "every missed antenatal appointment") == "recommendation"
    assert kind_of(items, "community midwives telephone every woman") == "next_step"
    assert kind_of(items, "names the father and what is known") == "recommendation"
    assert kind_of(items, "section on fathers and partners") == "next_step"
    assert kind_of(items, "audit of last year's assessments") == "next_step"


def test_should_not_read_a_rating_line_as_an_item(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _RESPONSE))
    assert kind_of(items, "Amber") is None


_REAUDIT = (
    "# Re-audit of Neglect Cases\n\n"
    "Pellworth Safeguarding Children Partnership, 2026\n\n"
    "## 1. Purpose\n\n"
    "1.1 This report tells the partnership what the second audit of neglect cases showed.\n\n"
    "## 3. What the re-audit found\n\n"
    "3.1 Health visitors recorded the home conditions at every visit in seven of the eight "
    "families, against three of eight in the first audit.\n\n"
    "3.2 Chronologies were kept up to date in only two of eight cases, and none was shared "
    "with the school nurse.\n"
)


def test_should_read_paragraphs_under_what_the_re_audit_found_as_findings(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _REAUDIT))
    assert kind_of(items, "recorded the home conditions") == "finding"
    assert kind_of(items, "Chronologies were kept up to date") == "finding"


_IMPACT = (
    "# One Year On: the Review of Child S\n\n"
    "Pellworth Safeguarding Children Partnership, 2026\n\n"
    "## Is it making a difference?\n\n"
    "In May the subgroup looked again at ten cases of babies referred since the plan began. "
    "The auditors found:\n\n"
    "Nine of the ten discharge plans named a lead professional, where none had in the first "
    "audit.\n\n"
    "Fathers were still not invited to the discharge meeting in four of the ten cases.\n"
)


def test_should_read_paragraphs_after_the_auditors_found_as_findings(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _IMPACT))
    assert kind_of(items, "discharge plans named a lead") == "finding"
    assert kind_of(items, "Fathers were still not invited") == "finding"


_CHANGED_SINCE = (
    "# Child J: learning and what has changed since\n\n"
    "## About Child J\n\n"
    "Child J was six and lived with his grandmother, who cared for him after his mother "
    "became unwell. The review looked at the year before he was admitted to hospital.\n\n"
    "## What has changed since\n\n"
    "- The school nurse now sees every child in kinship care within a term of their "
    "arrival.\n"
)


def test_should_not_lend_a_changed_since_title_to_the_case_told_about_the_child(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _CHANGED_SINCE))
    assert kind_of(items, "lived with his grandmother") is None
    assert kind_of(items, "school nurse now sees every child") == "next_step"


_RESTATED = (
    "# Local Child Safeguarding Practice Review: Child W\n\n"
    "Pellworth Safeguarding Children Partnership, 2026\n\n"
    "## 5. Analysis and findings\n\n"
    "### Finding 1: The stepfather was not known to the health visitor\n\n"
    "Finding 1: The stepfather was living in the home from the spring, but the health "
    "visitor's record named only the mother and the baby, and nobody asked who else cared "
    "for him.\n\n"
    "5.2 Staff at the practitioner event said that they rarely see men at home visits.\n"
)


def test_should_keep_the_paragraph_not_the_heading_when_both_state_finding_one(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _RESTATED))
    findings = [text for kind, text in items if kind == "finding"]
    assert not any(text.startswith("The stepfather was not known") for text in findings)
    assert any("nobody asked who else cared" in text for text in findings)
