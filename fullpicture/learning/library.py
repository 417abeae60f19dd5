"""Importing review documents into the library: read, structure, extract, store.

Re-importing a document whose bytes are already stored (same sha256) does nothing and says so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import FullpictureError
from fullpicture.learning import tables
from fullpicture.learning.documents import RawDocument, read_document
from fullpicture.learning.extract import (
    ExtractedItem,
    apply_theme_model,
    extract_items,
    review_context,
    section_kind,
)
from fullpicture.learning.furniture import document_furniture
from fullpicture.learning.metadata import (
    ReviewMetadata,
    detect_type,
    extract_metadata,
    find_partnership,
)
from fullpicture.learning.review_themes import cover_lines
from fullpicture.learning.sections import Segment, place_blocks, split_reviews
from fullpicture.learning.theme_model import ThemeModel, shipped_model
from fullpicture.learning.theme_options import DEFAULT_OPTIONS, ThemeOptions
from fullpicture.learning.themes import lexical_themes

if TYPE_CHECKING:
    from fullpicture.learning.embedding import Vector


@dataclass
class ParsedReview:
    """One review's metadata and learning items."""

    metadata: ReviewMetadata
    items: list[ExtractedItem]


@dataclass
class ParsedDocument:
    """A document read and structured, not yet stored."""

    raw: RawDocument
    reviews: list[ParsedReview]


@dataclass
class ImportResult:
    """What importing one document did."""

    path: Path
    sha256: str
    document_id: int
    reviews: int
    items: int
    already_imported: bool


def _texts(segment_blocks: Sequence[object]) -> list[str]:
    return [placed.block.text for placed in segment_blocks]  # type: ignore[attr-defined]


_TITLE_WORDS = re.compile(
    r"review|briefing|bulletin|learning|audit|inquiry|analysis|lessons|case|child|baby", re.I
)


# A labelled line set as a heading ("Published: May 2024", "Author: ..."), not a title
_LABEL = re.compile(
    r"^(?:published|date|dated|issued|updated|version|author|authors|partnership|board|"
    r"reviewer|lead reviewer|status|contents|classification)\b[^:]{0,12}:",
    re.IGNORECASE,
)


def choose_title(segment: Segment) -> str:
    """The review's title: a case heading, else the first early heading that reads like a
    review's title (not the partnership's name or a date line)."""
    headings = [p.block.text for p in segment.blocks[:12] if p.block.heading]
    if segment.is_case or (segment.title in headings[:1] and detect_type(segment.title)):
        return segment.title
    for heading in headings:
        if (
            _TITLE_WORDS.search(heading)
            and not find_partnership([heading])
            and not _LABEL.match(heading)
        ):
            return heading
    return segment.title or (headings[0] if headings else "Untitled review")


def parse_segment(
    segment: Segment,
    options: ThemeOptions = DEFAULT_OPTIONS,
    furniture: Callable[[], list[str]] | None = None,
    model: ThemeModel | None = None,
    dense: bool = True,
) -> ParsedReview:
    """Metadata and items of one review segment (``options``: the measured theme choices, see
    :mod:`fullpicture.learning.theme_options`; ``furniture``: the document's running headers
    and footers, read on demand for a partnership or date the text does not give; ``model``:
    a learned theme model applied after the rules, see
    :mod:`fullpicture.learning.theme_model`; ``dense``: whether its dense part may compute the
    items' sentence embeddings)."""
    title = choose_title(segment)
    meta = extract_metadata(title, _texts(segment.blocks), _texts(segment.preamble), furniture)
    intro = [
        placed.block.text
        for placed in segment.blocks
        if not placed.block.heading and section_kind(placed.path) is None
    ]
    context = review_context(title, intro, meta.child_age, meta.child_pseudonym)
    cover = lexical_themes(" ".join(cover_lines(_texts(segment.blocks), title)))
    context = replace(context, title_themes=context.title_themes | frozenset(cover))
    items = extract_items(segment.blocks, context, options)
    if model is not None:
        apply_theme_model(items, model, dense=dense)
    return ParsedReview(meta, items)


def parse_document(
    path: Path,
    options: ThemeOptions = DEFAULT_OPTIONS,
    learned: ThemeModel | bool = True,
    *,
    dense: bool = True,
) -> ParsedDocument:
    """Read, structure and extract a review document without storing it (``options``,
    ``learned`` and ``dense`` as for :func:`parse_raw`).

    Raises:
        LearningError: the document cannot be read.
    """
    return parse_raw(read_document(path), options, learned, dense=dense)


