"""The learning library's tables (SQLAlchemy Core), on the store's shared metadata.

A *document* is one imported file (its sha256 makes re-import a no-op); it holds one or more
*reviews* (a bulletin may hold several cases); each review holds *items* of learning (findings,
recommendations, key messages, next steps, reflective questions, the child's voice), each with
its provenance and themes. The learning catalogue is loaded as a document of its own.

The full-text index is not declared here: it is a FTS5 virtual table on SQLite and a generated
``tsvector`` column with a GIN index on PostgreSQL, both created by migration
``learning_0001_library``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult

from fullpicture.store.schema import metadata

_TZ = sa.DateTime(timezone=True)

learning_document = sa.Table(
    "learning_document",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("filename", sa.String(512), nullable=False),
    sa.Column(
        "format", sa.String(16), nullable=False
    ),  # pdf | docx | html | markdown | text | catalogue
    sa.Column("characters", sa.Integer, nullable=False),
    sa.Column("imported_by", sa.String(128), nullable=False),
    sa.Column("imported_at", _TZ, nullable=False),
)

learning_review = sa.Table(
    "learning_review",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("learning_document.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("position", sa.Integer, nullable=False),  # order of the review within its document
    sa.Column("title", sa.String(512), nullable=False),
    sa.Column("partnership", sa.String(256), nullable=True),
    sa.Column("review_date", sa.Date, nullable=True),
    sa.Column("year", sa.Integer, nullable=True),
    sa.Column("review_type", sa.String(64), nullable=False),
    sa.Column("child_pseudonym", sa.String(128), nullable=True),
    sa.Column("child_age", sa.String(64), nullable=True),
    sa.Column("child_sex", sa.String(16), nullable=True),
    sa.Column("agencies", sa.Text, nullable=False),  # JSON list of agency names
)

learning_item = sa.Table(
    "learning_item",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "review_id",
        sa.Integer,
        sa.ForeignKey("learning_review.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("kind", sa.String(32), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("addressee", sa.String(256), nullable=True),  # recommendations only
    sa.Column("heading_path", sa.Text, nullable=False),  # headings joined by " > "
    sa.Column("paragraph", sa.Integer, nullable=False),  # 1-based block number in the document
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("learning_item.id"), nullable=True),
    sa.Column("code", sa.String(16), nullable=True, index=True),  # catalogue code, catalogue items
    sa.Column("themes", sa.Text, nullable=False),  # space-separated theme codes (also item_theme)
    sa.Column("embedding", sa.LargeBinary, nullable=True),  # float32 vector, L2-normalised
    # set by a person's correction: not learning after all (kept, with its history, but left
    # out of search, the report, suggestions and gaps)
    sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=sa.false()),
)

learning_item_theme = sa.Table(
    "learning_item_theme",
    metadata,
    sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("learning_item.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("theme", sa.String(48), primary_key=True),
)

learning_rule_link = sa.Table(
    "learning_rule_link",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("learning_item.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("rule_id", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),  # suggested | confirmed | rejected
    sa.Column("origin", sa.String(16), nullable=False),  # citation | similarity | person
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("decided_by", sa.String(128), nullable=True),
    sa.Column("decided_at", _TZ, nullable=True),
    sa.UniqueConstraint("item_id", "rule_id", name="uq_learning_rule_link_item_rule"),
)

learning_practice_change = sa.Table(
    "learning_practice_change",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("learning_item.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("recorded_by", sa.String(128), nullable=False),
    sa.Column("recorded_at", _TZ, nullable=False),
)

learning_action = sa.Table(
    "learning_action",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("learning_item.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("owner_agency", sa.String(128), nullable=False),
    sa.Column("due_date", sa.Date, nullable=True),
    sa.Column("status", sa.String(16), nullable=False),  # open | in_progress | done | cancelled
    sa.Column("evidence", sa.Text, nullable=True),
    sa.Column("updated_by", sa.String(128), nullable=False),
    sa.Column("updated_at", _TZ, nullable=False),
)


learning_correction = sa.Table(
    "learning_correction",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("target", sa.String(16), nullable=False),  # item | review
    sa.Column("target_id", sa.Integer, nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("before", sa.Text, nullable=True),
    sa.Column("after", sa.Text, nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("corrected_by", sa.String(128), nullable=False),
    sa.Column("corrected_at", _TZ, nullable=False),
    sa.Index("ix_learning_correction_target", "target", "target_id"),
)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row an INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None  # every table here has an integer primary key
    return int(key[0])
