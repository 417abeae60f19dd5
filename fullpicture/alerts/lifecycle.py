"""Alert identity and lifecycle: writing findings back, listing, and human transitions.

Identity: an alert is ``rule id | person id | anchor key``. Re-running a rule never duplicates an
alert; new evidence updates it (explanation, evidence, facts, rule version); a condition that no
longer holds closes an open or acknowledged alert with that reason, and reopens it if the
condition returns. Human decisions (acknowledged, actioned, dismissed) are never overwritten by
the system: an actioned or dismissed alert keeps its status and only records whether the condition
still holds. Every status change is recorded with who and when.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.alerts.tables import alert, alert_evidence, alert_transition, rule_sql
from fullpicture.errors import NotFoundError, RuleError

OPEN, ACKNOWLEDGED, ACTIONED, DISMISSED, CLOSED = (
    "open",
    "acknowledged",
    "actioned",
    "dismissed",
    "closed",
)
STATUSES = (OPEN, ACKNOWLEDGED, ACTIONED, DISMISSED, CLOSED)
SYSTEM = "fullpicture analyse"
_HUMAN_MOVES = {
    OPEN: {ACKNOWLEDGED, ACTIONED, DISMISSED},
    ACKNOWLEDGED: {ACTIONED, DISMISSED},
    ACTIONED: {DISMISSED},
    CLOSED: {ACKNOWLEDGED, ACTIONED, DISMISSED},
    DISMISSED: set(),
}


class AlertTransitionError(RuleError):
    """A status change that the lifecycle does not allow."""


@dataclass(frozen=True)
class Finding:
    """One finding of one rule, ready to be written as an alert."""

    rule_id: str
    rule_code: str
    rule_version: int
    severity: str
    person_id: str
    anchor_key: str
    anchor_on: date | None
    evidence: tuple[int, ...]
    explanation: str
    facts: dict[str, Any]
    sql_hash: str

    @property
    def key(self) -> str:
        """The alert's stable identity."""
        return f"{self.rule_id}|{self.person_id}|{self.anchor_key}"


@dataclass(frozen=True)
class Transition:
    """One recorded status change."""

    from_status: str | None
    to_status: str
    actor: str
    reason: str | None
    at: datetime


