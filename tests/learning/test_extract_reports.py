"""Shapes that report learning rather than list it: action plans with a recommendation and an
action column, "You said / We did" tables, write-ups in questions and answers, annual reports
telling several reviews in prose, analysis sections named with their conclusions, boxes ruled
off in plain text, and national panel briefings (synthetic documents)."""

from pathlib import Path

from fullpicture.learning.documents import text_blocks
from fullpicture.learning.library import parse_document
from fullpicture.learning.metadata import detect_type, extract_metadata


def create_document(tmp_path: Path, body: str, name: str = "review.md") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _kinds(path: Path) -> list[tuple[str, str]]:
    return [
        (item.kind, item.text) for review in parse_document(path).reviews for item in review.items
    ]


_HEAD = "# Practice Review: Child W\n\nHollinmere Safeguarding Children Partnership, May 2026\n\n"


def test_should_read_both_the_recommendations_and_the_actions_of_an_action_plan(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## 6. Recommendations and action plan\n\n"
        "| Recommendation | Agency | Action | Status |\n|---|---|---|---|\n"
        "| The health trust should check every missed appointment. | Health trust | "
        "Add a prompt to the booking system for missed appointments. | Complete |\n",
    )
    kinds = _kinds(path)
    assert [kind for kind, _ in kinds] == ["recommendation", "next_step"]
    assert kinds[0][1].startswith("The health trust should check every missed appointment.")
    assert kinds[1][1].startswith("Add a prompt to the booking system")
    assert "Status: Complete" in kinds[1][1]


def test_should_read_you_said_as_findings_and_we_did_as_next_steps(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## You said, we did\n\n| You said | We did |\n|---|---|\n"
        "| Nobody at the school knew who the lead professional was. | "
        "Every plan now names its lead professional on the first page. |\n",
    )
    assert [kind for kind, _ in _kinds(path)] == ["finding", "next_step"]


def test_should_take_the_answers_of_a_question_and_answer_write_up_as_learning(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## Questions and answers\n\nQ: Why was the referral closed?\n\n"
        "A: The referral was closed because the mother said things were better, and nobody "
        "checked with the school.\n\n## Questions for your team\n\n"
        "- How do you check what a parent tells you?\n",
    )
    assert _kinds(path) == [
        (
            "key_learning",
            "The referral was closed because the mother said things were better, and nobody "
            "checked with the school.",
        ),
        ("reflective_question", "How do you check what a parent tells you?"),
    ]


def test_should_keep_a_question_with_no_answer_as_a_question_for_the_reader(tmp_path):
    path = create_document(
        tmp_path, _HEAD + "## Questions for practice\n\nQ: How do you hear from fathers?\n"
    )
    assert _kinds(path) == [("reflective_question", "How do you hear from fathers?")]


def test_should_read_an_annual_report_telling_each_review_in_prose(tmp_path):
    path = create_document(
        tmp_path,
        "# Hollinmere Safeguarding Children Partnership Annual Report 2025 to 2026\n\n"
        "## 4. Learning from reviews\n\n"
        "### 4.1 Rapid review: Baby P (June 2025)\n\n"
        "Baby P was three months old when he was taken to hospital with a head injury.\n\n"
        "The rapid review found that the health visitor had not been told that the father "
        "had moved back into the home.\n\n"
        "The GP knew of the father's previous convictions but did not share them.\n\n"
        "As a result of the review, the health visiting service has added a question about "
        "new adults in the household to every contact.\n\n"
        "### 4.2 Multi-agency audit: neglect of teenagers (October 2025)\n\n"
        "The audit found that older children's neglect was often recorded as poor behaviour "
        "rather than a lack of care.\n\n"
        "The key learning from the audit is that neglect does not end when a child becomes "
        "a teenager.\n",
    )
    reviews = parse_document(path).reviews
    assert [r.metadata.review_type for r in reviews] == ["rapid_review", "multi_agency_audit"]
    kinds = [[item.kind for item in review.items] for review in reviews]
    assert kinds == [["finding", "finding", "next_step"], ["finding", "key_learning"]]


def test_should_read_a_childs_words_told_to_the_reviewer_wherever_they_stand(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## 3. What W and his grandmother told the review\n\n"
        'W\'s grandmother said she felt "nobody listened" to her.\n\n'
        'W told the reviewer: "I kept saying I wanted to go home and nobody wrote it down."\n',
    )
    assert _kinds(path) == [
        (
            "child_voice",
            'W told the reviewer: "I kept saying I wanted to go home and nobody wrote it down."',
        )
    ]


def test_should_read_an_analysis_and_conclusions_section_as_findings(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## 4. Analysis and conclusions\n\n"
        "4.1 The panel considered each term of reference in turn.\n\n"
        "4.2 The school did not share its concerns about W's weight loss with the GP.\n\n"
        "## 5. Recommendations\n\n- The school should share weight concerns with the GP.\n",
    )
    assert [kind for kind, _ in _kinds(path)] == ["finding", "recommendation"]


def test_should_not_take_an_announcement_of_the_findings_as_a_finding(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## Summary of findings\n\nThe review identified three findings. Each is set "
        "out in the full report.\n\n- W's weight loss was not shared with the GP.\n",
    )
    assert [kind for kind, _ in _kinds(path)] == ["finding"]


def test_should_take_the_line_under_a_rule_as_the_boxes_heading_even_when_it_asks():
    text = (
        "Some prose here.\n\n" + "-" * 40 + "\nDid you know?\n\n"
        "- Most victims are boys.\n\n" + "-" * 40 + "\nWhat does this mean for my practice?\n\n"
        "- Ask directly.\n"
    )
    headings = [block.text for block in text_blocks(text) if block.heading]
    assert headings == ["Did you know?", "What does this mean for my practice?"]


def test_should_read_did_you_know_and_practice_implications_as_key_learning(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## Did you know?\n\n- Most children who go missing are found within a day.\n\n"
        "## Practice implications\n\n- Ask where the child was when they come back.\n",
    )
    assert [kind for kind, _ in _kinds(path)] == ["key_learning", "key_learning"]


def test_should_read_a_national_panels_thematic_briefing():
    meta = extract_metadata(
        "Children unseen",
        [
            "Children unseen",
            "A thematic briefing from the National Child Protection Learning Panel",
            "March 2026",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"
    assert meta.partnership == "National Child Protection Learning Panel"


def test_should_read_a_practice_brief_as_a_briefing():
    assert detect_type("Practice Brief 4: Bruising in babies") == "bulletin"


def test_should_not_take_the_reviews_lines_of_enquiry_as_questions_for_the_reader(tmp_path):
    path = create_document(
        tmp_path,
        _HEAD + "## 2. Key lines of enquiry\n\n- Was the school's concern shared?\n\n"
        "## Questions for practice\n\n- How do you share a school's concern?\n",
    )
    assert _kinds(path) == [("reflective_question", "How do you share a school's concern?")]
