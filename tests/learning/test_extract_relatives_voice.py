"""The child's voice told by a relative: a parent or grandparent telling what the child said or
did, with the child's words or behaviour quoted, and a brother's or sister's own words; a
relative's own words stay no item; and the next child quoted only as "Another" (synthetic text
only)."""

from __future__ import annotations

from tests.learning.documents import create_document, items_of, kind_of

_BRIEFING = (
    "# Learning brief: Baby T\n\n"
    "Hartwell Safeguarding Children Partnership, 2026\n\n"
    "## Background\n\n"
    "Baby T was four months old when he was taken to hospital with a broken arm.\n\n"
    "## Key learning\n\n"
    "- A baby who cannot crawl cannot bruise himself: every bruise needs a medical opinion.\n\n"
)


def test_should_read_a_parent_telling_what_the_baby_did_as_the_childs_voice(tmp_path):
    body = _BRIEFING + (
        "## What Baby T's parents told us\n\n"
        'His mother said that for a week he "cried every time he was lifted" and would not '
        "feed from a bottle.\n\n"
        'His father said that Baby T "went rigid" when he held him, and he thought the baby '
        '"was just tired".\n\n'
        'His mother said: "I did not know who to ask for help."\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "His mother said that for a week") == "child_voice"
    assert kind_of(items, "His father said that Baby T") == "child_voice"
    assert kind_of(items, "His mother said: ") is None  # her own words


def test_should_read_a_grandparent_telling_what_the_child_did_as_the_childs_voice(tmp_path):
    body = _BRIEFING.replace("Baby T", "Child J") + (
        "## What the family told us\n\n"
        'J\'s grandfather told the review that J "hid under the bed whenever the door went" '
        "after the move.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "J's grandfather told the review") == "child_voice"


def test_should_read_a_sisters_own_words_as_the_childs_voice(tmp_path):
    body = _BRIEFING + (
        "## The child\n\n"
        "4.2 The older sister's words to her teacher were: \"He throws things and the baby "
        'screams."\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "4.2 The older sister's words") == "child_voice"


def test_should_leave_a_mother_telling_of_herself_no_item(tmp_path):
    body = _BRIEFING + (
        "## What the family told us\n\n"
        'His mother said that she "could not cope" after the move and had no one to turn to.\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "His mother said that she") is None


def test_should_read_another_speaker_after_a_quoted_child_as_the_childs_voice(tmp_path):
    body = (
        "# Thematic review: young people who run away\n\n"
        "Hartwell Safeguarding Children Partnership, 2026\n\n"
        "## What we found\n\n"
        "Three of the six young people had been excluded from school in the year before.\n\n"
        'One young person said: "Nobody asked me why I kept going."\n\n'
        'Another said: "I went because it was quieter than home."\n\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "One young person said") == "child_voice"
    assert kind_of(items, 'Another said: "I went') == "child_voice"
