"""The counts invariant: read = stored + quarantined, and exactly the bad rows are quarantined."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fullpicture.intake.importer import import_file
from fullpicture.intake.mapping import Mapping
from fullpicture.intake.quarantine import list_quarantine
from fullpicture.store import schema
from fullpicture.store.database import open_store
from tests.intake.factories import create_event_row, create_events_file, create_persons_file

GOOD = "good"
EVENT_ROWS = {
    GOOD: lambda ref: create_event_row(ref, "P1"),
    "good_optional_warning": lambda ref: [
        *create_event_row(ref, "P1")[:8],
        "Q",
        *create_event_row(ref, "P1")[9:],
    ],
    "unknown_person": lambda ref: create_event_row(ref, "NOBODY"),
    "unknown_type": lambda ref: create_event_row(ref, "P1", category="??"),
    "bad_date": lambda ref: create_event_row(ref, "P1", reported="31/02/2021"),
    "blank_date": lambda ref: create_event_row(ref, "P1", reported=""),
    "no_record_id": lambda ref: create_event_row("", "P1"),
    "short_row": lambda ref: create_event_row(ref, "P1")[:4],
}
_GOOD_KINDS = {GOOD, "good_optional_warning"}


@pytest.fixture(scope="module")
def shared_store() -> Iterator[sa.Engine]:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/store.db")
        yield engine
        engine.dispose()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kinds=st.lists(st.sampled_from(sorted(EVENT_ROWS)), max_size=40))
def test_should_store_exactly_the_good_rows_and_quarantine_exactly_the_bad(
    shared_store, sample_mapping: Mapping, kinds
):
    source = f"s{uuid.uuid4().hex[:10]}"
    mapping = sample_mapping.model_copy(update={"source": source})
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        import_file(shared_store, create_persons_file(directory, ["P1"]), source, mapping)
        rows = [EVENT_ROWS[kind](f"R{n}") for n, kind in enumerate(kinds)]
        result = import_file(shared_store, create_events_file(directory, rows), source, mapping)
    assert result.read == len(kinds) == result.stored + result.quarantined
    quarantined = {row.row_number for row in list_quarantine(shared_store, source=source)}
    assert quarantined == {n + 2 for n, kind in enumerate(kinds) if kind not in _GOOD_KINDS}
    with shared_store.connect() as conn:
        stored = set(
            conn.execute(
                sa.select(schema.event.c.record_id).where(schema.event.c.source == source)
            ).scalars()
        )
    assert stored == {f"R{n}" for n, kind in enumerate(kinds) if kind in _GOOD_KINDS}
