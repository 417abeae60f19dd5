"""Learning library: corrections a person makes to what import read (an item's kind, themes,
addressee, or that it is not learning; a review's type, partnership, year, title), each with
the value before and after, who made it, when and why; and an item's ``withdrawn`` flag.

Revision ID: learning_0002_corrections
Revises: learning_0001_library
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "learning_0002_corrections"
down_revision = "learning_0001_library"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (copy and rename) would drop SQLite's full-text triggers.
    op.add_column(
        "learning_item",
        sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "learning_correction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("target", sa.String(16), nullable=False),  # item | review
        sa.Column("target_id", sa.Integer, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("before", sa.Text, nullable=True),
        sa.Column("after", sa.Text, nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("corrected_by", sa.String(128), nullable=False),
        sa.Column("corrected_at", _TZ, nullable=False),
    )
    op.create_index("ix_learning_correction_target", "learning_correction", ["target", "target_id"])


def downgrade() -> None:
    op.drop_index("ix_learning_correction_target", table_name="learning_correction")
    op.drop_table("learning_correction")
    op.drop_column("learning_item", "withdrawn")
