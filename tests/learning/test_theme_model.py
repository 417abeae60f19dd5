"""The learned theme model on top of the phrase rules: loading, combining, training."""

import json
from pathlib import Path

import numpy as np
import pytest

from fullpicture.errors import LearningError
from fullpicture.learning.evaluate import (
    BLIND_FROM,
    cross_validate,
    is_blind,
    train_theme_model,
)
from fullpicture.learning.extract import ExtractedItem
from fullpicture.learning.library import parse_document
from fullpicture.learning.theme_model import (
    ThemeBasis,
    ThemeModel,
    fit,
    item_features,
    shipped_model,
)
from fullpicture.learning.themes import lexical_themes


def _tiny_model() -> ThemeModel:
    """A model that has learned one made-up word means neglect."""
    rows = [
        ["w:grubby", "k:finding"],
        ["w:grubby", "w:kitchen", "k:finding"],
        ["w:meeting", "k:finding"],
        ["w:minutes", "k:finding"],
    ] * 5
    labels = [["neglect"], ["neglect"], [], []] * 5
    return fit(rows, labels, ["neglect"], l2=1e-4, min_count=1)


def test_should_load_the_shipped_model_with_what_it_was_trained_on():
    model = shipped_model()
    assert model is not None
    assert {"neglect", "domestic_abuse", "voice_of_child"} <= set(model.themes)
    assert model.about["below_document"] == BLIND_FROM
    assert model.about["settings"]["add"] == model.add
    assert "dev" in model.about["splits"]


def test_should_add_a_theme_the_phrases_miss_when_the_review_is_about_it():
    # No phrase names neglect here, but the review's dominant harm is neglect and the item is
    # about the child's body and care: annotators give it neglect.
    text = "Her weight fell over several months and appointments at the clinic were missed."
    phrases = lexical_themes(text, subject_window=4)
    assert "neglect" not in phrases
    model = shipped_model()
    assert model is not None
    basis = ThemeBasis(frozenset(phrases), dominant=frozenset({"neglect"}))
    probabilities = model.probabilities([item_features(text, "Findings", "finding", basis)])[0]
    assert "neglect" in model.combine(phrases, probabilities, "finding")


def test_should_respect_the_add_and_drop_thresholds():
    model = _tiny_model()
    probability = model.probabilities([["w:grubby", "k:finding"]])[0]
    assert probability[0] > 0.9
    assert model.combine(set(), probability, "finding") == {"neglect"}
    model.add = 0.999
    assert model.combine(set(), probability, "finding") == set()
    quiet = model.probabilities([["w:minutes", "k:finding"]])[0]
    assert quiet[0] < 0.05
    model.drop = 0.05
    assert model.combine({"neglect"}, quiet, "finding") == set()
    model.drop = None
    assert model.combine({"neglect"}, quiet, "finding") == {"neglect"}


def test_should_never_drop_the_childs_voice_from_the_childs_own_words():
    model = fit([["w:said"]] * 4, [[]] * 4, ["voice_of_child"], min_count=1)
    probability = model.probabilities([["w:said"]])[0]
    assert probability[0] < model.drop
    assert model.combine({"voice_of_child"}, probability, "child_voice") == {"voice_of_child"}
    assert model.combine({"voice_of_child"}, probability, "finding") == set()


def test_should_keep_the_models_decisions_through_its_data_file():
    model = _tiny_model()
    again = ThemeModel.from_data(json.loads(json.dumps(model.as_data(prune=0.0))))
    rows = [["w:grubby"], ["w:minutes", "w:kitchen"]]
    assert np.allclose(model.probabilities(rows), again.probabilities(rows), atol=1e-3)
    with pytest.raises(LearningError):
        ThemeModel.from_data({"format": 0})


def test_should_apply_the_model_after_the_rules_at_import(tmp_path: Path):
    path = tmp_path / "review.md"
    path.write_text(
        "# Rapid review: Child Q\n\nOakhurst Safeguarding Partnership, 2024\n\n"
        "## Findings\n\n- Nobody wrote down why the grubby kitchen worried the visitor.\n",
        encoding="utf-8",
    )
    rules = parse_document(path, learned=False).reviews[0].items
    learned = parse_document(path, learned=_tiny_model()).reviews[0].items
    assert [i.text for i in rules] == [i.text for i in learned]
    assert "neglect" not in rules[0].themes
    assert "neglect" in learned[0].themes
    assert rules[0].basis is not None


def _document(corpus: Path, name: str) -> None:
    text = "The health visitor did not see where the baby slept."
    (corpus / "docs" / f"{name}.md").write_text(
        f"# Rapid Review: Child {name[-1].upper()}\n\nHallow Safeguarding Children Partnership"
        f"\n\nPublished: 3 May 2024\n\n## Key learning\n\n- {text}\n",
        encoding="utf-8",
    )
    gold = {
        "document": f"{name}.md",
        "split": "dev",
        "reviews": [{"review_type": "rapid_review", "partnership": "Hallow", "year": 2024}],
        "items": [{"kind": "key_learning", "text": text, "themes": ["babies", "health"]}],
    }
    (corpus / "gold" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_should_refuse_to_train_on_blind_documents():
    item = ExtractedItem("finding", "The school was not told.", "Findings", 1, basis=ThemeBasis())
    gold = {"items": [{"kind": "finding", "text": "The school was not told.", "themes": []}]}
    assert is_blind(f"{BLIND_FROM}-anywhere-review.pdf")
    assert not is_blind(f"{BLIND_FROM - 1}-anywhere-review.pdf")
    with pytest.raises(LearningError, match="blind"):
        train_theme_model([(gold | {"document": f"{BLIND_FROM}-x.pdf"}, [item])])
    model = train_theme_model([(gold | {"document": f"{BLIND_FROM - 1}-x.pdf"}, [item])])
    assert model.themes == []


def test_should_retrain_the_model_inside_each_cross_validation_fold(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    for name in ("a", "b", "c", "d"):
        _document(tmp_path, f"doc-{name}")
    result = cross_validate(tmp_path, folds=4)
    learned = result["with_model"]
    assert learned["settings"]["add"] == ThemeModel.settings_described()["add"]
    assert learned["rules_and_model"]["themes_matched_micro"]["tp"] >= 0
    assert learned["rules"]["themes_micro"]["tp"] + learned["rules"]["themes_micro"]["fn"] == 8
