"""Writing linkage results to the store: ``person`` rows, ``source_person.person_id`` and the
register of issued ids (``linkage_identity``).

A person's display name, date of birth, sex and ethnicity come from the cluster's best record:
the most complete one, preferring health, then social care, then school records. The date of birth
is the most common one in the cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.linkage.bulk import insert_rows, store_value
from fullpicture.linkage.identity import Assignment, format_person_id, parse_person_id
from fullpicture.linkage.tables import linkage_identity
from fullpicture.store.schema import person, source_person


@dataclass(frozen=True)
class PersonAttributes:
    """What the ``person`` row shows."""

    display_name: str
    date_of_birth: dt.date | None
    sex: str | None
    ethnicity: str | None


@dataclass(frozen=True)
class WriteResult:
    """Counts of what changed in the store."""

    people: int
    created: int
    retired: int
    reassigned: int


_BEST_SQL = """
with ranked as (
    select c.cluster, r.given_name, r.family_name, r.sex, r.ethnicity,
        row_number() over (partition by c.cluster order by
            (r.given_name is not null)::int + (r.family_name is not null)::int
            + (r.date_of_birth is not null)::int + (r.sex is not null)::int
            + (r.nhs_number is not null)::int desc,
            case r.agency when 'health' then 0 when 'social_care' then 1
                when 'school' then 2 else 3 end,
            r.id) as rn
    from clusters c join raw_records r on r.id = c.unique_id
),
dobs as (
    select c.cluster, mode(r.date_of_birth) as dob
    from clusters c join raw_records r on r.id = c.unique_id group by c.cluster
)
select ranked.cluster, ranked.given_name, ranked.family_name, dobs.dob, ranked.sex,
       ranked.ethnicity
from ranked join dobs using (cluster) where rn = 1 order by ranked.cluster
"""


def best_attributes(
    con: duckdb.DuckDBPyConnection, clusters: Sequence[Sequence[int]]
) -> list[PersonAttributes]:
    """The display attributes of each cluster, from the snapshot's ``raw_records``."""
    ids = [uid for members in clusters for uid in members]
    labels = [i for i, members in enumerate(clusters) for _ in members]
    con.register(
        "clusters_arrow",
        pa.table({"unique_id": pa.array(ids, pa.int64()), "cluster": pa.array(labels, pa.int64())}),
    )
    con.execute("create or replace table clusters as select * from clusters_arrow")
    con.unregister("clusters_arrow")
    rows = con.execute(_BEST_SQL).fetchall()
    result: list[PersonAttributes] = []
    for _cluster, given, family, dob, sex, ethnicity in rows:
        name = " ".join(part for part in (given, family) if part) or "(name not recorded)"
        result.append(PersonAttributes(name, dob, sex, ethnicity))
    return result


def current_assignment(conn: Connection) -> dict[int, str]:
    """Each assigned source person's current person id."""
    query = sa.select(source_person.c.id, source_person.c.person_id).where(
        source_person.c.person_id.is_not(None)
    )
    return {int(uid): str(pid) for uid, pid in conn.execute(query)}


def _next_number(conn: Connection) -> int:
    issued = conn.execute(sa.select(sa.func.max(linkage_identity.c.number))).scalar()
    # People created before the register existed; the register is authoritative after that.
    newest = conn.execute(sa.select(sa.func.max(person.c.id))).scalar()
    legacy = parse_person_id(str(newest)) if newest else None
    return max(issued or 0, legacy or 0) + 1


def _issue_ids(conn: Connection, count: int, now: dt.datetime) -> list[str]:
    start = _next_number(conn)
    ids = [format_person_id(start + i) for i in range(count)]
    issued = store_value(conn, now)
    insert_rows(
        conn,
        "linkage_identity",
        ("person_id", "number", "status", "issued_at"),
        [(pid, start + i, "active", issued) for i, pid in enumerate(ids)],
    )
    return ids


def _person_values(attrs: PersonAttributes) -> dict[str, Any]:
    return {
        "display_name": attrs.display_name[:256],
        "date_of_birth": attrs.date_of_birth,
        "sex": attrs.sex,
        "ethnicity": attrs.ethnicity,
    }


_PERSON_COLUMNS = (
    "id",
    "display_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "restricted",
    "created_at",
)


def _upsert_people(
    conn: Connection, ids: list[str], attrs: list[PersonAttributes], now: dt.datetime
) -> None:
    query = sa.select(
        person.c.id,
        person.c.display_name,
        person.c.date_of_birth,
        person.c.sex,
        person.c.ethnicity,
    )
    if len(ids) <= 2000:  # a few people (incremental runs): read just them
        query = query.where(person.c.id.in_(ids))
    existing = {row.id: row for row in conn.execute(query)}
    inserts: list[tuple[Any, ...]] = []
    updates: list[dict[str, Any]] = []
    created, unrestricted = store_value(conn, now), store_value(conn, False)
    for pid, values in zip(ids, (_person_values(a) for a in attrs), strict=True):
        row = existing.get(pid)
        if row is None:
            inserts.append(
                (
                    pid,
                    values["display_name"],
                    store_value(conn, values["date_of_birth"]),
                    values["sex"],
                    values["ethnicity"],
                    unrestricted,
                    created,
                )
            )
        elif (row.display_name, row.date_of_birth, row.sex, row.ethnicity) != tuple(
            values.values()
        ):
            updates.append({"b_id": pid, **values})
    if inserts:
        insert_rows(conn, "person", _PERSON_COLUMNS, inserts)
    if updates:
        conn.execute(
            person.update()
            .where(person.c.id == sa.bindparam("b_id"))
            .values(
                {k: sa.bindparam(k) for k in ("display_name", "date_of_birth", "sex", "ethnicity")}
            ),
            updates,
        )


