"""The theme model's dense part: the item's sentence embedding, averaged with the sparse model."""

import json
import uuid
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from fullpicture.errors import LearningError
from fullpicture.learning import embedding, tables
from fullpicture.learning.extract import ExtractedItem, apply_theme_model
from fullpicture.learning.library import import_document
from fullpicture.learning.theme_model import (
    FORMAT,
    DenseThemes,
    ThemeBasis,
    ThemeModel,
    fit,
    fit_dense,
)

_DIMENSIONS = embedding.DIMENSIONS


def _unit(index: int) -> np.ndarray:
    vector = np.zeros(_DIMENSIONS, dtype=np.float32)
    vector[index] = 1.0
    return vector


def _sparse_unsure() -> ThemeModel:
    """A sparse model that has seen the word 'ledger' as often with neglect as without."""
    rows = [["w:ledger", "k:finding"]] * 8
    labels = [["neglect"], []] * 4
    return fit(rows, labels, ["neglect"], l2=1e-4, min_count=1)


def _item(vector: np.ndarray | None = None) -> ExtractedItem:
    return ExtractedItem(
        "finding",
        "The ledger was kept.",
        "Findings",
        1,
        basis=ThemeBasis(),
        embedding=vector,
    )


def _loaded(model: ThemeModel) -> ThemeModel:
    return ThemeModel.from_data(json.loads(json.dumps(model.as_data())))


def test_should_add_or_withhold_a_theme_as_the_dense_weights_say():
    model = _sparse_unsure()
    sparse = model.probabilities([["w:ledger", "k:finding"]])[0][0]
    assert 0.3 < sparse < 0.7
    towards = np.zeros((_DIMENSIONS, 1))
    towards[7, 0] = 30.0
    model.dense = DenseThemes(towards, np.array([-15.0]), add=0.6, drop=0.05)
    loaded = _loaded(model)
    assert loaded.dense is not None and loaded.as_data()["format"] == FORMAT == 2
    along, across = _item(_unit(7)), _item(_unit(8))
    apply_theme_model([along, across], loaded)
    assert along.themes == ["neglect"]  # dense ~1, sparse ~0.5: averaged ~0.75 >= 0.6
    assert across.themes == []  # dense ~0: averaged ~0.25
    phrase = _item(_unit(8))
    phrase.themes = ["neglect"]
    apply_theme_model([phrase], loaded)
    assert phrase.themes == ["neglect"]  # averaged ~0.25 is above the drop threshold


def test_should_fit_the_dense_part_on_embeddings_with_the_standardisation_folded_in():
    rng = np.random.default_rng(3)
    vectors = rng.normal(0.0, 0.05, (40, _DIMENSIONS))
    vectors[:20, 11] += 0.2
    labels = [["neglect"]] * 20 + [[]] * 20
    dense = fit_dense(vectors, labels, ["neglect"])
    probabilities = dense.probabilities(vectors)[:, 0]
    assert probabilities[:20].min() > 0.5 > probabilities[20:].max()
    again = DenseThemes.from_data(json.loads(json.dumps(dense.as_data())), themes=1)
    assert np.allclose(again.probabilities(vectors)[:, 0], probabilities, atol=1e-3)


def test_should_apply_the_sparse_model_alone_where_no_embedding_can_be_computed(monkeypatch):
    def unavailable(texts: list[str]) -> np.ndarray:
        raise LearningError("The embedding model package is not installed.")

    monkeypatch.setattr(embedding, "embed_texts", unavailable)
    model = _sparse_unsure()
    model.add = 0.4  # the sparse model's own threshold: its ~0.5 adds the theme
    model.dense = DenseThemes(np.zeros((_DIMENSIONS, 1)), np.array([-30.0]), add=0.9)
    item = _item()
    apply_theme_model([item], model)
    assert item.embedding is None
    assert item.themes == ["neglect"]


def test_should_read_a_sparse_only_file_and_refuse_an_unknown_or_incomplete_one():
    sparse_only = _sparse_unsure().as_data()
    assert sparse_only["format"] == 1 and "dense" not in sparse_only
    assert ThemeModel.from_data(sparse_only).dense is None
    with pytest.raises(LearningError, match="unknown format"):
        ThemeModel.from_data(sparse_only | {"format": 3})
    with pytest.raises(LearningError, match="no dense part"):
        ThemeModel.from_data(sparse_only | {"format": 2})
    wrong = sparse_only | {"format": 2, "dense": {"add": 0.5, "bias": [0, 0], "weights": [[0]]}}
    with pytest.raises(LearningError, match="does not match"):
        ThemeModel.from_data(wrong)


def test_should_store_at_import_the_embeddings_the_theme_model_computed(
    tmp_path: Path, sqlite_store: sa.Engine, monkeypatch
):
    marker = uuid.uuid4().hex[:8]  # a text this process has not embedded before
    path = tmp_path / "review.md"
    path.write_text(
        "# Rapid review: Child T\n\nWillowbrook Safeguarding Partnership, 2025\n\n"
        f"## Findings\n\n- The nursery did not pass on the bruise it saw ({marker}).\n",
        encoding="utf-8",
    )
    calls: list[int] = []
    original = embedding.Encoder.encode

    def counted(self: embedding.Encoder, texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(embedding.Encoder, "encode", counted)
    result = import_document(sqlite_store, path)
    assert result.items == 1
    assert calls == [1]  # encoded once, for the theme model; search reuses the vector
    with sqlite_store.connect() as conn:
        stored = conn.execute(sa.select(tables.learning_item.c.embedding)).scalar_one()
    text = f"The nursery did not pass on the bruise it saw ({marker})."
    assert np.allclose(embedding.from_bytes(stored), original(embedding.encoder(), [text])[0])


def test_should_leave_the_dense_part_out_when_told_not_to_embed():
    model = _sparse_unsure()
    model.add = 0.4  # the sparse model's own threshold: its ~0.5 adds the theme
    towards = np.zeros((_DIMENSIONS, 1))
    model.dense = DenseThemes(towards, np.array([-30.0]), add=0.9)  # would withhold it
    item = _item()
    apply_theme_model([item], model, dense=False)
    assert item.embedding is None
    assert item.themes == ["neglect"]


def test_should_not_encode_anything_at_an_import_without_embeddings(
    tmp_path: Path, sqlite_store: sa.Engine, monkeypatch
):
    path = tmp_path / "review.md"
    path.write_text(
        "# Rapid review: Child U\n\nWillowbrook Safeguarding Partnership, 2025\n\n"
        "## Findings\n\n- The health visitor did not see the baby's sleeping place.\n",
        encoding="utf-8",
    )

    def refuse(self: embedding.Encoder, texts: list[str]) -> np.ndarray:
        raise AssertionError("an import without embeddings encoded text")

    monkeypatch.setattr(embedding.Encoder, "encode", refuse)
    result = import_document(sqlite_store, path, embed=False)
    assert result.items == 1
    with sqlite_store.connect() as conn:
        stored = conn.execute(sa.select(tables.learning_item.c.embedding)).scalar_one()
    assert stored is None
