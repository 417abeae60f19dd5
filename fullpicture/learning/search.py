"""Search: full-text search (SQLite FTS5 with BM25; PostgreSQL tsvector with ts_rank) for
candidates, re-ranked by the similarity of their embeddings to the query's.

Each hit carries the item, its review and its place in the document (heading path and
paragraph). When the words of a query match nothing, the filtered items are ranked by
embedding similarity alone, so a query in other words than the reviews' still finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import LearningError
from fullpicture.learning import tables

CANDIDATES = 200
SEMANTIC_WEIGHT = 0.6
_SEMANTIC_SCAN_LIMIT = 20000
EMBED_ON_SEARCH = 30
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it of on or that the this to was were "
    "what when where which who why with how do does did not no".split()
)


@dataclass(frozen=True)
class Filters:
    """Optional filters on a search."""

    theme: str | None = None
    kind: str | None = None
    review_type: str | None = None
    year: int | None = None


@dataclass
class SearchHit:
    """One result: the item, its review, its place in the document, and its scores."""

    item_id: int
    kind: str
    text: str
    themes: list[str]
    addressee: str | None
    heading_path: str
    paragraph: int
    review_id: int
    review_title: str
    partnership: str | None
    year: int | None
    review_type: str
    filename: str
    score: float
    lexical: float
    semantic: float | None = None
    codes: list[str] = field(default_factory=list)


def query_terms(query: str) -> list[str]:
    """The words of a query worth matching (lower case, no stop words, no punctuation)."""
    words = re.findall(r"[\w']+", query.lower())
    return [w.strip("'") for w in words if w.strip("'") and w not in _STOPWORDS]


def _base_select() -> sa.Select[Any]:
    item, review, doc = tables.learning_item, tables.learning_review, tables.learning_document
    return sa.select(
        item.c.id,
        item.c.kind,
        item.c.text,
        item.c.themes,
        item.c.addressee,
        item.c.heading_path,
        item.c.paragraph,
        item.c.code,
        item.c.embedding,
        review.c.id.label("review_id"),
        review.c.title,
        review.c.partnership,
        review.c.year,
        review.c.review_type,
        doc.c.filename,
    ).select_from(
        item.join(review, item.c.review_id == review.c.id).join(
            doc, review.c.document_id == doc.c.id
        )
    )


def _filtered(query: sa.Select[Any], filters: Filters) -> sa.Select[Any]:
    item, review = tables.learning_item, tables.learning_review
    query = query.where(item.c.withdrawn == sa.false())  # a person said: not learning
    if filters.kind:
        query = query.where(item.c.kind == filters.kind)
    if filters.review_type:
        query = query.where(review.c.review_type == filters.review_type)
    if filters.year is not None:
        query = query.where(review.c.year == filters.year)
    if filters.theme:
        theme = tables.learning_item_theme
        query = query.where(
            sa.exists().where(theme.c.item_id == item.c.id, theme.c.theme == filters.theme)
        )
    return query


def _lexical(conn: Connection, terms: list[str], filters: Filters) -> list[tuple[Any, float]]:
    item = tables.learning_item
    if conn.dialect.name == "sqlite":
        match = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
        fts = sa.table("learning_item_fts", sa.column("rowid"))
        rank: sa.ColumnClause[float] = sa.literal_column("bm25(learning_item_fts, 1.0, 0.4)")
        query = (
            _base_select()
            .add_columns((-rank).label("rank"))
            .join(fts, fts.c.rowid == item.c.id)
            .where(sa.text("learning_item_fts MATCH :match").bindparams(match=match))
        )
    else:
        tsquery = sa.func.to_tsquery("english", " | ".join(re.sub(r"\W", "", t) for t in terms))
        vector: sa.ColumnClause[Any] = sa.literal_column("learning_item.search_vector")
        query = (
            _base_select()
            .add_columns(sa.func.ts_rank(vector, tsquery).label("rank"))
            .where(vector.op("@@")(tsquery))
        )
    query = _filtered(query, filters).order_by(sa.desc("rank")).limit(CANDIDATES)
    return [(row, float(row.rank)) for row in conn.execute(query)]


def _semantic_only(conn: Connection, filters: Filters) -> list[tuple[Any, float]]:
    item = tables.learning_item
    query = _filtered(_base_select(), filters).where(item.c.embedding.is_not(None))
    return [(row, 0.0) for row in conn.execute(query.limit(_SEMANTIC_SCAN_LIMIT))]


def _hit(row: Any, lexical: float, semantic: float | None, score: float) -> SearchHit:
    return SearchHit(
        item_id=row.id,
        kind=row.kind,
        text=row.text,
        themes=row.themes.split(),
        addressee=row.addressee,
        heading_path=row.heading_path,
        paragraph=row.paragraph,
        review_id=row.review_id,
        review_title=row.title,
        partnership=row.partnership,
        year=row.year,
        review_type=row.review_type,
        filename=row.filename,
        score=round(score, 4),
        lexical=round(lexical, 4),
        semantic=None if semantic is None else round(semantic, 4),
        codes=[row.code] if row.code else [],
    )


def _embed_missing(engine: Engine, candidates: list[tuple[Any, float]]) -> dict[int, bytes]:
    """Embed (and store) the best candidates that have no embedding yet, at most
    :data:`EMBED_ON_SEARCH` of them, so a library imported with ``--no-embed`` fills in as it
    is searched."""
    from fullpicture.learning.embedding import encoder, to_bytes

    missing = [row for row, _ in candidates if row.embedding is None][:EMBED_ON_SEARCH]
    if not missing:
        return {}
    vectors = encoder().encode([row.text for row in missing])
    found = {row.id: to_bytes(v) for row, v in zip(missing, vectors, strict=True)}
    item = tables.learning_item
    with engine.begin() as conn:
        conn.execute(
            item.update().where(item.c.id == sa.bindparam("item_id")),
            [{"item_id": k, "embedding": v} for k, v in found.items()],
        )
    return found


def _rerank(
    query: str, candidates: list[tuple[Any, float]], fresh: dict[int, bytes], *, rerank: bool
) -> list[SearchHit]:
    top = max((lex for _, lex in candidates), default=0.0) or 1.0
    semantic: list[float | None] = [None] * len(candidates)
    if rerank and candidates:
        from fullpicture.learning.embedding import encoder, from_bytes

        vector = encoder().encode([query])[0]
        stored = [row.embedding or fresh.get(row.id) for row, _ in candidates]
        semantic = [float(np.dot(from_bytes(data), vector)) if data else None for data in stored]
    hits = []
    for (row, lexical), sim in zip(candidates, semantic, strict=True):
        normalised = lexical / top
        score = (
            normalised
            if sim is None
            else (1 - SEMANTIC_WEIGHT) * normalised + SEMANTIC_WEIGHT * sim
        )
        hits.append(_hit(row, lexical, sim, score))
    return sorted(hits, key=lambda hit: -hit.score)


def search(
    engine: Engine,
    query: str,
    *,
    filters: Filters | None = None,
    limit: int = 10,
    rerank: bool = True,
) -> list[SearchHit]:
    """Search the library.

    Args:
        engine: the store.
        query: words to look for ("return home interviews after missing episodes").
        filters: theme, item kind, review type and year to keep.
        limit: how many hits to return.
        rerank: re-rank the full-text candidates by embedding similarity.

    Returns:
        The best hits first.

    Raises:
        LearningError: the query has no words to search for.
    """
    terms = query_terms(query)
    if not terms:
        raise LearningError(
            f"Nothing to search for in {query!r}.", hint='Give some words, e.g. "missing".'
        )
    filters = filters or Filters()
    with engine.connect() as conn:
        candidates = _lexical(conn, terms, filters)
        if not candidates and rerank:
            candidates = _semantic_only(conn, filters)
    fresh = _embed_missing(engine, candidates) if rerank else {}
    return _rerank(query, candidates, fresh, rerank=rerank)[:limit]
