"""Names: Unicode NFC normalisation (Welsh and other diacritics kept) and full-name splitting."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def clean_name(text: str) -> str:
    """Return the name in NFC form with runs of whitespace made single spaces.

    NFC composes ``w`` + combining circumflex into ``ŵ``, so the same name typed on different
    systems compares equal; the diacritics themselves are kept.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True, slots=True)
class NameParts:
    """A full name split into its parts."""

    given_name: str | None
    middle_names: str | None
    family_name: str | None


def split_full_name(text: str) -> NameParts:
    """Split ``Family, Given Middle`` or ``Given Middle Family`` into parts.

    A single word is taken as the family name only when it follows a comma; otherwise it is
    the given name (agencies record "Baby" or a first name alone more often than a surname).
    """
    name = clean_name(text)
    if "," in name:
        family, _, rest = name.partition(",")
        words = rest.split()
        given = words[0] if words else None
        middle = " ".join(words[1:]) or None
        return NameParts(given, middle, family.strip() or None)
    words = name.split()
    if len(words) == 1:
        return NameParts(words[0], None, None)
    return NameParts(words[0], " ".join(words[1:-1]) or None, words[-1])
