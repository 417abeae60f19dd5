"""A learned theme model on top of the phrase rules.

The phrase rules (:mod:`fullpicture.learning.themes`) and the review-level lending
(:mod:`fullpicture.learning.review_themes`) give each item its themes; this one-vs-rest logistic
regression then adds a theme it gives a probability of at least :attr:`ThemeModel.add`, and
drops a phrase theme it gives at most :attr:`ThemeModel.drop`. Its features are binary: the
item's words and word pairs, its headings' words, its kind, the themes its own words and
headings gave, the themes its review lent it and the review's dominant themes
(:func:`item_features`).

A second, dense one-vs-rest logistic regression (:class:`DenseThemes`) reads the item's
sentence embedding (:mod:`fullpicture.learning.embedding`, the same vector search uses); where
the item has one, the two models' probabilities are averaged and the averaged probability meets
the dense part's own thresholds (:data:`DENSE_ADD`, :data:`DENSE_DROP`). Where no embedding
can be computed (the encoder is not installed or fails to load), the sparse model alone applies,
with its own thresholds.

It is trained on the annotated corpus by ``scripts/learning_theme_model.py train`` (documents
numbered below 336 only), which writes ``data/theme_model.json``; the settings (L2 strength,
thresholds) were chosen by grouped cross-validation inside the splits read at two earlier
moments of the code and tested out of time on the splits nobody had read then
(docs/learning.md, "A learned theme model, tested out of time"). numpy only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from fullpicture.errors import LearningError

MODEL_FILE = "data/theme_model.json"
FORMAT = 2  # 1: the sparse model alone (still read); 2: with the dense part
# The settings chosen by grouped cross-validation inside the read splits at both earlier
# moments (docs/learning.md): weak L2, add a theme at probability 0.5, drop a phrase theme
# at 0.02 or less.
L2 = 1e-4
ADD = 0.5
DROP = 0.02
MIN_COUNT = 2
STEPS = 300
# The dense part's settings, chosen by the same grouped cross-validation inside the read
# splits (docs/learning-evaluation.md, "Can the learned theme model generalise better?"):
# L2 1e-2 on standardised embedding columns; with it, add at an averaged probability of 0.5
# and drop a phrase theme at 0.05 or less.
DENSE_L2 = 1e-2
DENSE_ADD = 0.5
DENSE_DROP = 0.05

_WORD = re.compile(r"[a-z][a-z']+")
_STOP = frozenset(
    "the a an and or of to in for on at by with from as is are was were be been being it its "
    "this that these those there their they them he she his her him we our us you your i not "
    "no but if so than then which who whom what when where how all any each other such can "
    "could would should will may might must do does did has have had also into about more "
    "most some only very".split()
)


@dataclass(frozen=True)
class ThemeBasis:
    """What the rules gave an item, kept for the model: the themes its own words and headings
    gave (with the child's voice), those its review lent it, and the review's dominant
    themes."""

    phrase: frozenset[str] = frozenset()
    lent: frozenset[str] = frozenset()
    dominant: frozenset[str] = frozenset()


def _content_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.lower()) if word not in _STOP]


def item_features(text: str, heading_path: str, kind: str, basis: ThemeBasis) -> list[str]:
    """The binary features of one item (sorted, each once)."""
    words = _content_words(text)
    features = {f"w:{word}" for word in words}
    features |= {f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    features |= {f"h:{word}" for word in _content_words(heading_path)}
    features.add(f"k:{kind}")
    features |= {f"p:{theme}" for theme in basis.phrase}
    features |= {f"l:{theme}" for theme in basis.lent}
    features |= {f"d:{theme}" for theme in basis.dominant}
    return sorted(features)


@dataclass
class _Sparse:
    """A binary matrix in compressed rows, with X @ W and X^T @ G by sums over index runs."""

    rows: int
    columns: int
    indptr: np.ndarray
    indices: np.ndarray
    _by_column: tuple[np.ndarray, np.ndarray, np.ndarray] | None = field(default=None)

    @classmethod
    def build(cls, rows: Sequence[Sequence[int]], columns: int) -> _Sparse:
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(row) for row in rows])
        indices = np.fromiter((c for row in rows for c in row), dtype=np.int64)
        return cls(len(rows), columns, indptr, indices)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        out = np.zeros((self.rows, weights.shape[1]))
        filled = np.flatnonzero(np.diff(self.indptr))
        if len(filled):
            out[filled] = np.add.reduceat(weights[self.indices], self.indptr[filled], axis=0)
        return out

    def tdot(self, grad: np.ndarray) -> np.ndarray:
        if self._by_column is None:
            row_of = np.repeat(np.arange(self.rows), np.diff(self.indptr))
            order = np.argsort(self.indices, kind="stable")
            filled, starts = np.unique(self.indices[order], return_index=True)
            self._by_column = (row_of[order], filled, starts)
        rows_by_column, filled, starts = self._by_column
        out = np.zeros((self.columns, grad.shape[1]))
        if len(starts):
            out[filled] = np.add.reduceat(grad[rows_by_column], starts, axis=0)
        return out


class _Dense:
    """A dense matrix with the ``dot`` and ``tdot`` of :class:`_Sparse`, for :func:`_adam`."""

    def __init__(self, x: np.ndarray) -> None:
        self.x = x

    def dot(self, weights: np.ndarray) -> np.ndarray:
        out: np.ndarray = self.x @ weights
        return out

    def tdot(self, grad: np.ndarray) -> np.ndarray:
        out: np.ndarray = self.x.T @ grad
        return out


@dataclass(eq=False)
class DenseThemes:
    """One-vs-rest logistic regression over an item's sentence embedding (the columns of
    :attr:`ThemeModel.themes`), with the thresholds that apply to the averaged probability.

    Attributes:
        weights: embedding dimensions x themes (on the raw, L2-normalised vector: the
            standardisation used in training is folded in).
        bias: one per theme.
        add: an averaged probability of at least this adds a theme.
        drop: an averaged probability of at most this drops a phrase theme (None: never).
    """

    weights: np.ndarray
    bias: np.ndarray
    add: float = DENSE_ADD
    drop: float | None = DENSE_DROP

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Each embedding's probability per theme (rows x themes)."""
        logits = np.asarray(vectors, dtype=float) @ self.weights + self.bias
        probabilities: np.ndarray = 1 / (1 + np.exp(-logits))
        return probabilities

    def as_data(self) -> dict[str, Any]:
        """Plain data: the weights per dimension (rows) and theme (columns), the bias and the
        thresholds."""
        return {
            "add": self.add,
            "drop": self.drop,
            "bias": [float(f"{b:.6g}") for b in self.bias],
            "weights": [[float(f"{w:.5g}") for w in row] for row in self.weights],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], themes: int) -> DenseThemes:
        """The dense part from :meth:`as_data`'s plain data.

        Raises:
            LearningError: its shape does not fit ``themes`` columns.
        """
        weights = np.array(data["weights"], dtype=float)
        bias = np.array(data["bias"], dtype=float)
        if weights.ndim != 2 or weights.shape[1] != themes or bias.shape != (themes,):
            raise LearningError(
                "The theme model file's dense part does not match its themes.",
                hint="Retrain it: uv run python scripts/learning_theme_model.py train",
            )
        drop = data.get("drop")
        return cls(weights, bias, float(data["add"]), None if drop is None else float(drop))


