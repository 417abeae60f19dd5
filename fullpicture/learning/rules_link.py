"""Learning and rules, linked.

The learning catalogue (``data/catalogue.toml``) is loaded into the library as its own items,
one per catalogue code. Each rule cites catalogue codes; those citations become confirmed links
between the catalogue items and the rule. Imported learning items are *suggested* as support
for rules by embedding similarity to the rules' catalogue items, and a person confirms or
rejects each suggestion. Learning that no rule and no recorded practice change implements is
the gap list.
"""

from __future__ import annotations

import hashlib
import importlib
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import LearningError, NotFoundError
from fullpicture.learning import tables
from fullpicture.learning.extract import ExtractedItem
from fullpicture.learning.themes import assign_themes

CATALOGUE_FILENAME = "learning-catalogue"
GAP_KINDS = ("finding", "recommendation", "key_learning")


@dataclass(frozen=True)
class CatalogueEntry:
    """One catalogue entry: code, section, the learning, its sources and the rule it implies."""

    code: str
    section: str
    learning: str
    sources: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class RuleLink:
    """A link between a learning item and a rule."""

    item_id: int
    rule_id: str
    status: str
    origin: str
    score: float | None
    decided_by: str | None


def _catalogue_text() -> str:
    return (
        resources.files("fullpicture.learning").joinpath("data/catalogue.toml").read_text("utf-8")
    )


def catalogue() -> tuple[dict[str, str], list[CatalogueEntry]]:
    """The catalogue's sources (code to citation) and entries, in catalogue order."""
    raw = tomllib.loads(_catalogue_text())
    entries = [
        CatalogueEntry(e["code"], e["section"], e["learning"], tuple(e["sources"]), e["rule"])
        for e in raw["entry"]
    ]
    return dict(raw["sources"]), entries


def rule_citations() -> dict[str, list[str]]:
    """Each rule's id and the catalogue codes it cites.

    The rules package's library (``fullpicture.rules.library.ALL_RULES``: each rule has an
    ``id``, the catalogue ``code`` it implements and ``citations`` with catalogue codes) is used
    when it is installed; without it each catalogue entry stands for the rule it implies, with
    the catalogue code as the rule id.
    """
    try:
        rules = importlib.import_module("fullpicture.rules.library").ALL_RULES
    except (ImportError, AttributeError):
        return {entry.code: [entry.code] for entry in catalogue()[1]}
    cited: dict[str, list[str]] = {}
    for rule in rules:
        codes = {str(rule.code), *(str(citation.code) for citation in rule.citations)}
        cited[str(rule.id)] = sorted(codes)
    return cited


def _catalogue_item(entry: CatalogueEntry) -> ExtractedItem:
    text = entry.learning
    return ExtractedItem(
        kind="key_learning",
        text=text,
        heading_path=f"{entry.section} > {entry.code}",
        paragraph=0,
        themes=assign_themes(text + " " + entry.rule),
    )


def load_catalogue(engine: Engine, *, embed: bool = True) -> int:
    """Load the catalogue into the library (once per catalogue version) and record each rule's
    citations as confirmed links. Returns the catalogue's document id."""
    from fullpicture.learning.library import embed_items, store_items

    text = _catalogue_text()
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = tables.learning_document
    with engine.begin() as conn:
        existing = conn.execute(sa.select(doc.c.id).where(doc.c.sha256 == sha256)).scalar()
        if existing is not None:
            _record_citations(conn)
            return int(existing)
        _, entries = catalogue()
        document_id = tables.inserted_id(
            conn.execute(
                doc.insert().values(
                    sha256=sha256,
                    filename=CATALOGUE_FILENAME,
                    format="catalogue",
                    characters=len(text),
                    imported_by="fullpicture",
                    imported_at=datetime.now(UTC),
                )
            )
        )
        review_id = tables.inserted_id(
            conn.execute(
                tables.learning_review.insert().values(
                    document_id=document_id,
                    position=1,
                    title="Learning catalogue: the learning behind the rules",
                    review_type="catalogue",
                    agencies="[]",
                )
            )
        )
        ids = store_items(
            conn, review_id, [_catalogue_item(e) for e in entries], [e.code for e in entries]
        )
        _record_citations(conn)
    if embed:
        embed_items(engine, ids)
    return int(document_id)


