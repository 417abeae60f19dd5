"""Every rule at its boundaries, on DuckDB (the production engine)."""

from __future__ import annotations

import pytest

from fullpicture.rules.library import ALL_RULES
from tests.rules.chronologies import run_duckdb
from tests.rules.golden import CASES, Golden


def _selected(case: Golden, found: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(r, p) for r, p, _ in found if "*" in case.rules or r in case.rules}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_should_raise_exactly_the_expected_alerts_at_the_boundary(case: Golden) -> None:
    chron = case.build()
    found = run_duckdb(chron)
    assert _selected(case, found) == set(case.expected)
    # The per-child path skips rules whose required events are missing: that must never hide one.
    types = chron.snapshot_data().events.column("event_type").value_counts().to_pylist()
    counts = {str(c["values"]): int(c["counts"]) for c in types}
    rules = {rule.id: rule for rule in ALL_RULES}
    assert [r for r, _, _ in found if not rules[r].can_fire(counts, rules[r].defaults())] == []


def test_should_have_boundary_cases_for_every_rule() -> None:
    covered = {r for c in CASES for r in c.rules}
    fired = {r for c in CASES for r, _ in c.expected}
    ids = {rule.id for rule in ALL_RULES}
    assert ids <= covered
    assert ids <= fired
