"""The audit log's tables: the entries themselves and a one-row head that serialises appends."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

audit_entry = sa.Table(
    "audit_entry",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ts", sa.String(40), nullable=False),  # ISO 8601 UTC, exactly as chained
    sa.Column("actor", sa.String(128), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("agency", sa.String(32), nullable=False),
    sa.Column("basis", sa.String(32), nullable=False),  # assignment | break-glass | role | none
    sa.Column("purpose", sa.String(256), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),  # view | export | change | ...
    sa.Column("subject", sa.String(64), nullable=False),  # person id, or "-" when none
    sa.Column("detail", sa.Text, nullable=False),  # JSON, ids only (never names)
    sa.Column("prev_mac", sa.String(64), nullable=False),
    sa.Column("mac", sa.String(64), nullable=False),
    sa.Index("ix_audit_entry_subject", "subject", "seq"),
    sa.Index("ix_audit_entry_actor", "actor", "seq"),
    sa.Index("ix_audit_entry_actor_ts", "actor", "ts"),  # snooping checks (migration websec_0002)
    # Has this user opened this child in the last hour (web_0002): answered from the index alone.
    sa.Index("ix_audit_entry_actor_subject_ts", "actor", "subject", "ts", "basis"),
)

audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),  # always 1
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("mac", sa.String(64), nullable=False),
)