def _catalogue_item_ids(conn: Connection) -> dict[str, int]:
    item, review = tables.learning_item, tables.learning_review
    rows = conn.execute(
        sa.select(item.c.code, item.c.id)
        .select_from(item.join(review, item.c.review_id == review.c.id))
        .where(review.c.review_type == "catalogue", item.c.code.is_not(None))
    ).all()
    return {row.code: row.id for row in rows}


def _record_citations(conn: Connection) -> None:
    by_code = _catalogue_item_ids(conn)
    for rule_id, codes in rule_citations().items():
        for code in codes:
            if code in by_code:
                _upsert_link(
                    conn, by_code[code], rule_id, "confirmed", "citation", None, "rule metadata"
                )


def _upsert_link(
    conn: Connection,
    item_id: int,
    rule_id: str,
    status: str,
    origin: str,
    score: float | None,
    by: str | None,
) -> None:
    link = tables.learning_rule_link
    current = conn.execute(
        sa.select(link.c.id, link.c.status).where(
            link.c.item_id == item_id, link.c.rule_id == rule_id
        )
    ).first()
    values: dict[str, Any] = {
        "status": status,
        "origin": origin,
        "score": score,
        "decided_by": by,
        "decided_at": datetime.now(UTC) if by else None,
    }
    if current is None:
        conn.execute(link.insert().values(item_id=item_id, rule_id=rule_id, **values))
    elif status != "suggested" or current.status == "suggested":
        # A suggestion never overwrites a person's decision or a rule's own citation.
        conn.execute(link.update().where(link.c.id == current.id).values(**values))


def _vectors(conn: Connection, where: Any) -> tuple[list[int], np.ndarray[Any, Any]]:
    from fullpicture.learning.embedding import DIMENSIONS, from_bytes

    item, review = tables.learning_item, tables.learning_review
    rows = conn.execute(
        sa.select(item.c.id, item.c.embedding)
        .select_from(item.join(review, item.c.review_id == review.c.id))
        .where(where, item.c.embedding.is_not(None), item.c.withdrawn == sa.false())
    ).all()
    if not rows:
        return [], np.zeros((0, DIMENSIONS), dtype=np.float32)
    return [r.id for r in rows], np.vstack([from_bytes(r.embedding) for r in rows])


def suggest(engine: Engine, *, threshold: float = 0.45, per_item: int = 2) -> list[RuleLink]:
    """Suggest rules that imported learning items support, by similarity to the rules'
    catalogue learning; existing decisions are kept. Returns the suggestions made now."""
    from fullpicture.learning.library import embed_items

    load_catalogue(engine)
    embed_items(engine)
    review = tables.learning_review
    with engine.connect() as conn:
        by_code = _catalogue_item_ids(conn)
        cat_ids, cat_vectors = _vectors(conn, review.c.review_type == "catalogue")
        item_ids, vectors = _vectors(conn, review.c.review_type != "catalogue")
    if not cat_ids or not item_ids:
        return []
    code_of = {item_id: code for code, item_id in by_code.items()}
    rules_of_code: dict[str, list[str]] = defaultdict(list)
    for rule_id, codes in rule_citations().items():
        for code in codes:
            rules_of_code[code].append(rule_id)
    similarity = vectors @ cat_vectors.T
    made: list[RuleLink] = []
    with engine.begin() as conn:
        for row, item_id in enumerate(item_ids):
            best: dict[str, float] = {}
            for column in np.argsort(-similarity[row])[: per_item * 2]:
                score = float(similarity[row, column])
                if score < threshold:
                    break
                for rule_id in rules_of_code.get(code_of.get(cat_ids[column], ""), []):
                    best[rule_id] = max(best.get(rule_id, 0.0), score)
            for rule_id, score in sorted(best.items(), key=lambda kv: -kv[1])[:per_item]:
                _upsert_link(
                    conn, item_id, rule_id, "suggested", "similarity", round(score, 4), None
                )
                made.append(RuleLink(item_id, rule_id, "suggested", "similarity", score, None))
    return made


