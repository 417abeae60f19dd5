"""People's decisions: the review queue, "same" / "not the same" decisions, manual split and merge.

Every decision is stored (who, when, why) and honoured on every later run; after each one the
people are re-clustered from the stored pairs so the change shows at once. A split is stored as
"not the same" decisions between the records moved out and those left, a merge as "same"
decisions joining every record of the two people; both are also recorded in ``linkage_change``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import LinkageError, NotFoundError
from fullpicture.linkage.explain import explain_in_words
from fullpicture.linkage.pipeline import LinkSummary, latest_model, link
from fullpicture.linkage.tables import link_pair, linkage_change, linkage_decision
from fullpicture.store.schema import source_person

DECISIONS = ("same", "not_same")


@dataclass(frozen=True)
class RecordView:
    """One side of a pair, as a reviewer sees it."""

    source_person_id: int
    source: str
    local_id: str
    name: str
    date_of_birth: str | None
    postcode: str | None
    nhs_number: str | None
    person_id: str | None


@dataclass(frozen=True)
class ReviewItem:
    """An uncertain pair awaiting a person's decision."""

    pair_id: str
    match_weight: float
    match_probability: float
    band: str
    left: RecordView
    right: RecordView
    explanation: list[str]

    def as_dict(self) -> dict[str, Any]:
        """The item as a JSON-ready dictionary."""
        return asdict(self)


def _record_views(conn: Connection, ids: set[int]) -> dict[int, RecordView]:
    sp = source_person.c
    query = sa.select(
        sp.id,
        sp.source,
        sp.local_id,
        sp.given_name,
        sp.family_name,
        sp.date_of_birth,
        sp.postcode,
        sp.nhs_number,
        sp.person_id,
    )
    views: dict[int, RecordView] = {}
    for start in range(0, len(ids), 500):
        chunk = sorted(ids)[start : start + 500]
        for row in conn.execute(query.where(sp.id.in_(chunk))):
            name = " ".join(p for p in (row.given_name, row.family_name) if p)
            dob = row.date_of_birth.isoformat() if row.date_of_birth else None
            views[row.id] = RecordView(
                row.id,
                row.source,
                row.local_id,
                name,
                dob,
                row.postcode,
                row.nhs_number,
                row.person_id,
            )
    return views


def _decided_pairs(conn: Connection) -> set[tuple[int, int]]:
    query = sa.select(linkage_decision.c.left_id, linkage_decision.c.right_id).where(
        linkage_decision.c.superseded.is_(False)
    )
    return {(min(a, b), max(a, b)) for a, b in conn.execute(query)}


def review_queue(engine: Engine, *, limit: int | None = None) -> list[ReviewItem]:
    """Uncertain pairs whose records are in different people and that nobody has decided.

    This is the review band, plus accepted pairs that the clustering constraints kept apart.
    Most probable first.
    """
    with engine.connect() as conn:
        stored = latest_model(conn)
        model = stored[1] if stored else {}
        decided = _decided_pairs(conn)
        rows = [
            r
            for r in conn.execute(
                sa.select(link_pair).order_by(
                    link_pair.c.match_probability.desc(), link_pair.c.pair_id
                )
            )
            if (r.left_id, r.right_id) not in decided
        ]
        views = _record_views(conn, {r.left_id for r in rows} | {r.right_id for r in rows})
    items = []
    for r in rows:
        left, right = views[r.left_id], views[r.right_id]
        if left.person_id is not None and left.person_id == right.person_id:
            continue
        words = explain_in_words(model, json.loads(r.contributions))
        items.append(
            ReviewItem(r.pair_id, r.match_weight, r.match_probability, r.band, left, right, words)
        )
        if limit is not None and len(items) >= limit:
            break
    return items


