"""Rules: alerts, alert evidence, alert transitions, rule SQL and analysis runs.

Revision ID: rules_0001_alerts
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rules_0001_alerts"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rule_sql",
        sa.Column("sql_hash", sa.String(64), primary_key=True),
        sa.Column("rule_id", sa.String(32), nullable=False),
        sa.Column("rule_version", sa.Integer, nullable=False),
        sa.Column("parameters", sa.Text, nullable=False),
        sa.Column("compiled_sql", sa.Text, nullable=False),
        sa.Column("first_used_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("sql_hash", name="pk_rule_sql"),
    )
    op.create_table(
        "analysis_run",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("started_at", _TZ, nullable=False),
        sa.Column("finished_at", _TZ, nullable=False),
        sa.Column("as_of", _TZ, nullable=False),
        sa.Column("person_id", sa.String(16), nullable=True),
        sa.Column("summary", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_analysis_run"),
    )
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("alert_key", sa.String(512), nullable=False),
        sa.Column("rule_id", sa.String(32), nullable=False),
        sa.Column("rule_code", sa.String(16), nullable=False),
        sa.Column("rule_version", sa.Integer, nullable=False),
        sa.Column("person_id", sa.String(16), nullable=False),
        sa.Column("anchor_key", sa.String(256), nullable=False),
        sa.Column("anchor_on", sa.Date, nullable=True),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("sql_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("condition_holds", sa.Boolean, nullable=False),
        sa.Column("closed_reason", sa.Text, nullable=True),
        sa.Column("first_seen_at", _TZ, nullable=False),
        sa.Column("last_seen_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alert"),
        sa.ForeignKeyConstraint(
            ["sql_hash"], ["rule_sql.sql_hash"], name="fk_alert_sql_hash_rule_sql"
        ),
        sa.UniqueConstraint("alert_key", name="uq_alert_alert_key"),
    )
    op.create_index("ix_alert_person", "alert", ["person_id", "status"])
    op.create_index("ix_alert_rule", "alert", ["rule_id", "status"])
    op.create_table(
        "alert_evidence",
        sa.Column("alert_id", sa.Integer, nullable=False),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("alert_id", "event_id", name="pk_alert_evidence"),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name="fk_alert_evidence_alert_id_alert", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_alert_evidence_event", "alert_evidence", ["event_id"])
    op.create_table(
        "alert_transition",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("alert_id", sa.Integer, nullable=False),
        sa.Column("from_status", sa.String(16), nullable=True),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alert_transition"),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alert.id"],
            name="fk_alert_transition_alert_id_alert",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_alert_transition_alert", "alert_transition", ["alert_id"])


def downgrade() -> None:
    op.drop_table("alert_transition")
    op.drop_table("alert_evidence")
    op.drop_table("alert")
    op.drop_table("analysis_run")
    op.drop_table("rule_sql")
