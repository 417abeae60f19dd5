"""Search: full text on SQLite FTS5 and PostgreSQL, re-ranked by the packaged model."""

import pytest

from fullpicture.errors import LearningError
from fullpicture.learning.library import import_document
from fullpicture.learning.search import Filters, search
from fullpicture.store.database import open_store


@pytest.fixture
def sample_store(store_url, sample_corpus):
    engine = open_store(store_url)
    for name in ("01-northmere-cspr-child-t.pdf", "03-brackenford-seven-minute.html"):
        import_document(engine, sample_corpus / "docs" / name, embed=False)
    yield engine
    engine.dispose()


def test_should_find_items_by_their_words_with_their_place(sample_store):
    hits = search(sample_store, "return home interviews", rerank=False)
    assert hits and "return home interview" in hits[0].text.lower()
    assert hits[0].heading_path and hits[0].paragraph > 0
    assert hits[0].review_title.startswith("Child Safeguarding Practice Review")


def test_should_filter_by_kind_and_theme(sample_store):
    hits = search(sample_store, "exploitation", filters=Filters(kind="key_learning"), rerank=False)
    assert hits and {hit.kind for hit in hits} == {"key_learning"}
    themed = search(sample_store, "exploitation", filters=Filters(theme="missing"), rerank=False)
    assert all("missing" in hit.themes for hit in themed)


def test_should_refuse_a_query_with_no_words(sample_store):
    with pytest.raises(LearningError):
        search(sample_store, "the and ?")


def test_should_rerank_by_meaning_with_the_packaged_model(sqlite_store, sample_corpus):
    from fullpicture.learning.library import embed_items

    import_document(sqlite_store, sample_corpus / "docs" / "03-brackenford-seven-minute.html")
    assert embed_items(sqlite_store) == 0  # import embedded every item already
    hits = search(sqlite_store, "children used to carry drugs")
    assert hits[0].semantic is not None
    assert "exploit" in hits[0].text.lower() or "drugs" in hits[0].text.lower()


def test_should_embed_candidates_found_without_embeddings(sqlite_store, sample_text_review):
    import_document(sqlite_store, sample_text_review, embed=False)
    hits = search(sqlite_store, "return home interviews")
    assert all(hit.semantic is not None for hit in hits)