def parse_raw(
    raw: RawDocument,
    options: ThemeOptions = DEFAULT_OPTIONS,
    learned: ThemeModel | bool = True,
    *,
    dense: bool = True,
) -> ParsedDocument:
    """Structure and extract a document already read (the evaluation reads each once and
    extracts it under several :class:`ThemeOptions`).

    ``learned``: the learned theme model to apply after the phrase rules (True: the shipped
    one, :func:`fullpicture.learning.theme_model.shipped_model`; False: the rules alone).
    ``dense``: whether the model's dense part computes the items' sentence embeddings (False:
    its sparse part alone, as an import without embeddings does)."""
    model = learned if isinstance(learned, ThemeModel) else (shipped_model() if learned else None)
    segments = split_reviews(place_blocks(raw.blocks))
    furniture = cache(partial(document_furniture, raw))  # read once, and only if needed
    return ParsedDocument(
        raw,
        [parse_segment(segment, options, furniture, model, dense) for segment in segments],
    )


def _store_review(
    conn: Connection, document_id: int, position: int, review: ParsedReview
) -> list[int]:
    meta = review.metadata
    review_id = tables.inserted_id(
        conn.execute(
            tables.learning_review.insert().values(
                document_id=document_id,
                position=position,
                title=meta.title[:512],
                partnership=meta.partnership,
                review_date=meta.review_date,
                year=meta.year,
                review_type=meta.review_type,
                child_pseudonym=meta.child_pseudonym,
                child_age=meta.child_age,
                child_sex=meta.child_sex,
                agencies=json.dumps(meta.agencies),
            )
        )
    )
    return store_items(conn, review_id, review.items)


def store_items(
    conn: Connection,
    review_id: int,
    items: list[ExtractedItem],
    codes: list[str | None] | None = None,
) -> list[int]:
    """Insert a review's items and their themes; return the new item ids in order.

    Items go in as one batch (their ids come back in order), then each recommendation is
    pointed at the finding it follows.
    """
    if not items:
        return []
    item = tables.learning_item
    rows = [
        {
            "review_id": review_id,
            "kind": entry.kind,
            "text": entry.text,
            "addressee": entry.addressee[:256] if entry.addressee else None,
            "heading_path": entry.heading_path,
            "paragraph": entry.paragraph,
            "code": codes[index] if codes else None,
            "themes": " ".join(entry.themes),
        }
        for index, entry in enumerate(items)
    ]
    result = conn.execute(item.insert().returning(item.c.id, sort_by_parameter_order=True), rows)
    ids = [int(row.id) for row in result]
    parents = [
        {"item_id": ids[index], "parent": ids[entry.parent]}
        for index, entry in enumerate(items)
        if entry.parent is not None and entry.parent < len(ids)
    ]
    if parents:
        conn.execute(
            item.update()
            .where(item.c.id == sa.bindparam("item_id"))
            .values(parent_id=sa.bindparam("parent")),
            parents,
        )
    themes = [
        {"item_id": item_id, "theme": theme}
        for item_id, entry in zip(ids, items, strict=True)
        for theme in entry.themes
    ]
    if themes:
        conn.execute(tables.learning_item_theme.insert(), themes)
    return ids


def embed_items(engine: Engine, item_ids: list[int] | None = None) -> int:
    """Compute and store embeddings for items that have none (or for ``item_ids``).

    Returns:
        How many items were embedded.
    """
    from fullpicture.learning.embedding import encoder

    item = tables.learning_item
    query = sa.select(item.c.id, item.c.text, item.c.heading_path)
    if item_ids is None:
        query = query.where(item.c.embedding.is_(None))
    else:
        query = query.where(item.c.id.in_(item_ids))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return 0
    vectors = encoder().encode([row.text for row in rows])
    store_embeddings(engine, dict(zip((int(row.id) for row in rows), vectors, strict=True)))
    return len(rows)


def store_embeddings(engine: Engine, vectors: dict[int, Vector]) -> None:
    """Store embeddings already computed, by item id."""
    from fullpicture.learning.embedding import to_bytes

    if not vectors:
        return
    item = tables.learning_item
    with engine.begin() as conn:
        conn.execute(
            item.update().where(item.c.id == sa.bindparam("item_id")),
            [{"item_id": item_id, "embedding": to_bytes(v)} for item_id, v in vectors.items()],
        )


def _existing(conn: Connection, sha256: str) -> int | None:
    doc = tables.learning_document
    return conn.execute(sa.select(doc.c.id).where(doc.c.sha256 == sha256)).scalar_one_or_none()


