"""The child's voice told inside a long report's narrative: the child reporting to the review
under a heading on the family's part in it, a relative telling what the child did without
quoting, the speaker of the paragraph before going on by a pronoun; and what is not the child's
voice there: a relative's own doing, a parent's own view, a child's words told in the chronology
(synthetic text only)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

_HEAD = (
    "# Local Child Safeguarding Practice Review: Milo and Rosa\n\n"
    "Ashvale Safeguarding Children Partnership, 2026\n\n"
    "## 1. Introduction\n\n"
    "Milo, aged six, was admitted to hospital with a head injury in March 2025.\n\n"
)
_TAIL = (
    "## 8. Recommendations\n\n"
    "1. The partnership should ask schools to record what children tell them about home.\n"
)


def _items(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    return items_of(create_document(tmp_path, _HEAD + body + _TAIL))


def test_should_read_the_named_child_reporting_under_the_familys_heading(tmp_path: Path) -> None:
    items = _items(
        tmp_path,
        "## 3. What the family told the review\n\n"
        "Rosa told the reviewer that she liked the breakfast club best because it was warm, "
        "and that at home they had to stay in their room.\n\n"
        "Milo drew his bedroom for the reviewer and said that the door had to stay shut when "
        "visitors came.\n\n",
    )
    assert kind_of(items, "Rosa told the reviewer") == "child_voice"
    assert kind_of(items, "Milo drew his bedroom") == "child_voice"


def test_should_read_a_relatives_unquoted_account_of_the_child_under_the_familys_heading(
    tmp_path: Path,
) -> None:
    items = _items(
        tmp_path,
        "## 4. The family's contribution\n\n"
        "Milo's grandmother said that when he stayed with her at half term he hid food in his "
        "coat and woke crying every night.\n\n"
        "She told the reviewer that he would not go upstairs on his own, as if something "
        "there frightened him.\n\n"
        "The children's uncle described his surprise at how thin and silent the children were "
        "when they first came to stay.\n\n"
        "Milo's father said that he had stopped visiting after an argument with the family.\n\n",
    )
    assert kind_of(items, "Milo's grandmother said that") == "child_voice"
    assert kind_of(items, "She told the reviewer that he would") == "child_voice"
    assert kind_of(items, "The children's uncle described") == "child_voice"
    assert kind_of(items, "Milo's father said") is None  # his own doing


def test_should_read_the_child_going_on_by_a_pronoun_after_being_quoted(tmp_path: Path) -> None:
    items = _items(
        tmp_path,
        "## 5. What the children told us\n\n"
        'The older boy in Family B told the reviewer: "I made the tea every night and nobody '
        'knew."\n\n'
        "He said that he fell asleep in lessons and that no teacher asked him why.\n\n",
    )
    assert kind_of(items, "He said that he fell asleep") == "child_voice"


def test_should_not_read_a_relative_going_on_about_herself_as_the_childs_voice(
    tmp_path: Path,
) -> None:
    items = _items(
        tmp_path,
        "## 4. The family's contribution\n\n"
        "Milo's aunt said that he came to her house hungry most weekends and ate in silence.\n\n"
        "She said that she had phoned the school twice and been told not to worry.\n\n",
    )
    assert kind_of(items, "Milo's aunt said that") == "child_voice"
    assert kind_of(items, "She said that she had phoned") is None


def test_should_not_read_an_unquoted_relatives_account_in_the_chronology(tmp_path: Path) -> None:
    items = _items(
        tmp_path,
        "## 5. The children's story\n\n### Episode 2: April to June 2024\n\n"
        "Milo's mother said that he had fallen against the radiator while playing with Rosa.\n\n"
        "Rosa told her teacher that she had walked into a cupboard door.\n\n",
    )
    assert kind_of(items, "Milo's mother said") is None
    assert kind_of(items, "Rosa told her teacher") is None


def test_should_read_a_child_named_by_letter_telling_a_teacher_in_quoted_words(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Rapid Review Summary: Child W\n\nAshvale Safeguarding Children Partnership, 2026\n\n"
        "## What Child W said\n\n"
        'Child W told her class teacher that she kept her coat on indoors because "the house '
        'is always cold".\n\n'
        "Child W described feeling frightened when the door banged at night.\n\n" + _TAIL,
    )
    items = items_of(path)
    assert kind_of(items, "Child W told her class teacher") == "child_voice"
    assert kind_of(items, "Child W described feeling") == "child_voice"
