"""Corrections a person makes to what import read from a document.

Extraction is a draft on a partnership's own documents (docs/learning.md, "Where it stands"):
an analyst reading a review's items may find a finding read as key learning, a theme missing,
a sentence that is not learning at all, or a review typed wrongly. A correction changes the
stored value, so search, the thematic report, suggestions and the gap list use it at once,
and keeps the value before, who made it, when and why, so every figure can be traced back and
any correction undone by another. An item that is not learning is *withdrawn*, never deleted:
its rule links, practice changes and actions stay, and restoring it brings them back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import LearningError, NotFoundError
from fullpicture.learning import tables
from fullpicture.learning.extract import KINDS
from fullpicture.learning.metadata import REVIEW_TYPES
from fullpicture.learning.themes import theme_codes

ITEM_FIELDS = ("kind", "themes", "addressee", "withdrawn")
REVIEW_FIELDS = ("title", "review_type", "partnership", "year")
_MAX_REASON = 2000
_EARLIEST_YEAR, _LATEST_YEAR = 1970, 2100


@dataclass(frozen=True)
class Correction:
    """One field's change, as stored."""

    id: int
    target: str  # item | review
    target_id: int
    field: str
    before: str | None
    after: str | None
    reason: str | None
    corrected_by: str
    corrected_at: datetime


def correct_item(
    engine: Engine,
    item_id: int,
    changes: Mapping[str, Any],
    *,
    by: str,
    reason: str | None = None,
    now: datetime | None = None,
) -> list[Correction]:
    """Change an item's kind, themes, addressee or withdrawn flag, keeping the history.

    Args:
        engine: the store.
        item_id: the item.
        changes: new values by field (:data:`ITEM_FIELDS`): ``kind`` a kind code,
            ``themes`` an iterable of theme codes (the whole new set), ``addressee`` text or
            None, ``withdrawn`` a bool.
        by: who is correcting (user name).
        reason: why, in their words (optional).
        now: the time to record (defaults to the current time).

    Returns:
        The corrections recorded: one per field whose value changed (none if nothing did).

    Raises:
        NotFoundError: no such item.
        LearningError: an unknown field, kind or theme, or a catalogue item (the catalogue is
            corrected in its source file, not here).
    """
    wanted = {name: _item_value(name, value) for name, value in changes.items()}
    with engine.begin() as conn:
        row = _item_row(conn, item_id)
        current = {
            "kind": row.kind,
            "themes": row.themes,
            "addressee": row.addressee,
            "withdrawn": bool(row.withdrawn),
        }
        changed = {name: value for name, value in wanted.items() if current[name] != value}
        if not changed:
            return []
        _store_item(conn, item_id, changed)
        return _record(conn, "item", item_id, current, changed, by, reason, now)


def correct_review(
    engine: Engine,
    review_id: int,
    changes: Mapping[str, Any],
    *,
    by: str,
    reason: str | None = None,
    now: datetime | None = None,
) -> list[Correction]:
    """Change a review's title, type, partnership or year, keeping the history.

    Args:
        engine: the store.
        review_id: the review.
        changes: new values by field (:data:`REVIEW_FIELDS`): ``review_type`` a type code,
            ``year`` a year or None, ``partnership`` text or None, ``title`` text.
        by: who is correcting (user name).
        reason: why, in their words (optional).
        now: the time to record (defaults to the current time).

    Returns:
        The corrections recorded, one per field whose value changed.

    Raises:
        NotFoundError: no such review.
        LearningError: an unknown field or review type, a year out of range, an empty title,
            or the learning catalogue.
    """
    wanted = {name: _review_value(name, value) for name, value in changes.items()}
    review = tables.learning_review
    with engine.begin() as conn:
        row = conn.execute(sa.select(review).where(review.c.id == review_id)).first()
        if row is None:
            raise NotFoundError(f"No review #{review_id}.", hint="List them: learning reviews.")
        if row.review_type == "catalogue":
            raise _catalogue_error()
        current = {name: getattr(row, name) for name in REVIEW_FIELDS}
        changed = {name: value for name, value in wanted.items() if current[name] != value}
        if not changed:
            return []
        conn.execute(review.update().where(review.c.id == review_id).values(**changed))
        return _record(conn, "review", review_id, current, changed, by, reason, now)


def corrections_of(engine: Engine, target: str, target_id: int) -> list[Correction]:
    """Every correction of one item or review (``target`` "item" or "review"), oldest first."""
    table = tables.learning_correction
    query = (
        sa.select(table)
        .where(table.c.target == target, table.c.target_id == target_id)
        .order_by(table.c.id)
    )
    with engine.connect() as conn:
        return [_correction(row) for row in conn.execute(query)]


# --- validation -------------------------------------------------------------------------