def fit_dense(
    vectors: np.ndarray,
    labels: Sequence[Iterable[str]],
    themes: Sequence[str],
    l2: float = DENSE_L2,
    *,
    steps: int = STEPS,
    rate: float = 0.05,
) -> DenseThemes:
    """Train the dense part on item embeddings (rows x dimensions) and their gold themes: the
    columns are standardised, the regression fitted by full-batch Adam with L2, and the
    standardisation folded back into the weights."""
    vectors = np.asarray(vectors, dtype=float)
    y = _label_matrix(labels, themes)
    mean = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1])
    scale = (vectors.std(axis=0) if len(vectors) else np.ones(vectors.shape[1])) + 1e-6
    weights = np.zeros((vectors.shape[1], len(themes)))
    bias = _prior_logits(y, len(themes))
    _adam(_Dense((vectors - mean) / scale), y, weights, bias, l2, steps, rate)
    folded = weights / scale[:, None]
    return DenseThemes(folded, bias - (mean / scale) @ weights)


def _label_matrix(labels: Sequence[Iterable[str]], themes: Sequence[str]) -> np.ndarray:
    column = {theme: i for i, theme in enumerate(themes)}
    y = np.zeros((len(labels), len(themes)))
    for r, gold in enumerate(labels):
        for theme in gold:
            if theme in column:
                y[r, column[theme]] = 1.0
    return y


