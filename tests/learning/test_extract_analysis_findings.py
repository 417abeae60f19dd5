"""Long reports' analysis told around their findings: the evidence before a lettered finding
("Finding C: ...") is narrative, and a report that states what its panel concluded in a
conclusions section of its own weighs the evidence in its numbered analysis, which is then
not read as findings (synthetic text only)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of


def kind_of(items: list[tuple[str, str]], words: str) -> str | None:
    """The kind of the first item holding ``words`` (its label or number may come first)."""
    return next((kind for kind, text in items if words in text), None)


_HEAD = (
    "# Local Child Safeguarding Practice Review: Tomasz\n\n"
    "Brayford Safeguarding Children Partnership, 2026\n\n"
    "## 1. Introduction\n\n"
    "Tomasz, aged nine, was found alone at home in December 2024.\n\n"
)
_RECOMMENDATIONS = (
    "## 8. Recommendations\n\n"
    "1. The partnership should ask schools to share attendance concerns with early help.\n"
)


def test_should_read_the_evidence_before_a_lettered_finding_as_narrative(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 6. Analysis and findings\n\n### 6.1 Days at home alone\n\n"
        "The school logged eleven late arrivals in the autumn term but did not ask who was at "
        "home in the mornings, and no agency knew his mother worked nights.\n\n"
        "Finding C: Nobody asked Tomasz who looked after him before school, so the pattern of "
        "his being left alone was not seen.\n\n" + _RECOMMENDATIONS,
    )
    items = items_of(path)
    assert kind_of(items, "Nobody asked Tomasz") == "finding"
    assert kind_of(items, "The school logged eleven") is None


def test_should_read_numbered_analysis_as_discussion_when_the_conclusions_state_the_findings(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Analysis\n\n"
        "5.1 The housing officer knew the family had no heating but did not tell the school, "
        "and the school did not ask why Tomasz came in wearing his coat.\n\n"
        "5.2 The early help offer was made by letter and was not followed up when the mother "
        "did not reply.\n\n"
        "## 6. Lessons learned\n\n"
        "1. A child who is cold and hungry at school is telling practitioners about home.\n\n"
        "## 7. Conclusions\n\n"
        "7.1 The panel concluded that the neglect of Tomasz was visible to several agencies, "
        "none of which brought what it knew together.\n\n" + _RECOMMENDATIONS,
    )
    items = items_of(path)
    assert kind_of(items, "The housing officer") is None
    assert kind_of(items, "The early help offer") is None
    assert kind_of(items, "A child who is cold") == "key_learning"


def test_should_still_read_numbered_analysis_as_findings_without_such_conclusions(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Analysis\n\n"
        "5.1 The housing officer knew the family had no heating but did not tell the school, "
        "and the school did not ask why Tomasz came in wearing his coat.\n\n"
        "## 6. Lessons learned\n\n"
        "1. A child who is cold and hungry at school is telling practitioners about home.\n\n"
        + _RECOMMENDATIONS,
    )
    items = items_of(path)
    assert kind_of(items, "The housing officer") == "finding"


def test_should_read_a_full_reports_good_practice_as_findings_without_the_announcement(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Analysis\n\n### 5.1 Mornings alone\n\n"
        "The school did not ask who was at home in the mornings.\n\n"
        "## 6. Good practice\n\n"
        "The review also saw practice that the partnership wants to recognise. The school "
        "nurse was kind and persistent.\n\n"
        "The breakfast club manager noticed that Tomasz ate two breakfasts and told the "
        "designated safeguarding lead the same day.\n\n" + _RECOMMENDATIONS,
    )
    items = items_of(path)
    assert kind_of(items, "The breakfast club manager noticed") == "finding"
    assert kind_of(items, "The review also saw practice") is None


_THEMATIC = (
    "# Far From Home: a thematic review\n\nBrayford Safeguarding Children Partnership, 2026\n\n"
    "## 4. Findings\n\n### Theme 1: Hurried moves\n\n"
    "Five of the seven moves were agreed on the day, after an emergency ended the placement "
    "before, and none of the receiving areas was told.\n\n"
)
_THEMATIC_FINDINGS = (
    "- Moves at short notice were made without asking what risks the new area held.\n"
    "- Receiving areas were not told that a child had arrived.\n\n"
)


def test_should_read_a_themes_evidence_before_a_line_opening_its_findings_as_narrative(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path, _THEMATIC + "What we found:\n\n" + _THEMATIC_FINDINGS + _RECOMMENDATIONS
    )
    items = items_of(path)
    assert kind_of(items, "Moves at short notice") == "finding"
    assert kind_of(items, "Five of the seven moves") is None


def test_should_read_a_themes_evidence_before_a_findings_heading_at_its_level_as_narrative(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path, _THEMATIC + "### What we found\n\n" + _THEMATIC_FINDINGS + _RECOMMENDATIONS
    )
    items = items_of(path)
    assert kind_of(items, "Moves at short notice") == "finding"
    assert kind_of(items, "Five of the seven moves") is None


def test_should_not_read_how_the_analysis_is_laid_out_or_one_familys_case_as_findings(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Thematic Review: Children Whose Parents Misuse Alcohol\n\n"
        "Brayford Safeguarding Children Partnership, 2026\n\n"
        "## 4. What we found\n\n"
        "The analysis is set out under three themes, each ending with what was found.\n\n"
        "### Theme 1: The child in view\n\n#### What we found\n\n"
        "Adult services rarely asked who cared for the children when a parent was drinking.\n\n"
        "In Family B, the girl cooked for her brothers for a year. Nobody asked her about it.\n\n"
        + _RECOMMENDATIONS,
    )
    items = items_of(path)
    assert kind_of(items, "Adult services rarely asked") == "finding"
    assert kind_of(items, "The analysis is set out") is None
    assert kind_of(items, "In Family B, the girl") is None
