"""Intake's own tables: warnings about values left out of stored rows (nothing silently
dropped), and files the error-rate circuit breaker refused.

The migrations are ``store/migrations/versions/intake_0001_warnings.py`` and
``intake_0002_rejections.py``.
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

# A file refused whole by the error-rate circuit breaker. Its rows roll back with the import's
# transaction (the ledger keeps no entry for it), so the refusal is written here in a
# transaction of its own: an open alert for whoever runs imports until someone acknowledges it.
intake_rejection = sa.Table(
    "intake_rejection",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("filename", sa.String(512), nullable=False),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("imported_by", sa.String(128), nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_bad", sa.Integer, nullable=False),
    sa.Column("max_bad_ratio", sa.Float, nullable=False),
    sa.Column("reasons", sa.JSON, nullable=False),  # {"field: problem": count}, most first
    sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("acknowledged_by", sa.String(128), nullable=True),
    sa.Index("ix_intake_rejection_open", "acknowledged_at", "id"),
)
