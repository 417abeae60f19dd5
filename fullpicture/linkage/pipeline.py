"""``link(engine)``: snapshot, (train,) score, band, cluster under decisions, assign stable ids.

Three modes, chosen by :func:`link`:

* ``full``: train a new model (stored in ``linkage_model``), score every blocked pair, replace the
  stored pairs and re-cluster everything. The first run, or ``fullpicture link --full``.
* ``incremental``: new source persons (``person_id`` null) are scored against existing records
  and each other with the stored model (no retraining); they join an existing person, or form
  new people. Existing people are not merged automatically.
* ``recluster``: nothing new to score; re-cluster from the stored pairs and decisions (after a
  decision, split or merge).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import LinkageError
from fullpicture.linkage.bulk import insert_rows
from fullpicture.linkage.cluster import Signature, cluster_records
from fullpicture.linkage.components import cluster_all
from fullpicture.linkage.identity import assign_ids
from fullpicture.linkage.names import name_variants
from fullpicture.linkage.people import best_attributes, current_assignment, write_people
from fullpicture.linkage.predict import predict_full, predict_incremental
from fullpicture.linkage.settings import Thresholds
from fullpicture.linkage.snapshot import count, take_snapshot
from fullpicture.linkage.tables import link_pair, linkage_decision, linkage_model, linkage_run
from fullpicture.linkage.train import train_model
from fullpicture.store.schema import source_person


@dataclass
class LinkSummary:
    """What a linkage run did."""

    mode: str
    records: int = 0
    new_records: int = 0
    pairs_scored: int = 0
    accepted: int = 0
    review: int = 0
    people: int = 0
    people_created: int = 0
    people_retired: int = 0
    records_reassigned: int = 0
    refused_by_constraints: int = 0
    run_id: int | None = None
    timings: dict[str, float] = field(default_factory=dict)
    cpu_timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The summary as a JSON-ready dictionary."""
        return asdict(self)


@contextmanager
def _timed(summary: LinkSummary, step: str) -> Iterator[None]:
    start, cpu = time.perf_counter(), time.process_time()
    yield
    summary.timings[step] = round(time.perf_counter() - start, 3)
    summary.cpu_timings[step] = round(time.process_time() - cpu, 3)


def latest_model(conn: Connection) -> tuple[int, dict[str, Any]] | None:
    """The newest stored model (id and settings), or None before the first full run."""
    row = conn.execute(
        sa.select(linkage_model.c.id, linkage_model.c.settings_json)
        .order_by(linkage_model.c.id.desc())
        .limit(1)
    ).first()
    return (int(row.id), json.loads(row.settings_json)) if row else None


