"""Incremental linking: new records join existing people with the stored model (no retraining)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from benchmarks.linkage_data import Dataset, load_into_store
from fullpicture.linkage import link
from fullpicture.linkage.tables import linkage_model
from fullpicture.store.database import open_store
from fullpicture.store.schema import source_person

LATE = 80


def _assignment(conn: Connection) -> dict[int, str | None]:
    rows = conn.execute(sa.select(source_person.c.id, source_person.c.person_id)).all()
    return {int(row[0]): row[1] for row in rows}


def test_should_link_new_records_to_existing_people_without_retraining(
    tmp_path: Path, sample_dataset: Dataset
) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    ids = sample_dataset.raw.column("id").to_pylist()
    # Every n-th record arrives late, so most late records have a person to join.
    late = set(ids[:: len(ids) // LATE][:LATE])
    early = set(ids) - late
    load_into_store(engine, sample_dataset, only=early)
    assert link(engine).mode == "full"
    with engine.connect() as conn:
        before = _assignment(conn)
    load_into_store(engine, sample_dataset, only=late)

    summary = link(engine)

    with engine.connect() as conn:
        after = _assignment(conn)
        models = conn.execute(sa.select(sa.func.count()).select_from(linkage_model)).scalar()
    assert summary.mode == "incremental" and summary.new_records == LATE
    assert models == 1
    assert all(after[r] == pid for r, pid in before.items())  # existing ids untouched
    truth = sample_dataset.truth
    person_of_truth = {truth[r]: pid for r, pid in before.items()}
    joinable = [r for r in late if truth[r] in person_of_truth]
    right = sum(1 for r in joinable if after[r] == person_of_truth[truth[r]])
    assert joinable and right >= 0.9 * len(joinable)
    engine.dispose()
