"""Shapes of independently written reviews: flat headings whose outline numbers give the
structure, findings sections numbered like the review's title, case headings that name the
review, list announcements, questions introduced inside a finding and practitioners' own words
(synthetic Markdown documents)."""

from pathlib import Path

from fullpicture.learning.documents import Block
from fullpicture.learning.library import parse_document
from fullpicture.learning.sections import outline_levels, place_blocks, section_number


def create_markdown_review(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "review.md"
    path.write_text(
        "# Practice Review: Child T\n\nFernhollow Safeguarding Children Partnership, May 2026\n\n"
        + body,
        encoding="utf-8",
    )
    return path


def _kinds(path: Path) -> list[tuple[str, str]]:
    return [
        (item.kind, item.text) for review in parse_document(path).reviews for item in review.items
    ]


def test_should_read_section_numbers_but_not_a_bare_leading_number():
    assert section_number("5.1 Seeing the history") == (5, 1)
    assert section_number("3. Findings") == (3,)
    assert section_number("7 Minute Briefing: neglect") is None
    assert section_number("Findings") is None


def test_should_nest_sub_numbered_and_unnumbered_topics_under_their_section():
    blocks = [
        Block("4. Analysis and findings", heading=2),
        Block("4.1 Health appointments", heading=2),
        Block("Text.", heading=0),
        Block("5. Themes agreed", heading=2),
        Block("Seeing the child", heading=2),
        Block("More text.", heading=0),
        Block("6. Recommendations", heading=2),
    ]
    levels = outline_levels(blocks)
    assert levels[1] > levels[0] and levels[4] > levels[3] and levels[6] == levels[3]
    placed = place_blocks(blocks)
    assert placed[2].path == ("4. Analysis and findings", "4.1 Health appointments")
    assert placed[5].path == ("5. Themes agreed", "Seeing the child")


def test_should_not_nest_an_unnumbered_heading_after_the_last_numbered_section():
    blocks = [
        Block("1. Recommendations", heading=2),
        Block("Glossary", heading=2),
        Block("A term.", heading=0),
    ]
    assert place_blocks(blocks)[2].path == ("Glossary",)


def test_should_take_findings_under_flat_numbered_topic_headings(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## 3. Learning themes from the event\n\n## Hearing the child\n\n"
        "Nobody asked T what happened at home after school.\n\n"
        "## 4. Recommendations\n\n"
        "Schools should record what children say about home.\n",
    )
    assert _kinds(path) == [
        ("key_learning", "Nobody asked T what happened at home after school."),
        ("recommendation", "Schools should record what children say about home."),
    ]


def test_should_read_a_numbered_findings_section_at_the_titles_level(tmp_path: Path):
    path = tmp_path / "letter.md"
    path.write_text(
        "# Rapid Review: Baby Q\n\nHolmbridge Safeguarding Children Partnership, 2026\n\n"
        "# 2. Findings of the rapid review\n\n"
        "1. The bruise was not referred under the protocol.\n\n"
        "2. The father's history was not shared with maternity services.\n",
        encoding="utf-8",
    )
    assert [kind for kind, _ in _kinds(path)] == ["finding", "finding"]


def test_should_split_a_bulletin_by_case_headings_that_name_the_review(tmp_path: Path):
    path = tmp_path / "bulletin.md"
    path.write_text(
        "# Learning bulletin, spring 2026\n\nAshcombe Safeguarding Children Partnership\n\n"
        "## Sam: learning from a rapid review\n\nSam was twelve. He lived with his aunt.\n\n"
        "### What we learned\n\n- Nobody asked Sam about his life online.\n\n"
        "## Ruby: learning from a practice review\n\nRuby was six.\n\n"
        "### What we learned\n\n- The referral waited three weeks for a decision.\n",
        encoding="utf-8",
    )
    reviews = parse_document(path).reviews
    assert [review.metadata.review_type for review in reviews] == [
        "rapid_review",
        "practice_review",
    ]
    assert [[item.text for item in review.items] for review in reviews] == [
        ["Nobody asked Sam about his life online."],
        ["The referral waited three weeks for a decision."],
    ]


def test_should_not_take_a_list_announcement_as_learning(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## What we found\n\nThe review identified the following findings.\n\n"
        "- Home visits were always announced.\n- The school was not invited to the meeting.\n",
    )
    assert [text for _, text in _kinds(path)] == [
        "Home visits were always announced.",
        "The school was not invited to the meeting.",
    ]


def test_should_read_questions_introduced_inside_a_finding(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## Findings\n\n### Finding 1: Placements are chosen by which bed is free.\n\n"
        "Questions for the Board:\n\n- How does the Board know the area around a placement?\n",
    )
    assert _kinds(path) == [
        ("finding", "Placements are chosen by which bed is free."),
        ("reflective_question", "How does the Board know the area around a placement?"),
    ]


def test_should_not_take_practitioners_words_as_the_childs_voice(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## What practitioners said at the event\n\n"
        '"I thought he was the one holding things together." (Social worker)\n\n'
        "## What T told us\n\n"
        '"Nobody asked me what it was like."\n',
    )
    assert _kinds(path) == [("child_voice", '"Nobody asked me what it was like."')]


def test_should_read_areas_for_improvement_as_findings(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## Areas for improvement\n\n- Only a third of files held a chronology.\n",
    )
    assert _kinds(path) == [("finding", "Only a third of files held a chronology.")]


def test_should_keep_a_quotation_out_of_the_finding_above_it(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## Findings\n\nFinding 1: Social workers changed often.\n\n"
        '"I stopped telling them things because they just leave."\n',
    )
    assert _kinds(path) == [
        ("finding", "Social workers changed often."),
        ("child_voice", '"I stopped telling them things because they just leave."'),
    ]


def test_should_take_findings_from_numbered_topic_sections_when_no_heading_names_them(
    tmp_path: Path,
):
    path = create_markdown_review(
        tmp_path,
        "## 1. Introduction\n\nThe review looked at four families.\n\n"
        "## 2. Moving between areas\n\n"
        "Health visitors in the new area were not told the family had moved.\n\n"
        "## 3. Recommendations\n\n1. The housing service should tell health visitors of moves.\n",
    )
    assert _kinds(path) == [
        ("finding", "Health visitors in the new area were not told the family had moved."),
        ("recommendation", "The housing service should tell health visitors of moves."),
    ]


def test_should_not_take_process_prose_or_a_rationale_paragraph_as_learning(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## Why it matters\n\nReviews keep returning to the same pattern of optimism.\n\n"
        "## Next steps\n\nThe Board will consider these findings at its next meeting.\n\n"
        "- Conference reports will include the history of earlier plans.\n",
    )
    assert _kinds(path) == [
        ("next_step", "Conference reports will include the history of earlier plans."),
    ]


def test_should_keep_bullets_under_why_it_matters_as_key_learning(tmp_path: Path):
    path = create_markdown_review(
        tmp_path, "## Why it matters\n\n- Exclusion removed a protective adult from T's day.\n"
    )
    assert _kinds(path) == [("key_learning", "Exclusion removed a protective adult from T's day.")]


def test_should_take_only_reported_words_under_a_childs_experience_heading(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## The children's experience\n\nStaff helped the event understand daily life.\n\n"
        'T told his teacher: "I hide when Dad shouts."\n\n'
        "## What is changing\n\n- Schools will hear about every call-out by the next day.\n",
    )
    assert _kinds(path) == [
        ("child_voice", 'T told his teacher: "I hide when Dad shouts."'),
        ("next_step", "Schools will hear about every call-out by the next day."),
    ]


def test_should_take_only_the_findings_from_narrative_analysis_sections(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## 4. Analysis and findings\n\n### 4.1 Health appointments\n\n"
        "In March 2024 T was referred to the hearing clinic.\n\n"
        "T missed four appointments, but no one told his social worker.\n\n"
        "The clinic manager told the reviewer that letters went to the old address.\n\n"
        "## 5. Recommendations\n\nThe clinic should tell the social worker of missed visits.\n",
    )
    assert _kinds(path) == [
        ("finding", "T missed four appointments, but no one told his social worker."),
        ("recommendation", "The clinic should tell the social worker of missed visits."),
    ]


def test_should_keep_every_paragraph_under_a_heading_that_names_findings(tmp_path: Path):
    path = create_markdown_review(
        tmp_path, "## Findings\n\nT had five social workers in two years.\n"
    )
    assert _kinds(path) == [("finding", "T had five social workers in two years.")]


def test_should_read_a_silps_strengths_as_findings_without_areas_for_development(
    tmp_path: Path,
):
    path = tmp_path / "silp.md"
    path.write_text(
        "# Significant Incident Learning Process: Child W\n\n"
        "Greyholm Safeguarding Children Partnership, 2026\n\n"
        "## What worked well\n\n- The school shared every concern on the same day.\n",
        encoding="utf-8",
    )
    assert _kinds(path) == [("finding", "The school shared every concern on the same day.")]


def test_should_keep_a_finding_about_the_following_day(tmp_path: Path):
    path = create_markdown_review(
        tmp_path, "## Findings\n\nThe referral was not read until the following week.\n"
    )
    assert _kinds(path) == [("finding", "The referral was not read until the following week.")]


def test_should_not_take_an_agency_involvement_section_as_findings(tmp_path: Path):
    path = create_markdown_review(
        tmp_path,
        "## 1. Agency involvement\n\nThe mother did not attend two antenatal appointments.\n\n"
        "## 2. Analysis\n\nNo one asked who else lived in the home.\n\n"
        "## 3. Recommendations\n\nMidwives should ask who lives in the home.\n",
    )
    assert _kinds(path) == [
        ("finding", "No one asked who else lived in the home."),
        ("recommendation", "Midwives should ask who lives in the home."),
    ]
