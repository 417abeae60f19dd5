"""Web security: room for sealed TOTP secrets (AES-256-GCM, fullpicture.field_keys).

A sealed secret is about 90 characters; the column held 64. SQLite does not enforce VARCHAR
lengths, so only other databases are altered (rebuilding ``web_user`` on SQLite would gain
nothing). Secrets stored in plain form before this revision keep working until
``fullpicture keys rotate`` seals them.

Revision ID: websec_0003_sealed_totp
Revises: websec_0002_snooping_alerts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "websec_0003_sealed_totp"
down_revision = "websec_0002_snooping_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("web_user", "totp_secret", type_=sa.String(255), existing_type=sa.String(64))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("web_user", "totp_secret", type_=sa.String(64), existing_type=sa.String(255))
