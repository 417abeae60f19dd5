"""A full disk stops an import loudly, leaves the store whole, and the re-run is exact
(security requirement 33, the ``PRAGMA max_page_count`` variant)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from fullpicture.cli import _register, app
from fullpicture.errors import StoreError
from fullpicture.intake.importer import import_file
from fullpicture.intake.mapping import load_mapping
from fullpicture.store import schema
from fullpicture.store.database import open_store
from tests.intake.factories import (
    EXAMPLE_MAPPING,
    create_event_row,
    create_events_file,
    create_persons_file,
)

ROWS = 3000
_register()


def create_limited_engine(url: str, spare_pages: int) -> sa.Engine:
    """An engine on the store whose connections may grow the file by ``spare_pages`` only."""
    engine = open_store(url)
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    engine.dispose()

    @sa.event.listens_for(engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + spare_pages}")

    return engine


@pytest.fixture
def sample_files(tmp_path: Path, sqlite_url: str) -> tuple[Path, Path]:
    persons = create_persons_file(tmp_path, [f"P{n}" for n in range(50)])
    events = create_events_file(
        tmp_path, [create_event_row(f"R{n}", f"P{n % 50}") for n in range(ROWS)]
    )
    engine = open_store(sqlite_url)
    import_file(engine, persons, "police", load_mapping(EXAMPLE_MAPPING))
    engine.dispose()
    return persons, events


def _counts(engine: sa.Engine) -> tuple[int, int, str]:
    with engine.connect() as conn:
        ledger = conn.execute(sa.select(sa.func.count()).select_from(schema.ledger)).scalar_one()
        events = conn.execute(sa.select(sa.func.count()).select_from(schema.event)).scalar_one()
        integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
    return ledger, events, integrity


def test_should_stop_with_a_clear_error_keep_nothing_and_rerun_exactly(sqlite_url, sample_files):
    _, events = sample_files
    limited = create_limited_engine(sqlite_url, spare_pages=20)
    with pytest.raises(StoreError, match="ran out of space while importing") as caught:
        import_file(limited, events, "police")
    limited.dispose()
    assert "nothing from it was kept" in caught.value.message
    engine = open_store(sqlite_url)
    assert _counts(engine) == (1, 0, "ok")  # only the persons file's ledger entry
    result = import_file(engine, events, "police")
    assert (result.read, result.stored, result.quarantined) == (ROWS, ROWS, 0)
    assert _counts(engine) == (2, ROWS, "ok")
    engine.dispose()


def test_should_exit_non_zero_without_a_success_line_when_the_disk_fills(
    sqlite_url, sample_files, monkeypatch
):
    _, events = sample_files
    limited = create_limited_engine(sqlite_url, spare_pages=20)
    monkeypatch.setattr("fullpicture.cli.intake.engine_for", lambda _database: limited)
    result = CliRunner().invoke(app, ["import", str(events), "--source", "police"])
    assert result.exit_code == 2
    assert "ran out of space" in result.output
    assert "stored" not in result.stdout.lower()
