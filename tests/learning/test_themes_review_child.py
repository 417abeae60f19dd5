"""Themes a review's child lends its items (eighth session): a baby's review gives `babies`
to its items about the baby (its body, care and birth, or the child named), not to its items
about services, records or training. All texts are synthetic."""

from pathlib import Path

import pytest

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


def test_should_lend_health_to_a_document_for_mental_health_services() -> None:
    from fullpicture.learning.extract import title_setting

    assert "health" in title_setting("Lessons from reviews for community mental health teams")
    assert "health" not in title_setting("Lessons from reviews about mental health")


def test_should_lend_the_service_a_title_opens_with() -> None:
    from fullpicture.learning.extract import title_setting

    assert "police" in title_setting("Police learning summary: a missing teenager")
    assert not title_setting("Neglect learning summary")


def test_should_read_police_work_named_without_the_word_police() -> None:
    from fullpicture.learning.themes import lexical_themes

    assert "police" in lexical_themes("Detectives did not check the force's records.")
    assert "police" not in lexical_themes("The force of the blow was not considered.")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The stepfather had assaulted his former partner twice.", "domestic_abuse"),
        ("Nobody knew of the uncle's violence in a previous relationship.", "domestic_abuse"),
        ("Teachers saw that the boy's hygiene was getting worse each week.", "neglect"),
        ("A new partner joining the household was never checked.", "fathers_men"),
        ("The form had no field for household composition.", "fathers_men"),
        ("The risk rating stayed the same for six months.", "risk_assessment"),
        ("He said he could not stop because he owed them.", "criminal_exploitation"),
        ("Staff saw her being picked up by older lads after school.", "sexual_exploitation"),
        ("The plan was never sent to partner agencies.", "multi_agency"),
        ("Offer to talk in a language other than English.", "identity_culture"),
        ("The family asked for Tamil-speaking staff.", "identity_culture"),
    ],
)
def test_should_read_the_eighth_sessions_paraphrase_families(text: str, theme: str) -> None:
    from fullpicture.learning.themes import lexical_themes

    assert theme in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "His exploitation escalated within a month of the move.",
        "Escalating severity of the injuries was not recognised.",
    ],
)
def test_should_not_read_harm_that_escalates_as_professional_escalation(text: str) -> None:
    from fullpicture.learning.themes import lexical_themes

    assert "escalation" not in lexical_themes(text)


def test_should_still_read_a_practitioner_escalating_a_concern() -> None:
    from fullpicture.learning.themes import lexical_themes

    assert "escalation" in lexical_themes("The nurse did not escalate her concern to a manager.")
