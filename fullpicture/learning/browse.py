"""Reading the library the way its pages show it: one review with its items in document order,
one item with its links, practice changes and actions, what an imported document yielded, and
each rule's learning with the suggestions awaiting a person's decision.

Everything here only reads; changes go through ``library``, ``rules_link`` and ``actions``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import NotFoundError
from fullpicture.learning import tables
from fullpicture.learning.rules_link import RuleLink, rule_citations


@dataclass(frozen=True)
class ReviewView:
    """A review's metadata and the document it came from."""

    id: int
    document_id: int
    position: int
    title: str
    partnership: str | None
    review_date: date | None
    year: int | None
    review_type: str
    child_pseudonym: str | None
    child_age: str | None
    child_sex: str | None
    agencies: list[str]
    filename: str
    format: str
    imported_by: str
    imported_at: datetime


@dataclass(frozen=True)
class ItemView:
    """One learning item with its provenance, themes and review."""

    id: int
    review_id: int
    review_title: str
    review_type: str
    year: int | None
    kind: str
    text: str
    addressee: str | None
    heading_path: str
    paragraph: int
    parent_id: int | None
    code: str | None
    themes: list[str]
    withdrawn: bool = False  # a person said it is not learning (kept, with its history)


@dataclass(frozen=True)
class PracticeChange:
    """A recorded change in practice or systems that implements an item."""

    id: int
    item_id: int
    description: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class LinkView:
    """A rule link with when it was decided (pages show who and when)."""

    link: RuleLink
    decided_at: datetime | None


@dataclass
class DocumentSummary:
    """What one imported document yielded: its reviews, items by kind and themes."""

    document_id: int
    filename: str
    reviews: list[ReviewView]
    kinds: Counter[str] = field(default_factory=Counter)
    themes: Counter[str] = field(default_factory=Counter)
    items: int = 0


@dataclass(frozen=True)
class RuleLearning:
    """A rule, the catalogue codes it cites, and how much learning stands behind it."""

    rule_id: str
    cites: list[str]
    confirmed: int
    suggested: int


def _review_select() -> sa.Select[Any]:
    review, doc = tables.learning_review, tables.learning_document
    return sa.select(
        review, doc.c.filename, doc.c.format, doc.c.imported_by, doc.c.imported_at
    ).select_from(review.join(doc, review.c.document_id == doc.c.id))


def _review_view(row: Any) -> ReviewView:
    return ReviewView(
        id=row.id,
        document_id=row.document_id,
        position=row.position,
        title=row.title,
        partnership=row.partnership,
        review_date=row.review_date,
        year=row.year,
        review_type=row.review_type,
        child_pseudonym=row.child_pseudonym,
        child_age=row.child_age,
        child_sex=row.child_sex,
        agencies=list(json.loads(row.agencies)),
        filename=row.filename,
        format=row.format,
        imported_by=row.imported_by,
        imported_at=row.imported_at,
    )


def get_review(engine: Engine, review_id: int) -> ReviewView:
    """The review with this id.

    Raises:
        NotFoundError: no such review.
    """
    review = tables.learning_review
    with engine.connect() as conn:
        row = conn.execute(_review_select().where(review.c.id == review_id)).first()
    if row is None:
        raise NotFoundError(f"No review {review_id}.", hint="List the reviews to find its id.")
    return _review_view(row)


def _item_select() -> sa.Select[Any]:
    item, review = tables.learning_item, tables.learning_review
    return sa.select(
        item.c.id,
        item.c.review_id,
        review.c.title.label("review_title"),
        review.c.review_type,
        review.c.year,
        item.c.kind,
        item.c.text,
        item.c.addressee,
        item.c.heading_path,
        item.c.paragraph,
        item.c.parent_id,
        item.c.code,
        item.c.themes,
        item.c.withdrawn,
    ).select_from(item.join(review, item.c.review_id == review.c.id))


def _item_view(row: Any) -> ItemView:
    values = dict(row._mapping)
    values["themes"] = str(values["themes"]).split()
    values["withdrawn"] = bool(values["withdrawn"])
    return ItemView(**values)


