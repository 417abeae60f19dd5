"""Tables for security keys (WebAuthn): registered keys, enrolment codes, pending sign-ins."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

_TZ = sa.DateTime(timezone=True)

security_key = sa.Table(
    "security_key",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
    sa.Column("credential_id", sa.String(512), nullable=False, unique=True),  # base64url
    sa.Column("public_key", sa.LargeBinary, nullable=False),  # COSE key
    sa.Column("sign_count", sa.Integer, nullable=False),
    sa.Column("user_handle", sa.String(64), nullable=False),  # random, base64url
    sa.Column("created_at", _TZ, nullable=False),
    sa.Column("last_used_at", _TZ, nullable=True),
    sa.Index("ix_security_key_user", "user_id"),
)

key_enrolment = sa.Table(
    "key_enrolment",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
    sa.Column("code_hash", sa.String(64), nullable=False),  # SHA-256 of the one-time code
    sa.Column("issued_at", _TZ, nullable=False),
    sa.Column("expires_at", _TZ, nullable=False),
    sa.Column("used_at", _TZ, nullable=True),
    sa.Index("ix_key_enrolment_user", "user_id"),
)

pending_sign_in = sa.Table(
    "pending_sign_in",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # SHA-256 of the cookie value
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
    sa.Column("purpose", sa.String(16), nullable=False),  # "authenticate" or "register"
    sa.Column("challenge", sa.String(128), nullable=False),  # base64url
    sa.Column("user_handle", sa.String(64), nullable=False),  # base64url, given to a new key
    sa.Column("created_at", _TZ, nullable=False),
    sa.Column("expires_at", _TZ, nullable=False),
    sa.Column("used_at", _TZ, nullable=True),
)