def parse_pair_id(pair_id: str) -> tuple[int, int]:
    """``"12-345"`` -> ``(12, 345)`` (the lower source person id first)."""
    parts = pair_id.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise LinkageError(
            f"{pair_id!r} is not a pair id.",
            hint="Pair ids look like 12-345; see fullpicture link review.",
        )
    a, b = int(parts[0]), int(parts[1])
    if a == b:
        raise LinkageError(f"{pair_id!r} pairs a record with itself.")
    return min(a, b), max(a, b)


def _require_records(conn: Connection, ids: set[int]) -> None:
    found = {
        i
        for (i,) in conn.execute(
            sa.select(source_person.c.id).where(source_person.c.id.in_(sorted(ids)))
        )
    }
    if missing := ids - found:
        raise NotFoundError(
            f"No source person record with id {sorted(missing)}.",
            hint="Check the pair id (fullpicture link review).",
        )


def _insert_decisions(
    conn: Connection,
    pairs: list[tuple[int, int]],
    decision: str,
    by: str,
    reason: str | None,
    change_id: int | None = None,
) -> None:
    now = dt.datetime.now(dt.UTC)
    for a, b in pairs:
        left, right = min(a, b), max(a, b)
        conn.execute(
            linkage_decision.update()
            .where(
                linkage_decision.c.left_id == left,
                linkage_decision.c.right_id == right,
            )
            .values(superseded=True)
        )
        conn.execute(
            linkage_decision.insert().values(
                left_id=left,
                right_id=right,
                decision=decision,
                decided_by=by,
                decided_at=now,
                reason=reason,
                pair_id=f"{left}-{right}",
                change_id=change_id,
            )
        )


def _check_actor(by: str) -> str:
    if not by.strip():
        raise LinkageError(
            "A decision needs the name of the person making it.", hint="Pass --by NAME."
        )
    return by.strip()


def decide(
    engine: Engine, pair_id: str, decision: str, *, by: str, reason: str | None = None
) -> LinkSummary:
    """Record that the pair's records are (``same``) or are not (``not_same``) one person.

    The decision supersedes any earlier one on the pair and is applied at once (re-cluster).

    Raises:
        LinkageError: an unknown decision, a bad pair id, or decisions that contradict.
        NotFoundError: a record of the pair does not exist.
    """
    decision = decision.replace("-", "_")
    if decision not in DECISIONS:
        raise LinkageError(f"Unknown decision {decision!r}.", hint="Use same or not-same.")
    pair = parse_pair_id(pair_id)
    with engine.begin() as conn:
        _require_records(conn, set(pair))
        _insert_decisions(conn, [pair], decision, _check_actor(by), reason)
    return _recluster_or_undo(engine, [pair])


def _recluster_or_undo(
    engine: Engine, pairs: list[tuple[int, int]], change_id: int | None = None
) -> LinkSummary:
    try:
        with engine.connect() as conn:
            pending = conn.execute(
                sa.select(sa.func.count()).where(source_person.c.person_id.is_(None))
            ).scalar()
        if pending:  # link newly imported records first, so they are not left unscored
            link(engine)
        return link(engine, mode="recluster")
    except LinkageError:
        with engine.begin() as conn:  # take back the contradicting decisions
            table = linkage_decision
            if change_id is not None:
                conn.execute(table.delete().where(table.c.change_id == change_id))
                conn.execute(linkage_change.delete().where(linkage_change.c.id == change_id))
            else:
                for a, b in pairs:
                    newest = conn.execute(
                        sa.select(sa.func.max(table.c.id)).where(
                            table.c.left_id == a, table.c.right_id == b
                        )
                    ).scalar()
                    conn.execute(table.delete().where(table.c.id == newest))
                    conn.execute(
                        table.update()
                        .where(
                            table.c.left_id == a,
                            table.c.right_id == b,
                            table.c.id
                            == sa.select(sa.func.max(table.c.id))
                            .where(table.c.left_id == a, table.c.right_id == b)
                            .scalar_subquery(),
                        )
                        .values(superseded=False)
                    )
        raise