_ASSIGN = sa.Table(
    "linkage_assign_tmp",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.String(16), nullable=False),
    prefixes=["TEMPORARY"],
)


def _reassign_records(
    conn: Connection,
    clusters: Sequence[Sequence[int]],
    ids: list[str],
    previous: dict[int, str],
) -> int:
    changes = [
        (uid, pid)
        for members, pid in zip(clusters, ids, strict=True)
        for uid in members
        if previous.get(uid) != pid
    ]
    if not changes:
        return 0
    # One set-based UPDATE from a temporary table: far faster than a statement per record.
    _ASSIGN.create(conn, checkfirst=True)
    conn.execute(_ASSIGN.delete())
    insert_rows(conn, _ASSIGN.name, ("id", "person_id"), changes)
    new_id = sa.select(_ASSIGN.c.person_id).where(_ASSIGN.c.id == source_person.c.id)
    conn.execute(
        source_person.update()
        .where(source_person.c.id.in_(sa.select(_ASSIGN.c.id)))
        .values(person_id=new_id.scalar_subquery())
    )
    _ASSIGN.drop(conn)
    return len(changes)


def _retire(conn: Connection, retired: dict[str, str | None], now: dt.datetime) -> None:
    if not retired:
        return
    known = {
        pid
        for (pid,) in conn.execute(
            sa.select(linkage_identity.c.person_id).where(
                linkage_identity.c.person_id.in_(list(retired))
            )
        )
    }
    missing = [pid for pid in retired if pid not in known]
    for pid in missing:  # ids issued before the register existed
        number = parse_person_id(pid)
        conn.execute(
            linkage_identity.insert().values(
                person_id=pid,
                number=number if number is not None else -len(known) - 1,
                status="active",
                issued_at=now,
            )
        )
    conn.execute(
        linkage_identity.update()
        .where(linkage_identity.c.person_id == sa.bindparam("b_id"))
        .values(status="retired", retired_at=now, merged_into=sa.bindparam("b_into")),
        [{"b_id": pid, "b_into": into} for pid, into in retired.items()],
    )
    conn.execute(person.delete().where(person.c.id.in_(list(retired))))


def write_people(
    conn: Connection,
    clusters: Sequence[Sequence[int]],
    assignment: Assignment,
    attrs: list[PersonAttributes],
    previous: dict[int, str],
) -> WriteResult:
    """Create, update and retire ``person`` rows and point every source person at its person.

    Args:
        conn: a connection inside a transaction.
        clusters: the clusters (record ids).
        assignment: ids kept from the previous run (see :func:`identity.assign_ids`).
        attrs: each cluster's display attributes.
        previous: each record's person id before this run.

    Returns:
        Counts of what changed.
    """
    now = dt.datetime.now(dt.UTC)
    fresh = iter(_issue_ids(conn, sum(1 for i in assignment.ids if i is None), now))
    ids = [pid if pid is not None else next(fresh) for pid in assignment.ids]
    _upsert_people(conn, ids, attrs, now)
    moved = _reassign_records(conn, clusters, ids, previous)
    retired = {}
    for old, into in assignment.retired.items():
        if into is None:  # its records went to a cluster that got a fresh id: find it
            into = next(
                (ids[i] for i, m in enumerate(clusters) if any(previous.get(u) == old for u in m)),
                None,
            )
        retired[old] = into
    _retire(conn, retired, now)
    created = sum(1 for i in assignment.ids if i is None)
    return WriteResult(len(clusters), created, len(retired), moved)


def current_person_id(conn: Connection, person_id: str) -> str | None:
    """Where an old person id now points: itself while active, else the id it was merged into
    (followed to the end). None when the id was never issued or its records went nowhere.

    Use it to redirect old links (bookmarks, alerts, audit entries) after a merge or split.
    """
    seen: set[str] = set()
    current: str | None = person_id
    while current is not None and current not in seen:
        seen.add(current)
        row = conn.execute(
            sa.select(linkage_identity.c.status, linkage_identity.c.merged_into).where(
                linkage_identity.c.person_id == current
            )
        ).first()
        if row is None:
            exists = conn.execute(sa.select(person.c.id).where(person.c.id == current)).first()
            return current if exists else None
        if row.status == "active":
            return current
        current = row.merged_into
    return None