def import_document(
    engine: Engine, path: Path, *, imported_by: str = "cli", embed: bool = True
) -> ImportResult:
    """Import one review document into the library.

    Args:
        engine: the store.
        path: the document (PDF, DOCX, HTML, Markdown or text).
        imported_by: who imported it (recorded on the document).
        embed: compute and store the items' embeddings now (search re-ranks with them); the
            theme model's dense part uses them while parsing and they are stored as they are,
            not encoded again. Without them the theme model's sparse part alone gives the
            themes.

    Returns:
        What was stored; ``already_imported`` when the same bytes were imported before.

    Raises:
        LearningError: the document cannot be read.
    """
    parsed = parse_document(path, dense=embed)
    raw = parsed.raw
    with engine.begin() as conn:
        if (existing := _existing(conn, raw.sha256)) is not None:
            return _summary(conn, path, raw.sha256, existing)
        document_id = tables.inserted_id(
            conn.execute(
                tables.learning_document.insert().values(
                    sha256=raw.sha256,
                    filename=path.name[:512],
                    format=raw.format,
                    characters=raw.characters,
                    imported_by=imported_by,
                    imported_at=datetime.now(UTC),
                )
            )
        )
        item_ids: list[int] = []
        for position, review in enumerate(parsed.reviews, start=1):
            item_ids += _store_review(conn, document_id, position, review)
    if embed and item_ids:
        items = [item for review in parsed.reviews for item in review.items]
        known = {
            item_id: item.embedding
            for item_id, item in zip(item_ids, items, strict=True)
            if item.embedding is not None
        }
        store_embeddings(engine, known)
        if len(known) < len(item_ids):
            embed_items(engine, [i for i in item_ids if i not in known])
    return ImportResult(path, raw.sha256, document_id, len(parsed.reviews), len(item_ids), False)


def _summary(conn: Connection, path: Path, sha256: str, document_id: int) -> ImportResult:
    review, item = tables.learning_review, tables.learning_item
    reviews = conn.execute(
        sa.select(sa.func.count()).where(review.c.document_id == document_id)
    ).scalar_one()
    items = conn.execute(
        sa.select(sa.func.count())
        .select_from(item.join(review, item.c.review_id == review.c.id))
        .where(review.c.document_id == document_id)
    ).scalar_one()
    return ImportResult(path, sha256, document_id, reviews, items, True)


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files named directly, plus the supported documents inside any folder named."""
    from fullpicture.learning.documents import FORMATS

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in FORMATS)
        else:
            found.append(path)
    return found


@dataclass(frozen=True)
class ImportFailure:
    """A document that could not be imported: what is wrong and what to do."""

    path: Path
    message: str
    hint: str | None


# Files a folder of documents holds that are nobody's document: the desktop's own, and the
# lock files Word leaves beside a document that is open ("~$review.docx").
_DESKTOP_FILES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})


def _is_document_candidate(path: Path, folder: Path) -> bool:
    inside = path.relative_to(folder).parts
    if any(part.startswith(".") for part in inside) or path.name.startswith("~$"):
        return False
    return path.is_file() and path.name.lower() not in _DESKTOP_FILES


def folder_files(paths: Sequence[Path]) -> list[Path]:
    """Files named directly, plus every file inside any folder named (hidden files, Word's
    lock files and the desktop's own left out). Unlike :func:`expand_paths`, a file of a type
    the library cannot read is kept, so that importing it says so rather than passing it over."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if _is_document_candidate(p, path))
        else:
            found.append(path)
    return found


def import_each(
    engine: Engine,
    paths: Sequence[Path],
    *,
    imported_by: str = "cli",
    embed: bool = True,
    done: Callable[[Path], None] | None = None,
) -> tuple[list[ImportResult], list[ImportFailure]]:
    """Import every document named or inside a folder named, each on its own: a document
    that cannot be read (damaged, scanned without text, of an unsupported type) is reported
    with its reason and the others are still imported.

    Args:
        engine: the store.
        paths: documents and folders of them.
        imported_by: who is importing, recorded with each document.
        embed: whether to compute the items' embeddings.
        done: called with each path once it has been tried (for progress).

    Returns:
        What importing each readable document did, and each document that failed.
    """
    results: list[ImportResult] = []
    failures: list[ImportFailure] = []
    for path in folder_files(paths):
        try:
            results.append(import_document(engine, path, imported_by=imported_by, embed=embed))
        except FullpictureError as exc:
            failures.append(ImportFailure(path, exc.message, exc.hint))
        if done is not None:
            done(path)
    return results, failures


def import_documents(
    engine: Engine, paths: Sequence[Path], *, imported_by: str = "cli", embed: bool = True
) -> list[ImportResult]:
    """Import several documents (folders are searched for supported files)."""
    return [
        import_document(engine, path, imported_by=imported_by, embed=embed)
        for path in expand_paths(paths)
    ]


def list_reviews(engine: Engine) -> list[dict[str, object]]:
    """Every review in the library with its metadata, document and item count."""
    review, doc, item = tables.learning_review, tables.learning_document, tables.learning_item
    count = (
        sa.select(sa.func.count())
        .where(item.c.review_id == review.c.id, item.c.withdrawn == sa.false())
        .correlate(review)
        .scalar_subquery()
    )
    query = (
        sa.select(review, doc.c.filename, doc.c.format, count.label("items"))
        .select_from(review.join(doc, review.c.document_id == doc.c.id))
        .order_by(review.c.year, review.c.id)
    )
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        row["agencies"] = json.loads(str(row["agencies"]))
    return rows
