"""Learning library benchmarks: importing a 100-page review, and searching 1,000 reviews.

The documents are generated here from templates (synthetic text). For the search corpus the
stored item vectors are random unit vectors (embedding 10,000 items with the model would take
minutes and does not change the cost of a search); the query itself is embedded by the real
model, and the full-text step runs on the real FTS5 index.
"""

from __future__ import annotations

import random
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pypdfium2
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from benchmarks.harness import Result, timed
from fullpicture.learning import tables
from fullpicture.learning.embedding import encoder
from fullpicture.learning.extract import ExtractedItem
from fullpicture.learning.library import embed_items, import_document, store_items
from fullpicture.learning.search import search
from fullpicture.store.database import open_store

AREA = "learning"
_TOPICS = [
    "return home interviews after missing episodes",
    "the father was not included in the pre-birth assessment",
    "information was not shared between the school and the police",
    "neglect was seen as separate incidents rather than a pattern",
    "the child's wishes were not recorded before the placement move",
    "criminal exploitation linked to exclusion from school",
    "supervision did not challenge drift in the plan",
    "domestic abuse known to MARAC was not shared with the conference",
]
_WORDS_PER_PAGE = 320


def _section(n: int, rng: random.Random) -> str:
    topic = rng.choice(_TOPICS)
    filler = " ".join(rng.choice(_TOPICS) for _ in range(6))
    return (
        f"Finding {n}: In this case {topic}\n\n"
        f"Professionals involved noted that {filler}.\n\n"
        f"Recommendation {n}: The Partnership should make sure that {rng.choice(_TOPICS)}\n"
        "is reviewed every quarter.\n\n"
        f"Key learning\n\u2022 Practitioners learned that {rng.choice(_TOPICS)} and\n"
        f"  that {rng.choice(_TOPICS)}.\n\u2022 {rng.choice(_TOPICS).capitalize()}.\n\n"
    )


def make_long_review(path: Path, pages: int, seed: int = 1) -> Path:
    """Write a plain-text review of about ``pages`` pages of 320 words."""
    rng = random.Random(seed)
    parts = [
        "Greyhollow Safeguarding Children Partnership\n\n",
        "Child Safeguarding Practice Review: Child Z\n\nPublished: 3 May 2024\n\n",
    ]
    words, n = 0, 0
    while words < pages * _WORDS_PER_PAGE:
        n += 1
        section = _section(n, rng)
        parts.append(section)
        words += len(section.split())
    path.write_text("".join(parts), encoding="utf-8")
    return path


