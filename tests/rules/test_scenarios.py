"""The independent scenario suite (tests/scenarios): hand-written multi-agency case stories as
agency extracts, run through the real intake and linkage, with the alerts a careful reviewer
expects and the ones that must not fire."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import load_mapping
from fullpicture.rules.evaluation import _FILE_PREFIX, SCENARIO_SOURCES, run_scenario
from fullpicture.rules.library import ALL_RULES
from fullpicture.store import schema

ROOT = Path(__file__).resolve().parents[1] / "scenarios"
SCENARIOS = sorted(d for d in ROOT.iterdir() if (d / "scenario.toml").exists())


def _spec(directory: Path) -> dict:
    return tomllib.loads((directory / "scenario.toml").read_text(encoding="utf-8"))


def test_should_have_at_least_fifteen_scenarios_including_well_handled_ones() -> None:
    specs = [_spec(d) for d in SCENARIOS]
    assert len(specs) >= 15
    assert sum(1 for s in specs if s.get("quiet")) >= 3
    rule_ids = {r.id for r in ALL_RULES}
    named = {item["rule"] for s in specs for item in s.get("expect", []) + s.get("forbid", [])}
    assert named <= rule_ids


@pytest.mark.parametrize("directory", SCENARIOS, ids=[d.name for d in SCENARIOS])
def test_should_take_every_scenario_extract_in_without_quarantine(
    sqlite_store: Engine, directory: Path
) -> None:
    formats = set()
    for source in SCENARIO_SOURCES:
        files = sorted(directory.glob(f"{_FILE_PREFIX[source]}*"))
        if files:
            mapping = load_mapping(ROOT / "mappings" / f"{source}.toml")
            results = import_files(sqlite_store, files, source, mapping)
            assert [r.quarantined for r in results] == [0] * len(results)
            formats.update(f.suffix for f in files)
    with sqlite_store.connect() as conn:
        events = conn.execute(sa.select(sa.func.count()).select_from(schema.event)).scalar_one()
    assert events > 0 and formats


@pytest.mark.parametrize("directory", SCENARIOS, ids=[d.name for d in SCENARIOS])
def test_should_raise_the_expected_alerts_and_no_forbidden_ones(directory: Path) -> None:
    pytest.importorskip("fullpicture.linkage", reason="the scenarios need the linkage step")
    result = run_scenario(directory)
    assert (result.missing, result.unexpected) == ([], [])
