"""Index events by incident reference, for the people a child shares an incident with.

The per-child rules path gathers everyone whose records carry one of the child's incident
references; without an index that read scans every event in the store. The index is partial
(only events that have a reference), so events without one cost nothing more to import.

Revision ID: store_0002_event_incident_ref
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "store_0002_event_incident_ref"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

_HAS_REF = sa.text("incident_ref IS NOT NULL")


def upgrade() -> None:
    """Create the partial index."""
    op.create_index(
        "ix_event_incident_ref",
        "event",
        ["incident_ref"],
        sqlite_where=_HAS_REF,
        postgresql_where=_HAS_REF,
    )


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_event_incident_ref", "event")
