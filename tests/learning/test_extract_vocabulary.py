"""The vocabulary of published safeguarding learning documents: the headings, labels and list
introductions that local child safeguarding practice reviews, serious case reviews, rapid
reviews, SILP and Learning Together reports, multi-agency audits, 7-minute briefings, learning
briefs, annual reports and incident investigations use for each kind of item, and the headings
of the sections that are not learning (terms of reference, method, chronology, the family,
glossary). Every document here is a small synthetic one written for these tests; the forms
were collected as structure words only (see docs/learning-evaluation.md, "Vocabulary of published
documents")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.learning.documents import create_document, items_of

_BULLETS = {
    "finding": (
        "- The school's worry about Kai's weight was not passed to the health visitor.\n"
        "- Nobody asked who else lived in the home.\n"
    ),
    "recommendation": (
        "- The partnership should audit how closed referrals are followed up.\n"
        "- Health visitors should ask who lives in the home at every visit.\n"
    ),
    "key_learning": (
        "- A closed referral needs a named person who checks what happens next.\n"
        "- Fathers and other men in the household need to be seen and assessed.\n"
    ),
    "next_step": (
        "- The partnership will audit closed referrals by March 2026.\n"
        "- A new closure form now names who follows up.\n"
    ),
    "reflective_question": (
        "- How do you know who follows up a referral you close?\n"
        "- When did you last ask who else lives in the home?\n"
    ),
    "child_voice": (
        "- \u201cNobody asked me what it was like at home.\u201d\n"
        "- \u201cI wanted someone to notice I was hungry.\u201d\n"
    ),
}

# Headings by the kind of the items under them, in the forms published documents use:
# capitals, section numbers, questions, "we" and "you".
_HEADINGS = [
    # findings: the issues a review drew out, what an audit showed, areas for development
    ("KEY ISSUES AND THEMES ARISING FROM THE CASE", "finding"),
    ("3. Key issues", "finding"),
    ("Issues identified", "finding"),
    ("Themes identified", "finding"),
    ("Emerging themes", "finding"),
    ("What did the audit tell us?", "finding"),
    ("What we have found", "finding"),
    ("What the audit showed", "finding"),
    ("What we saw", "finding"),
    ("Practice issues", "finding"),
    ("Summary of practice issues", "finding"),
    ("Systemic issues", "finding"),
    ("Concerns identified", "finding"),
    ("Improvement area", "finding"),
    ("Areas of weakness", "finding"),
    ("Gaps identified", "finding"),
    ("What didn't go so well", "finding"),
    ("What could be better", "finding"),
    ("Where practice could be strengthened", "finding"),
    ("What we were concerned about", "finding"),
    # recommendations: the national template's priorities, issues for the board
    ("PRIORITIES FOR LEARNING AND CHANGE", "recommendation"),
    ("Recommendations and actions", "recommendation"),
    ("6. Recommendations and next steps", "recommendation"),
    ("Proposals for change", "recommendation"),
    ("Issues for the Board to consider", "recommendation"),
    ("Considerations for the partnership", "recommendation"),
    ("What we are asking the partnership to do", "recommendation"),
    ("What we want partners to do", "recommendation"),
    # key learning: practice messages, takeaways, "what does this mean", reminders
    ("Practice messages", "key_learning"),
    ("KEY PRACTICE MESSAGES", "key_learning"),
    ("Core messages", "key_learning"),
    ("Key takeaways", "key_learning"),
    ("What can we learn from this?", "key_learning"),
    ("What does this mean for practice?", "key_learning"),
    ("What does this mean for me?", "key_learning"),
    ("Why is this important?", "key_learning"),
    ("Why does this matter?", "key_learning"),
    ("Remember", "key_learning"),
    ("Reminders for practice", "key_learning"),
    ("Summary of learning", "key_learning"),
    ("Practice guidance", "key_learning"),
    ("Positive practice", "key_learning"),
    ("Notable practice", "key_learning"),
    ("Things to note and remember", "key_learning"),
    ("Why the issue matters", "key_learning"),
    ("Key learning and practice improvements", "key_learning"),
    ("What we need you to know", "key_learning"),
    ("What does the review tell us?", "key_learning"),
    ("Examples of strong practice", "key_learning"),
    # next steps: what has been done, changes, commitments, responses, "what can I do"
    ("What happens now", "next_step"),
    ("What has been done", "next_step"),
    ("What have we done since?", "next_step"),
    ("Changes to practice", "next_step"),
    ("Practice changes", "next_step"),
    ("The impact of the review", "next_step"),
    ("What difference has it made?", "next_step"),
    ("How will we know?", "next_step"),
    ("Moving forward", "next_step"),
    ("Looking ahead", "next_step"),
    ("Our commitments", "next_step"),
    ("Priorities for the year ahead", "next_step"),
    ("Partnership response", "next_step"),
    ("Response to the review", "next_step"),
    ("What can I do?", "next_step"),
    ("Things you can do", "next_step"),
    ("How you can help", "next_step"),
    ("Your role", "next_step"),
    ("Areas of focus", "next_step"),
    ("What we need you to do", "next_step"),
    ("What has the partnership done?", "next_step"),
    ("What will we do differently?", "next_step"),
    ("How can we do better?", "next_step"),
    ("What should happen now?", "next_step"),
    # reflective questions: points to consider, discussion, "over to you"
    ("Points to consider", "reflective_question"),
    ("Consider", "reflective_question"),
    ("Discussion points", "reflective_question"),
    ("Team discussion", "reflective_question"),
    ("Over to you", "reflective_question"),
    # the child's voice: what children told us, a day in the life, "my story"
    ("What young people told us", "child_voice"),
    ("What children said", "child_voice"),
    ("A day in the life of Child K", "child_voice"),
    ("My story", "child_voice"),
    ("Listen to me", "child_voice"),
    ("What I want you to know", "child_voice"),
    ("What Kai would want you to know", "child_voice"),
    ("Messages from young people", "child_voice"),
    ("What it was like for me", "child_voice"),
    ("Through the eyes of the child", "child_voice"),
    # numbered as briefings and slide decks number them
    ("7. Remember", "key_learning"),
    ("Step 6: Consider", "reflective_question"),
    ("Slide 4 - What to do", "next_step"),
    ("SEVEN: WHAT TO DO", "next_step"),
    ("2.1 Issue", "finding"),
    ("6 Your role", "next_step"),
    ("What the baby experienced", "child_voice"),
]

# Sections that set the scene, with text of the kind they hold: nothing under them is learning.
_SCENE = (
    "The review covered the period from March 2022 to June 2024.\n\n"
    "- Children's social care\n- Wexley Police\n- Wexley Community Health Trust\n\n"
    "Kai lived with his mother and two younger sisters. The family moved three times.\n"
)
_NOT_LEARNING = [
    "Terms of reference",
    "Scope of the review",
    "Methodology",
    "The review process",
    "How the review was conducted",
    "Family involvement",
    "Involvement of family members",
    "Parallel processes",
    "Agencies involved",
    "Contributing agencies",
    "Membership of the review panel",
    "The lead reviewer",
    "About the author",
    "Summary chronology",
    "Case summary",
    "Summary of events",
    "Pen picture",
    "Family structure",
    "Family background",
    "Who's who",
    "Period under review",
    "Glossary of terms",
    "Abbreviations",
    "Contents",
    "Acknowledgements",
    "References",
    "Appendix A",
    "Distribution",
    "Further information",
    "Useful links",
    "Purpose of the review",
    "Why was the review undertaken?",
    "Circumstances leading to the review",
    "Key lines of enquiry",
    "Research questions",
    "Review questions",
    "Foreword",
    "National context",
    "Legal framework",
    "Definitions",
    "Rapid review decision",
    "Version control",
    "The facts/summary of events",
    "Background information",
]

_LABELS = [
    ("Key finding: Nobody asked the father about his own needs.", "finding"),
    ("Area for development: Referrals were closed without telling the school.", "finding"),
    ("Areas of concern: Referrals were closed without telling the school.", "finding"),
    ("Improvement area: Referrals were closed without telling the school.", "finding"),
    ("Practice issue: Referrals were closed without telling the school.", "finding"),
    ("Issue 3: Referrals were closed without telling the school.", "finding"),
    ("Missed opportunity: The school's worry was not passed on.", "finding"),
    ("Even better if: the school's worry had been passed on.", "finding"),
    ("Lesson 2: Closed referrals need an owner.", "key_learning"),
    ("Lessons learned: Closed referrals need an owner.", "key_learning"),
    ("Top tip: Closed referrals need an owner.", "key_learning"),
    ("Tip: Closed referrals need an owner.", "key_learning"),
    ("Remember: closed referrals need an owner.", "key_learning"),
    ("Learning 3: Closed referrals need an owner.", "key_learning"),
    ("Learning: Closed referrals need an owner.", "key_learning"),
    ("Message 2: Closed referrals need an owner.", "key_learning"),
    ("Good practice: The school nurse rang the health visitor the same day.", "key_learning"),
    ("What went well: The school nurse rang the health visitor the same day.", "key_learning"),
    ("Action taken: A new closure form names who follows up.", "next_step"),
    ("Agreed action: The partnership will audit closed referrals by March.", "next_step"),
    ("Commitment: The partnership will audit closed referrals by March.", "next_step"),
    ("Change made: A new closure form names who follows up.", "next_step"),
    ("Reflect: How do you know who follows up a closed referral?", "reflective_question"),
    ("Consider: How do you know who follows up a closed referral?", "reflective_question"),
    ("Ask yourself: How do you know who follows up a closed referral?", "reflective_question"),
    ("Think about: how do you know who follows up a closed referral?", "reflective_question"),
    ("Discussion point: Who follows up a referral you close?", "reflective_question"),
]

_INTRODUCTIONS = [
    ("In response, the partnership has:", "next_step"),
    ("Since the review, we have:", "next_step"),
    ("The key learning from this review is:", "key_learning"),
    ("Practitioners should remember:", "key_learning"),
    ("The review identified the following learning:", "key_learning"),
    ("The review found that:", "finding"),
    ("The audit found:", "finding"),
    ("Auditors found:", "finding"),
    ("The review identified the following areas for improvement:", "finding"),
    ("Consider the following questions:", "reflective_question"),
    ("Ask yourself:", "reflective_question"),
    ("Reflect on these questions with your team:", "reflective_question"),
]


@pytest.mark.parametrize(("heading", "kind"), _HEADINGS)
def test_should_read_the_items_under_a_published_heading_as_its_kind(
    tmp_path: Path, heading: str, kind: str
):
    body = f"# Learning brief: Child K\n\n## {heading}\n\n{_BULLETS[kind]}"
    kinds = [found for found, _ in items_of(create_document(tmp_path, body))]
    assert kinds == [kind, kind]


@pytest.mark.parametrize("heading", _NOT_LEARNING)
def test_should_find_no_learning_under_a_section_that_sets_the_scene(tmp_path: Path, heading: str):
    body = f"# Learning brief: Child K\n\n## {heading}\n\n{_SCENE}"
    assert items_of(create_document(tmp_path, body)) == []


@pytest.mark.parametrize(("text", "kind"), _LABELS)
def test_should_read_a_published_label_as_its_kind(tmp_path: Path, text: str, kind: str):
    body = f"# Learning brief: Child K\n\n## Part two\n\n{text}\n"
    items = items_of(create_document(tmp_path, body))
    assert items == [(kind, text.split(":", 1)[1].strip())]


def test_should_not_take_a_contents_line_with_a_label_for_an_item(tmp_path: Path):
    body = (
        "# Safeguarding Matters, Spring 2026\n\n## In this issue\n\n"
        "- Practice reminder: when you disagree with another agency\n"
        "- Top tip: using the neglect toolkit\n"
    )
    assert items_of(create_document(tmp_path, body)) == []


def test_should_not_take_a_soft_question_label_before_a_statement_for_a_question(
    tmp_path: Path,
):
    body = "# Learning brief: Child K\n\n## Part two\n\nConsider: the family moved three times.\n"
    assert items_of(create_document(tmp_path, body)) == []


def test_should_read_an_improvement_area_that_says_what_to_do_as_a_recommendation(
    tmp_path: Path,
):
    body = (
        "# Patient safety incident investigation\n\n## 4. Findings\n\n### Work tasks\n\n"
        "The assessment form was written for adults and asked nothing about school.\n\n"
        "Improvement area: The trust should introduce an assessment written for children.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items[-1] == (
        "recommendation",
        "The trust should introduce an assessment written for children.",
    )


def test_should_take_a_strengths_label_as_a_finding_where_the_audit_pairs_it(tmp_path: Path):
    body = (
        "# Multi-agency audit: neglect\n\n## What we found\n\n"
        "Good practice: Health visitors saw every child at home within a week.\n\n"
        "Area for development: Plans did not say who would check the children's weight.\n"
    )
    kinds = [kind for kind, _ in items_of(create_document(tmp_path, body))]
    assert kinds == ["finding", "finding"]


@pytest.mark.parametrize(("introduction", "kind"), _INTRODUCTIONS)
def test_should_read_the_list_after_a_published_introduction_as_its_kind(
    tmp_path: Path, introduction: str, kind: str
):
    bullets = (
        _BULLETS[kind]
        if kind == "reflective_question"
        else "- Closed referrals were not followed up by any agency.\n- The school was not told.\n"
    )
    body = f"# Learning brief: Child K\n\n## Part two\n\n{introduction}\n\n{bullets}"
    kinds = [found for found, _ in items_of(create_document(tmp_path, body))]
    assert kinds == [kind, kind]


def test_should_take_a_systems_finding_from_its_heading_and_not_from_its_evidence(
    tmp_path: Path,
):
    body = (
        "# Learning Together review: Child M\n\n## 4. Findings\n\n"
        "### Finding 1: Professionals rely on a parent's own account of her drinking when "
        "deciding to close a plan.\n\n"
        "#### How did the issue manifest in this case?\n\n"
        "The plan was closed after the mother said she had stopped drinking. No test was done.\n\n"
        "#### How do we know it is not peculiar to this case?\n\n"
        "Managers told the review that closure decisions often rest on what parents say.\n\n"
        "#### How prevalent is the issue?\n\nEvery team the review spoke to said the same.\n\n"
        "#### Why does it matter?\n\n"
        "Children are left in homes where the risk has not changed.\n\n"
        "#### Questions for the Board\n\n"
        "- How can the Board be assured that plans are not closed on a parent's word alone?\n"
    )
    kinds = [kind for kind, _ in items_of(create_document(tmp_path, body))]
    assert kinds == ["finding", "reflective_question"]


_FOUND = "Referrals were closed without telling the school."
_SHOULD = "The partnership should audit closed referrals."
_LEARNT = "A closed referral needs a named person who checks what happens next."
_WILL = "The partnership will audit closed referrals by March 2026."
_WELL = "The school nurse rang the health visitor the same day."

# The columns of published learning tables (rapid reviews' learning and action tables,
# audits' strengths and development columns, action plans), with one row and the kinds it
# gives, in column order.
_TABLES = [
    (
        ["Learning identified", "Action", "Lead"],
        [_LEARNT, _WILL, "Police"],
        ["key_learning", "next_step"],
    ),
    (["Good practice", "Areas for development"], [_WELL, _FOUND], ["finding", "finding"]),
    (["What went well", "Even better if"], [_WELL, _FOUND], ["finding", "finding"]),
    (["Issue", "Action taken", "Status"], [_FOUND, _WILL, "Complete"], ["finding", "next_step"]),
    (
        ["Area for improvement", "Agreed action", "Owner"],
        [_FOUND, _WILL, "Police"],
        ["finding", "next_step"],
    ),
    (["Practice issue", "Recommendation"], [_FOUND, _SHOULD], ["finding", "recommendation"]),
    (["Key finding", "Next steps"], [_FOUND, _WILL], ["finding", "next_step"]),
    (["Theme", "Learning"], ["Information sharing", _LEARNT], ["key_learning"]),
]


def create_html_table(tmp_path: Path, header: list[str], row: list[str]) -> Path:
    cells = "".join(f"<th>{text}</th>" for text in header)
    values = "".join(f"<td>{text}</td>" for text in row)
    path = tmp_path / "review.html"
    path.write_text(
        "<html><body><h1>Rapid review: Child K</h1><h2>Part two</h2>"
        f"<table><tr>{cells}</tr><tr>{values}</tr></table></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(("header", "row", "kinds"), _TABLES)
def test_should_read_a_published_tables_columns_as_their_kinds(
    tmp_path: Path, header: list[str], row: list[str], kinds: list[str]
):
    items = items_of(create_html_table(tmp_path, header, row))
    assert [kind for kind, _ in items] == kinds


@pytest.mark.parametrize(
    "speaker",
    ["One young person said:", "A girl of twelve told us:", "Another child wrote:", "Child K:"],
)
def test_should_read_a_quoted_child_the_document_does_not_name_as_the_childs_voice(
    tmp_path: Path, speaker: str
):
    quote = "\u201cNobody asked me what it was like at home.\u201d"
    body = f"# Multi-agency audit: neglect\n\n## Part two\n\n{speaker} {quote}\n"
    assert [kind for kind, _ in items_of(create_document(tmp_path, body))] == ["child_voice"]


def test_should_not_read_a_parent_quoted_by_name_as_the_childs_voice(tmp_path: Path):
    quote = "\u201cNobody asked me what it was like at home.\u201d"
    body = f"# Multi-agency audit: neglect\n\n## Part two\n\nOne mother said: {quote}\n"
    assert items_of(create_document(tmp_path, body)) == []
