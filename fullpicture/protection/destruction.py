"""Destroying a person's records when the schedule allows it, with a certificate.

Reached: the person row, every agency record of the person (``source_person``), their
addresses, relationships, the events about them and everyone's participation links to those
events, intake warnings on those rows, alerts about the person (with evidence and transitions)
and other alerts' evidence links to the deleted events, per-person analysis runs, linkage pairs
and decisions on their records, and web assignments and break-glass grants.

Kept, by design: the audit log (append-only; ids and codes only), the disclosure log and the
subject access register (accountability records with their own retention), legal holds, the
certificate itself, and ``linkage_identity`` (ids are never reused; it holds no personal data).
Events about other people in which this person took part stay with those people; only the link
to this person is removed.

Not reached: quarantined rows (raw rows not linked to a person), backups, snapshots and exports
outside the store, and on PostgreSQL dead tuples and WAL until VACUUM and WAL recycling. On
SQLite the deletion runs with ``secure_delete`` on, and the WAL is checkpointed and truncated
after the commit, so the deleted bytes are overwritten in the database file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.alerts.tables import alert, alert_evidence, alert_transition, analysis_run
from fullpicture.errors import ProtectionError
from fullpicture.intake.tables import intake_warning
from fullpicture.linkage.tables import link_pair, linkage_decision
from fullpicture.protection.retention import RetentionRule, assess
from fullpicture.protection.tables import (
    destruction_certificate,
    rectification,
    rectification_notice,
)
from fullpicture.store.schema import (
    address,
    event,
    event_participant,
    person,
    relationship,
    source_person,
)

# The web area's tables are named here, not imported: the domain does not depend on the web.
_assignment = sa.table("assignment", sa.column("person_id"))
_break_glass = sa.table("break_glass", sa.column("person_id"))


def _delete(conn: Connection, counts: dict[str, int], name: str, statement: Any) -> None:
    counts[name] = counts.get(name, 0) + int(conn.execute(statement).rowcount or 0)


def _row_keys(conn: Connection, table: sa.Table, where: Any) -> list[tuple[int, int]]:
    rows = conn.execute(sa.select(table.c.ledger_id, table.c.row_number).where(where))
    return [(int(r.ledger_id), int(r.row_number)) for r in rows]


def _delete_warnings(conn: Connection, counts: dict[str, int], keys: list[tuple[int, int]]) -> None:
    for ledger_id, row_number in sorted(set(keys)):
        _delete(
            conn,
            counts,
            "intake_warning",
            intake_warning.delete().where(
                intake_warning.c.ledger_id == ledger_id, intake_warning.c.row_number == row_number
            ),
        )


def _alert_deletions(person_id: str, events: Any) -> list[tuple[str, Any]]:
    mine = sa.select(alert.c.id).where(alert.c.person_id == person_id)
    evidence = sa.or_(alert_evidence.c.alert_id.in_(mine), alert_evidence.c.event_id.in_(events))
    return [
        (
            "alert_transition",
            alert_transition.delete().where(alert_transition.c.alert_id.in_(mine)),
        ),
        ("alert_evidence", alert_evidence.delete().where(evidence)),
        ("alert", alert.delete().where(alert.c.person_id == person_id)),
        ("analysis_run", analysis_run.delete().where(analysis_run.c.person_id == person_id)),
    ]


def _either(left: Any, right: Any, ids: list[int]) -> Any:
    return sa.or_(left.in_(ids), right.in_(ids))


def _record_deletions(person_id: str, own: list[int], events: Any) -> list[tuple[str, Any]]:
    participant = event_participant.c
    rel, pair, decision = relationship.c, link_pair.c, linkage_decision.c
    return [
        *_rectification_deletions(person_id, own, events),  # before the events they name
        ("event_participant", event_participant.delete().where(
            sa.or_(participant.event_id.in_(events), participant.source_person_id.in_(own)))),
        ("event", event.delete().where(event.c.subject_source_person_id.in_(own))),
        ("relationship", relationship.delete().where(
            _either(rel.from_source_person_id, rel.to_source_person_id, own))),
        ("address", address.delete().where(address.c.source_person_id.in_(own))),
        ("link_pair", link_pair.delete().where(_either(pair.left_id, pair.right_id, own))),
        ("linkage_decision", linkage_decision.delete().where(
            _either(decision.left_id, decision.right_id, own))),
        ("assignment", _assignment.delete().where(_assignment.c.person_id == person_id)),
        ("break_glass", _break_glass.delete().where(_break_glass.c.person_id == person_id)),
        ("source_person", source_person.delete().where(source_person.c.id.in_(own))),
        ("person", person.delete().where(person.c.id == person_id)),
    ]  # fmt: skip


def _rectification_deletions(person_id: str, own: list[int], events: Any) -> list[tuple[str, Any]]:
    """Corrections keep the values before and after: they go with the person's records."""
    fix = rectification.c
    theirs = sa.select(fix.id).where(
        sa.or_(
            fix.person_id == person_id,
            sa.and_(fix.target == "event", fix.target_id.in_(events)),
            sa.and_(fix.target == "person_record", fix.target_id.in_(own)),
        )
    )
    notice = rectification_notice.c
    return [
        ("rectification_notice", rectification_notice.delete().where(
            notice.rectification_id.in_(theirs))),
        ("rectification", rectification.delete().where(fix.id.in_(theirs))),
    ]  # fmt: skip


