"""Data protection: rectifications with their values before and after, and the recipients
each must be communicated to.

Revision ID: protection_0002_rectification
Revises: protection_0001_tables
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "protection_0002_rectification"
down_revision = "protection_0001_tables"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rectification",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.String(16), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("target_id", sa.Integer, nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("before", sa.Text, nullable=False),
        sa.Column("after", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("requested_by", sa.String(256), nullable=False),
        sa.Column("made_by", sa.String(128), nullable=False),
        sa.Column("made_at", _TZ, nullable=False),
    )
    op.create_index("ix_rectification_person", "rectification", ["person_id"])
    op.create_index("ix_rectification_target", "rectification", ["target", "target_id"])
    op.create_table(
        "rectification_notice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "rectification_id", sa.Integer, sa.ForeignKey("rectification.id"), nullable=False
        ),
        sa.Column("recipient", sa.String(256), nullable=False),
        sa.Column("recipient_agency", sa.String(64), nullable=True),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("disclosure_id", sa.Integer, nullable=True),
        sa.Column("notified_at", _TZ, nullable=True),
        sa.Column("notified_by", sa.String(128), nullable=True),
    )
    op.create_index("ix_rectification_notice_open", "rectification_notice", ["notified_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_rectification_notice_open", table_name="rectification_notice")
    op.drop_table("rectification_notice")
    op.drop_index("ix_rectification_target", table_name="rectification")
    op.drop_index("ix_rectification_person", table_name="rectification")
    op.drop_table("rectification")
