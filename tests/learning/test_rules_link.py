"""Learning linked to rules: citations, suggestions, confirmation and gaps."""

import pytest

from fullpicture.errors import LearningError
from fullpicture.learning.library import import_document
from fullpicture.learning.rules_link import (
    catalogue,
    decide,
    gaps,
    learning_for_rule,
    load_catalogue,
    record_practice_change,
    rule_citations,
    rules_for_item,
    suggest,
)


def test_should_load_the_catalogue_once_with_each_rules_citation(sqlite_store):
    first = load_catalogue(sqlite_store, embed=False)
    assert load_catalogue(sqlite_store, embed=False) == first
    _, entries = catalogue()
    behind = learning_for_rule(sqlite_store, "TIM-1")
    assert len(behind) >= 1
    assert {e.code for e in entries} >= {"ACC-1", "TIM-1", "VOI-1", "ESC-2"}


def test_should_suggest_then_let_a_person_confirm(sqlite_store, sample_text_review):
    result = import_document(sqlite_store, sample_text_review)
    made = suggest(sqlite_store)
    assert any(link.rule_id == "TIM-1" for link in made)
    item_id = next(link.item_id for link in made if link.rule_id == "TIM-1")
    assert "TIM-1" not in rules_for_item(sqlite_store, item_id)  # a suggestion is not a link yet
    decide(sqlite_store, item_id, "TIM-1", by="Q. Analyst")
    assert rules_for_item(sqlite_store, item_id) == ["TIM-1"]
    assert item_id in learning_for_rule(sqlite_store, "TIM-1")
    assert result.items == 3


def test_should_list_gaps_until_a_rule_or_practice_change_implements_them(
    sqlite_store, sample_text_review
):
    import_document(sqlite_store, sample_text_review, embed=False)
    load_catalogue(sqlite_store, embed=False)
    imported = [g for g in gaps(sqlite_store) if g["review_type"] != "catalogue"]
    assert len(imported) == 3  # no rule cites imported learning until a person confirms it
    record_practice_change(sqlite_store, imported[0]["id"], "Monthly audit", by="QA")
    assert [g["id"] for g in gaps(sqlite_store) if g["review_type"] != "catalogue"] == [
        g["id"] for g in imported[1:]
    ]
    cited = {code for codes in rule_citations().values() for code in codes}
    assert all(g["code"] not in cited for g in gaps(sqlite_store) if g["code"])


def test_should_refuse_an_unknown_rule(sqlite_store, sample_text_review):
    import_document(sqlite_store, sample_text_review, embed=False)
    with pytest.raises(LearningError, match="Unknown rule"):
        decide(sqlite_store, 1, "NOPE-9", by="QA")
