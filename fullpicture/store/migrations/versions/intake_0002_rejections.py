"""Intake: files refused whole by the error-rate circuit breaker, kept as open alerts.

Revision ID: intake_0002_rejections
Revises: intake_0001_warnings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "intake_0002_rejections"
down_revision = "intake_0001_warnings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_rejection",
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
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(128), nullable=True),
    )
    op.create_index("ix_intake_rejection_open", "intake_rejection", ["acknowledged_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_intake_rejection_open", table_name="intake_rejection")
    op.drop_table("intake_rejection")
