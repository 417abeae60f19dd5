"""Linkage: which source records are the same person (Splink on DuckDB, stable ids, decisions).

Entry point: :func:`fullpicture.linkage.pipeline.link`.
"""

from fullpicture.linkage.pipeline import LinkSummary, link

__all__ = ["LinkSummary", "link"]
