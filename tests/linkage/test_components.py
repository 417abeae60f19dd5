"""Clustering at scale: components found in DuckDB give the same people as the Python clusterer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pyarrow as pa

from fullpicture.linkage.cluster import Signature, cluster_records
from fullpicture.linkage.components import cluster_all
from fullpicture.linkage.names import name_variants
from fullpicture.linkage.snapshot import RAW_COLUMNS, build_records

_TYPES = {"id": pa.int64(), "date_of_birth": pa.date32(), "is_child": pa.bool_()}


def create_raw(rows: list[dict[str, Any]]) -> pa.Table:
    full = [{**dict.fromkeys(RAW_COLUMNS), "source": "s", "agency": "s", **row} for row in rows]
    return pa.table(
        {
            name: pa.array([r[name] for r in full], _TYPES.get(name, pa.string()))
            for name in RAW_COLUMNS
        }
    )


def create_snapshot(rows: list[dict[str, Any]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    addresses = pa.table(
        {"source_person_id": pa.array([], pa.int64()), "postcode": pa.array([], pa.string())}
    )
    build_records(con, create_raw(rows), addresses)
    return con


def python_clusters(
    con: duckdb.DuckDBPyConnection, edges: list[tuple[int, int]], **decisions: Any
) -> list[list[int]]:
    rows = con.execute(
        "select unique_id, dob, dob_swapped, given_first, known_as, nhs_number from records"
    ).fetchall()
    signatures = {
        uid: Signature(dob, swapped, given, name_variants(given) | name_variants(known), nhs)
        for uid, dob, swapped, given, known, nhs in rows
    }
    clusters, _ = cluster_records(signatures, edges, **decisions)
    return sorted(clusters)


def sample_rows() -> list[dict[str, Any]]:
    born, parent = dt.date(2015, 4, 9), dt.date(1984, 4, 9)
    people = [
        (1, "william", born, "4010232137"),
        (2, "bill", born, None),  # a nickname on the same date: one child
        (3, "willaim", dt.date(2015, 9, 4), None),  # a typo and day/month swapped
        (4, "chidi", dt.date(2016, 1, 2), None),
        (5, "emeka", dt.date(2016, 1, 2), None),  # twins with 4
        (6, "jordan", parent, None),
        (7, "jordan", dt.date(2013, 4, 9), None),  # parent and child with one name
        (8, "amy", born, "9434765919"),
        (9, "amy", born, "9434765870"),  # two valid NHS numbers far apart, same date
        (10, "zoe", None, None),
        (11, "zoe", dt.date(2011, 5, 5), None),
    ]
    return [
        {
            "id": rid,
            "local_id": str(rid),
            "given_name": given,
            "family_name": "okafor",
            "date_of_birth": day,
            "nhs_number": nhs,
        }
        for rid, given, day, nhs in people
    ]


def test_should_cluster_like_the_python_clusterer() -> None:
    con = create_snapshot(sample_rows())
    edges = [(1, 2), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11), (1, 8)]
    clusters, _ = cluster_all(con, edges)
    assert sorted(clusters) == python_clusters(con, edges)
    assert [1, 2, 3] in clusters and [4] in clusters and [6] in clusters


def test_should_honour_decisions_like_the_python_clusterer() -> None:
    con = create_snapshot(sample_rows())
    edges = [(1, 2), (2, 3), (10, 11)]
    decisions = {"same": [(4, 5)], "not_same": [(1, 3)]}
    clusters, _ = cluster_all(con, edges, **decisions)
    assert sorted(clusters) == python_clusters(con, edges, **decisions)
    assert [4, 5] in clusters and not any({1, 3} <= set(c) for c in clusters)
