"""A kill midway through an import leaves the store as it was; the re-run completes exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from fullpicture.intake.importer import import_file, import_files
from fullpicture.intake.mapping import Mapping
from fullpicture.intake.tables import intake_warning
from fullpicture.store import schema
from fullpicture.store.database import open_store
from tests.intake.factories import (
    EXAMPLE_MAPPING,
    create_event_row,
    create_events_file,
    create_persons_file,
)

ROWS = 3000
_CHILD = """
import sys
from pathlib import Path
from fullpicture.store.database import open_store
from fullpicture.intake.importer import import_file, import_files
from fullpicture.intake.mapping import load_mapping

url, mapping, persons, events = sys.argv[1:]
engine = open_store(url)
import_file(engine, Path(persons), "police", load_mapping(Path(mapping)))
print("persons imported", flush=True)
import_file(engine, Path(events), "police")
print("finished", flush=True)
"""


def _files(directory: Path) -> tuple[Path, Path]:
    persons = create_persons_file(directory, [f"P{n}" for n in range(50)])
    rows = [create_event_row(f"R{n}", f"P{n % 60}") for n in range(ROWS)]  # P50..P59 are unknown
    return persons, create_events_file(directory, rows)


def _kill_midway(url: str, persons: Path, events: Path, worker: bool) -> None:
    env = {
        **os.environ,
        "FULLPICTURE_INTAKE_BATCH_ROWS": "100",
        "FULLPICTURE_INTAKE_TEST_PAUSE": "0.1",
        "FULLPICTURE_INTAKE_PARALLEL_BYTES": "0" if worker else "-1",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, url, str(EXAMPLE_MAPPING), str(persons), str(events)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "persons imported"
    time.sleep(1.0)  # several batches of the events file are written, none committed
    assert child.poll() is None, "the import finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


def _counts(engine: sa.Engine) -> dict[str, int]:
    tables = (schema.ledger, schema.source_person, schema.event, schema.quarantine, intake_warning)
    with engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in tables
        }


def _check_kill_and_rerun(
    url: str, directory: Path, mapping: Mapping, *, worker: bool = False
) -> None:
    persons, events = _files(directory)
    _kill_midway(url, persons, events, worker)
    engine = open_store(url)
    try:
        assert _counts(engine) == {
            "ledger": 1, "source_person": 50, "event": 0, "quarantine": 0, "intake_warning": 0,
        }  # fmt: skip
        with engine.connect() as conn:
            assert conn.execute(sa.select(schema.ledger.c.table_name)).scalar_one() == "persons"
        result = import_file(engine, events, "police", mapping)
        bad = sum(1 for n in range(ROWS) if n % 60 >= 50)
        assert (result.read, result.stored, result.quarantined) == (ROWS, ROWS - bad, bad)
        assert _counts(engine)["event"] == ROWS - bad and _counts(engine)["quarantine"] == bad
    finally:
        engine.dispose()


@pytest.mark.parametrize("worker", [False, True], ids=["one process", "checking worker"])
def test_should_leave_sqlite_consistent_after_sigkill_and_rerun_exactly(
    tmp_path, sample_mapping, worker
):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    _check_kill_and_rerun(url, tmp_path, sample_mapping, worker=worker)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    engine.dispose()


@pytest.mark.postgres
def test_should_leave_postgresql_consistent_after_sigkill_and_rerun_exactly(
    postgres_url, tmp_path, sample_mapping
):
    _check_kill_and_rerun(postgres_url, tmp_path, sample_mapping)


_CHILD_FILES = """
import sys
from pathlib import Path
from fullpicture.store.database import open_store
from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import load_mapping

url, mapping, *paths = sys.argv[1:]
engine = open_store(url)
report = lambda result: print("imported", result.path.name, flush=True)
import_files(engine, [Path(p) for p in paths], "police", load_mapping(Path(mapping)), on_result=report)
print("finished", flush=True)
"""


def _run_files(directory: Path) -> list[Path]:
    persons, _ = _files(directory)
    first = [create_event_row(f"A{n}", f"P{n % 60}") for n in range(300)]
    second = [create_event_row(f"B{n}", f"P{n % 60}") for n in range(ROWS)]
    return [
        persons,
        create_events_file(directory, first, "occurrences_a.csv"),
        create_events_file(directory, second, "occurrences_b.csv"),
    ]


def _kill_in_second_events_file(url: str, paths: list[Path], worker: bool) -> None:
    env = {
        **os.environ,
        "FULLPICTURE_INTAKE_BATCH_ROWS": "100",
        "FULLPICTURE_INTAKE_TEST_PAUSE": "0.1",
        "FULLPICTURE_INTAKE_PARALLEL_BYTES": "0" if worker else "-1",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD_FILES, url, str(EXAMPLE_MAPPING), *map(str, paths)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "imported persons.csv"
    assert child.stdout.readline().strip() == "imported occurrences_a.csv"
    time.sleep(1.0)  # several batches of the second events file are written, none committed
    assert child.poll() is None, "the import finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


def _check_files_kill_and_rerun(url: str, directory: Path, mapping: Mapping, worker: bool) -> None:
    paths = _run_files(directory)
    _kill_in_second_events_file(url, paths, worker)
    engine = open_store(url)
    try:
        first_bad = sum(1 for n in range(300) if n % 60 >= 50)
        assert _counts(engine) == {
            "ledger": 2, "source_person": 50, "event": 300 - first_bad,
            "quarantine": first_bad, "intake_warning": 0,
        }  # fmt: skip
        results = import_files(engine, paths, "police", mapping)
        assert [r.already_imported for r in results] == [True, True, False]
        bad = sum(1 for n in range(ROWS) if n % 60 >= 50)
        assert (results[2].read, results[2].stored, results[2].quarantined) == (
            ROWS,
            ROWS - bad,
            bad,
        )
        assert _counts(engine)["event"] == 300 - first_bad + ROWS - bad
        assert _counts(engine)["quarantine"] == first_bad + bad
    finally:
        engine.dispose()


@pytest.mark.parametrize("worker", [False, True], ids=["one process", "checking run"])
def test_should_keep_earlier_files_and_roll_back_the_killed_one_of_several(
    tmp_path, sample_mapping, worker
):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    _check_files_kill_and_rerun(url, tmp_path, sample_mapping, worker)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("worker", [False, True], ids=["one process", "checking run"])
def test_should_keep_earlier_files_and_roll_back_the_killed_one_of_several_on_postgresql(
    postgres_url, tmp_path, sample_mapping, worker
):
    _check_files_kill_and_rerun(postgres_url, tmp_path, sample_mapping, worker)
