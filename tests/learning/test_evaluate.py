"""The evaluation runs on the corpus and scores matching honestly."""

from fullpicture.learning.evaluate import Scores, SplitResult, _score_items, evaluate, match_items
from fullpicture.learning.extract import ExtractedItem


def test_should_report_every_split_with_per_kind_figures(sample_corpus):
    result = evaluate(sample_corpus)
    assert result["dev"]["documents"] >= 14 and result["heldout"]["documents"] >= 6
    assert result["heldout2"]["documents"] >= 8 and result["heldout3"]["documents"] >= 8
    assert result["heldout4"]["documents"] >= 8 and result["heldout5"]["documents"] >= 8
    assert result["heldout6"]["documents"] >= 8 and result["heldout7"]["documents"] >= 8
    assert set(result["dev"]["kinds"]) >= {"finding", "recommendation", "child_voice"}
    assert 0.0 <= result["heldout"]["items_micro"]["f1"] <= 1.0
    # a split named in SPLITS with no documents in the corpus is left out, not scored as perfect
    present = {document["split"] for document in result["documents"]}
    assert set(result) - {"documents"} == present


def test_should_not_match_an_item_that_covers_too_few_words():
    gold = [{"text": "Return home interviews were not offered", "kind": "finding", "themes": []}]
    far = ExtractedItem("finding", "Missing episodes were frequent", "", 1)
    near = ExtractedItem("finding", "Return home interviews were not offered in time", "", 2)
    assert match_items(gold, [far]) == []
    assert match_items(gold, [far, near]) == [(0, 1)]


def test_should_compute_f1_from_counts():
    assert round(Scores(tp=8, fp=2, fn=2).f1, 3) == 0.8


def test_should_score_themes_on_matched_items_apart_from_missed_ones():
    gold = [
        {
            "text": "Return home interviews were not offered",
            "kind": "finding",
            "themes": ["missing"],
        },
        {
            "text": "The father was never seen by anyone",
            "kind": "finding",
            "themes": ["fathers_men"],
        },
    ]
    found = ExtractedItem("finding", "Return home interviews were not offered", "", 1)
    found.themes = ["missing", "police"]
    result = SplitResult()
    _score_items(result, gold, [found])
    figures = result.as_dict()
    assert figures["themes_matched_micro"] == {
        "tp": 1,
        "fp": 1,
        "fn": 0,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.667,
    }
    assert figures["themes_micro"]["fn"] == 1  # the missed item's theme counts only here