@dataclass(frozen=True)
class AlertView:
    """An alert as shown to people (CLI, web)."""

    id: int
    rule_id: str
    rule_code: str
    rule_version: int
    person_id: str
    severity: str
    status: str
    condition_holds: bool
    explanation: str
    anchor_on: date | None
    evidence: tuple[int, ...]
    facts: dict[str, Any]
    closed_reason: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    transitions: tuple[Transition, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        from dataclasses import asdict

        return asdict(self)


@dataclass
class SyncCounts:
    """What writing findings back did."""

    opened: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    reopened: int = 0


def _now() -> datetime:
    return datetime.now(UTC)


def register_sql(
    conn: Connection, sql_hash: str, rule_id: str, version: int, params: str, sql: str
) -> None:
    """Keep a rule's compiled SQL for audit (once per distinct rule, version, parameters)."""
    exists = conn.execute(sa.select(rule_sql.c.sql_hash).where(rule_sql.c.sql_hash == sql_hash))
    if exists.first() is None:
        conn.execute(
            rule_sql.insert().values(
                sql_hash=sql_hash,
                rule_id=rule_id,
                rule_version=version,
                parameters=params,
                compiled_sql=sql,
                first_used_at=_now(),
            )
        )


def register_sqls(conn: Connection, items: Sequence[tuple[str, str, int, str, str]]) -> None:
    """Keep many rules' compiled SQL for audit in two statements (as :func:`register_sql` each).

    Args:
        conn: the store connection (in the caller's transaction).
        items: ``(sql_hash, rule_id, version, params, sql)`` for each rule.
    """
    hashes = sorted({item[0] for item in items})
    query = sa.select(rule_sql.c.sql_hash).where(rule_sql.c.sql_hash.in_(hashes))
    known = {str(h) for (h,) in conn.execute(query)}
    now, rows, seen = _now(), [], set(known)
    for sql_hash, rule_id, version, params, sql in items:
        if sql_hash not in seen:
            seen.add(sql_hash)
            rows.append(
                {
                    "sql_hash": sql_hash,
                    "rule_id": rule_id,
                    "rule_version": version,
                    "parameters": params,
                    "compiled_sql": sql,
                    "first_used_at": now,
                }
            )
    if rows:
        conn.execute(rule_sql.insert(), rows)


def _record(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(alert_transition.insert(), rows)


def _transition_row(
    alert_id: int, old: str | None, new: str, actor: str, reason: str | None, at: datetime
) -> dict[str, Any]:
    return {
        "alert_id": alert_id,
        "from_status": old,
        "to_status": new,
        "actor": actor,
        "reason": reason,
        "at": at,
    }


def _values(f: Finding, now: datetime) -> dict[str, Any]:
    return {
        "rule_version": f.rule_version,
        "severity": f.severity,
        "explanation": f.explanation,
        "facts": json.dumps(f.facts, default=str, sort_keys=True),
        "sql_hash": f.sql_hash,
        "anchor_on": f.anchor_on,
        "condition_holds": True,
        "last_seen_at": now,
    }


def _existing(
    conn: Connection, rule_ids: Sequence[str], person_ids: Sequence[str] | None
) -> dict[str, Any]:
    query = sa.select(alert).where(alert.c.rule_id.in_(list(rule_ids)))
    if person_ids is not None:
        query = query.where(alert.c.person_id.in_(list(person_ids)))
    return {row.alert_key: row for row in conn.execute(query)}


def _evidence(conn: Connection, alert_ids: Iterable[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    ids = list(alert_ids)
    for start in range(0, len(ids), 5000):
        query = sa.select(alert_evidence).where(
            alert_evidence.c.alert_id.in_(ids[start : start + 5000])
        )
        for row in conn.execute(query):
            out.setdefault(row.alert_id, set()).add(row.event_id)
    return out


def _insert_new(conn: Connection, new: list[Finding], now: datetime) -> None:
    if not new:
        return
    rows = [
        {
            **_values(f, now),
            "alert_key": f.key,
            "rule_id": f.rule_id,
            "rule_code": f.rule_code,
            "person_id": f.person_id,
            "anchor_key": f.anchor_key,
            "status": OPEN,
            "closed_reason": None,
            "first_seen_at": now,
            "updated_at": now,
        }
        for f in new
    ]
    conn.execute(alert.insert(), rows)
    keys = [f.key for f in new]
    ids: dict[str, int] = {}
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        query = sa.select(alert.c.alert_key, alert.c.id).where(alert.c.alert_key.in_(chunk))
        ids.update({str(k): int(i) for k, i in conn.execute(query)})
    evidence = [{"alert_id": ids[f.key], "event_id": e} for f in new for e in set(f.evidence)]
    if evidence:
        conn.execute(alert_evidence.insert(), evidence)
    _record(conn, [_transition_row(ids[f.key], None, OPEN, SYSTEM, None, now) for f in new])


def _update_existing(
    conn: Connection, pairs: list[tuple[Finding, Any]], now: datetime, counts: SyncCounts
) -> None:
    evidence = _evidence(conn, [row.id for _, row in pairs])
    transitions = []
    for f, row in pairs:
        values = _values(f, now)
        changed = set(f.evidence) != evidence.get(row.id, set()) or f.explanation != row.explanation
        if row.status == CLOSED:
            values.update(status=OPEN, closed_reason=None)
            transitions.append(
                _transition_row(row.id, CLOSED, OPEN, SYSTEM, "The condition holds again.", now)
            )
            counts.reopened += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
        if changed or row.status == CLOSED:
            values["updated_at"] = now
        conn.execute(alert.update().where(alert.c.id == row.id).values(**values))
        if set(f.evidence) != evidence.get(row.id, set()):
            conn.execute(alert_evidence.delete().where(alert_evidence.c.alert_id == row.id))
            conn.execute(
                alert_evidence.insert(),
                [{"alert_id": row.id, "event_id": e} for e in set(f.evidence)],
            )
    _record(conn, transitions)


def _close_gone(
    conn: Connection, gone: list[Any], reason: str, now: datetime, counts: SyncCounts
) -> None:
    transitions = []
    for row in gone:
        if not row.condition_holds and row.status not in (OPEN, ACKNOWLEDGED):
            continue
        values: dict[str, Any] = {"condition_holds": False, "updated_at": now}
        if row.status in (OPEN, ACKNOWLEDGED):
            values.update(status=CLOSED, closed_reason=reason)
            transitions.append(_transition_row(row.id, row.status, CLOSED, SYSTEM, reason, now))
            counts.closed += 1
        conn.execute(alert.update().where(alert.c.id == row.id).values(**values))
    _record(conn, transitions)


def sync_findings(
    conn: Connection,
    findings: Sequence[Finding],
    *,
    rule_ids: Sequence[str],
    person_ids: Sequence[str] | None,
    reason: str,
) -> SyncCounts:
    """Write one analysis's findings back as alerts.

    Args:
        conn: a connection inside a transaction on the store.
        findings: every finding of the rules run, within the scope.
        rule_ids: the rules that ran (alerts of other rules are left alone).
        person_ids: the people analysed (``None``: everyone); alerts outside are left alone.
        reason: why an alert that is no longer found is closed.
    """
    now, counts = _now(), SyncCounts()
    existing = _existing(conn, rule_ids, person_ids)
    found = {f.key: f for f in findings}
    _insert_new(conn, [f for k, f in found.items() if k not in existing], now)
    counts.opened = sum(1 for k in found if k not in existing)
    _update_existing(
        conn, [(f, existing[k]) for k, f in found.items() if k in existing], now, counts
    )
    _close_gone(conn, [row for k, row in existing.items() if k not in found], reason, now, counts)
    return counts


def _view(row: Any, evidence: set[int], transitions: Sequence[Transition] = ()) -> AlertView:
    return AlertView(
        id=row.id,
        rule_id=row.rule_id,
        rule_code=row.rule_code,
        rule_version=row.rule_version,
        person_id=row.person_id,
        severity=row.severity,
        status=row.status,
        condition_holds=bool(row.condition_holds),
        explanation=row.explanation,
        anchor_on=row.anchor_on,
        evidence=tuple(sorted(evidence)),
        facts=json.loads(row.facts),
        closed_reason=row.closed_reason,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        transitions=tuple(transitions),
    )


def list_alerts(
    engine: Engine,
    *,
    person_id: str | None = None,
    rule_id: str | None = None,
    status: str | None = None,
    event_ids: Sequence[int] | None = None,
) -> list[AlertView]:
    """List alerts, newest pattern first, with their evidence event ids.

    Args:
        engine: the store.
        person_id: only this person's alerts.
        rule_id: only this rule's alerts.
        status: only alerts in this status (open, acknowledged, actioned, dismissed, closed).
        event_ids: only alerts resting on any of these events (e.g. a chronology's events).

    Raises:
        RuleError: the status is not one of the lifecycle's.
    """
    if status is not None and status not in STATUSES:
        raise RuleError(
            f"Unknown alert status {status!r}.", hint=f"Use one of: {', '.join(STATUSES)}."
        )
    query = sa.select(alert).order_by(alert.c.anchor_on.desc(), alert.c.id)
    if person_id is not None:
        query = query.where(alert.c.person_id == person_id)
    if rule_id is not None:
        query = query.where(alert.c.rule_id == rule_id)
    if status is not None:
        query = query.where(alert.c.status == status)
    if event_ids is not None:
        sub = sa.select(alert_evidence.c.alert_id).where(
            alert_evidence.c.event_id.in_(list(event_ids))
        )
        query = query.where(alert.c.id.in_(sub))
    with engine.connect() as conn:
        rows = list(conn.execute(query))
        evidence = _evidence(conn, [r.id for r in rows])
    return [_view(r, evidence.get(r.id, set())) for r in rows]


def get_alert(engine: Engine, alert_id: int) -> AlertView:
    """Return one alert with its evidence and every transition.

    Raises:
        NotFoundError: there is no such alert.
    """
    with engine.connect() as conn:
        row = conn.execute(sa.select(alert).where(alert.c.id == alert_id)).first()
        if row is None:
            raise NotFoundError(
                f"There is no alert {alert_id}.", hint="List alerts with: fullpicture alerts"
            )
        evidence = _evidence(conn, [alert_id]).get(alert_id, set())
        query = (
            sa.select(alert_transition)
            .where(alert_transition.c.alert_id == alert_id)
            .order_by(alert_transition.c.id)
        )
        transitions = [
            Transition(t.from_status, t.to_status, t.actor, t.reason, t.at)
            for t in conn.execute(query)
        ]
    return _view(row, evidence, transitions)


def transition_alert(
    engine: Engine, alert_id: int, to_status: str, *, actor: str, reason: str | None = None
) -> AlertView:
    """Move an alert to acknowledged, actioned or dismissed, recording who, when and why.

    Raises:
        NotFoundError: there is no such alert.
        AlertTransitionError: the move is not allowed, the actor is blank, or a dismissal has no
            reason.
    """
    if not actor.strip():
        raise AlertTransitionError("Say who is making this change.", hint="Pass --by NAME.")
    if to_status == DISMISSED and not (reason and reason.strip()):
        raise AlertTransitionError(
            "Dismissing an alert needs a reason.", hint="Pass --reason 'why it does not apply'."
        )
    current = get_alert(engine, alert_id)
    if to_status not in _HUMAN_MOVES.get(current.status, set()):
        raise AlertTransitionError(
            f"Alert {alert_id} is {current.status}; it cannot become {to_status}.",
            hint="Allowed: " + (", ".join(sorted(_HUMAN_MOVES[current.status])) or "no changes"),
        )
    now = _now()
    with engine.begin() as conn:
        updated = conn.execute(
            alert.update()
            .where(alert.c.id == alert_id, alert.c.status == current.status)
            .values(status=to_status, updated_at=now)
        )
        if updated.rowcount != 1:
            raise AlertTransitionError(
                f"Alert {alert_id} changed while you were updating it.", hint="Try again."
            )
        _record(conn, [_transition_row(alert_id, current.status, to_status, actor, reason, now)])
    return get_alert(engine, alert_id)
