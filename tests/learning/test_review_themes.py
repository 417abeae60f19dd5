"""Lending a review's dominant themes to its items, and choosing how by cross-validation."""

import json
from pathlib import Path

from fullpicture.learning.evaluate import cross_validate
from fullpicture.learning.review_themes import (
    NO_LENDING,
    Lending,
    concerns_child,
    dominant_themes,
    lend,
)
from fullpicture.learning.theme_options import ThemeOptions


def test_should_find_a_reviews_dominant_topic_themes_from_its_title_and_items():
    own = [{"neglect", "assessment"}, {"neglect"}, {"multi_agency"}, {"police"}]
    assert dominant_themes(own, frozenset({"sexual_abuse"}), frozenset(), Lending()) == {
        "sexual_abuse"
    }
    by_share = dominant_themes(own, frozenset(), frozenset(), Lending(share=0.5, title=False))
    assert by_share == {"neglect"}  # practice themes (assessment, police) are never lent
    assert dominant_themes(own, frozenset({"neglect"}), frozenset(), NO_LENDING) == set()


def test_should_lend_only_to_items_about_the_child_or_family():
    assert concerns_child("J's exclusion left him with nowhere to be.", "finding", "J")
    assert concerns_child('"Nobody asked who I owed."', "child_voice", None)
    assert not concerns_child("Strategy meetings were not minuted.", "finding", None)
    untopical = Lending(only_untopical=True)
    dominant = {"criminal_exploitation"}
    assert lend(set(), "J was excluded.", "finding", "J", dominant, untopical) == dominant
    assert lend({"neglect"}, "J was hungry.", "finding", "J", dominant, untopical) == set()


def _document(corpus: Path, name: str, theme: str, gold_themes: list[str]) -> None:
    (corpus / "docs" / f"{name}.md").write_text(
        f"# Rapid Review: {theme.title()} and Child {name[-1].upper()}\n\n"
        "Hallow Safeguarding Children Partnership\n\nPublished: 3 May 2024\n\n"
        "## Key learning\n\n- The school did not tell anyone when the child stopped coming.\n",
        encoding="utf-8",
    )
    gold = {
        "document": f"{name}.md",
        "split": "dev",
        "reviews": [{"review_type": "rapid_review", "partnership": "Hallow", "year": 2024}],
        "items": [
            {
                "kind": "key_learning",
                "text": "The school did not tell anyone when the child stopped coming.",
                "themes": gold_themes,
            }
        ],
    }
    (corpus / "gold" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_should_choose_the_lending_rule_on_other_documents_than_the_one_scored(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    for name in ("a", "b", "c", "d"):  # the annotator gives the title's harm to the item
        _document(tmp_path, f"doc-{name}", "neglect", ["education", "neglect"])
    lent = ThemeOptions(Lending())
    result = cross_validate(tmp_path, folds=4, choices=(ThemeOptions(NO_LENDING), lent))
    assert result["chosen"] == [lent.describe()] * 4
    assert result["chosen_on_all"] == lent.describe()
    assert result["themes_micro"]["f1"] == 1.0
    assert result["choices"][0]["themes_micro"]["f1"] < 1.0


def test_should_choose_the_options_leaving_each_split_out(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    for name in ("a", "b", "c", "d"):
        _document(tmp_path, f"doc-{name}", "neglect", ["education", "neglect"])
    for name in ("c", "d"):  # put half the documents in another split
        path = tmp_path / "gold" / f"doc-{name}.json"
        gold = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps(gold | {"split": "heldout"}), encoding="utf-8")
    lent = ThemeOptions(Lending())
    result = cross_validate(tmp_path, folds=4, choices=(ThemeOptions(NO_LENDING), lent))
    by_split = result["by_split"]
    assert set(by_split["splits"]) == {"dev", "heldout"}
    assert all(held["options"] == lent.describe() for held in by_split["splits"].values())
    assert by_split["themes_micro"]["f1"] == 1.0
