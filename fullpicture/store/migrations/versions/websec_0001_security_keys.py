"""Security keys (WebAuthn) for privileged users: keys, one-time enrolment codes, pending sign-ins.

Revision ID: websec_0001_security_keys
Revises: web_0001_security_and_audit
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "websec_0001_security_keys"
down_revision = "web_0001_security_and_audit"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the security-key tables."""
    op.create_table(
        "security_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
        sa.Column("credential_id", sa.String(512), nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("sign_count", sa.Integer, nullable=False),
        sa.Column("user_handle", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("last_used_at", _TZ, nullable=True),
        sa.UniqueConstraint("credential_id", name="uq_security_key_credential_id"),
    )
    op.create_index("ix_security_key_user", "security_key", ["user_id"])
    op.create_table(
        "key_enrolment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("issued_at", _TZ, nullable=False),
        sa.Column("expires_at", _TZ, nullable=False),
        sa.Column("used_at", _TZ, nullable=True),
    )
    op.create_index("ix_key_enrolment_user", "key_enrolment", ["user_id"])
    op.create_table(
        "pending_sign_in",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("web_user.id"), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("challenge", sa.String(128), nullable=False),
        sa.Column("user_handle", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("expires_at", _TZ, nullable=False),
        sa.Column("used_at", _TZ, nullable=True),
    )


def downgrade() -> None:
    """Drop the security-key tables."""
    op.drop_table("pending_sign_in")
    op.drop_index("ix_key_enrolment_user", "key_enrolment")
    op.drop_table("key_enrolment")
    op.drop_index("ix_security_key_user", "security_key")
    op.drop_table("security_key")
