"""Themes: the taxonomy (``data/taxonomy.toml``, documented in docs/learning-taxonomy.md) and
the phrase rules that give each learning item its themes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy with its compiled phrase rules."""

    code: str
    label: str
    group: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]  # (literal the text must hold, phrase regex)

    def matches(self, lowered: str) -> bool:
        """Whether any phrase matches the lower-cased text; the literal check first, as the
        regular expression is the slow part."""
        return any(literal in lowered and rule.search(lowered) for literal, rule in self.rules)


def _phrase_regex(phrase: str) -> str:
    # A trailing * means "any word ending"; phrases may hold small regex groups like (his|her).
    body = phrase.rstrip("*")
    if not re.search(r"[()|\[\]?]", body):
        body = re.escape(body)
    body = body.replace(r"\ ", r"\s+").replace(" ", r"\s+")
    tail = r"[\w'-]*" if phrase.endswith("*") else r"\b"
    return rf"(?<![\w-]){body}{tail}"


def _literal(phrase: str) -> str:
    """The lower-case text before a phrase's first pattern character ("" when it starts with
    one): a cheap test that must pass before the phrase's regular expression can match."""
    literal = re.split(r"[()\[\]|*\\?]", phrase, maxsplit=1)[0].lower()
    return literal.split(" ")[0] if " " in literal else literal


@cache
def taxonomy() -> tuple[Theme, ...]:
    """The themes in taxonomy order."""
    raw = tomllib.loads(
        resources.files("fullpicture.learning").joinpath("data/taxonomy.toml").read_text("utf-8")
    )
    themes = []
    for entry in raw["theme"]:
        phrases = tuple(entry["phrases"])
        pattern = re.compile("|".join(_phrase_regex(p) for p in phrases), re.IGNORECASE)
        rules = tuple((_literal(p), re.compile(_phrase_regex(p), re.IGNORECASE)) for p in phrases)
        themes.append(Theme(entry["code"], entry["label"], entry["group"], phrases, pattern, rules))
    return tuple(themes)


def theme_codes() -> list[str]:
    """Every theme code, in taxonomy order."""
    return [theme.code for theme in taxonomy()]


def theme_label(code: str) -> str:
    """The label of a theme code (the code itself when unknown)."""
    return next((theme.label for theme in taxonomy() if theme.code == code), code)


def assign_themes(text: str) -> list[str]:
    """The themes whose phrase rules match ``text``, in taxonomy order."""
    lowered = text.lower()
    return [theme.code for theme in taxonomy() if theme.matches(lowered)]