def review_items(engine: Engine, review_id: int) -> list[ItemView]:
    """The review's items in document order (paragraph, then the order they were found)."""
    item = tables.learning_item
    query = _item_select().where(item.c.review_id == review_id)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(item.c.paragraph, item.c.id)).all()
    return [_item_view(row) for row in rows]


def get_item(engine: Engine, item_id: int) -> ItemView:
    """The item with this id.

    Raises:
        NotFoundError: no such item.
    """
    with engine.connect() as conn:
        row = conn.execute(_item_select().where(tables.learning_item.c.id == item_id)).first()
    if row is None:
        raise NotFoundError(f"No learning item {item_id}.", hint="Search the library for it.")
    return _item_view(row)


def items_by_id(engine: Engine, item_ids: list[int]) -> list[ItemView]:
    """The items with these ids, in the order given (unknown ids are skipped)."""
    if not item_ids:
        return []
    with engine.connect() as conn:
        rows = conn.execute(_item_select().where(tables.learning_item.c.id.in_(item_ids))).all()
    found = {row.id: _item_view(row) for row in rows}
    return [found[i] for i in item_ids if i in found]


def practice_changes(engine: Engine, item_id: int) -> list[PracticeChange]:
    """The practice changes recorded against an item, oldest first."""
    change = tables.learning_practice_change
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(change).where(change.c.item_id == item_id).order_by(change.c.id)
        ).all()
    return [
        PracticeChange(r.id, r.item_id, r.description, r.recorded_by, r.recorded_at) for r in rows
    ]


def link_views(
    engine: Engine, *, item_id: int | None = None, rule_id: str | None = None
) -> list[LinkView]:
    """An item's or a rule's links (every status), with when each was decided."""
    link = tables.learning_rule_link
    query = sa.select(link).order_by(link.c.rule_id, link.c.item_id)
    if item_id is not None:
        query = query.where(link.c.item_id == item_id)
    if rule_id is not None:
        query = query.where(link.c.rule_id == rule_id)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        LinkView(
            RuleLink(r.item_id, r.rule_id, r.status, r.origin, r.score, r.decided_by),
            r.decided_at,
        )
        for r in rows
    ]


def _document_reviews(conn: Connection, document_id: int) -> list[ReviewView]:
    review = tables.learning_review
    query = _review_select().where(review.c.document_id == document_id)
    return [_review_view(row) for row in conn.execute(query.order_by(review.c.position))]


def document_summary(engine: Engine, document_id: int) -> DocumentSummary:
    """What the document yielded: its reviews, and its items counted by kind and by theme.

    Raises:
        NotFoundError: no such document.
    """
    doc, item = tables.learning_document, tables.learning_item
    with engine.connect() as conn:
        filename = conn.execute(
            sa.select(doc.c.filename).where(doc.c.id == document_id)
        ).scalar_one_or_none()
        if filename is None:
            raise NotFoundError(f"No document {document_id}.")
        reviews = _document_reviews(conn, document_id)
        rows = conn.execute(
            sa.select(item.c.kind, item.c.themes).where(
                item.c.review_id.in_([r.id for r in reviews])
            )
        ).all()
    summary = DocumentSummary(document_id, str(filename), reviews, items=len(rows))
    for row in rows:
        summary.kinds[row.kind] += 1
        summary.themes.update(str(row.themes).split())
    return summary


def rules_learning(engine: Engine) -> list[RuleLearning]:
    """Every rule with the codes it cites and its confirmed and suggested learning, by id."""
    link = tables.learning_rule_link
    with engine.connect() as conn:
        counts = conn.execute(
            sa.select(link.c.rule_id, link.c.status, sa.func.count()).group_by(
                link.c.rule_id, link.c.status
            )
        ).all()
    by_rule: dict[tuple[str, str], int] = {(r[0], r[1]): int(r[2]) for r in counts}
    return [
        RuleLearning(
            rule_id,
            codes,
            by_rule.get((rule_id, "confirmed"), 0),
            by_rule.get((rule_id, "suggested"), 0),
        )
        for rule_id, codes in sorted(rule_citations().items())
    ]


def pending_suggestions(engine: Engine) -> int:
    """How many suggested links await a person's decision."""
    link = tables.learning_rule_link
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(link.c.status == "suggested")
            ).scalar_one()
        )
