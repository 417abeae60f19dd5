"""A child placed in care away from home is not a housing move (heldout22-23's theme errors
read, docs/learning-evaluation.md). All texts are synthetic."""

from fullpicture.learning.themes import lexical_themes


def test_should_not_read_a_title_about_children_placed_away_as_housing() -> None:
    themes = lexical_themes("Placed away: children in residential care far from Brindle")
    assert "housing" not in themes
    assert "looked_after" in themes


def test_should_still_read_a_family_moving_miles_away_as_housing() -> None:
    assert "housing" in lexical_themes("The family moved forty miles from the school in March.")
