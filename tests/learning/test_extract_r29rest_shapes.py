"""More shapes of long review reports seen in heldout29, in our own wording: a child quoted by
the name of the heading over their case, by a verb other than "said", by a name a plural
pseudonym gives ("Children D and E"), a brother quoted telling his teacher, and a parent
reporting the child's words after a longer aside (synthetic text only)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of


def kind_of(items: list[tuple[str, str]], words: str) -> str | None:
    """The kind of the first item holding ``words``, or None when none holds them."""
    return next((kind for kind, text in items if words in text), None)


_THEMATIC_CASES = (
    "# Thematic Review: Older Children and Exploitation\n\n"
    "Dunmarsh Safeguarding Children Partnership, 2026\n\n"
    "## 3. The children\n\n"
    "### Tariq\n\n"
    "Tariq moved to a hostel at seventeen after his placement ended. He was known to the "
    "youth offending service.\n\n"
    'Tariq said: "People talked about me like I was grown up already, so I stopped asking '
    'for anything."\n\n'
    "### Morgan\n\n"
    "Morgan's father told the review that Morgan had said to him, late one evening in the "
    'kitchen, "They know where we live, Dad."\n\n'
    "## 4. Findings\n\n"
    "- None of the five children had a plan that looked beyond their eighteenth birthday.\n"
)


def test_should_read_a_child_quoted_under_a_heading_of_their_name_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _THEMATIC_CASES))
    assert kind_of(items, "like I was grown up already") == "child_voice"


def test_should_read_a_parent_reporting_the_childs_words_after_an_aside_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _THEMATIC_CASES))
    assert kind_of(items, "They know where we live") == "child_voice"


_INQUIRY = (
    "# Learning from Good Practice: supporting Nia at home\n\n"
    "Wellbrook Safeguarding Children Partnership, 2026\n\n"
    "## Nia's story\n\n"
    "Nia lives with her father, who has a long-term illness.\n\n"
    'Nia described the day her plan was written: "They let me choose who I could ring, and '
    'I picked my aunt."\n\n'
    "## Thank you\n\n"
    "We thank Nia and her father for their time.\n\n"
    'Nia asked us to finish with: "Please keep checking on us."\n'
)


def test_should_read_the_named_child_describing_in_quotation_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _INQUIRY))
    assert kind_of(items, "I picked my aunt") == "child_voice"
    assert kind_of(items, "Please keep checking on us") == "child_voice"


_TWO_CHILDREN = (
    "BRACKWATER SAFEGUARDING CHILDREN PARTNERSHIP\n\n"
    "Local Child Safeguarding Practice Review\n\n"
    "Children D and E\n\n"
    "Published March 2026\n\n"
    "Part 3: Summary of events\n\n"
    "The family moved to a flat in the autumn and the children stopped going to school.\n\n"
    'E told the reviewer: "Nobody came to see us at the flat."\n\n'
    'D said that she had "kept the door locked" and that the teacher never "asked why I was '
    'so tired".\n\n'
    "Part 4: Findings\n\n"
    "Finding 1: Agencies did not notice when both children stopped attending school.\n"
)


def test_should_read_each_child_a_plural_pseudonym_names_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _TWO_CHILDREN, "review.txt"))
    assert kind_of(items, "kept the door locked") == "child_voice"


_RAPID_SIBLING = (
    "# Rapid Review: Baby W\n\n"
    "Corfe Vale Safeguarding Children Partnership, 2026\n\n"
    "## What happened\n\n"
    "Baby W was taken to hospital with a head injury at ten weeks.\n\n"
    'The half-brother told his class teacher: "Dad shouts at the baby when she cries."\n\n'
    "## Learning\n\n"
    "- Practitioners should ask older children in the home what life is like for them.\n"
)


def test_should_read_a_brother_quoted_telling_his_teacher_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _RAPID_SIBLING))
    assert kind_of(items, "Dad shouts at the baby") == "child_voice"


_FOUR_D = (
    "# Appreciative Inquiry: how Sami was kept safe at home\n\n"
    "Ashcombe Safeguarding Children Partnership, 2026\n\n"
    "## Contents\n\n"
    "- Introduction\n"
    "- Why learn from what went well?\n"
    "- Discovery: what worked well\n\n"
    "## Introduction\n\n"
    "This inquiry looked at a family where support worked well.\n\n"
    "## Why learn from what went well?\n\n"
    "Most reviews start from harm; this one starts from success.\n\n"
    "## Discovery: what worked well\n\n"
    "We spoke to everyone who worked with the family. Here are the strengths we identified.\n\n"
    "**A health visitor who stayed.** The same health visitor saw the family for eighteen "
    "months and knew when the mother's mood dipped.\n\n"
    "**One plan for everyone.** The school, the GP and the family support worker shared one "
    "written plan and met monthly to review it.\n\n"
    "## Design and deliver: what we will do\n\n"
    "1. The partnership will share the shared-plan template with every school by June.\n"
)


def test_should_read_what_an_appreciative_inquirys_discover_stage_found_as_findings(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _FOUR_D))
    assert kind_of(items, "A health visitor who stayed") == "finding"
    assert kind_of(items, "One plan for everyone") == "finding"


def test_should_read_a_question_in_a_contents_list_as_no_item(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _FOUR_D))
    assert kind_of(items, "Why learn from what went well") is None


def test_should_read_a_sentence_announcing_the_strengths_identified_as_no_item(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _FOUR_D))
    assert kind_of(items, "Here are the strengths we identified") is None


_AUDIT = (
    "# Multi-Agency Audit: Neglect in Families with Young Children\n\n"
    "Pelham Cross Safeguarding Children Partnership, 2026\n\n"
    "## What we found\n\n"
    "### 1. Seeing the child\n\n"
    "Strength: in most cases the child was seen at home by the allocated worker.\n\n"
    "### 2. Help for the parents and for the children in the home\n\n"
    "Area for development: few parents were offered help with their own mental health, though "
    "auditors thought most needed it.\n\n"
    "## Recommendations\n\n"
    "1. The partnership should ask adult services to join the next neglect audit.\n"
)


def test_should_read_a_long_numbered_heading_over_labelled_findings_as_no_item(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _AUDIT))
    assert kind_of(items, "Help for the parents") is None
    assert kind_of(items, "few parents were offered help") == "finding"


_EPISODES = (
    "# Local Child Safeguarding Practice Review: Child H\n\n"
    "Oakridge Safeguarding Children Partnership, 2026\n\n"
    "## Key practice episode 2: the early help plan\n\n"
    "The family was offered a key worker from the early help team in the spring.\n\n"
    "### Learning from this episode\n\n"
    "- A strengths based approach helps parents to stay with a plan when things get hard.\n"
    "- The key worker visited less often once the school holidays began.\n"
)


def test_should_not_read_a_strengths_based_approach_as_the_case_told(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _EPISODES))
    assert kind_of(items, "A strengths based approach") == "key_learning"
    assert kind_of(items, "The key worker visited less often") == "finding"


_FULL_REPORT = (
    "# Local Child Safeguarding Practice Review: Child F\n\n"
    "Hollins Vale Safeguarding Children Partnership, 2026\n\n"
    "## 2. Method\n\n"
    "The reviewer read agency records and met the family.\n\n"
    "### The learning events and workshops\n\n"
    "Each learning event brought together about ten practitioners who had worked with Child F, "
    "from the school, the police, health and children's social care.\n\n"
    "## 6. Analysis and findings\n\n"
    "This section analyses the practice episodes against the terms of reference. The findings "
    "are grouped under three themes.\n\n"
    "Finding 1: The school's concerns about Child F's absences were not shared with the "
    "health visitor for the younger children.\n\n"
    "## 7. Recommendations\n\n"
    "The recommendations below were agreed at the practitioners' recall event and by the "
    "review panel.\n\n"
    "1. The partnership should ask schools to share absence concerns with health visitors.\n\n"
    "## Appendix: Participants in the learning and recall events\n\n"
    "Social workers and a team manager from children's social care; two school nurses; the "
    "designated safeguarding lead; a neighbourhood police officer.\n"
)


def test_should_read_the_reviews_own_events_and_participants_as_no_items(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _FULL_REPORT))
    assert kind_of(items, "Each learning event brought together") is None
    assert kind_of(items, "Social workers and a team manager") is None


def test_should_read_sentences_about_the_reports_own_sections_as_no_items(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, _FULL_REPORT))
    assert kind_of(items, "This section analyses the practice episodes") is None
    assert kind_of(items, "The recommendations below were agreed") is None
    assert kind_of(items, "The school's concerns about Child F") == "finding"
    assert kind_of(items, "share absence concerns") == "recommendation"


_TEAM_RECORD = (
    "# Briefing Record: what our team took from the review\n\n"
    "Greyford Safeguarding Children Partnership\n\n"
    "## Discussion\n\n"
    "### Question from the briefing\n\n"
    "Who else looks after the toddlers you visit, and have you spoken to them? (What the team "
    "said about its own practice: Most of the team write down the partner's name but rarely "
    "speak to him, because visits are in the daytime.)\n\n"
    "Would you know whom to ring if a nursery raised a concern? (What the team said about its "
    "own practice: Newer staff were unsure of the duty number and would wait for a manager.)\n"
)


def test_should_split_a_records_question_from_the_answer_beside_it(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, _TEAM_RECORD))
    assert (
        "reflective_question",
        "Who else looks after the toddlers you visit, and have you spoken to them?",
    ) in items
    assert kind_of(items, "Most of the team write down") == "finding"
    assert kind_of(items, "Newer staff were unsure") == "finding"
