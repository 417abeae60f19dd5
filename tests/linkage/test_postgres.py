"""Linkage writes its results to PostgreSQL as well as SQLite."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from benchmarks.linkage_data import Dataset, load_into_store
from fullpicture.linkage import link
from fullpicture.linkage.decisions import review_queue
from fullpicture.store.schema import source_person


@pytest.mark.postgres
def test_should_link_and_review_on_postgresql(
    postgres_store: Engine, sample_dataset: Dataset
) -> None:
    load_into_store(postgres_store, sample_dataset)
    summary = link(postgres_store)
    with postgres_store.connect() as conn:
        unassigned = conn.execute(
            sa.select(sa.func.count()).where(source_person.c.person_id.is_(None))
        ).scalar()
    assert summary.mode == "full" and summary.people > 0
    assert unassigned == 0
    assert isinstance(review_queue(postgres_store, limit=3), list)
