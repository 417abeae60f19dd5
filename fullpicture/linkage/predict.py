"""Scoring candidate pairs with a trained model: all records (full run) or new records against
existing ones and each other (incremental run). Results stay in DuckDB as ``predictions``."""

from __future__ import annotations

from typing import Any

import duckdb
from splink import DuckDBAPI, Linker

from fullpicture.linkage.snapshot import count
from fullpicture.linkage.train import linker_for

# Pairs below this probability are never kept (they cannot reach the review band).
_KEEP_PROBABILITY = 0.05


def _materialise(con: duckdb.DuckDBPyConnection, physical_name: str) -> int:
    # Splink's own generated table name, not user input.
    sql = f"create or replace table predictions as select * from {physical_name}"  # nosec B608
    con.execute(sql)
    return count(con, "select count(*) from predictions")


def predict_full(con: duckdb.DuckDBPyConnection, model: dict[str, Any]) -> int:
    """Score every blocked pair of ``records`` into the ``predictions`` table.

    Returns:
        The number of pairs kept.
    """
    linker = linker_for(con, model)
    frame = linker.inference.predict(
        threshold_match_probability=_KEEP_PROBABILITY, warning_mode="never"
    )
    return _materialise(con, frame.physical_name)


def predict_incremental(con: duckdb.DuckDBPyConnection, model: dict[str, Any]) -> int:
    """Score new records (``person_id`` null) against existing ones and against each other.

    Uses Splink's ``predict_between`` (existing x new) and ``predict_within`` (new x new) with
    the stored model: nothing is retrained.

    Returns:
        The number of pairs kept.
    """
    con.execute(
        "create or replace table existing_records as "
        "select * from records where person_id is not null"
    )
    con.execute(
        "create or replace table new_records as select * from records where person_id is null"
    )
    db_api = DuckDBAPI(con)
    existing = db_api.register("existing_records")
    new = db_api.register("new_records")
    linker = Linker(new, model, log_level=30, validate_settings=False)  # validated in training
    between = linker.inference.predict_between(
        existing, new, threshold_match_probability=_KEEP_PROBABILITY, warning_mode="never"
    )
    within = linker.inference.predict_within(
        new, threshold_match_probability=_KEEP_PROBABILITY, warning_mode="never"
    )
    con.execute(  # Splink's own generated table names, not user input.
        "create or replace table predictions as "
        f"select * from {between.physical_name} "  # nosec B608
        f"union all by name select * from {within.physical_name}"
    )
    return count(con, "select count(*) from predictions")
