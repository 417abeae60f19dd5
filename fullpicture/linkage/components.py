"""Clustering at scale: connected components in DuckDB, the Python clusterer only where needed.

Greedy constrained clustering (:mod:`fullpicture.linkage.cluster`) is exact but runs in Python,
edge by edge. Most components of the accepted-pair graph are plainly one person: every two of
their records pass the constraints. For such a component the greedy clustering joins every edge,
so its result is the component itself. This module finds the components in DuckDB (label
propagation), checks every pair of records inside each small component there, and hands only the
others (a pair that might fail a constraint, a "not the same" decision inside, or a large
component) to :func:`cluster.cluster_records`, with their edges in the same order. The result is
the same as clustering everything in Python.

The SQL check is conservative: a pair counts as plainly compatible only when
:func:`cluster.signatures_compatible` would certainly say so (dates of birth within two typed
digits, allowing a day/month swap; the same NHS number or at most one recorded; on the same date
of birth, given names sharing a canonical form). Anything else goes to Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from fullpicture.linkage.cluster import Signature, cluster_records
from fullpicture.linkage.names import name_variants

# Components larger than this go to Python whole (their pairwise check would grow as n squared).
MAX_CHECKED_COMPONENT = 64

# names.given_names_compatible's own test on the two first given names: one a prefix of the
# other (at least three letters), or close in spelling. Plain Levenshtein is never below the
# optimal-string-alignment distance Python uses, so this never passes a pair Python would refuse.
_NAMES_CLOSE = """(
    (least(length(a.given_first), length(b.given_first)) >= 3
        and (starts_with(a.given_first, b.given_first)
             or starts_with(b.given_first, a.given_first)))
    or levenshtein(a.given_first, b.given_first)
        <= case when least(length(a.given_first), length(b.given_first)) <= 5 then 1 else 2 end
)"""

_PAIR_OK = f"""
case
    when not coalesce(
        a.dob is null or b.dob is null or a.dob = b.dob
        or (length(a.dob) = 10 and length(b.dob) = 10 and (
            hamming(a.dob, b.dob) <= 2
            or (a.dob_swapped is not null and hamming(a.dob_swapped, b.dob) <= 2)
            or (b.dob_swapped is not null and hamming(a.dob, b.dob_swapped) <= 2))),
        false) then false
    when a.nhs_number is not null and b.nhs_number is not null
        then a.nhs_number = b.nhs_number
    when a.dob = b.dob and a.given_first is not null and b.given_first is not null
        then coalesce(list_has_any(a.sig_variants, b.sig_variants), false)
            or {_NAMES_CLOSE}
    else true
end
"""  # nosec B608

_PLAIN_SQL = f"""
create or replace table plain as
with members as (
    select l.label, r.unique_id, r.dob, r.dob_swapped, r.nhs_number, r.given_first,
        r.sig_variants
    from labels l join records r on r.unique_id = l.uid
    where l.label in (select label from labels group by label
                      having count(*) <= {MAX_CHECKED_COMPONENT})
),
checked as (
    select a.label, bool_and({_PAIR_OK}) as ok
    from members a join members b on a.label = b.label and a.unique_id < b.unique_id
    group by a.label
)
select label from checked where ok
and label not in (select label from banned)
"""  # nosec B608


def _register(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    con.register(f"{name}_arrow", table)
    # ``name`` is one of this module's own table names.
    con.execute(f"create or replace table {name} as select * from {name}_arrow")  # nosec B608
    con.unregister(f"{name}_arrow")


def _pairs_table(pairs: Sequence[tuple[int, int]]) -> pa.Table:
    return pa.table(
        {
            "a": pa.array([a for a, _ in pairs], pa.int64()),
            "b": pa.array([b for _, b in pairs], pa.int64()),
        }
    )


def _label_components(con: duckdb.DuckDBPyConnection) -> None:
    """Label every record in ``graph`` with the smallest id of its component (``labels``)."""
    con.execute(
        "create or replace table adjacency as "
        "select a as uid, b as other from graph union all select b, a from graph"
    )
    con.execute(
        "create or replace table labels as "
        "select uid, least(uid, min(other)) as label from adjacency group by uid"
    )
    while True:
        # The smallest label among a record's neighbours, then jump to the label's own label.
        con.execute(
            "create or replace table next_labels as "
            "with spread as (select a.uid, min(l.label) as label from adjacency a "
            "join labels l on l.uid = a.other group by a.uid) "
            "select l.uid, least(l.label, s.label) as label from labels l join spread s using (uid)"
        )
        con.execute(
            "create or replace table next_labels as select n.uid, least(n.label, j.label) as label "
            "from next_labels n join next_labels j on j.uid = n.label"
        )
        changed = con.execute(
            "select count(*) from labels l join next_labels n using (uid) where l.label <> n.label"
        ).fetchall()[0][0]
        con.execute("create or replace table labels as select * from next_labels")
        if not changed:
            return


def _signatures(con: duckdb.DuckDBPyConnection) -> dict[int, Signature]:
    rows = con.execute(
        "select unique_id, dob, dob_swapped, given_first, known_as, nhs_number from records "
        "where unique_id in (select uid from labels where label not in (select label from plain))"
    ).fetchall()
    return {
        # Middle names are left out here: a twin's middle name is often the other's first name.
        int(uid): Signature(dob, swapped, given, name_variants(given) | name_variants(known), nhs)
        for uid, dob, swapped, given, known, nhs in rows
    }


def _restricted(
    pairs: Sequence[tuple[int, int]], records: dict[int, Signature]
) -> list[tuple[int, int]]:
    return [(a, b) for a, b in pairs if a in records and b in records]


def cluster_all(
    con: duckdb.DuckDBPyConnection,
    edges: Sequence[tuple[int, int]],
    *,
    same: Sequence[tuple[int, int]] = (),
    not_same: Sequence[tuple[int, int]] = (),
) -> tuple[list[list[int]], int]:
    """Cluster every record of the snapshot's ``records`` table (full runs and re-clustering).

    Args:
        con: the run's DuckDB connection holding ``records``.
        edges: accepted pairs, strongest first.
        same: pairs a person decided are the same (always joined).
        not_same: pairs a person decided are not the same (never in one cluster).

    Returns:
        Every cluster (sorted record ids, singletons included, ordered by their smallest id) and
        the number of links refused by the constraints.
    """
    _register(con, "graph", _pairs_table([*edges, *same]))
    _label_components(con)
    _register(con, "banned_pairs", _pairs_table(not_same))
    con.execute(
        "create or replace table banned as select la.label from banned_pairs p "
        "join labels la on la.uid = p.a join labels lb on lb.uid = p.b where la.label = lb.label"
    )
    con.execute(_PLAIN_SQL)
    signatures = _signatures(con)
    hard, refused = cluster_records(
        signatures,
        _restricted(edges, signatures),
        same=_restricted(same, signatures),
        not_same=_restricted(not_same, signatures),
    )
    rows = con.execute(
        "select list(uid order by uid) from labels where label in (select label from plain) "
        "group by label "
        "union all select [unique_id] from records where unique_id not in (select uid from labels)"
    ).fetchall()
    clusters = [list(members) for (members,) in rows] + hard
    clusters.sort(key=lambda members: members[0])
    return clusters, refused
