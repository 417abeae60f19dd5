"""Intake: warnings about values left out of stored rows.

Revision ID: intake_0001_warnings
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "intake_0001_warnings"
down_revision = "0001_foundation"
branch_labels = ("intake",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_warning",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("problem", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index("ix_intake_warning_ledger", "intake_warning", ["ledger_id"])
    op.create_index("ix_intake_warning_source", "intake_warning", ["source"])


def downgrade() -> None:
    op.drop_table("intake_warning")
