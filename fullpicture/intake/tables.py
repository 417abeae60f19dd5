"""Intake's own table: warnings about values left out of stored rows (nothing silently dropped).

The migration is ``store/migrations/versions/intake_0001_warnings.py``.
"""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

intake_warning = sa.Table(
    "intake_warning",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("problem", sa.Text, nullable=False),
    sa.Column("value", sa.Text, nullable=False),  # the raw value that was left out
    sa.Index("ix_intake_warning_ledger", "ledger_id"),
    sa.Index("ix_intake_warning_source", "source"),
)
