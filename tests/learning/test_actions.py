"""Action plans against recommendations."""

from datetime import date

import pytest

from fullpicture.errors import LearningError
from fullpicture.learning.actions import add_action, list_actions, update_action
from fullpicture.learning.library import import_document, parse_document


def _recommendation_id(engine, path) -> int:
    import_document(engine, path, embed=False)
    kinds = [item.kind for item in parse_document(path).reviews[0].items]
    return kinds.index("recommendation") + 1


def test_should_list_only_open_actions_past_their_due_date(store_url, sample_text_review):
    from fullpicture.store.database import open_store

    engine = open_store(store_url)
    item = _recommendation_id(engine, sample_text_review)
    late = add_action(
        engine, item, "Audit", owner_agency="Police", due_date=date(2024, 1, 1), by="QA"
    )
    add_action(engine, item, "Report", owner_agency="Health", due_date=date(2030, 1, 1), by="QA")
    overdue = list_actions(engine, overdue_only=True, today=date(2025, 1, 1))
    assert [a.id for a in overdue] == [late]
    update_action(engine, late, by="QA", status="done", evidence="Audit report")
    assert list_actions(engine, overdue_only=True, today=date(2025, 1, 1)) == []
    engine.dispose()


def test_should_refuse_an_action_on_something_other_than_a_recommendation(
    sqlite_store, sample_text_review
):
    import_document(sqlite_store, sample_text_review, embed=False)
    with pytest.raises(LearningError, match="not a recommendation"):
        add_action(sqlite_store, 1, "x", owner_agency="Police", due_date=None, by="QA")
