"""Appending to and verifying the hash-chained, HMAC-keyed audit log."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.audit.tables import audit_entry, audit_head
from fullpicture.errors import AuditError

GENESIS = "0" * 64
_CHAINED = ("seq", "ts", "actor", "role", "agency", "basis", "purpose", "action", "subject")


@dataclass(frozen=True)
class AuditEntry:
    """One consultation, disclosure or change to be recorded.

    Attributes:
        actor: the user name (never a display name).
        role: the actor's role at the time.
        agency: the actor's agency.
        basis: why access was allowed: ``assignment``, ``break-glass``, ``role`` or ``none``.
        purpose: what the access was for, in words (e.g. ``view child page``).
        action: ``view``, ``export``, ``change``, ``sign-in``, ...
        subject: the person id concerned, or ``-``.
        detail: ids and codes only, never names or free text about the child.
    """

    actor: str
    role: str
    agency: str
    basis: str
    purpose: str
    action: str
    subject: str = "-"
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of verifying the chain: ``ok``, or the first bad ``seq`` and why."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str | None = None


def _mac(key: bytes, prev_mac: str, row: dict[str, Any]) -> str:
    body = {name: row[name] for name in _CHAINED}
    body["detail"] = row["detail"]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    message = prev_mac.encode() + b"\n" + canonical.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# Built once (building a statement costs more than running it on the hot path of every page).
_CLAIM = (
    audit_head.update()
    .where(audit_head.c.id == 1)
    .values(seq=audit_head.c.seq + 1)
    .returning(audit_head.c.seq, audit_head.c.mac)
)
_INSERT = audit_entry.insert()
_SET_HEAD_MAC = audit_head.update().where(audit_head.c.id == 1).values(mac=sa.bindparam("new_mac"))


def _claim_next_seq(conn: Connection) -> tuple[int, str]:
    # The UPDATE is the first write of the transaction: it takes the row lock on PostgreSQL and
    # the write lock on SQLite, so concurrent appenders queue here and the chain never forks.
    claimed = conn.execute(_CLAIM).one_or_none()
    if claimed is None:
        raise AuditError("The audit log has no head row.", hint="Run the store migrations.")
    return int(claimed[0]), str(claimed[1])


def append_entry(conn: Connection, key: bytes, entry: AuditEntry, *, now: datetime) -> int:
    """Append ``entry`` to the chain inside the caller's transaction and return its ``seq``.

    The caller commits: the entry and the response it justifies stand or fall together.

    Raises:
        AuditError: the entry could not be written (the caller must not return child data).
    """
    try:
        seq, prev_mac = _claim_next_seq(conn)
        row: dict[str, Any] = asdict(entry)
        row["detail"] = json.dumps(entry.detail, sort_keys=True, separators=(",", ":"))
        row["seq"] = seq
        row["ts"] = now.astimezone(UTC).isoformat(timespec="microseconds")
        row["prev_mac"] = prev_mac
        row["mac"] = _mac(key, prev_mac, row)
        conn.execute(_INSERT, row)
        conn.execute(_SET_HEAD_MAC, {"new_mac": row["mac"]})
    except sa.exc.SQLAlchemyError as exc:
        raise AuditError("The audit entry could not be written.") from exc
    return seq


def verify_chain(engine: Engine, key: bytes, *, batch: int = 5000) -> VerifyResult:
    """Recompute every MAC in order and return the first entry that does not verify.

    Detects edited fields, deleted or inserted entries (a gap or a broken link) and chains
    rewritten without the key. Truncation of the tail needs :func:`verify_checkpoint`.
    """
    expected_seq, prev_mac, count = 1, GENESIS, 0
    with engine.connect() as conn:
        last = 0
        while True:
            rows = conn.execute(
                sa.select(audit_entry)
                .where(audit_entry.c.seq > last)
                .order_by(audit_entry.c.seq)
                .limit(batch)
            ).mappings()
            fetched = list(rows)
            if not fetched:
                break
            for row in fetched:
                problem = _check_row(key, dict(row), expected_seq, prev_mac)
                if problem is not None:
                    bad = min(int(row["seq"]), expected_seq)
                    return VerifyResult(False, count, first_bad_seq=bad, problem=problem)
                expected_seq, prev_mac, count = expected_seq + 1, str(row["mac"]), count + 1
            last = int(fetched[-1]["seq"])
    return VerifyResult(True, count)


def _check_row(key: bytes, row: dict[str, Any], expected_seq: int, prev_mac: str) -> str | None:
    if int(row["seq"]) != expected_seq:
        return f"entry {expected_seq} is missing (next entry found is {row['seq']})"
    if row["prev_mac"] != prev_mac:
        return "the link to the previous entry is broken"
    if not hmac.compare_digest(_mac(key, prev_mac, row), str(row["mac"])):
        return "the entry's contents do not match its MAC (edited, or written without the key)"
    return None


def write_checkpoint(engine: Engine, path: Path) -> dict[str, Any]:
    """Write the latest chain head (seq and MAC) to ``path``, a location outside the database.

    Returns:
        The checkpoint written: ``{"seq", "mac", "written_at"}``.
    """
    with engine.connect() as conn:
        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.mac)).one()
    checkpoint = {
        "seq": int(head.seq),
        "mac": str(head.mac),
        "written_at": datetime.now(UTC).isoformat(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(checkpoint, indent=2) + "\n")
    return checkpoint


def verify_checkpoint(engine: Engine, path: Path) -> VerifyResult:
    """Check that the entry named by the checkpoint at ``path`` is still in the log, unchanged.

    A log restored from an older backup, or with its last entries deleted, still verifies as a
    chain; this comparison with the external checkpoint is what detects it.
    """
    checkpoint = json.loads(path.read_text())
    seq, mac = int(checkpoint["seq"]), str(checkpoint["mac"])
    if seq == 0:
        return VerifyResult(True, 0)
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(audit_entry.c.mac).where(audit_entry.c.seq == seq)
        ).scalar_one_or_none()
        count = conn.execute(sa.select(sa.func.count()).select_from(audit_entry)).scalar_one()
    if stored is None:
        return VerifyResult(False, count, seq, "the checkpointed entry is missing (truncated?)")
    if not hmac.compare_digest(str(stored), mac):
        return VerifyResult(False, count, seq, "the checkpointed entry differs (rolled back?)")
    return VerifyResult(True, count)