def _require_item(conn: Connection, item_id: int) -> None:
    item = tables.learning_item
    if conn.execute(sa.select(item.c.id).where(item.c.id == item_id)).first() is None:
        raise NotFoundError(
            f"No learning item {item_id}.", hint="Find item ids with `fullpicture learning search`."
        )


def decide(
    engine: Engine, item_id: int, rule_id: str, *, by: str, confirm: bool = True
) -> RuleLink:
    """Record a person's decision that an item does (or does not) support a rule.

    Raises:
        NotFoundError: no such item.
        LearningError: the rule id is unknown.
    """
    if rule_id not in rule_citations():
        raise LearningError(
            f"Unknown rule {rule_id!r}.",
            hint="Rule ids are listed by `fullpicture learning rules`.",
        )
    status = "confirmed" if confirm else "rejected"
    with engine.begin() as conn:
        _require_item(conn, item_id)
        _upsert_link(conn, item_id, rule_id, status, "person", None, by)
    return RuleLink(item_id, rule_id, status, "person", None, by)


def links(
    engine: Engine,
    *,
    rule_id: str | None = None,
    item_id: int | None = None,
    status: str | None = None,
) -> list[RuleLink]:
    """Links, filtered by rule, item or status."""
    link = tables.learning_rule_link
    query = sa.select(link).order_by(link.c.rule_id, link.c.item_id)
    if rule_id is not None:
        query = query.where(link.c.rule_id == rule_id)
    if item_id is not None:
        query = query.where(link.c.item_id == item_id)
    if status is not None:
        query = query.where(link.c.status == status)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [RuleLink(r.item_id, r.rule_id, r.status, r.origin, r.score, r.decided_by) for r in rows]


def learning_for_rule(engine: Engine, rule_id: str) -> list[int]:
    """The items behind a rule: its citations and confirmed suggestions."""
    return [link.item_id for link in links(engine, rule_id=rule_id, status="confirmed")]


def rules_for_item(engine: Engine, item_id: int) -> list[str]:
    """The rules that implement an item (confirmed links only)."""
    return [link.rule_id for link in links(engine, item_id=item_id, status="confirmed")]


def record_practice_change(engine: Engine, item_id: int, description: str, *, by: str) -> int:
    """Record a change in practice or systems that implements an item; returns its id."""
    if not description.strip():
        raise LearningError("A practice change needs a description.", hint="Say what changed.")
    with engine.begin() as conn:
        _require_item(conn, item_id)
        return int(
            tables.inserted_id(
                conn.execute(
                    tables.learning_practice_change.insert().values(
                        item_id=item_id,
                        description=description.strip(),
                        recorded_by=by,
                        recorded_at=datetime.now(UTC),
                    )
                )
            )
        )


def gaps(engine: Engine) -> list[dict[str, Any]]:
    """Learning (findings, recommendations, key learning) that no rule and no recorded
    practice change implements, oldest review first."""
    item, review = tables.learning_item, tables.learning_review
    link, change = tables.learning_rule_link, tables.learning_practice_change
    linked = sa.select(link.c.item_id).where(link.c.status == "confirmed")
    changed = sa.select(change.c.item_id)
    query = (
        sa.select(
            item.c.id,
            item.c.kind,
            item.c.text,
            item.c.themes,
            item.c.code,
            review.c.title,
            review.c.year,
            review.c.review_type,
        )
        .select_from(item.join(review, item.c.review_id == review.c.id))
        .where(
            item.c.kind.in_(GAP_KINDS),
            item.c.withdrawn == sa.false(),
            item.c.id.not_in(linked),
            item.c.id.not_in(changed),
        )
        .order_by(review.c.year, item.c.id)
    )
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
