"""Shapes of published safeguarding documents read after heldout8's errors: findings stated in
headings with run-in "What happened." paragraphs, partners' responses to recommendations,
strengths-based three-column tables, practice alerts with a list for each role, newsletters
and practice-week packs (synthetic documents written for these tests)."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from fullpicture.learning.documents import Block, read_document
from fullpicture.learning.extract import section_kind
from fullpicture.learning.library import parse_document
from tests.learning.documents import create_document, items_of


def test_should_take_a_labelled_findings_kind_over_words_in_its_sentence(tmp_path: Path):
    body = (
        "# Practice review: Noor\n\n## 4. Findings\n\n"
        "### Finding 1: When a school nurse closes a referral, nobody decides what happens next.\n\n"
        "What happened. The nurse closed the referral and the school was not told.\n\n"
        "Why it matters. Children wait for help that nobody has arranged.\n\n"
        "Recommendation 1.1: The trust should tell schools when a referral is closed.\n\n"
        "### Finding 2: Noor was asked how she was, but her own words were not recorded.\n\n"
        "What happened. Each service wrote that she was fine.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        ("finding", "When a school nurse closes a referral, nobody decides what happens next."),
        ("recommendation", "The trust should tell schools when a referral is closed."),
        ("finding", "Noor was asked how she was, but her own words were not recorded."),
    ]


def test_should_read_a_partners_response_as_recommendations_and_next_steps(tmp_path: Path):
    body = (
        "# Partners' response to the review of Baby Tom\n\n## Our response to the recommendations\n\n"
        "### Recommendation 1\n\n"
        "Health visitors should ask who else lives in the home at every visit.\n\n"
        "Response: Accepted in part.\n\n"
        "The visit record is being rewritten so that every adult is named.\n\n"
        "Lead: Wexley Community Health. Timescale: June 2026.\n\n"
        "### Recommendation 2\n\nThe police should share call-outs with health visitors.\n\n"
        "Response: Accepted.\n\nA weekly list now goes from the police hub to the health team.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == [
        "recommendation",
        "next_step",
        "recommendation",
        "next_step",
    ]


def test_should_read_a_strengths_based_table_by_its_columns(tmp_path: Path):
    document = Document()
    document.add_heading("Learning brief: Sami", level=1)
    document.add_heading("What we found", level=1)
    table = document.add_table(rows=2, cols=3)
    header = ["What's working well", "What are we worried about", "What needs to happen"]
    row = [
        "Sami's teacher noticed quickly when he was tired.",
        "Nobody asked Sami why he was late, and he was given detentions.",
        "Schools should ask a child about home before giving a sanction for lateness.",
    ]
    for cells, texts in zip(table.rows, [header, row], strict=True):
        for cell, text in zip(cells.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "brief.docx"
    document.save(str(path))
    assert [kind for kind, _ in items_of(path)] == ["finding", "finding", "recommendation"]


def test_should_address_each_roles_list_in_a_flat_practice_alert(tmp_path: Path):
    body = (
        "PRACTICE ALERT: BABIES LEFT WITH YOUNG CARERS\n\n"
        "Wexley Safeguarding Children Partnership\n\n"
        "Why this matters\n\n"
        "• A baby left with an older sibling may be a sign of neglect.\n\n"
        "What you must do now\n\n"
        "Health visitors\n\n"
        "• Ask who looks after the baby when the parent is out.\n\n"
        "Early years staff\n\n"
        "• Record who collects the child each day.\n\n"
        "Questions for team discussion\n\n"
        "• Who looks after the babies you visit when their parents work nights?\n"
    )
    path = create_document(tmp_path, body, "alert.txt")
    review = parse_document(path).reviews[0]
    found = [(item.kind, item.addressee) for item in review.items]
    assert found == [
        ("key_learning", None),
        ("recommendation", "Health visitors"),
        ("recommendation", "Early years staff"),
        ("reflective_question", None),
    ]


def test_should_keep_a_parents_words_in_a_childs_voice_section_apart(tmp_path: Path):
    body = (
        "# Learning brief: Ella\n\n## In Ella's words\n\n"
        '"Nobody asked me why I was tired."\n\n'
        'Ella\'s father also spoke to the review. He said: "I thought they would take her away."\n'
    )
    assert items_of(create_document(tmp_path, body)) == [
        ("child_voice", '"Nobody asked me why I was tired."')
    ]


def test_should_read_a_newsletters_messages_reminders_and_survey(tmp_path: Path):
    body = (
        "# Safeguarding News, Summer 2026\n\n## National update\n\n"
        "The national panel has published a briefing. Two of its messages matter here:\n\n"
        "- Children who are exploited are too often treated as offenders.\n"
        "- Boys harmed outside the home are seen late.\n\n"
        "## Practice reminder: escalation\n\n"
        "- Talk to the practitioner who made the decision first.\n\n"
        "## What you told us about supervision\n\n"
        "Fewer than half of practitioners had supervision in the last three months.\n\n"
        "The partners have asked every agency to say how often supervision happens.\n"
    )
    assert [kind for kind, _ in items_of(create_document(tmp_path, body))] == [
        "key_learning",
        "key_learning",
        "key_learning",
        "finding",
        "next_step",
    ]


def test_should_read_what_our_reviews_found_as_findings_and_skip_a_byline(tmp_path: Path):
    body = (
        "# Practice Week pack\n\n## Learning from reviews\n\n"
        "Wexley Safeguarding Children Partnership, May 2026\n\n"
        "## Theme 1: Information sharing\n\n### What our reviews found\n\n"
        "- Health staff held information that children's social care did not have.\n"
    )
    assert items_of(create_document(tmp_path, body)) == [
        ("finding", "Health staff held information that children's social care did not have.")
    ]


def test_should_name_the_kinds_of_published_briefing_headings():
    assert section_kind(("", "What has happened since")) == "next_step"
    assert section_kind(("", "Why this matters")) == "key_learning"
    assert section_kind(("", "What are we worried about")) == "finding"
    assert section_kind(("", "What Sam told us")) == "child_voice"
    assert section_kind(("", "Finding 3: Sam's own words were not recorded")) == "finding"


def test_should_not_take_a_cascade_instruction_or_a_wrapped_date_for_learning(tmp_path: Path):
    body = (
        "# Practice alert: unsafe sleep\n\n## What you should do\n\n"
        "Please cascade this alert to every member of your team within a week.\n\n"
        "- Ask where the baby sleeps at every home visit.\n\n"
        "## Recommendations\n\nThe trust should audit safer sleep advice.\n\n"
        "Lead: Wexley Hospitals Trust. Due: June 2026.\n\nMay 2026.\n"
    )
    assert items_of(create_document(tmp_path, body)) == [
        ("next_step", "Ask where the baby sleeps at every home visit."),
        ("recommendation", "The trust should audit safer sleep advice."),
    ]


def test_should_join_a_word_hyphenated_at_a_wrapped_lines_end(tmp_path: Path):
    body = (
        "Recommendations\n\n"
        "• Ask for an exploitation screening for any child placed here who goes\n"
        "  missing, and attend the multi-\n"
        "  agency meeting that follows.\n"
    )
    items = items_of(create_document(tmp_path, body, "alert.txt"))
    assert items[0][1].endswith("attend the multi-agency meeting that follows.")


def test_should_not_let_a_title_in_capitals_widen_hard_wrapped_text(tmp_path: Path):
    wrapped = "Sami Robertson-Clarke is nine and lives with his grandmother in Wexleyford"
    body = (
        "PRACTICE ALERT 2026/01: CHILDREN WHO CARE FOR A PARENT WITH A LONG-TERM ILLNESS\n\n"
        "Background\n\n"
        f"{wrapped}\n2025 was the year he began to miss school on the days his mother was unwell,\n"
        "and his teachers saw that he was tired and worried about her every morning.\n\n"
        + "".join(
            f"Line {n} of a hard-wrapped paragraph that fills the width of the text here.\n"
            for n in range(6)
        )
    )
    blocks = [
        block.text for block in parse_document_blocks(create_document(tmp_path, body, "a.txt"))
    ]
    assert wrapped not in blocks  # the full line carries on into the next, it is no heading


def parse_document_blocks(path: Path) -> list[Block]:
    return read_document(path).blocks
