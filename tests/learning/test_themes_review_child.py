"""Themes a review's child lends its items (eighth session): a baby's review gives `babies`
to its items about the baby (its body, care and birth, or the child named), not to its items
about services, records or training. All texts are synthetic."""

from pathlib import Path

from fullpicture.learning.library import parse_document


def create_baby_review(tmp_path: Path, items: list[str]) -> Path:
    """A small Markdown rapid review of a baby, one section of bullet items."""
    lines = ["# Rapid review: Baby Q", "", "## Key learning", "", *(f"- {i}" for i in items)]
    path = tmp_path / "review.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def themes_by_text(path: Path) -> dict[str, list[str]]:
    reviews = parse_document(path).reviews
    return {item.text: item.themes for review in reviews for item in review.items}


def test_should_give_babies_to_an_item_about_the_babys_care(tmp_path: Path) -> None:
    text = "The marks seen on his arm at the clinic were not followed up with a medical opinion."
    assert "babies" in themes_by_text(create_baby_review(tmp_path, [text]))[text]


def test_should_give_babies_to_an_item_naming_the_child(tmp_path: Path) -> None:
    text = "Q's weight was plotted on a chart that nobody at the surgery reviewed."
    assert "babies" in themes_by_text(create_baby_review(tmp_path, [text]))[text]


def test_should_not_give_babies_to_an_item_about_training_in_a_babys_review(
    tmp_path: Path,
) -> None:
    text = "The partnership will audit how its procedures are used by all agencies each year."
    assert "babies" not in themes_by_text(create_baby_review(tmp_path, [text]))[text]
