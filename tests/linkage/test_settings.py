"""The Splink settings: portable to Spark, bands, and no single-column date-of-birth blocking."""

from __future__ import annotations

import pytest

from fullpicture.linkage.settings import Thresholds, settings_creator

_DUCKDB_ONLY = ("list_", "::", "strftime", "regexp_", "array_length", "len(")


def _sql(dialect: str) -> list[str]:
    settings = settings_creator().get_settings(dialect)
    levels = [lvl.sql_condition for c in settings.comparisons for lvl in c.comparison_levels]
    rules = [r.blocking_rule_sql for r in settings._blocking_rules_to_generate_predictions]
    return levels + rules


def test_should_render_every_comparison_and_blocking_rule_for_spark() -> None:
    sql = _sql("spark")
    assert any("ARRAY_INTERSECT" in s for s in sql)
    assert not [s for s in sql if any(token in s.lower() for token in _DUCKDB_ONLY)]


def test_should_never_block_on_the_date_of_birth_alone() -> None:
    settings = settings_creator().get_settings("duckdb")
    for rule in settings._blocking_rules_to_generate_predictions:
        text = rule.blocking_rule_sql.replace("`", "").replace('"', "")
        assert text.count("=") >= 2 or "dob" not in text


@pytest.mark.parametrize(
    ("probability", "band"), [(0.995, "accept"), (0.9, "review"), (0.5, "reject")]
)
def test_should_put_a_probability_in_its_band(probability: float, band: str) -> None:
    assert Thresholds(accept=0.99, review=0.8).band(probability) == band


def test_should_read_thresholds_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FULLPICTURE_LINKAGE_ACCEPT", "0.95")
    assert Thresholds().accept == 0.95
