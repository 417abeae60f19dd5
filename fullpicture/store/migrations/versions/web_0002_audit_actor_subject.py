"""Index ``audit_entry`` by (actor, subject, ts, basis) for the snooping check's common case.

Before every child page the check asks whether the user already opened this child in the last
hour; with this index that is one lookup answered from the index, instead of reading every entry
of the user's hour (which grows with their views).

Revision ID: web_0002_audit_actor_subject
Revises: websec_0002_snooping_alerts
"""

from __future__ import annotations

from alembic import op

revision = "web_0002_audit_actor_subject"
down_revision = "websec_0002_snooping_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index."""
    op.create_index(
        "ix_audit_entry_actor_subject_ts", "audit_entry", ["actor", "subject", "ts", "basis"]
    )


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_audit_entry_actor_subject_ts", "audit_entry")
