"""A person's corrections to what import read: stored, traced, and used everywhere at once."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.errors import LearningError, NotFoundError
from fullpicture.learning import tables
from fullpicture.learning.browse import review_items
from fullpicture.learning.corrections import correct_item, correct_review, corrections_of
from fullpicture.learning.library import import_document, list_reviews
from fullpicture.learning.report import build_report
from fullpicture.learning.rules_link import gaps, load_catalogue
from fullpicture.learning.search import Filters, search

WHEN = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)


def create_library(engine: Engine, review: Path) -> dict[str, int]:
    """The sample review imported; its items' ids by kind."""
    result = import_document(engine, review, embed=False)
    review_id = _review_id(engine, result.document_id)
    return {item.kind: item.id for item in review_items(engine, review_id)} | {"review": review_id}


def _review_id(engine: Engine, document_id: int) -> int:
    review = tables.learning_review
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(review.c.id).where(review.c.document_id == document_id)
            ).scalar_one()
        )


def test_should_change_an_items_kind_and_keep_who_when_why_and_the_value_before(
    store, sample_text_review
):
    ids = create_library(store, sample_text_review)
    made = correct_item(
        store,
        ids["key_learning"],
        {"kind": "finding"},
        by="analyst1",
        reason="It reports what happened",
        now=WHEN,
    )
    assert [(c.field, c.before, c.after) for c in made] == [("kind", "key_learning", "finding")]
    history = corrections_of(store, "item", ids["key_learning"])
    assert [(c.corrected_by, c.reason) for c in history] == [
        ("analyst1", "It reports what happened")
    ]
    hits = search(store, "missing signal harm", filters=Filters(kind="finding"), rerank=False)
    assert ids["key_learning"] in [hit.item_id for hit in hits]


def test_should_record_nothing_when_a_correction_changes_nothing(store, sample_text_review):
    ids = create_library(store, sample_text_review)
    assert correct_item(store, ids["finding"], {"kind": "finding"}, by="analyst1") == []
    assert corrections_of(store, "item", ids["finding"]) == []


def test_should_replace_an_items_themes_so_a_theme_filter_finds_it(store, sample_text_review):
    ids = create_library(store, sample_text_review)
    correct_item(store, ids["recommendation"], {"themes": ["supervision", "missing"]}, by="a")
    hits = search(store, "audit quarter", filters=Filters(theme="supervision"), rerank=False)
    assert [hit.item_id for hit in hits] == [ids["recommendation"]]
    assert hits[0].themes == ["missing", "supervision"]  # taxonomy order


def test_should_leave_a_withdrawn_item_out_of_search_report_gaps_and_counts_until_restored(
    sqlite_store, sample_text_review
):
    ids = create_library(sqlite_store, sample_text_review)
    load_catalogue(sqlite_store, embed=False)
    before = build_report(sqlite_store).items
    assert ids["finding"] in [row["id"] for row in gaps(sqlite_store)]
    correct_item(sqlite_store, ids["finding"], {"withdrawn": True}, by="analyst1")
    assert ids["finding"] not in [
        h.item_id for h in search(sqlite_store, "return home", rerank=False)
    ]
    assert build_report(sqlite_store).items == before - 1
    assert ids["finding"] not in [row["id"] for row in gaps(sqlite_store)]
    counts = {row["id"]: row["items"] for row in list_reviews(sqlite_store)}
    assert counts[ids["review"]] == 2
    shown = {item.id: item.withdrawn for item in review_items(sqlite_store, ids["review"])}
    assert shown[ids["finding"]] is True  # still there, marked, with its history
    correct_item(sqlite_store, ids["finding"], {"withdrawn": False}, by="analyst2")
    assert build_report(sqlite_store).items == before
    history = corrections_of(sqlite_store, "item", ids["finding"])
    assert [(c.before, c.after) for c in history] == [("false", "true"), ("true", "false")]


def test_should_correct_a_reviews_type_and_year_for_the_report(store, sample_text_review):
    ids = create_library(store, sample_text_review)
    made = correct_review(
        store, ids["review"], {"review_type": "rapid_review", "year": 2022}, by="analyst1"
    )
    assert {(c.field, c.before, c.after) for c in made} == {
        ("review_type", "child_safeguarding_practice_review", "rapid_review"),
        ("year", "2023", "2022"),
    }
    row = next(r for r in list_reviews(store) if r["id"] == ids["review"])
    assert (row["review_type"], row["year"]) == ("rapid_review", 2022)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "opinion"}, "Unknown item kind 'opinion'"),
        ({"themes": ["neglect", "weather"]}, "Unknown theme(s): weather"),
        ({"text": "new words"}, "no field 'text'"),
    ],
)
def test_should_refuse_an_item_correction_it_cannot_make_and_say_why(
    sqlite_store, sample_text_review, changes, message
):
    ids = create_library(sqlite_store, sample_text_review)
    with pytest.raises(LearningError, match=message.replace("(", r"\(").replace(")", r"\)")):
        correct_item(sqlite_store, ids["finding"], changes, by="analyst1")
    assert corrections_of(sqlite_store, "item", ids["finding"]) == []


def test_should_refuse_a_review_type_or_year_it_does_not_know(sqlite_store, sample_text_review):
    ids = create_library(sqlite_store, sample_text_review)
    with pytest.raises(LearningError, match="Unknown review type"):
        correct_review(sqlite_store, ids["review"], {"review_type": "catalogue"}, by="a")
    with pytest.raises(LearningError, match="out of range"):
        correct_review(sqlite_store, ids["review"], {"year": 3024}, by="a")


def test_should_say_when_the_item_does_not_exist_or_belongs_to_the_catalogue(sqlite_store):
    with pytest.raises(NotFoundError):
        correct_item(sqlite_store, 999, {"kind": "finding"}, by="a")
    load_catalogue(sqlite_store, embed=False)
    catalogue_item = search(sqlite_store, "return home interview", rerank=False)[0].item_id
    with pytest.raises(LearningError, match="catalogue"):
        correct_item(sqlite_store, catalogue_item, {"kind": "finding"}, by="a")