def _store_model(conn: Connection, model: dict[str, Any], records: int) -> int:
    result = conn.execute(
        linkage_model.insert().values(
            trained_at=dt.datetime.now(dt.UTC), records=records, settings_json=json.dumps(model)
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def load_decisions(conn: Connection) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The standing decisions (the latest per pair): ``(same, not_same)`` record-id pairs."""
    query = (
        sa.select(
            linkage_decision.c.left_id, linkage_decision.c.right_id, linkage_decision.c.decision
        )
        .where(linkage_decision.c.superseded.is_(False))
        .order_by(linkage_decision.c.id)
    )
    latest: dict[tuple[int, int], str] = {}
    for left, right, decision in conn.execute(query):
        latest[(min(left, right), max(left, right))] = decision
    same = [p for p, d in latest.items() if d == "same"]
    return same, [p for p, d in latest.items() if d == "not_same"]


_PAIRS_SQL = """
create or replace table pairs as
select least(unique_id_l, unique_id_r) as left_id, greatest(unique_id_l, unique_id_r) as right_id,
    match_weight, match_probability,
    case when match_probability >= {accept} then 'accept' else 'review' end as band,
    to_json(struct_pack(nhs_number := mw_nhs_number, upn := mw_upn,
        given_name := mw_given_name, family_name := mw_family_name, dob := mw_dob,
        postcode := mw_postcode, sex := mw_sex))::varchar as contributions
from predictions where match_probability >= {review}
"""


def _band_pairs(con: duckdb.DuckDBPyConnection, thresholds: Thresholds) -> tuple[int, int]:
    con.execute(_PAIRS_SQL.format(accept=thresholds.accept, review=thresholds.review))
    return (
        count(con, "select count(*) from pairs where band = 'accept'"),
        count(con, "select count(*) from pairs where band = 'review'"),
    )


_PAIR_COLUMNS = (
    "pair_id",
    "left_id",
    "right_id",
    "match_weight",
    "match_probability",
    "band",
    "contributions",
    "run_id",
)


def _store_pairs(
    conn: Connection, con: duckdb.DuckDBPyConnection, run_id: int, replace: bool
) -> None:
    rows = con.execute(  # the run id is an int; nothing else is spliced in
        "select left_id::varchar || '-' || right_id::varchar, left_id, right_id, match_weight, "
        f"match_probability, band, contributions, {int(run_id)} from pairs"  # nosec B608
    ).fetchall()
    if replace:
        conn.execute(link_pair.delete())
    elif rows:
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            conn.execute(
                link_pair.delete().where(link_pair.c.pair_id.in_(ids[start : start + 500]))
            )
    if rows:
        insert_rows(conn, "link_pair", _PAIR_COLUMNS, rows)


def _signatures(con: duckdb.DuckDBPyConnection, where: str = "true") -> dict[int, Signature]:
    # ``where`` is one of this module's fixed predicates, never user input.
    rows = con.execute(
        f"select unique_id, dob, dob_swapped, given_first, known_as, nhs_number "
        "from records "
        f"where {where}"  # nosec B608
    ).fetchall()
    return {
        # Middle names are left out here: a twin's middle name is often the other's first name.
        int(uid): Signature(dob, swapped, given, name_variants(given) | name_variants(known), nhs)
        for uid, dob, swapped, given, known, nhs in rows
    }


def _accepted_edges_from_store(conn: Connection) -> list[tuple[int, int]]:
    query = (
        sa.select(link_pair.c.left_id, link_pair.c.right_id)
        .where(link_pair.c.band == "accept")
        .order_by(link_pair.c.match_weight.desc(), link_pair.c.pair_id)
    )
    return [(int(a), int(b)) for a, b in conn.execute(query)]


def _accepted_edges(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    rows = con.execute(
        "select left_id, right_id from pairs where band = 'accept' "
        "order by match_weight desc, left_id, right_id"
    ).fetchall()
    return [(int(a), int(b)) for a, b in rows]


def _check_decisions(clusters: list[list[int]], not_same: list[tuple[int, int]]) -> None:
    where = {uid: i for i, members in enumerate(clusters) for uid in members}
    for a, b in not_same:
        if a in where and where.get(a) == where.get(b):
            raise LinkageError(
                f"Decisions contradict each other: records {a} and {b} were decided 'not the "
                "same person', but a chain of 'same person' decisions joins them.",
                hint="Review the decisions on these records and change one of them.",
            )


def _incremental_scope(
    con: duckdb.DuckDBPyConnection, previous: dict[int, str]
) -> tuple[list[list[int]], str]:
    """Existing people touched by new pairs (their records as groups) and the records in scope."""
    touched_rows = con.execute(
        "select left_id from pairs union select right_id from pairs"
    ).fetchall()
    touched = {previous[int(uid)] for (uid,) in touched_rows if int(uid) in previous}
    groups: dict[str, list[int]] = {}
    for uid, pid in previous.items():
        if pid in touched:
            groups.setdefault(pid, []).append(uid)
    ids = [uid for members in groups.values() for uid in members]
    con.register("scope_arrow", pa.table({"unique_id": pa.array(ids, pa.int64())}))
    con.execute("create or replace table scope as select * from scope_arrow")
    con.unregister("scope_arrow")
    where = "person_id is null or unique_id in (select unique_id from scope)"
    return [sorted(g) for g in groups.values()], where


def _cluster_and_write(
    conn: Connection,
    con: duckdb.DuckDBPyConnection,
    summary: LinkSummary,
    edges: list[tuple[int, int]],
) -> None:
    if summary.mode == "incremental":  # whole people were snapshotted: their ids are here
        rows = con.execute(
            "select unique_id, person_id from records where person_id is not null"
        ).fetchall()
        previous = {int(uid): str(pid) for uid, pid in rows}
    else:
        previous = current_assignment(conn)
    same, not_same = load_decisions(conn)
    with _timed(summary, "cluster"):
        if summary.mode == "incremental":
            groups, where = _incremental_scope(con, previous)
            clusters, refused = cluster_records(
                _signatures(con, where), edges, same=same, not_same=not_same, existing_groups=groups
            )
        else:
            clusters, refused = cluster_all(con, edges, same=same, not_same=not_same)
        _check_decisions(clusters, not_same)
    summary.refused_by_constraints = refused
    with _timed(summary, "write_people"):
        assignment = assign_ids(clusters, previous)
        attrs = best_attributes(con, clusters)
        result = write_people(conn, clusters, assignment, attrs, previous)
    summary.people_created, summary.people_retired = result.created, result.retired
    summary.records_reassigned = result.reassigned
    summary.people = int(
        conn.execute(
            sa.select(sa.func.count(sa.distinct(sa.text("person_id")))).select_from(
                sa.text("source_person")
            )
        ).scalar()
        or 0
    )


def _choose_mode(conn: Connection, full: bool) -> tuple[str, int, int]:
    sp = source_person.c
    total = int(conn.execute(sa.select(sa.func.count()).select_from(source_person)).scalar() or 0)
    new = int(conn.execute(sa.select(sa.func.count()).where(sp.person_id.is_(None))).scalar() or 0)
    if full or latest_model(conn) is None or new == total:
        return "full", total, new
    return ("incremental" if new else "recluster"), total, new


def _score(
    conn: Connection, con: duckdb.DuckDBPyConnection, summary: LinkSummary, thresholds: Thresholds
) -> int | None:
    if summary.mode == "full":
        with _timed(summary, "train"):
            model = train_model(con)
            model_id = _store_model(conn, model, summary.records)
        with _timed(summary, "predict"):
            summary.pairs_scored = predict_full(con, model)
    else:
        stored = latest_model(conn)
        assert stored is not None  # _choose_mode guarantees a model outside full runs
        model_id, model = stored
        with _timed(summary, "predict"):
            summary.pairs_scored = predict_incremental(con, model)
    summary.accepted, summary.review = _band_pairs(con, thresholds)
    return model_id


def _start_run(conn: Connection, summary: LinkSummary) -> int:
    result = conn.execute(
        linkage_run.insert().values(
            mode=summary.mode,
            started_at=dt.datetime.now(dt.UTC),
            records=summary.records,
            new_records=summary.new_records,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _finish_run(conn: Connection, summary: LinkSummary, model_id: int | None) -> None:
    conn.execute(
        linkage_run.update()
        .where(linkage_run.c.id == summary.run_id)
        .values(
            finished_at=dt.datetime.now(dt.UTC),
            model_id=model_id,
            pairs_scored=summary.pairs_scored,
            accepted=summary.accepted,
            review=summary.review,
            people=summary.people,
            people_created=summary.people_created,
            people_retired=summary.people_retired,
            timings=json.dumps(summary.timings),
        )
    )


def link(
    engine: Engine,
    *,
    full: bool = False,
    thresholds: Thresholds | None = None,
    mode: str | None = None,
) -> LinkSummary:
    """Link every source person to a person, honouring people's decisions.

    Args:
        engine: the store.
        full: retrain and re-score everything (otherwise only new records are scored, with the
            stored model; the first run is always full).
        thresholds: the bands (default: :class:`Thresholds` from the environment).
        mode: force ``recluster`` (used after decisions); normally chosen automatically.

    Returns:
        What the run did.

    Raises:
        LinkageError: too few records to train, or contradictory decisions.
    """
    thresholds = thresholds or Thresholds()
    started, started_cpu = time.perf_counter(), time.process_time()
    con = duckdb.connect()
    try:
        with engine.connect() as conn:
            chosen, total, new = _choose_mode(conn, full)
        summary = LinkSummary(mode or chosen, total, new)
        if total == 0:
            return summary
        take_snapshot(engine, con, candidates_only=summary.mode == "incremental")
        summary.timings["snapshot"] = round(time.perf_counter() - started, 3)
        summary.cpu_timings["snapshot"] = round(time.process_time() - started_cpu, 3)
        with engine.begin() as conn:
            summary.run_id = _start_run(conn, summary)
            model_id = _run_mode(conn, con, summary, thresholds)
            _finish_run(conn, summary, model_id)
    finally:
        con.close()
    summary.timings["total"] = round(time.perf_counter() - started, 3)
    summary.cpu_timings["total"] = round(time.process_time() - started_cpu, 3)
    return summary


def _run_mode(
    conn: Connection, con: duckdb.DuckDBPyConnection, summary: LinkSummary, thresholds: Thresholds
) -> int | None:
    assert summary.run_id is not None
    if summary.mode == "recluster":
        stored = latest_model(conn)
        edges = _accepted_edges_from_store(conn)
        _cluster_and_write(conn, con, summary, edges)
        return stored[0] if stored else None
    model_id = _score(conn, con, summary, thresholds)
    with _timed(summary, "store_pairs"):
        _store_pairs(conn, con, summary.run_id, replace=summary.mode == "full")
    _cluster_and_write(conn, con, summary, _accepted_edges(con))
    return model_id
