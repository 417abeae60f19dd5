"""Reading the library as its pages show it: a review's items in document order, an item with
its links and practice changes, what a document yielded, and each rule's learning."""

import pytest

from fullpicture.errors import NotFoundError
from fullpicture.learning.browse import (
    document_summary,
    get_item,
    get_review,
    items_by_id,
    link_views,
    pending_suggestions,
    practice_changes,
    review_items,
    rules_learning,
)
from fullpicture.learning.library import import_document
from fullpicture.learning.rules_link import decide, load_catalogue, record_practice_change


def test_should_show_a_review_with_its_items_in_document_order(store, sample_text_review):
    result = import_document(store, sample_text_review, imported_by="qa", embed=False)
    summary = document_summary(store, result.document_id)
    review = get_review(store, summary.reviews[0].id)
    items = review_items(store, review.id)
    assert review.partnership == "Northmere Safeguarding Children Partnership"
    assert review.imported_by == "qa" and review.filename == "review.txt"
    assert [i.kind for i in items] == ["finding", "recommendation", "key_learning"]
    assert [i.paragraph for i in items] == sorted(i.paragraph for i in items)
    assert items[1].parent_id == items[0].id and "missing" in items[0].themes
    assert summary.items == 3 and summary.kinds["finding"] == 1
    assert summary.themes["missing"] >= 2


def test_should_refuse_a_review_item_or_document_that_does_not_exist(sqlite_store):
    for read in (get_review, get_item, document_summary):
        with pytest.raises(NotFoundError):
            read(sqlite_store, 404)


def test_should_show_an_items_links_and_practice_changes_with_who(sqlite_store, sample_text_review):
    import_document(sqlite_store, sample_text_review, embed=False)
    load_catalogue(sqlite_store, embed=False)
    item = next(i for i in items_by_id(sqlite_store, [1, 2, 3]) if i.kind == "finding")
    decide(sqlite_store, item.id, "TIM-1", by="Q. Analyst")
    decide(sqlite_store, item.id, "ACC-1", by="Q. Analyst", confirm=False)
    record_practice_change(sqlite_store, item.id, "Monthly audit", by="QA")
    views = {v.link.rule_id: v for v in link_views(sqlite_store, item_id=item.id)}
    assert views["TIM-1"].link.status == "confirmed" and views["TIM-1"].decided_at is not None
    assert views["ACC-1"].link.status == "rejected"
    assert views["ACC-1"].link.decided_by == "Q. Analyst"
    assert [c.description for c in practice_changes(sqlite_store, item.id)] == ["Monthly audit"]
    by_rule = {r.rule_id: r for r in rules_learning(sqlite_store)}
    assert by_rule["TIM-1"].confirmed >= 2  # the catalogue's TIM-1 and the confirmed item
    assert "TIM-1" in by_rule["TIM-1"].cites
    assert pending_suggestions(sqlite_store) == 0
