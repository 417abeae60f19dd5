"""A small synthetic authority goes through the real intake: nothing lost, and only the
deliberately bad rows are quarantined."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import load_mapping
from fullpicture.store import schema
from fullpicture.synth import generate
from fullpicture.synth.agencies import AGENCIES


@pytest.fixture(scope="module")
def sample_imported(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Engine, list[tuple[str, object]]]:
    from fullpicture.store.database import open_store

    folder = tmp_path_factory.mktemp("roundtrip")
    out = folder / "la"
    generate(out, children=250, seed=8)
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    results: list[tuple[str, object]] = []
    for agency in AGENCIES:
        files = sorted((out / agency.source).iterdir())
        mapping = load_mapping(out / "mappings" / f"{agency.source}.toml")
        results += [(agency.source, r) for r in import_files(engine, files, agency.source, mapping)]
    return out, engine, results


def test_should_store_or_quarantine_every_row_read(
    sample_imported: tuple[Path, Engine, list[tuple[str, object]]],
) -> None:
    _, _, results = sample_imported
    assert results
    for _, r in results:
        assert r.read == r.stored + r.quarantined  # type: ignore[attr-defined]
        assert r.read > 0  # type: ignore[attr-defined]


def test_should_quarantine_exactly_the_deliberately_bad_rows(
    sample_imported: tuple[Path, Engine, list[tuple[str, object]]],
) -> None:
    out, engine, _ = sample_imported
    with (out / "truth" / "bad_rows.csv").open(encoding="utf-8", newline="") as handle:
        bad = {
            (row["source"], Path(row["file"]).name, int(row["row"]))
            for row in csv.DictReader(handle)
        }
    with engine.connect() as conn:
        files = dict(conn.execute(sa.select(schema.ledger.c.id, schema.ledger.c.filename)).all())
        rows = conn.execute(
            sa.select(
                schema.quarantine.c.source,
                schema.quarantine.c.ledger_id,
                schema.quarantine.c.row_number,
            )
        ).all()
    quarantined = {(r.source, Path(files[r.ledger_id]).name, r.row_number) for r in rows}
    assert bad
    assert quarantined == bad


def test_should_store_every_event_the_truth_counts(
    sample_imported: tuple[Path, Engine, list[tuple[str, object]]],
) -> None:
    out, engine, _ = sample_imported
    summary = json.loads((out / "truth" / "summary.json").read_text(encoding="utf-8"))
    with engine.connect() as conn:
        stored = dict(
            conn.execute(
                sa.select(schema.event.c.source, sa.func.count()).group_by(schema.event.c.source)
            ).all()
        )
    assert stored == summary["events_by_source"]


def test_should_store_every_source_person_record(
    sample_imported: tuple[Path, Engine, list[tuple[str, object]]],
) -> None:
    out, engine, _ = sample_imported
    with (out / "truth" / "persons.csv").open(encoding="utf-8", newline="") as handle:
        truth = {(row["source"], row["local_id"]) for row in csv.DictReader(handle)}
    with engine.connect() as conn:
        stored = set(
            conn.execute(
                sa.select(schema.source_person.c.source, schema.source_person.c.local_id)
            ).all()
        )
    assert {tuple(s) for s in stored} == truth
