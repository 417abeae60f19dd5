"""The alert tables: alerts, their evidence, every status transition, the SQL each rule ran and
each analysis run. Created by migration ``rules_0001_alerts``."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

_TZ = sa.DateTime(timezone=True)

rule_sql = sa.Table(
    "rule_sql",
    metadata,
    sa.Column("sql_hash", sa.String(64), primary_key=True),  # sha256 of rule, version, params, SQL
    sa.Column("rule_id", sa.String(32), nullable=False),
    sa.Column("rule_version", sa.Integer, nullable=False),
    sa.Column("parameters", sa.Text, nullable=False),  # JSON
    sa.Column("compiled_sql", sa.Text, nullable=False),
    sa.Column("first_used_at", _TZ, nullable=False),
)

analysis_run = sa.Table(
    "analysis_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", _TZ, nullable=False),
    sa.Column("finished_at", _TZ, nullable=False),
    sa.Column("as_of", _TZ, nullable=False),
    sa.Column("person_id", sa.String(16), nullable=True),  # per-child runs
    sa.Column("summary", sa.Text, nullable=False),  # JSON: counts per rule, timings
)

alert = sa.Table(
    "alert",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("alert_key", sa.String(512), nullable=False),  # rule id | person id | anchor key
    sa.Column("rule_id", sa.String(32), nullable=False),
    sa.Column("rule_code", sa.String(16), nullable=False),
    sa.Column("rule_version", sa.Integer, nullable=False),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("anchor_key", sa.String(256), nullable=False),
    sa.Column("anchor_on", sa.Date, nullable=True),
    sa.Column("severity", sa.String(8), nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("facts", sa.Text, nullable=False),  # JSON: the finding's columns
    sa.Column("sql_hash", sa.String(64), sa.ForeignKey("rule_sql.sql_hash"), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("condition_holds", sa.Boolean, nullable=False),
    sa.Column("closed_reason", sa.Text, nullable=True),
    sa.Column("first_seen_at", _TZ, nullable=False),
    sa.Column("last_seen_at", _TZ, nullable=False),
    sa.Column("updated_at", _TZ, nullable=False),
    sa.UniqueConstraint("alert_key", name="uq_alert_alert_key"),
    sa.Index("ix_alert_person", "person_id", "status"),
    sa.Index("ix_alert_rule", "rule_id", "status"),
)

alert_evidence = sa.Table(
    "alert_evidence",
    metadata,
    sa.Column(
        "alert_id", sa.Integer, sa.ForeignKey("alert.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("event_id", sa.Integer, primary_key=True),
    sa.Index("ix_alert_evidence_event", "event_id"),
)

alert_transition = sa.Table(
    "alert_transition",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "alert_id", sa.Integer, sa.ForeignKey("alert.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("from_status", sa.String(16), nullable=True),
    sa.Column("to_status", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(128), nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("at", _TZ, nullable=False),
    sa.Index("ix_alert_transition_alert", "alert_id"),
)
