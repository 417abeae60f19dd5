"""The snooping alerts table: raised when a user opens too many children in an hour."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

snooping_alert = sa.Table(
    "snooping_alert",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
    sa.Column("username", sa.String(128), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),  # unrelated-children | many-children
    sa.Column("children", sa.Integer, nullable=False),  # distinct children with this view
    sa.Column("limit", sa.Integer, nullable=False),
    sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_snooping_alert_user", "user_id", "raised_at"),
)
