"""Statutory returns: built-in mappings (SSDA903, CIN census) and the CIN census XML reader.

See ``docs/statutory-returns.md``.
"""
