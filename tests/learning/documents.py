"""Factories for the extraction tests: a synthetic document written to a temporary folder, and
what the library reads from it (no real review text)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.library import parse_document


def create_document(tmp_path: Path, body: str, name: str = "document.md") -> Path:
    """Write ``body`` as a document named ``name`` (its suffix says its format)."""
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def items_of(path: Path) -> list[tuple[str, str]]:
    """Every item the library reads from the document, as (kind, text), in order."""
    return [
        (item.kind, item.text) for review in parse_document(path).reviews for item in review.items
    ]


def kind_of(items: list[tuple[str, str]], start: str) -> str | None:
    """The kind of the first item whose text starts with ``start`` (None: no such item)."""
    return next((kind for kind, text in items if text.startswith(start)), None)
