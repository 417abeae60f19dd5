"""Learning library: documents, reviews, items, themes, rule links, practice changes, actions,
and the full-text index (FTS5 on SQLite; a generated tsvector with a GIN index on PostgreSQL).

Revision ID: learning_0001_library
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "learning_0001_library"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def _item_fk(*, primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("learning_item.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


def _create_core_tables() -> None:
    op.create_table(
        "learning_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("characters", sa.Integer, nullable=False),
        sa.Column("imported_by", sa.String(128), nullable=False),
        sa.Column("imported_at", _TZ, nullable=False),
        sa.UniqueConstraint("sha256", name="uq_learning_document_sha256"),
    )
    op.create_table(
        "learning_review",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("learning_document.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String(512), nullable=False),
        sa.Column("partnership", sa.String(256), nullable=True),
        sa.Column("review_date", sa.Date, nullable=True),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("review_type", sa.String(64), nullable=False),
        sa.Column("child_pseudonym", sa.String(128), nullable=True),
        sa.Column("child_age", sa.String(64), nullable=True),
        sa.Column("child_sex", sa.String(16), nullable=True),
        sa.Column("agencies", sa.Text, nullable=False),
    )
    op.create_index("ix_learning_review_document_id", "learning_review", ["document_id"])
    op.create_table(
        "learning_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "review_id",
            sa.Integer,
            sa.ForeignKey("learning_review.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("addressee", sa.String(256), nullable=True),
        sa.Column("heading_path", sa.Text, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("learning_item.id"), nullable=True),
        sa.Column("code", sa.String(16), nullable=True),
        sa.Column("themes", sa.Text, nullable=False),
        sa.Column("embedding", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_learning_item_review_id", "learning_item", ["review_id"])
    op.create_index("ix_learning_item_kind", "learning_item", ["kind"])
    op.create_index("ix_learning_item_code", "learning_item", ["code"])


def _create_link_tables() -> None:
    op.create_table(
        "learning_item_theme",
        _item_fk(primary_key=True),
        sa.Column("theme", sa.String(48), primary_key=True),
    )
    op.create_table(
        "learning_rule_link",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_fk(),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("decided_by", sa.String(128), nullable=True),
        sa.Column("decided_at", _TZ, nullable=True),
        sa.UniqueConstraint("item_id", "rule_id", name="uq_learning_rule_link_item_rule"),
    )
    op.create_index("ix_learning_rule_link_item_id", "learning_rule_link", ["item_id"])
    op.create_index("ix_learning_rule_link_rule_id", "learning_rule_link", ["rule_id"])
    op.create_table(
        "learning_practice_change",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_fk(),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.String(128), nullable=False),
        sa.Column("recorded_at", _TZ, nullable=False),
    )
    op.create_index("ix_learning_practice_change_item_id", "learning_practice_change", ["item_id"])
    op.create_table(
        "learning_action",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_fk(),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("owner_agency", sa.String(128), nullable=False),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("evidence", sa.Text, nullable=True),
        sa.Column("updated_by", sa.String(128), nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
    )
    op.create_index("ix_learning_action_item_id", "learning_action", ["item_id"])


_SQLITE_FTS = (
    # A contentless-style external-content index over the item text and its heading path,
    # kept in step by triggers so every writer (import, catalogue load) is covered.
    "CREATE VIRTUAL TABLE learning_item_fts USING fts5("
    "text, heading_path, content='learning_item', content_rowid='id', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER learning_item_fts_ai AFTER INSERT ON learning_item BEGIN "
    "INSERT INTO learning_item_fts(rowid, text, heading_path) "
    "VALUES (new.id, new.text, new.heading_path); END",
    "CREATE TRIGGER learning_item_fts_ad AFTER DELETE ON learning_item BEGIN "
    "INSERT INTO learning_item_fts(learning_item_fts, rowid, text, heading_path) "
    "VALUES ('delete', old.id, old.text, old.heading_path); END",
    "CREATE TRIGGER learning_item_fts_au AFTER UPDATE ON learning_item BEGIN "
    "INSERT INTO learning_item_fts(learning_item_fts, rowid, text, heading_path) "
    "VALUES ('delete', old.id, old.text, old.heading_path); "
    "INSERT INTO learning_item_fts(rowid, text, heading_path) "
    "VALUES (new.id, new.text, new.heading_path); END",
)

_POSTGRES_FTS = (
    "ALTER TABLE learning_item ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(text, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(heading_path, '')), 'B')) STORED",
    "CREATE INDEX ix_learning_item_search_vector ON learning_item USING GIN (search_vector)",
)


def upgrade() -> None:
    _create_core_tables()
    _create_link_tables()
    statements = _SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else _POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("learning_item_fts_au", "learning_item_fts_ad", "learning_item_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS learning_item_fts")
    for table in (
        "learning_action",
        "learning_practice_change",
        "learning_rule_link",
        "learning_item_theme",
        "learning_item",
        "learning_review",
        "learning_document",
    ):
        op.drop_table(table)