def _item_value(name: str, value: Any) -> Any:
    if name == "kind":
        if value not in KINDS:
            raise LearningError(
                f"Unknown item kind {value!r}.", hint=f"Use one of: {', '.join(KINDS)}."
            )
        return value
    if name == "themes":
        return _theme_text(value)
    if name == "addressee":
        return _optional_text(value, "addressee", 256)
    if name == "withdrawn":
        return bool(value)
    raise LearningError(
        f"An item has no field {name!r} to correct.", hint=f"Use: {', '.join(ITEM_FIELDS)}."
    )


def _theme_text(value: Any) -> str:
    codes = [value] if isinstance(value, str) else list(value)
    unknown = sorted(set(codes) - set(theme_codes()))
    if unknown:
        raise LearningError(
            f"Unknown theme(s): {', '.join(unknown)}.",
            hint="See the theme codes in docs/learning-taxonomy.md.",
        )
    chosen = set(codes)
    return " ".join(code for code in theme_codes() if code in chosen)  # taxonomy order


def _review_value(name: str, value: Any) -> Any:
    if name == "review_type":
        if value not in REVIEW_TYPES or value == "catalogue":
            types = ", ".join(t for t in REVIEW_TYPES if t != "catalogue")
            raise LearningError(f"Unknown review type {value!r}.", hint=f"Use one of: {types}.")
        return value
    if name == "year":
        if value is not None and not _EARLIEST_YEAR <= int(value) <= _LATEST_YEAR:
            raise LearningError(
                f"The year {value} is out of range.",
                hint=f"Give a year from {_EARLIEST_YEAR} to {_LATEST_YEAR}.",
            )
        return None if value is None else int(value)
    if name == "partnership":
        return _optional_text(value, "partnership", 256)
    if name == "title":
        title = _optional_text(value, "title", 512)
        if title is None:
            raise LearningError("A review's title cannot be empty.", hint="Give its title.")
        return title
    raise LearningError(
        f"A review has no field {name!r} to correct.", hint=f"Use: {', '.join(REVIEW_FIELDS)}."
    )


def _optional_text(value: Any, name: str, limit: int) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    if len(text) > limit:
        raise LearningError(
            f"The {name} is longer than {limit} characters.", hint="Shorten it and try again."
        )
    return text or None


def _catalogue_error() -> LearningError:
    return LearningError(
        "The learning catalogue's entries are not corrected here.",
        hint="Change fullpicture/learning/data/catalogue.toml, whose citations it reads.",
    )


# --- storage ----------------------------------------------------------------------------


def _item_row(conn: Connection, item_id: int) -> Any:
    item, review = tables.learning_item, tables.learning_review
    row = conn.execute(
        sa.select(item, review.c.review_type)
        .select_from(item.join(review, item.c.review_id == review.c.id))
        .where(item.c.id == item_id)
    ).first()
    if row is None:
        raise NotFoundError(f"No learning item #{item_id}.", hint="Find it with learning search.")
    if row.review_type == "catalogue":
        raise _catalogue_error()
    return row


def _store_item(conn: Connection, item_id: int, changed: Mapping[str, Any]) -> None:
    item, theme = tables.learning_item, tables.learning_item_theme
    conn.execute(item.update().where(item.c.id == item_id).values(**changed))
    if "themes" in changed:
        conn.execute(theme.delete().where(theme.c.item_id == item_id))
        codes = changed["themes"].split()
        if codes:
            conn.execute(theme.insert(), [{"item_id": item_id, "theme": c} for c in codes])


def _record(
    conn: Connection,
    target: str,
    target_id: int,
    current: Mapping[str, Any],
    changed: Mapping[str, Any],
    by: str,
    reason: str | None,
    now: datetime | None,
) -> list[Correction]:
    reason = _optional_text(reason, "reason", _MAX_REASON)
    at = now or datetime.now(UTC)
    table = tables.learning_correction
    stored = []
    for name, value in changed.items():
        before, after = _as_text(current[name]), _as_text(value)
        result = conn.execute(
            table.insert().values(
                target=target,
                target_id=target_id,
                field=name,
                before=before,
                after=after,
                reason=reason,
                corrected_by=by,
                corrected_at=at,
            )
        )
        new_id = tables.inserted_id(result)
        stored.append(Correction(new_id, target, target_id, name, before, after, reason, by, at))
    return stored


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)  # a bool or a year, as JSON ("true", 2024)


def _correction(row: Any) -> Correction:
    return Correction(
        id=row.id,
        target=row.target,
        target_id=row.target_id,
        field=row.field,
        before=row.before,
        after=row.after,
        reason=row.reason,
        corrected_by=row.corrected_by,
        corrected_at=row.corrected_at,
    )
