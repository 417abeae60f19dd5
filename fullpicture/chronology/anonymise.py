"""Anonymised chronologies: every name replaced the same way everywhere, free text included.

The person the chronology is about is "Child A" (or "Adult 1" when an adult); other children are
"Child B", "Child C" ... by date of birth; adults are "Adult 1", "Adult 2" ... in the order they
are first met. Full names are replaced first, then each single name (given, middle, family, known
as, former family name). A single name shared by several people (a family surname) cannot be
given one pseudonym, so it becomes "[name]". Matching ignores case and needs a non-letter (or
the text's edge) on both sides, so "Ann" is found in "Ann_notes" but not in "Annual".
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from datetime import date

from fullpicture.chronology.model import NamedPerson

SHARED_NAME = "[name]"


class Anonymiser:
    """Replaces the names of a fixed set of people with stable pseudonyms."""

    def __init__(self, people: Sequence[NamedPerson]) -> None:
        self.pseudonyms = _pseudonyms(people)
        replacements = _replacements(people, self.pseudonyms)
        self._lookup = {k.casefold(): v for k, v in replacements.items()}
        names = sorted(replacements, key=len, reverse=True)
        self._pattern = (
            re.compile(
                # Edges are letters only: "ashdown_notes.csv" and "Lily2" still give the name away.
                r"(?<![^\W\d_])(" + "|".join(re.escape(n) for n in names) + r")(?![^\W\d_])",
                re.IGNORECASE,
            )
            if names
            else None
        )

    def name_of(self, key: str) -> str:
        """The pseudonym of the person with this key."""
        return self.pseudonyms[key]

    def apply(self, text: str) -> str:
        """Return ``text`` with every known name replaced by its pseudonym."""
        if not text or self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._lookup[m.group(0).casefold()], text)


def _pseudonyms(people: Sequence[NamedPerson]) -> dict[str, str]:
    subject = [p for p in people if p.is_subject]
    children = [p for p in people if p.is_child and not p.is_subject]
    children.sort(key=lambda p: (p.date_of_birth or date.max, p.key))
    adults = [p for p in people if not p.is_child and not p.is_subject]
    result: dict[str, str] = {}
    letters = iter(string.ascii_uppercase)
    numbers = iter(range(1, len(people) + 1))
    for p in subject:
        if p.is_child is False:
            result[p.key] = f"Adult {next(numbers)}"
        else:
            result[p.key] = f"Child {next(letters)}"
    for i, p in enumerate(children):
        letter = next(letters, None)
        result[p.key] = f"Child {letter}" if letter else f"Child {i + 27}"
    for p in adults:
        result[p.key] = f"Adult {next(numbers)}"
    return result


def _replacements(people: Sequence[NamedPerson], pseudonyms: dict[str, str]) -> dict[str, str]:
    full: dict[str, set[str]] = {}
    single: dict[str, set[str]] = {}
    for p in people:
        for name in (p.display_name, *p.names):
            name = " ".join(name.split())
            if len(name) < 2:
                continue
            if " " in name:  # single names are judged below, where sharing is seen
                full.setdefault(name.casefold(), set()).add(p.key)
            for token in re.split(r"[\s,]+", name):
                if len(token) >= 2:
                    single.setdefault(token.casefold(), set()).add(p.key)
    result: dict[str, str] = {}
    for table in (single, full):  # full names last so that they win for multi-word keys
        for name, keys in table.items():
            result[name] = pseudonyms[next(iter(keys))] if len(keys) == 1 else SHARED_NAME
    return result
