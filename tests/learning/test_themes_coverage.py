"""General coverage of the phrase rules: compounds spelled with a hyphen, a space or neither,
and the coding frame's own vocabulary (Working Together 2023 definitions, the national panel's
and the triennial analyses' terms), each checked on a sentence written for the test."""

import pytest

from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The baby was non mobile when the bruise was seen.", "babies"),
        ("The parents were cosleeping with the baby on a sofa.", "babies"),
        ("A multiagency meeting was never held.", "multi_agency"),
        ("Practitioners did not see the self harm.", "self_harm_suicide"),
    ],
)
def test_should_match_a_hyphenated_phrase_written_with_a_space_or_closed_up(text, theme):
    assert theme in lexical_themes(text)


def test_should_keep_looked_after_a_person_apart_from_looked_after_children():
    assert "looked_after" not in lexical_themes("The father looked after L at weekends.")
    assert "looked_after" in lexical_themes("Looked-after children need stable homes.")
