"""Foundation: mappings, ledger, people, source persons, addresses, relationships, events, quarantine.

Revision ID: 0001_foundation
Revises:
"""

from __future__ import annotations

from alembic import op

from fullpicture.store import schema

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = (
    schema.source_mapping,
    schema.ledger,
    schema.person,
    schema.source_person,
    schema.address,
    schema.relationship,
    schema.event,
    schema.event_participant,
    schema.quarantine,
)


def upgrade() -> None:
    bind = op.get_bind()
    for table in _TABLES:
        table.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for table in reversed(_TABLES):
        table.drop(bind)