def _person_records(conn: Connection, person_id: str) -> list[int]:
    ids = [
        int(i)
        for (i,) in conn.execute(
            sa.select(source_person.c.id)
            .where(source_person.c.person_id == person_id)
            .order_by(source_person.c.id)
        )
    ]
    if not ids:
        raise NotFoundError(
            f"No person {person_id} (or they have no records).",
            hint="Check the person id, e.g. P000123.",
        )
    return ids


def _record_change(
    conn: Connection, kind: str, persons: list[str], records: list[int], by: str, reason: str | None
) -> int:
    result = conn.execute(
        linkage_change.insert().values(
            kind=kind,
            person_ids=json.dumps(persons),
            record_ids=json.dumps(records),
            result_person_ids="[]",
            changed_by=by,
            changed_at=dt.datetime.now(dt.UTC),
            reason=reason,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _finish_change(engine: Engine, change_id: int, records: list[int]) -> list[str]:
    with engine.begin() as conn:
        result = sorted(
            {
                str(p)
                for (p,) in conn.execute(
                    sa.select(source_person.c.person_id).where(source_person.c.id.in_(records))
                )
            }
        )
        conn.execute(
            linkage_change.update()
            .where(linkage_change.c.id == change_id)
            .values(result_person_ids=json.dumps(result))
        )
    return result


def resolve_records(conn: Connection, refs: list[str]) -> list[int]:
    """Source person ids from references: a number, or ``source:local_id``."""
    ids = []
    for ref in refs:
        if ref.isdigit():
            ids.append(int(ref))
            continue
        source, _, local_id = ref.partition(":")
        found = conn.execute(
            sa.select(source_person.c.id).where(
                source_person.c.source == source, source_person.c.local_id == local_id
            )
        ).scalar()
        if found is None:
            raise NotFoundError(
                f"No record {ref!r}.", hint="Give source person ids or source:local_id."
            )
        ids.append(int(found))
    return ids


def split(
    engine: Engine, person_id: str, records: list[str], *, by: str, reason: str | None = None
) -> list[str]:
    """Move ``records`` out of ``person_id`` into a person of their own.

    Returns:
        The person ids of the records after the split (the larger part keeps the id).

    Raises:
        LinkageError: nothing to move, or every record would move.
        NotFoundError: the person or a record does not exist, or a record is not theirs.
    """
    by = _check_actor(by)
    with engine.begin() as conn:
        members = _person_records(conn, person_id)
        moved = sorted(set(resolve_records(conn, records)))
        if not moved or set(moved) - set(members):
            raise NotFoundError(
                f"Records {sorted(set(moved) - set(members))} are not {person_id}'s.",
                hint="List the person's records first.",
            )
        kept = [m for m in members if m not in moved]
        if not kept:
            raise LinkageError("A split must leave at least one record with the person.")
        change_id = _record_change(conn, "split", [person_id], moved, by, reason)
        _insert_decisions(
            conn, [(a, b) for a in moved for b in kept], "not_same", by, reason, change_id
        )
        _insert_decisions(conn, [(moved[0], m) for m in moved[1:]], "same", by, reason, change_id)
    _recluster_or_undo(engine, [], change_id)
    return _finish_change(engine, change_id, members)


def merge(
    engine: Engine, person_id: str, other_id: str, *, by: str, reason: str | None = None
) -> list[str]:
    """Join two people into one (the one with more records keeps its id).

    Returns:
        The person id(s) of the records after the merge (one id).
    """
    by = _check_actor(by)
    if person_id == other_id:
        raise LinkageError("Merging a person with themselves does nothing.")
    with engine.begin() as conn:
        first, second = _person_records(conn, person_id), _person_records(conn, other_id)
        change_id = _record_change(conn, "merge", [person_id, other_id], first + second, by, reason)
        anchor = first[0]
        _insert_decisions(
            conn, [(anchor, m) for m in first[1:] + second], "same", by, reason, change_id
        )
    _recluster_or_undo(engine, [], change_id)
    return _finish_change(engine, change_id, first + second)
