"""Import into the store: idempotent re-import, on both backends."""

from pathlib import Path

import sqlalchemy as sa

from fullpicture.learning import tables
from fullpicture.learning.library import import_document, import_documents, import_each


def test_should_not_duplicate_a_document_imported_twice(store_url, sample_text_review):
    from fullpicture.store.database import open_store

    engine = open_store(store_url)
    first = import_document(engine, sample_text_review, embed=False)
    second = import_document(engine, sample_text_review, embed=False)
    assert not first.already_imported and second.already_imported
    assert (second.reviews, second.items) == (first.reviews, first.items) == (1, 3)
    with engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(tables.learning_item)).scalar() == 3
        )
    engine.dispose()


def test_should_import_every_document_in_a_folder(sqlite_store, sample_corpus: Path):
    results = import_documents(sqlite_store, [sample_corpus / "docs"], embed=False)
    assert len(results) == len(list((sample_corpus / "docs").iterdir())) >= 35
    assert all(result.items > 0 for result in results)


def test_should_point_a_recommendation_at_the_finding_it_follows(sqlite_store, sample_text_review):
    import_document(sqlite_store, sample_text_review, embed=False)
    item = tables.learning_item
    with sqlite_store.connect() as conn:
        rows = {r.kind: r for r in conn.execute(sa.select(item))}
    assert rows["recommendation"].parent_id == rows["finding"].id
    # the phrase rules give "missing"; the learned theme model may add to it
    assert "missing" in rows["finding"].themes.split()


def test_should_take_a_title_with_a_colon_and_skip_labelled_lines_set_as_headings():
    from fullpicture.learning.documents import Block
    from fullpicture.learning.library import choose_title
    from fullpicture.learning.sections import place_blocks, split_reviews

    blocks = [
        Block("Published: May 2024", heading=1),
        Block("Baby R: one year on from the review", heading=1),
        Block("About the review", heading=2),
        Block("The review made six recommendations."),
    ]
    segment = split_reviews(place_blocks(blocks))[0]
    assert choose_title(segment) == "Baby R: one year on from the review"


def test_should_import_the_readable_documents_of_a_folder_and_report_the_rest(
    sqlite_store, sample_text_review: Path, tmp_path: Path
):
    folder = tmp_path / "reviews"
    (folder / "older").mkdir(parents=True)
    (folder / "older" / "review.txt").write_bytes(sample_text_review.read_bytes())
    (folder / "damaged.pdf").write_bytes(b"not a PDF at all")
    (folder / "minutes.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / ".hidden.pdf").write_bytes(b"")
    (folder / "~$review.docx").write_bytes(b"")
    (folder / "Thumbs.db").write_bytes(b"")
    results, failures = import_each(sqlite_store, [folder], embed=False)
    assert [result.path.name for result in results] == ["review.txt"]
    assert results[0].items == 3
    assert {failure.path.name for failure in failures} == {"damaged.pdf", "minutes.doc"}
    unsupported = next(f for f in failures if f.path.name == "minutes.doc")
    assert "unsupported file type .doc" in unsupported.message and ".doc" in unsupported.hint
