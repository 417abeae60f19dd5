"""Review queue, manual split and merge (audited), and bad input."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.errors import LinkageError, NotFoundError
from fullpicture.linkage.decisions import decide, merge, review_queue, split
from fullpicture.linkage.people import current_person_id
from fullpicture.linkage.tables import linkage_change, linkage_decision, linkage_identity
from fullpicture.store.schema import person, source_person
from tests.linkage.conftest import person_of


def _records_of(engine: Engine, pid: str) -> list[int]:
    with engine.connect() as conn:
        return [
            r
            for (r,) in conn.execute(
                sa.select(source_person.c.id)
                .where(source_person.c.person_id == pid)
                .order_by(source_person.c.id)
            )
        ]


def test_should_list_uncertain_pairs_with_a_waterfall_in_words(linked_store: Engine) -> None:
    items = review_queue(linked_store, limit=5)
    assert items
    first = items[0]
    assert first.explanation[0].startswith("prior:")
    assert any(line.startswith("date of birth:") for line in first.explanation)
    assert first.explanation[-1].startswith("total match weight")
    assert first.left.person_id != first.right.person_id or first.left.person_id is None


def test_should_drop_a_decided_pair_from_the_queue(linked_store: Engine) -> None:
    item = review_queue(linked_store, limit=1)[0]
    decide(linked_store, item.pair_id, "not-same", by="reviewer")
    assert item.pair_id not in {i.pair_id for i in review_queue(linked_store)}
    with linked_store.connect() as conn:
        row = conn.execute(
            sa.select(linkage_decision).where(linkage_decision.c.pair_id == item.pair_id)
        ).one()
    assert (row.decision, row.decided_by) == ("not_same", "reviewer")


def test_should_split_a_person_and_record_who_and_why(linked_store: Engine) -> None:
    (pid,) = person_of(linked_store, "", "step")
    records = _records_of(linked_store, pid)
    moved = records[-1]
    result = split(linked_store, pid, [str(moved)], by="worker", reason="different child")
    assert len(result) == 2
    assert pid in result  # a part keeps the original id
    with linked_store.connect() as conn:
        change = conn.execute(sa.select(linkage_change)).one()
    assert (change.kind, change.changed_by, change.reason) == ("split", "worker", "different child")
    assert json.loads(change.record_ids) == [moved]


def test_should_merge_two_people_and_retire_one_id_for_good(linked_store: Engine) -> None:
    (a,) = person_of(linked_store, "", "twin-a")
    (b,) = person_of(linked_store, "", "twin-b")
    (kept,) = merge(linked_store, a, b, by="worker", reason="same child")
    retired = b if kept == a else a
    with linked_store.connect() as conn:
        status = conn.execute(
            sa.select(linkage_identity.c.status, linkage_identity.c.merged_into).where(
                linkage_identity.c.person_id == retired
            )
        ).one()
        still_there = conn.execute(sa.select(person.c.id).where(person.c.id == retired)).first()
    assert tuple(status) == ("retired", kept)
    assert still_there is None


def test_should_refuse_a_merge_that_contradicts_a_not_same_decision(linked_store: Engine) -> None:
    (a,) = person_of(linked_store, "", "parent")
    (b,) = person_of(linked_store, "", "junior")
    # Not the pair the merge itself decides (a later decision on one pair replaces an earlier).
    first, second = _records_of(linked_store, a)[1], _records_of(linked_store, b)[0]
    decide(linked_store, f"{min(first, second)}-{max(first, second)}", "not-same", by="worker")
    with pytest.raises(LinkageError, match="contradict"):
        merge(linked_store, a, b, by="worker")
    assert person_of(linked_store, "", "parent") == {a}
    with linked_store.connect() as conn:
        changes = conn.execute(sa.select(sa.func.count()).select_from(linkage_change)).scalar()
    assert changes == 0


def test_should_reject_bad_pair_ids_and_unknown_people(linked_store: Engine) -> None:
    with pytest.raises(LinkageError):
        decide(linked_store, "not-a-pair", "same", by="worker")
    with pytest.raises(LinkageError):
        decide(linked_store, "1-2", "perhaps", by="worker")
    with pytest.raises(NotFoundError):
        decide(linked_store, "1-99999999", "same", by="worker")
    with pytest.raises(NotFoundError):
        merge(linked_store, "P999999", "P999998", by="worker")


def test_should_redirect_a_merged_id_to_the_person_it_joined(linked_store: Engine) -> None:
    (a,) = person_of(linked_store, "", "twin-a")
    (b,) = person_of(linked_store, "", "twin-b")
    (kept,) = merge(linked_store, a, b, by="worker")
    with linked_store.connect() as conn:
        assert current_person_id(conn, a) == kept
        assert current_person_id(conn, b) == kept
        assert current_person_id(conn, "P999999") is None