def make_long_pdf(text_review: Path, path: Path) -> Path:
    """Typeset a plain-text review as a PDF (headings larger, bullets as list items)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story: list[object] = []
    for block in text_review.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("Finding") or lines[0] == "Key learning":
            story.append(Paragraph(lines.pop(0), styles["Heading3"]))
        for bullet in " ".join(lines).split("\u2022"):
            if bullet.strip() and "\u2022" in block:
                story.append(
                    ListFlowable([ListItem(Paragraph(bullet.strip(), styles["BodyText"]))])
                )
            elif bullet.strip():
                story.append(Paragraph(bullet.strip(), styles["BodyText"]))
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


def _fill_library(engine: Engine, reviews: int, seed: int = 2) -> int:
    rng = random.Random(seed)
    vectors = np.random.default_rng(seed)
    items_total = 0
    with engine.begin() as conn:
        doc_id = tables.inserted_id(
            conn.execute(
                tables.learning_document.insert().values(
                    sha256="bench",
                    filename="bench",
                    format="text",
                    characters=0,
                    imported_by="bench",
                    imported_at=datetime.now(UTC),
                )
            )
        )
        for r in range(reviews):
            review_id = tables.inserted_id(
                conn.execute(
                    tables.learning_review.insert().values(
                        document_id=doc_id,
                        position=r,
                        title=f"Review {r}",
                        year=2012 + r % 13,
                        review_type="serious_case_review",
                        agencies="[]",
                    )
                )
            )
            items = [
                ExtractedItem(
                    rng.choice(["finding", "recommendation", "key_learning"]),
                    f"{rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}",
                    "Findings",
                    i,
                )
                for i in range(10)
            ]
            ids = store_items(conn, review_id, items)
            unit = vectors.normal(size=(len(ids), 384)).astype(np.float32)
            unit /= np.linalg.norm(unit, axis=1, keepdims=True)
            conn.execute(
                tables.learning_item.update().where(
                    tables.learning_item.c.id == sa.bindparam("item_id")
                ),
                [{"item_id": i, "embedding": v.tobytes()} for i, v in zip(ids, unit, strict=True)],
            )
            items_total += len(ids)
    return items_total


def _bench_import_text(engine: Engine, folder: Path, pages: int) -> Result:
    doc = make_long_review(folder / "long-review.txt", pages)
    with timed() as elapsed:
        imported = import_document(engine, doc, embed=False)
    return Result(
        AREA,
        "import_long_review",
        round(elapsed(), 3),
        "s",
        "<= 5 s for 100 pages",
        f"{pages} pages of text, {imported.items} items",
        "read, structure, extract, store and index; embeddings measured apart",
    )


def _bench_embed(engine: Engine) -> Result:
    with timed() as elapsed:
        embedded = embed_items(engine)
    return Result(
        AREA,
        "embed_items",
        round(1000 * elapsed() / max(embedded, 1), 1),
        "ms per item",
        "",
        f"{embedded} items of the long review",
        "ONNX int8 MiniLM on CPU, one thread; model preloaded",
    )


def _bench_import_embedded(engine: Engine, folder: Path, pages: int) -> Result:
    # The CLI's default: the items' embeddings are computed while parsing (the theme model's
    # dense part uses them) and stored for search. The generated review repeats its sentences,
    # so the number of distinct texts (each encoded once) is reported beside the items.
    doc = make_long_review(folder / "long-review-embedded.txt", pages, seed=5)
    with timed() as elapsed:
        imported = import_document(engine, doc)
    with engine.connect() as conn:
        distinct = conn.execute(
            sa.select(sa.func.count(sa.distinct(tables.learning_item.c.text)))
            .select_from(tables.learning_item.join(tables.learning_review))
            .where(tables.learning_review.c.document_id == imported.document_id)
        ).scalar_one()
    return Result(
        AREA,
        "import_long_review_embedded",
        round(elapsed(), 3),
        "s",
        "",
        f"{pages} pages of text, {imported.items} items, {distinct} distinct texts",
        "as import_long_review, with embeddings computed for the theme model and search",
    )


def _bench_import_pdf(engine: Engine, folder: Path, pages: int) -> Result:
    # Typeset text runs denser than 320 words a page, so start from more text to reach the
    # page count; the figure reports the PDF's real number of pages.
    source = make_long_review(folder / "long-review-for-pdf.txt", int(pages * 1.35), seed=3)
    pdf = make_long_pdf(source, folder / "long-review.pdf")
    with timed() as elapsed:
        imported = import_document(engine, pdf, embed=False)
    return Result(
        AREA,
        "import_long_review_pdf",
        round(elapsed(), 3),
        "s",
        "<= 5 s for 100 pages",
        f"{len(pypdfium2.PdfDocument(pdf))} PDF pages, {imported.items} items",
        "a review typeset as PDF with reportlab; embeddings measured apart",
    )


def _bench_search(engine: Engine, reviews: int) -> Result:
    items = _fill_library(engine, reviews)
    timings = []
    for query in ["missing return interviews", "fathers in assessment", "information sharing"]:
        for _ in range(3):
            with timed() as elapsed:
                hits = search(engine, query)
            timings.append(elapsed())
    return Result(
        AREA,
        "search_library",
        round(statistics.median(timings) * 1000, 1),
        "ms",
        "<= 300 ms over 1,000 reviews",
        f"{reviews} reviews, {items} items",
        f"median of {len(timings)} searches, FTS5 + re-rank; {len(hits)} hits",
    )


def run(quick: bool) -> list[Result]:
    """Measure import of a long review (text and PDF), embedding, and search over a library."""
    pages = 20 if quick else 100
    reviews = 100 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(f"sqlite:///{tmp}/bench.db")
        encoder()  # load the model once, as a running service would have it loaded
        results = [_bench_import_text(engine, Path(tmp), pages), _bench_embed(engine)]
        results.append(_bench_import_embedded(engine, Path(tmp), pages))
        results.append(_bench_import_pdf(engine, Path(tmp), pages))
        results.append(_bench_search(engine, reviews))
        engine.dispose()
    return results
