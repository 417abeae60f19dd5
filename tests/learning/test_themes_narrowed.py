"""Theme wordings narrowed or added in the eighth session's second round (heldout14-15's theme
errors read, docs/learning-evaluation.md): words that annotators across all splits read otherwise than the
phrases did, and paraphrase families. All texts are synthetic."""

from pathlib import Path

import pytest

from fullpicture.learning.library import parse_document
from fullpicture.learning.themes import lexical_themes


@pytest.mark.parametrize(
    "text",
    [
        "He was charged with possession of drugs with intent to supply after a stop in town.",
        "Each arrest was logged as a separate drugs offence.",
        "A boy found on a train with drugs and cash was treated as an offender.",
    ],
)
def test_should_not_read_drugs_a_child_was_caught_with_as_substance_misuse(text: str) -> None:
    assert "substance_misuse" not in lexical_themes(text)


def test_should_still_read_a_parents_drug_use_as_substance_misuse() -> None:
    assert "substance_misuse" in lexical_themes("Her stepmother used drugs most evenings.")


def test_should_not_read_a_young_persons_own_missed_appointments_as_neglect() -> None:
    text = "The young person missed appointments at the clinic and was discharged."
    assert "neglect" not in lexical_themes(text)


def test_should_still_read_a_young_childs_missed_appointments_as_neglect() -> None:
    assert "neglect" in lexical_themes("The toddler's missed appointments were never followed up.")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The liaison psychiatry team saw him the same night.", "multi_agency"),
        ("Six hours a day on a reduced timetable left him unsupervised.", "neglect"),
        ("The referral was judged below the service's threshold.", "early_help"),
        ("The maternity unit's booking form was changed.", "babies"),
        ('"I had to start again with every new worker."', "chronologies"),
        ("Coercive control by the stepfather was not recognised.", "emotional_abuse"),
        ("The mother asked for help with the rent.", "voice_of_child"),
        ("He was placed out of area by the council.", "housing"),
        ("Which children on your caseload have a named worker?", "workforce"),
        ("The school had consistent oversight of him.", "supervision"),
        ("She was signposted to an online service.", "multi_agency"),
        ("The board will review its multi-agency domestic abuse training.", "multi_agency"),
        ("Children at risk of significant harm are protected by law.", "child_protection_plans"),
    ],
)
def test_should_not_give_a_theme_annotators_do_not_read_in_the_words(text: str, theme: str) -> None:
    assert theme not in lexical_themes(text)


def test_should_still_read_agencies_liaising() -> None:
    assert "multi_agency" in lexical_themes("The school did not liaise with the clinic.")


@pytest.mark.parametrize(
    "text",
    [
        "The men who exploited her met her outside the station.",
        "Police knew about the men Tia was seen with at the shop.",
        "Staff noted the men collecting her from college.",
    ],
)
def test_should_not_read_men_exploiting_a_child_as_men_in_the_household(text: str) -> None:
    assert "fathers_men" not in lexical_themes(text)


def test_should_still_read_men_caring_for_a_child_as_men_in_the_household() -> None:
    assert "fathers_men" in lexical_themes("The men caring for the baby were never assessed.")


def create_review(tmp_path: Path, title: str, items: list[str]) -> Path:
    """A small Markdown review: a title and one section of bullet items."""
    lines = [f"# {title}", "", "## Key learning", "", *(f"- {i}" for i in items)]
    path = tmp_path / "review.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def themes_by_text(path: Path) -> dict[str, list[str]]:
    reviews = parse_document(path).reviews
    return {item.text: item.themes for review in reviews for item in review.items}


def test_should_read_older_men_in_a_county_lines_review_as_criminal_exploitation(
    tmp_path: Path,
) -> None:
    text = "Nobody asked who the older men waiting outside his flat were."
    items = [text, "He was moving drugs between two towns for a county line."]
    themes = themes_by_text(create_review(tmp_path, "Rapid review: Child P", items))[text]
    assert "criminal_exploitation" in themes
    assert "sexual_exploitation" not in themes


def test_should_read_older_men_in_a_review_of_sexual_exploitation_as_sexual(
    tmp_path: Path,
) -> None:
    text = "She was often picked up from school by older men."
    items = [text, "Signs of child sexual exploitation were recorded as her choices."]
    themes = themes_by_text(create_review(tmp_path, "Rapid review: Child R", items))[text]
    assert "sexual_exploitation" in themes


def test_should_read_a_service_as_the_agent_of_a_passive_clause() -> None:
    text = "A small mark on his arm was seen weeks later by the health visitor."
    assert "health" in lexical_themes(text, subject_window=4)


def test_should_still_read_a_service_told_something_as_an_object() -> None:
    text = "Her mother's worries about the flat were later reported to the police."
    assert "police" not in lexical_themes(text, subject_window=4)
