"""Snooping alerts for auditors: a user opened too many children in an hour.

Also indexes ``audit_entry`` by (actor, ts): the check reads one user's last hour before every
child is opened.

Revision ID: websec_0002_snooping_alerts
Revises: websec_0001_security_keys
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "websec_0002_snooping_alerts"
down_revision = "websec_0001_security_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the snooping alert table."""
    op.create_table(
        "snooping_alert",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("children", sa.Integer, nullable=False),
        sa.Column("limit", sa.Integer, nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_snooping_alert_user", "snooping_alert", ["user_id", "raised_at"])
    op.create_index("ix_audit_entry_actor_ts", "audit_entry", ["actor", "ts"])


def downgrade() -> None:
    """Drop the snooping alert table."""
    op.drop_index("ix_audit_entry_actor_ts", "audit_entry")
    op.drop_index("ix_snooping_alert_user", "snooping_alert")
    op.drop_table("snooping_alert")
