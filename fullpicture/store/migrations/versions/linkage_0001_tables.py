"""Linkage: trained models, runs, scored pairs, decisions, manual changes and issued person ids.

Revision ID: linkage_0001
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "linkage_0001"
down_revision = "0001_foundation"
branch_labels = ("linkage",)
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "linkage_model",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("trained_at", _TZ, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("settings_json", sa.Text, nullable=False),
    )
    op.create_table(
        "linkage_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("started_at", _TZ, nullable=False),
        sa.Column("finished_at", _TZ, nullable=True),
        sa.Column(
            "model_id",
            sa.Integer,
            sa.ForeignKey("linkage_model.id", name="fk_linkage_run_model_id_linkage_model"),
            nullable=True,
        ),
        *[
            sa.Column(name, sa.Integer, nullable=False, server_default="0")
            for name in (
                "records",
                "new_records",
                "pairs_scored",
                "accepted",
                "review",
                "people",
                "people_created",
                "people_retired",
            )
        ],
        sa.Column("timings", sa.Text, nullable=True),
    )
    op.create_table(
        "link_pair",
        sa.Column("pair_id", sa.String(48), primary_key=True),
        sa.Column(
            "left_id",
            sa.Integer,
            sa.ForeignKey("source_person.id", name="fk_link_pair_left_id_source_person"),
            nullable=False,
        ),
        sa.Column(
            "right_id",
            sa.Integer,
            sa.ForeignKey("source_person.id", name="fk_link_pair_right_id_source_person"),
            nullable=False,
        ),
        sa.Column("match_weight", sa.Float, nullable=False),
        sa.Column("match_probability", sa.Float, nullable=False),
        sa.Column("band", sa.String(8), nullable=False),
        sa.Column("contributions", sa.Text, nullable=False),
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("linkage_run.id", name="fk_link_pair_run_id_linkage_run"),
            nullable=False,
        ),
    )
    op.create_index("ix_link_pair_band", "link_pair", ["band"])
    op.create_index("ix_link_pair_left", "link_pair", ["left_id"])
    op.create_index("ix_link_pair_right", "link_pair", ["right_id"])
    op.create_table(
        "linkage_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("person_ids", sa.Text, nullable=False),
        sa.Column("record_ids", sa.Text, nullable=False),
        sa.Column("result_person_ids", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(128), nullable=False),
        sa.Column("changed_at", _TZ, nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
    )
    op.create_table(
        "linkage_decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "left_id",
            sa.Integer,
            sa.ForeignKey("source_person.id", name="fk_linkage_decision_left_id_source_person"),
            nullable=False,
        ),
        sa.Column(
            "right_id",
            sa.Integer,
            sa.ForeignKey("source_person.id", name="fk_linkage_decision_right_id_source_person"),
            nullable=False,
        ),
        sa.Column("decision", sa.String(8), nullable=False),
        sa.Column("decided_by", sa.String(128), nullable=False),
        sa.Column("decided_at", _TZ, nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("pair_id", sa.String(48), nullable=True),
        sa.Column(
            "change_id",
            sa.Integer,
            sa.ForeignKey("linkage_change.id", name="fk_linkage_decision_change_id_linkage_change"),
            nullable=True,
        ),
        sa.Column("superseded", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_linkage_decision_pair", "linkage_decision", ["left_id", "right_id"])
    op.create_table(
        "linkage_identity",
        sa.Column("person_id", sa.String(16), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False, unique=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("issued_at", _TZ, nullable=False),
        sa.Column("retired_at", _TZ, nullable=True),
        sa.Column("merged_into", sa.String(16), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "linkage_identity",
        "linkage_decision",
        "linkage_change",
        "link_pair",
        "linkage_run",
        "linkage_model",
    ):
        op.drop_table(table)
