"""Full reports whose paragraphs are numbered ("4.2", "6.4.3", "8.3b"): the child's voice and
what the review found read the same with the number as without it, and a section on what a
child who cannot speak showed holds the adults' accounts of it (synthetic documents)."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

_HEAD = (
    "# Local Child Safeguarding Practice Review: Toby\n\n"
    "Ashvale Safeguarding Children Partnership, 2026\n\n"
    "## 1. Introduction\n\n"
    "1.1 The partnership commissioned this review after Toby, aged four, was injured at home.\n\n"
)


def test_should_read_a_numbered_paragraph_telling_what_the_child_said(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 4. Toby's story\n\n"
        "4.1 Toby lived with his mother and her partner and went to nursery three mornings a "
        "week.\n\n"
        '4.2 Toby told the reviewer that he liked nursery because "nobody shouts there".\n\n'
        "4.3 In May the nursery saw a mark on his arm and spoke to his mother about it.\n",
    )
    items = items_of(path)
    assert kind_of(items, "4.2 Toby told the reviewer") == "child_voice"
    assert kind_of(items, "4.3 In May") is None


def test_should_read_past_a_paragraph_number_with_a_letter(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Toby's story\n\n"
        "5.2a Toby told the reviewer that bedtime was the worst part of the day because "
        '"that\'s when it gets loud".\n',
    )
    assert kind_of(items_of(path), "5.2a Toby told") == "child_voice"


def test_should_read_adults_accounts_under_a_section_on_what_a_baby_showed(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 9. What Toby's experience tells us\n\n"
        "9.1 Toby was too young to tell anyone what was happening. What is known comes from "
        "the adults who looked after him.\n\n"
        "9.2 His grandmother described how he would go quiet and hide behind the sofa "
        "whenever a car pulled up outside the house.\n\n"
        "## 10. How Toby communicates\n\n"
        '10.1 His key worker told the review that Toby "lights up" at songs he knows and '
        "that in the spring he stopped joining in.\n",
    )
    items = items_of(path)
    assert kind_of(items, "9.2 His grandmother described") == "child_voice"
    assert kind_of(items, "10.1 His key worker") == "child_voice"
    assert kind_of(items, "9.1 Toby was too young") is None


def test_should_not_take_a_heading_on_how_agencies_communicated_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 6. How agencies communicated\n\n"
        "6.1 The nursery and the health visitor each held part of the picture and neither "
        "passed it on.\n",
    )
    assert kind_of(items_of(path), "6.1 The nursery") != "child_voice"


def test_should_read_what_the_review_found_under_analysis_and_learning_as_a_finding(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Analysis and learning\n\n### 5.2 Seeing the partner\n\n"
        "5.2.1 The review found that no agency asked who the mother's partner was, although "
        "the nursery had seen him collect Toby twice.\n\n"
        "### 5.3 The child's lived experience\n\n"
        "5.3.1 The review found that Toby was seen at every visit but was never spoken to "
        'alone, and his "quiet spells" were read as shyness.\n',
    )
    items = items_of(path)
    assert kind_of(items, "5.2.1 The review found") == "finding"
    assert kind_of(items, "5.3.1 The review found") == "finding"


def test_should_not_read_how_the_findings_are_laid_out_as_a_finding(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 7. Findings\n\n"
        "7.1 The review makes four findings about the wider system. Each finding is followed "
        "by the questions it raises for the partners.\n\n"
        "### Finding 1: Nobody asked who the partner was\n\n"
        "7.2 The review found that no agency asked who the mother's partner was, although "
        "the nursery had seen him collect Toby twice.\n",
    )
    items = items_of(path)
    assert kind_of(items, "7.1 The review makes four") is None
    assert kind_of(items, "Nobody asked who") == "finding"


def test_should_read_a_findings_evidence_headings_as_no_item(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        "# Child Safeguarding Practice Review: Kai\n\n"
        "Ashvale Safeguarding Children Partnership, 2026\n\n"
        "## 8. Findings\n\n"
        "### Finding 1 (Management systems): Supervision is arranged around named concerns, so "
        "vague worries have no place to be tested.\n\n"
        "#### How did it feature in Kai's case?\n\n"
        "8.2 The school nurse was uneasy about Kai's weight but had no supervision slot where "
        "she could raise it, and nobody asked.\n\n"
        "#### How do we know it is not a one-off?\n\n"
        "8.3 Nurses in two other teams told the review that supervision was only ever about "
        "cases already referred, and that nobody asked about others.\n\n"
        "#### Questions for the partnership\n\n"
        "- How can supervision make room for worries that are not yet concerns?\n",
    )
    items = items_of(path)
    assert kind_of(items, "Supervision is arranged") == "finding"
    assert kind_of(items, "8.2 The school nurse") is None
    assert kind_of(items, "8.3 Nurses in two") is None
    assert kind_of(items, "How can supervision") == "reflective_question"


def test_should_not_take_a_kind_from_a_heading_naming_who_presents(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        "# Presented by the partnership's quality and improvement group\n\n"
        "## Before we start\n\n"
        "- Keep your microphone muted unless you are speaking\n"
        "- Put your questions in the chat\n\n"
        "## What you can do\n\n"
        "- Ask who else lives in the home at every visit.\n",
    )
    items = items_of(path)
    assert kind_of(items, "Keep your microphone") is None
    assert kind_of(items, "Ask who else lives") == "next_step"


def test_should_read_a_guides_box_of_what_gets_in_the_way_as_key_learning(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# One-minute guide: Hearing the child\n\n"
        "Ashvale Safeguarding Children Partnership | June 2026\n\n"
        "## What gets in the way\n\n"
        "- Visits booked when the children are at school.\n"
        "- Parents who answer every question for the child.\n\n"
        "## What makes it hard\n\n"
        "- Not having a quiet room to talk in.\n",
    )
    items = items_of(path)
    assert kind_of(items, "Visits booked when") == "key_learning"
    assert kind_of(items, "Parents who answer") == "key_learning"
    assert kind_of(items, "Not having a quiet room") == "key_learning"


def test_should_read_a_child_quoted_telling_someone_other_than_the_review(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Learning brief: Ellis\n\nAshvale Safeguarding Children Partnership, 2026\n\n"
        "## About Ellis\n\n"
        "Ellis was thirteen and lived with his father and two younger sisters.\n\n"
        'Ellis told his football coach: "If I go home late nobody notices, so I stay out."\n\n'
        "Ellis told his independent reviewing officer at the review meeting in June that he "
        'wanted "a carer who doesn\'t give up on me".\n\n'
        "## The family's story\n\n"
        'The youngest girl told her nursery key worker that she was "always hungry at '
        'weekends".\n',
    )
    items = items_of(path)
    assert kind_of(items, "Ellis told his football coach") == "child_voice"
    assert kind_of(items, "Ellis told his independent reviewing") == "child_voice"
    assert kind_of(items, "The youngest girl told") == "child_voice"


def test_should_not_put_the_questions_an_audit_set_itself_to_the_reader(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Multi-Agency Audit: Children Missing Education\n\n"
        "Ashvale Safeguarding Children Partnership, 2026\n\n"
        "## 2. Purpose\n\n"
        "2.1 The audit set out to answer three questions:\n\n"
        "- Do schools tell the local authority when a child stops attending?\n"
        "- Is the child seen within a week?\n\n"
        "## 6. Questions for practitioners\n\n"
        "- When did you last check where an absent child actually was?\n",
    )
    items = items_of(path)
    assert kind_of(items, "Do schools tell") is None
    assert kind_of(items, "Is the child seen") is None
    assert kind_of(items, "When did you last check") == "reflective_question"


def test_should_read_a_named_child_quoted_on_a_subject_under_a_learning_theme(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Local Child Safeguarding Practice Review: Toby\n\n"
        "Ashvale Safeguarding Children Partnership, 2026\n\n"
        "## 8. Analysis and learning\n\n### Learning theme 2: Moving schools\n\n"
        '8.9 Toby said of the new school: "Nobody there knew my name for weeks."\n',
    )
    assert kind_of(items_of(path), "8.9 Toby said of") == "child_voice"


def test_should_read_a_named_child_reported_with_their_words_under_an_analysis_topic(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Local Child Safeguarding Practice Review: Toby\n\n"
        "Ashvale Safeguarding Children Partnership, 2026\n\n"
        "## 8. Analysis and learning\n\n### 8.4 Hearing Toby\n\n"
        '8.4.1 Toby told the reviewer that what he missed most was his dog, and that "nobody '
        'asked about him".\n',
    )
    assert kind_of(items_of(path), "8.4.1 Toby told") == "child_voice"
