"""Names for linkage: normalisation, given-name variants (nicknames) and a phonetic surname code.

The nickname lookup is data (``data/given_name_variants.csv``: ``canonical,variant``), so it can be
extended without touching code. A name maps to the *set* of canonical forms it belongs to, because
some short forms are shared (``sam`` is both Samuel and Samantha); two names are variants of each
other when their sets intersect.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

_VARIANTS_CSV = Path(__file__).parent / "data" / "given_name_variants.csv"
_NOT_LETTERS = re.compile(r"[^a-z' -]")
_SPACES = re.compile(r"[\s'-]+")


def normalise_name(value: str | None) -> str | None:
    """Lower-case, strip accents and punctuation, and collapse spaces and hyphens.

    Args:
        value: a name as recorded, or None.

    Returns:
        The normalised name, or None when nothing is left.
    """
    if value is None:
        return None
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    cleaned = _SPACES.sub(" ", _NOT_LETTERS.sub("", folded.lower())).strip()
    return cleaned or None


@lru_cache(maxsize=1)
def variant_table() -> dict[str, frozenset[str]]:
    """Map every known given name to the canonical names it is a variant of (itself included)."""
    groups: dict[str, set[str]] = defaultdict(set)
    with _VARIANTS_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            canonical, variant = row["canonical"].strip(), row["variant"].strip()
            groups[canonical].add(canonical)
            groups[variant].update({canonical, variant})
    return {name: frozenset(canon) for name, canon in groups.items()}


@lru_cache(maxsize=100_000)
def name_variants(name: str | None) -> frozenset[str]:
    """The canonical forms of a normalised given name (just itself when it is not in the table)."""
    if not name:
        return frozenset()
    first = name.split(" ")[0]
    return variant_table().get(first, frozenset({first}))


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for name, canonicals in variant_table().items():
        for canonical in canonicals:
            members[canonical].add(name)
    return {c: frozenset(names) for c, names in members.items()}


@lru_cache(maxsize=50_000)
def name_family(name: str) -> frozenset[str]:
    """Every name sharing a canonical form with ``name`` (``katie`` -> kate, katherine, ...)."""
    groups = _groups()
    found = {name}
    for canonical in name_variants(name):
        found |= groups.get(canonical, frozenset())
    return frozenset(found)


def canonical_name(name: str | None) -> str | None:
    """One canonical form (the alphabetically first), used where a single key is needed (blocking)."""
    variants = name_variants(name)
    return min(variants) if variants else None


_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


@lru_cache(maxsize=200_000)
def soundex(name: str | None) -> str | None:
    """American Soundex of a normalised name (``smith`` and ``smyth`` are both ``S530``)."""
    letters = [c for c in (name or "") if c.isalpha()]
    if not letters:
        return None
    code = [letters[0].upper()]
    previous = _SOUNDEX_CODES.get(letters[0], "")
    for char in letters[1:]:
        digit = _SOUNDEX_CODES.get(char, "")
        if digit and digit != previous:
            code.append(digit)
        if char not in "hw":  # h and w do not separate letters with the same code
            previous = digit
    return "".join(code)[:4].ljust(4, "0")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return min(prev[-1], limit)


@lru_cache(maxsize=200_000)
def given_names_compatible(a: str | None, b: str | None) -> bool:
    """Whether two normalised given names could belong to one person.

    Unknown names are compatible with anything; otherwise they must be equal, variants of each
    other (nickname table), or one a prefix of, or at most two edits from, a variant of the other
    (so a mistyped nickname, ``rchard`` / ``rick``, still counts).
    """
    if not a or not b or a == b:
        return True
    first_a, first_b = a.split(" ")[0], b.split(" ")[0]
    if name_variants(first_a) & name_variants(first_b):
        return True
    return any(_close(x, y) for x in name_family(first_a) for y in name_family(first_b))


def _close(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    if shorter >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    # Short names are close only one edit apart: "kai" and "sam" are different names.
    return edit_distance(a, b) <= (1 if shorter <= 5 else 2)
