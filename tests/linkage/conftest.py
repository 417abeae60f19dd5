"""Linkage fixtures: one trained, linked store per session (copied per test module), with the
regression cases of issue 3 planted among generated multi-agency records."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from benchmarks.linkage_data import Dataset, generate, load_into_store
from fullpicture.linkage import link
from fullpicture.linkage.snapshot import RAW_COLUMNS
from fullpicture.store.database import open_store
from fullpicture.store.schema import source_person

GENERATED = 1500
FIRST_ID = 100_000
_TYPES = {"id": pa.int64(), "date_of_birth": pa.date32(), "is_child": pa.bool_()}


def create_record(rid: int, source: str, true_id: str, **fields: Any) -> dict[str, Any]:
    """A source person record shaped like the store's columns (unset fields are None)."""
    row: dict[str, Any] = dict.fromkeys(RAW_COLUMNS)
    row.update(
        id=rid,
        source=source,
        agency=source,
        local_id=f"{source}-{rid}",
        is_child=True,
        _true_id=true_id,
    )
    row.update(fields)
    return row


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def regression_records() -> list[dict[str, Any]]:
    """The issue's regression cases, each person known to several agencies."""
    n = iter(range(FIRST_ID, FIRST_ID + 100))
    pc = "ZZ1 1AA"
    twin = {"family_name": "Okafor", "date_of_birth": _d("2015-04-09"), "postcode": pc}
    parent = {"given_name": "Jordan", "family_name": "Hughes", "postcode": "ZZ2 2BB", "sex": "M"}
    step = {
        "given_name": "Kai",
        "date_of_birth": _d("2012-11-23"),
        "postcode": "ZZ3 3CC",
        "sex": "M",
    }
    rows = [
        # Twins: same date of birth and surname, different first names.
        create_record(
            next(n),
            "health",
            "twin-a",
            given_name="Chidi",
            sex="M",
            nhs_number="9434765919",
            **twin,
        ),
        create_record(next(n), "school", "twin-a", given_name="Chidi", sex="M", **twin),
        create_record(
            next(n),
            "health",
            "twin-b",
            given_name="Emeka",
            sex="M",
            nhs_number="9434765870",
            **twin,
        ),
        create_record(next(n), "school", "twin-b", given_name="Emeka", sex="M", **twin),
        # Siblings at one address.
        create_record(
            next(n),
            "health",
            "sib-a",
            given_name="Poppy",
            family_name="Okafor",
            date_of_birth=_d("2010-02-14"),
            postcode=pc,
            sex="F",
        ),
        create_record(
            next(n),
            "police",
            "sib-a",
            given_name="Poppy",
            family_name="Okafor",
            date_of_birth=_d("2010-02-14"),
            postcode=pc,
            sex="F",
        ),
        # Parent and child with the same name at one address.
        create_record(
            next(n),
            "health",
            "parent",
            date_of_birth=_d("1984-06-02"),
            is_child=False,
            nhs_number="4010232137",
            **parent,
        ),
        create_record(
            next(n), "police", "parent", date_of_birth=_d("1984-06-02"), is_child=False, **parent
        ),
        create_record(
            next(n),
            "health",
            "junior",
            date_of_birth=_d("2013-06-02"),
            nhs_number="4010232323",
            **parent,
        ),
        create_record(next(n), "school", "junior", date_of_birth=_d("2013-06-02"), **parent),
        # Step-parent surname change: school uses the new surname, health the birth surname.
        create_record(
            next(n), "health", "step", family_name="Foster", nhs_number="6646600457", **step
        ),
        create_record(
            next(n), "school", "step", family_name="Mason", former_family_name="Foster", **step
        ),
        # Mistyped NHS number: a different (valid) number, everything else agrees.
        create_record(
            next(n),
            "health",
            "typo",
            given_name="Amara",
            family_name="Whitfield",
            date_of_birth=_d("2016-08-30"),
            postcode="ZZ4 4DD",
            sex="F",
            nhs_number="4505577104",
        ),
        create_record(
            next(n),
            "social_care",
            "typo",
            given_name="Amara",
            family_name="Whitfield",
            date_of_birth=_d("2016-08-30"),
            postcode="ZZ4 4DD",
            sex="F",
            nhs_number="4505577112",
        ),
        # A child with no identifiers, known only to the police.
        create_record(
            next(n),
            "police",
            "police-only",
            given_name="Tyrese",
            family_name="Quarshie",
            date_of_birth=_d("2011-01-17"),
            sex="M",
        ),
    ]
    return rows


def build_dataset() -> Dataset:
    """Generated records plus the regression cases, as one dataset with truth."""
    base = generate(GENERATED, seed=11)
    extra = regression_records()
    raw = pa.concat_tables(
        [
            base.raw,
            pa.table(
                {
                    c: pa.array([r[c] for r in extra], type=_TYPES.get(c, pa.string()))
                    for c in RAW_COLUMNS
                }
            ),
        ]
    )
    truth = {**base.truth, **{r["id"]: r["_true_id"] for r in extra}}
    return Dataset(raw, base.addresses, truth)


@pytest.fixture(scope="session")
def sample_dataset() -> Dataset:
    """The dataset every linkage test module starts from."""
    return build_dataset()


@pytest.fixture(scope="session")
def linked_store_file(tmp_path_factory: pytest.TempPathFactory, sample_dataset: Dataset) -> Path:
    """A SQLite store holding the dataset after one full linkage run (trained once)."""
    path = tmp_path_factory.mktemp("linked") / "store.db"
    engine = open_store(f"sqlite:///{path}")
    load_into_store(engine, sample_dataset)
    link(engine, full=True)
    engine.dispose()
    return path


@pytest.fixture
def linked_store(linked_store_file: Path, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the linked store for one test."""
    path = tmp_path / "store.db"
    shutil.copy(linked_store_file, path)
    engine = open_store(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def person_of(engine: Engine, source: str, true_id: str) -> set[str]:
    """The person ids given to a regression person's records from ``source`` ('' = any)."""
    rows = person_ids_by_record(engine)
    return {
        pid
        for (src, tid), pids in rows.items()
        if tid == true_id and source in ("", src)
        for pid in pids
    }


def person_ids_by_record(engine: Engine) -> dict[tuple[str, str], set[str]]:
    """``(source, true_id) -> person ids`` for the regression records."""
    truth = {r["id"]: r["_true_id"] for r in regression_records()}
    query = sa.select(source_person.c.id, source_person.c.source, source_person.c.person_id)
    out: dict[tuple[str, str], set[str]] = {}
    with engine.connect() as conn:
        for rid, source, pid in conn.execute(query.where(source_person.c.id.in_(list(truth)))):
            out.setdefault((source, truth[rid]), set()).add(pid)
    return out


def record_person(engine: Engine, rid: int) -> str:
    """The person id of one source person record."""
    with engine.connect() as conn:
        value = conn.execute(
            sa.select(source_person.c.person_id).where(source_person.c.id == rid)
        ).scalar_one()
    return str(value)