def _prior_logits(y: np.ndarray, themes: int) -> np.ndarray:
    prior = y.mean(axis=0).clip(1e-3, 1 - 1e-3) if len(y) else np.full(themes, 1e-3)
    logits: np.ndarray = np.log(prior / (1 - prior))
    return logits


@dataclass(eq=False)
class ThemeModel:
    """One-vs-rest logistic regression over binary features, with its combining thresholds.

    Attributes:
        vocabulary: feature -> row of ``weights``.
        themes: the theme codes, one column of ``weights`` each.
        weights: features x themes.
        bias: one per theme.
        add: a theme the model gives at least this probability is added.
        drop: a phrase theme it gives at most this probability is dropped (None: never).
            ``add`` and ``drop`` apply to the sparse model alone; with an embedding, the
            dense part's own thresholds apply to the averaged probability.
        about: what the model was trained on and with (recorded in the data file).
        dense: the dense part over the item's sentence embedding (None: the sparse model
            alone, as a format-1 file gives).
    """

    vocabulary: dict[str, int]
    themes: list[str]
    weights: np.ndarray
    bias: np.ndarray
    add: float = ADD
    drop: float | None = DROP
    about: dict[str, Any] = field(default_factory=dict)
    dense: DenseThemes | None = None

    @staticmethod
    def settings_described() -> dict[str, Any]:
        """The training and combining settings, for reports and the data file."""
        return {
            "l2": L2,
            "add": ADD,
            "drop": DROP,
            "min_count": MIN_COUNT,
            "steps": STEPS,
            "dense": {"l2": DENSE_L2, "add": DENSE_ADD, "drop": DENSE_DROP, "averaged": True},
        }

    def probabilities(
        self, rows: Sequence[Sequence[str]], vectors: np.ndarray | None = None
    ) -> np.ndarray:
        """Each row's probability per theme (rows x themes), rows given as feature lists; with
        ``vectors`` (the rows' embeddings, in order) and a dense part, the average of the
        sparse and dense models' probabilities."""
        known = [[self.vocabulary[f] for f in row if f in self.vocabulary] for row in rows]
        logits = _Sparse.build(known, len(self.vocabulary)).dot(self.weights) + self.bias
        probabilities: np.ndarray = 1 / (1 + np.exp(-logits))
        if self.dense is not None and vectors is not None:
            probabilities = (probabilities + self.dense.probabilities(vectors)) / 2
        return probabilities

    def combine(
        self,
        themes: Iterable[str],
        probabilities: np.ndarray,
        kind: str,
        *,
        averaged: bool = False,
    ) -> set[str]:
        """The rules' themes with the model's additions and drops (a child's own words keep
        ``voice_of_child``); ``averaged``: the probabilities are the sparse and dense models'
        average (:meth:`probabilities` with vectors), so the dense part's thresholds apply."""
        add, drop = self.add, self.drop
        if averaged and self.dense is not None:
            add, drop = self.dense.add, self.dense.drop
        found = set(themes)
        for index, theme in enumerate(self.themes):
            if probabilities[index] >= add:
                found.add(theme)
            elif drop is not None and probabilities[index] <= drop:
                if not (theme == "voice_of_child" and kind == "child_voice"):
                    found.discard(theme)
        return found

    def as_data(self, prune: float = 0.0) -> dict[str, Any]:
        """The model as plain data, weights smaller than ``prune`` in size left out: per theme,
        the rows of the features kept and their weights."""
        features = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        kept = {
            theme: np.flatnonzero(np.abs(self.weights[:, column]) >= max(prune, 1e-12))
            for column, theme in enumerate(self.themes)
        }
        used = sorted({int(row) for rows in kept.values() for row in rows})
        renumber = {old: new for new, old in enumerate(used)}
        weights = {
            theme: {
                "rows": [renumber[int(row)] for row in rows],
                "values": [round(float(self.weights[row, column]), 4) for row in rows],
            }
            for column, (theme, rows) in enumerate(kept.items())
        }
        return {
            "format": FORMAT if self.dense is not None else 1,
            "about": self.about,
            "add": self.add,
            "drop": self.drop,
            "themes": self.themes,
            "bias": [round(float(b), 4) for b in self.bias],
            "features": [features[row] for row in used],
            "weights": weights,
        } | ({"dense": self.dense.as_data()} if self.dense is not None else {})

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ThemeModel:
        """A model from :meth:`as_data`'s plain data: format 2 with its dense part, or
        format 1 (the sparse model alone, which then applies alone).

        Raises:
            LearningError: the data is not a theme model of a known format, or format 2
                without its dense part.
        """
        if data.get("format") not in (1, FORMAT):
            raise LearningError(
                f"The theme model file has an unknown format ({data.get('format')!r}; this"
                f" version reads 1 and {FORMAT}).",
                hint="Retrain it: uv run python scripts/learning_theme_model.py train",
            )
        if data["format"] == FORMAT and not isinstance(data.get("dense"), dict):
            raise LearningError(
                f"The theme model file says format {FORMAT} but has no dense part.",
                hint="Retrain it: uv run python scripts/learning_theme_model.py train",
            )
        themes = list(data["themes"])
        features = list(data["features"])
        weights = np.zeros((len(features), len(themes)))
        for column, theme in enumerate(themes):
            kept = data["weights"].get(theme, {"rows": [], "values": []})
            weights[np.array(kept["rows"], dtype=np.int64), column] = kept["values"]
        return cls(
            vocabulary={f: i for i, f in enumerate(features)},
            themes=themes,
            weights=weights,
            bias=np.array(data["bias"], dtype=float),
            add=float(data["add"]),
            drop=None if data["drop"] is None else float(data["drop"]),
            about=dict(data.get("about", {})),
            dense=DenseThemes.from_data(data["dense"], len(themes)) if "dense" in data else None,
        )


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[Iterable[str]],
    themes: Sequence[str],
    l2: float = L2,
    *,
    min_count: int = MIN_COUNT,
    steps: int = STEPS,
    rate: float = 0.05,
) -> ThemeModel:
    """Train on feature rows and their gold themes by full-batch Adam with L2 (features seen in
    fewer than ``min_count`` rows are left out). The thresholds are the defaults; set them on
    the result."""
    counts: dict[str, int] = {}
    for row in rows:
        for feature in row:
            counts[feature] = counts.get(feature, 0) + 1
    vocabulary = {
        f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))
    }
    x = _Sparse.build(
        [[vocabulary[f] for f in row if f in vocabulary] for row in rows], len(vocabulary)
    )
    y = _label_matrix(labels, themes)
    weights = np.zeros((len(vocabulary), len(themes)))
    bias = _prior_logits(y, len(themes))
    _adam(x, y, weights, bias, l2, steps, rate)
    return ThemeModel(vocabulary, list(themes), weights, bias)


def _adam(
    x: _Sparse | _Dense,
    y: np.ndarray,
    weights: np.ndarray,
    bias: np.ndarray,
    l2: float,
    steps: int,
    rate: float,
) -> None:
    """Minimise the mean log loss plus ``l2 / 2`` times the squared weights, in place."""
    moments = [
        (np.zeros_like(weights), np.zeros_like(weights)),
        (np.zeros_like(bias), np.zeros_like(bias)),
    ]
    n = max(len(y), 1)
    for step in range(1, steps + 1):
        error = (1 / (1 + np.exp(-(x.dot(weights) + bias))) - y) / n
        grads = (x.tdot(error) + l2 * weights, error.sum(axis=0))
        for param, grad, (m, v) in zip((weights, bias), grads, moments, strict=True):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)


@cache
def shipped_model() -> ThemeModel | None:
    """The model trained on the annotated corpus (``data/theme_model.json``), read once; None
    when the package carries none."""
    source = resources.files("fullpicture.learning").joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    try:
        data = json.loads(source.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise LearningError(
            f"The theme model file is not valid JSON: {error}.",
            hint="Retrain it: uv run python scripts/learning_theme_model.py train",
        ) from error
    return ThemeModel.from_data(data)
