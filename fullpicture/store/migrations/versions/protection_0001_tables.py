"""Data protection: sharing agreements, disclosure log, subject access requests, retention.

Revision ID: protection_0001_tables
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "protection_0001_tables"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "isa",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(256), nullable=False),
        sa.Column("parties", sa.Text, nullable=False),  # JSON list of agency kinds
        sa.Column("purposes", sa.Text, nullable=False),  # JSON {purpose: [field, ...]}
        sa.Column("lawful_bases", sa.Text, nullable=False),  # JSON list of lawful-basis codes
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=True),  # last day in force; None: open-ended
        sa.Column("ended_reason", sa.Text, nullable=True),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
    )
    op.create_table(
        "disclosure",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(8), nullable=False),  # shared | declined
        sa.Column("isa_id", sa.String(32), nullable=True),
        sa.Column("purpose", sa.String(32), nullable=True),
        sa.Column("lawful_basis", sa.String(32), nullable=True),
        sa.Column("recipient", sa.String(256), nullable=False),
        sa.Column("recipient_agency", sa.String(32), nullable=True),
        sa.Column("fields", sa.Text, nullable=True),  # JSON list of the fields disclosed
        sa.Column("records", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reason", sa.Text, nullable=True),  # required when declined
        sa.Column("decided_by", sa.String(128), nullable=False),
        sa.Column("decided_at", _TZ, nullable=False),
    )
    op.create_table(
        "sar_request",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.String(16), nullable=False),
        sa.Column("requester", sa.String(256), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("extended_due_on", sa.Date, nullable=True),
        sa.Column("extension_notified_on", sa.Date, nullable=True),
        sa.Column("extension_reason", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),  # open | completed
        sa.Column("completed_on", sa.Date, nullable=True),
        sa.Column("opened_by", sa.String(128), nullable=False),
        sa.Column("opened_at", _TZ, nullable=False),
    )
    op.create_table(
        "sar_release",
        sa.Column("sar_id", sa.Integer, sa.ForeignKey("sar_request.id"), primary_key=True),
        sa.Column("third_party_id", sa.String(16), primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_by", sa.String(128), nullable=False),
        sa.Column("decided_at", _TZ, nullable=False),
    )
    op.create_table(
        "sar_redaction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sar_id", sa.Integer, sa.ForeignKey("sar_request.id"), nullable=False),
        sa.Column("location", sa.String(128), nullable=False),  # e.g. "event 12 summary"
        sa.Column("third_party_id", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("redacted_at", _TZ, nullable=False),
    )
    op.create_table(
        "legal_hold",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("placed_by", sa.String(128), nullable=False),
        sa.Column("placed_at", _TZ, nullable=False),
        sa.Column("lifted_by", sa.String(128), nullable=True),
        sa.Column("lifted_at", _TZ, nullable=True),
    )
    op.create_table(
        "destruction_certificate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.String(16), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("citation", sa.Text, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("destroyed_on", sa.Date, nullable=False),
        sa.Column("destroyed_at", _TZ, nullable=False),
        sa.Column("destroyed_by", sa.String(128), nullable=False),
        sa.Column("counts", sa.Text, nullable=False),  # JSON {table: rows deleted}
    )
    op.create_index("ix_disclosure_person", "disclosure", ["person_id"])
    op.create_index("ix_sar_request_person", "sar_request", ["person_id"])
    op.create_index("ix_sar_redaction_sar", "sar_redaction", ["sar_id"])
    op.create_index("ix_legal_hold_person", "legal_hold", ["person_id"])


def downgrade() -> None:
    op.drop_table("destruction_certificate")
    op.drop_table("legal_hold")
    op.drop_table("sar_redaction")
    op.drop_table("sar_release")
    op.drop_table("sar_request")
    op.drop_table("disclosure")
    op.drop_table("isa")
