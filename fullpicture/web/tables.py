"""The web application's tables: users, sessions, assignments, break-glass grants, throttling."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

_TZ = sa.DateTime(timezone=True)

web_user = sa.Table(
    "web_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(128), nullable=False, unique=True),
    sa.Column("display_name", sa.String(256), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("agency", sa.String(32), nullable=False),
    sa.Column("password_hash", sa.String(256), nullable=True),  # NULL: single sign-on only
    sa.Column("totp_secret", sa.String(255), nullable=True),  # sealed (field_keys)
    sa.Column("totp_last_step", sa.Integer, nullable=True),  # replay protection
    sa.Column("oidc_subject", sa.String(256), nullable=True, unique=True),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", _TZ, nullable=False),
    sa.Column("last_seen_at", _TZ, nullable=True),
    sa.Column("previous_seen_at", _TZ, nullable=True),  # "what changed since I last looked"
)

web_session = sa.Table(
    "web_session",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # SHA-256 of the cookie value
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", _TZ, nullable=False),
    sa.Column("last_seen_at", _TZ, nullable=False),
    sa.Column("revoked_at", _TZ, nullable=True),
    sa.Index("ix_web_session_user", "user_id"),
)

assignment = sa.Table(
    "assignment",
    metadata,
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), primary_key=True),
    sa.Column("person_id", sa.String(16), primary_key=True),
    sa.Column("granted_by", sa.String(128), nullable=False),
    sa.Column("granted_at", _TZ, nullable=False),
    sa.Index("ix_assignment_person", "person_id"),
)

break_glass = sa.Table(
    "break_glass",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("started_at", _TZ, nullable=False),
    sa.Column("expires_at", _TZ, nullable=False),
    sa.Index("ix_break_glass_user_person", "user_id", "person_id"),
)

signin_throttle = sa.Table(
    "signin_throttle",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # "user:<name>" or "ip:<address>"
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("window_start", _TZ, nullable=False),
    sa.Column("locked_until", _TZ, nullable=True),
)