def delete_person_records(conn: Connection, person_id: str) -> dict[str, int]:
    """Delete everything the store holds about the person that destruction reaches; return the
    rows deleted per table."""
    counts: dict[str, int] = {}
    query = sa.select(source_person.c.id).where(source_person.c.person_id == person_id)
    own = [int(i) for i in conn.execute(query).scalars()]
    events = sa.select(event.c.id).where(event.c.subject_source_person_id.in_(own))
    keys = _row_keys(conn, source_person, source_person.c.id.in_(own))
    keys += _row_keys(conn, event, event.c.subject_source_person_id.in_(own))
    for name, statement in _alert_deletions(person_id, events):
        _delete(conn, counts, name, statement)
    _delete_warnings(conn, counts, keys)
    for name, statement in _record_deletions(person_id, own, events):
        _delete(conn, counts, name, statement)
    return counts


def destroy_person(
    conn: Connection,
    person_id: str,
    schedule: Sequence[RetentionRule],
    *,
    by: str,
    now: datetime,
) -> dict[str, Any]:
    """Destroy a person's records if the schedule allows it today, and write the certificate.

    Returns:
        The certificate: id, person, rule, citation, due date, when, by whom, rows per table.

    Raises:
        NotFoundError: no such person.
        ProtectionError: a legal hold is in place, or the records are not yet due.
    """
    found = assess(conn, person_id, schedule)
    if found.held:
        raise ProtectionError(
            f"{person_id} is under a legal hold: nothing was destroyed.",
            hint="Lift the hold first if the reason for it has ended: fullpicture retention holds",
        )
    if found.due_on is None or found.rule_id is None or found.due_on > now.date():
        when = found.due_on.isoformat() if found.due_on else f"unknown ({found.note})"
        raise ProtectionError(f"{person_id}'s records are not due for destruction (due: {when}).")
    rule = next(r for r in schedule if r.id == found.rule_id)
    counts = delete_person_records(conn, person_id)
    values = {"person_id": person_id, "rule_id": rule.id, "citation": rule.citation,
              "due_on": found.due_on, "destroyed_on": now.date(), "destroyed_at": now,
              "destroyed_by": by, "counts": json.dumps(counts, sort_keys=True)}  # fmt: skip
    inserted = destruction_certificate.insert().values(**values)
    cert_id = conn.execute(inserted.returning(destruction_certificate.c.id)).scalar_one()
    return {"certificate": int(cert_id), **values, "counts": counts}


def scrub_sqlite(engine: Engine) -> None:
    """After a destruction on SQLite, move the WAL into the database and truncate it, so that
    deleted rows survive neither in the WAL nor (with secure_delete) in the database file."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def enable_secure_delete(conn: Connection) -> None:
    """On SQLite, overwrite deleted content with zeros for the rest of this connection."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete = ON")


def destroy_and_scrub(
    engine: Engine,
    person_id: str,
    schedule: Sequence[RetentionRule],
    *,
    by: str,
    now: datetime,
) -> dict[str, Any]:
    """Destroy in one transaction (see :func:`destroy_person`), then scrub SQLite's WAL."""
    with engine.begin() as conn:
        enable_secure_delete(conn)
        certificate = destroy_person(conn, person_id, schedule, by=by, now=now)
    scrub_sqlite(engine)
    return certificate
