"""Themes a whole review lends its items.

A reader of a review about a child who was criminally exploited reads "J's exclusion from
school left him with nowhere to be during the day" as learning about that exploitation, though
the sentence never says so. The national analyses code a review's learning the same way: the
harm and the family's circumstances the review is about frame every item about the child. So a
review's *dominant* topic themes (harm, extra-familial harm, the family's circumstances, and
self-harm) are lent to its items that concern the child or the family.

A theme is dominant when the review's framing names it (its title, or its background text
outside the learning sections) or when the items' own words give it in at least a set share
of the review's items. Which of these counts, and the share, are chosen by grouped
cross-validation by document over the annotated corpus (:mod:`fullpicture.learning.evaluate`,
``fullpicture evaluate learning --cv``), never per document;
:data:`fullpicture.learning.theme_options.DEFAULT_OPTIONS` holds the choice and
docs/learning-evaluation.md the figures behind it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from fullpicture.learning.themes import generic_exploitation, theme_group

# The groups whose themes say what a review is about (the harm, the family's circumstances),
# plus self-harm: a child's own circumstances frame the whole review. The child's group
# (adolescents, babies) and practice themes are not lent: a review about a teenager is mostly
# learning about practice, and practice themes belong to the items that name them.
_LENT_GROUPS = frozenset({"harm", "extra_familial", "family"})
_LENT_EXTRA = frozenset({"self_harm_suicide"})

# Words by which an item concerns the child or the family rather than only a process.
_CHILD_WORDS = re.compile(
    r"\b(?:child(?:ren)?(?:'s)?|bab(?:y|ies)(?:'s)?|young (?:person|people)|teenagers?|"
    r"boys?|girls?|son|daughter|sons|daughters|pupils?|he|she|him|her|his|they|them|their|"
    r"parents?(?:'s)?|mother(?:'s)?|father(?:'s)?|mum|dad|famil(?:y|ies)(?:'s)?|carers?|home|"
    r"household)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Lending:
    """How a review's dominant themes are found and lent.

    Attributes:
        share: a topic theme the items' own words give in at least this share of the review's
            items (and in two items or more) is dominant; None: items never make a theme
            dominant.
        title: whether the topic themes the review's title names are dominant.
        background: whether those its background text (outside the learning sections) names
            are dominant.
        only_untopical: lend only to items whose own words give no lendable theme (an item
            that names a harm is about that harm, not the review's).
        enabled: whether anything is lent at all (off: the phrase rules alone).
    """

    share: float | None = None
    title: bool = True
    background: bool = False
    only_untopical: bool = False
    enabled: bool = True

    def describe(self) -> str:
        """A short description for reports ("title; 34% of items; to items about the child")."""
        if not self.enabled:
            return "nothing lent"
        sources = [
            name for name, on in (("title", self.title), ("background", self.background)) if on
        ]
        if self.share is not None:
            sources.append(f"{self.share:.0%} of items")
        target = "items naming no topic theme" if self.only_untopical else "items about the child"
        return f"{' + '.join(sources) or 'nothing'} -> {target}"


NO_LENDING = Lending(enabled=False)
# The candidates cross-validation chooses among (fullpicture.learning.evaluate.cross_validate),
# simplest first: ties go to the earlier one.
LENDING_CHOICES: tuple[Lending, ...] = (
    NO_LENDING,
    Lending(only_untopical=True),
    Lending(),
    Lending(share=0.5, only_untopical=True),
    Lending(share=0.5),
    Lending(share=0.34, only_untopical=True),
    Lending(share=0.34),
    Lending(background=True, only_untopical=True),
    Lending(background=True),
)


# A label that names what a document is about ("Topic: ...", "Theme: ...").
_SUBJECT_LABEL = re.compile(r"^(?:topic|theme|subject|focus)\s*:\s*", re.IGNORECASE)
# A prose sentence (eight words or more, ending in a full stop or question mark): the cover
# block ends where the text begins.
_SENTENCE = re.compile(r"^(?:\S+\s+){7,}.*[.?]\W*$", re.DOTALL)
_COVER_BLOCKS = 8
_COVER_WORDS = 25


def cover_lines(texts: Sequence[str], title: str) -> list[str]:
    """The lines of a review's cover block that say what it is about, beside its title.

    Many documents set a genre line as the title ("Multi-Agency Audit: Summary of Findings",
    "Regional Briefing No. 9") and name their subject on the next line ("Topic: how schools
    respond after a domestic abuse incident", "... a national review: babies whose parents
    were in mental health crisis"). A reader takes the subject from the cover as from the
    title, so its topic themes frame the items as the title's do. The cover block is the
    document's opening lines before its first prose sentence or table; of those, only short
    lines that are not sentences (subtitles) or that carry a subject label count.

    Args:
        texts: the review's opening block texts, in order.
        title: the review's title (not repeated here).
    """
    found: list[str] = []
    for text in texts[:_COVER_BLOCKS]:
        line = text.strip()
        labelled = _SUBJECT_LABEL.match(line)
        if not labelled and ("|" in line or _SENTENCE.match(line)):
            break
        if line == title.strip() or len(line.split()) > _COVER_WORDS:
            continue
        if labelled or not line.endswith("."):
            found.append(line[labelled.end() :] if labelled else line)
    return found


def lendable(code: str) -> bool:
    """Whether a theme says what a review is about (and so may be lent to its items)."""
    return theme_group(code) in _LENT_GROUPS or code in _LENT_EXTRA


def dominant_themes(
    own: list[set[str]], title: frozenset[str], background: frozenset[str], lending: Lending
) -> set[str]:
    """The review's dominant topic themes.

    Args:
        own: each item's themes from its own words and headings.
        title: the themes the review's title gives.
        background: the themes its background text gives.
        lending: the rule (see :class:`Lending`).
    """
    if not lending.enabled:
        return set()
    framing = (title if lending.title else frozenset()) | (
        background if lending.background else frozenset()
    )
    found = {code for code in framing if lendable(code)}
    if lending.share is not None:
        counts = Counter(code for themes in own for code in themes if lendable(code))
        needed = max(2.0, lending.share * len(own))
        found |= {code for code, count in counts.items() if count >= needed}
    return found


def lend(
    own: set[str], text: str, kind: str, child: str | None, dominant: set[str], lending: Lending
) -> set[str]:
    """The review's dominant themes an item takes: all of them when it concerns the child or
    the family (and, with ``only_untopical``, names no lendable theme itself), else none."""
    if not dominant or not concerns_child(text, kind, child):
        return set()
    if lending.only_untopical and any(lendable(code) for code in own):
        return set()
    return dominant


def concerns_child(text: str, kind: str, child: str | None) -> bool:
    """Whether an item is about the child or the family (so a review's themes frame it): the
    child's own words, the child's pseudonym, or words for children, parents and home."""
    if kind == "child_voice":
        return True
    if child and re.search(rf"(?<![\w-]){re.escape(child)}(?![\w-])", text):
        return True
    return bool(_CHILD_WORDS.search(text))


_SEXUAL, _CRIMINAL = "sexual_exploitation", "criminal_exploitation"


def resolve_exploitation(
    own: list[set[str]], texts: list[str], title: str, title_themes: frozenset[str]
) -> list[set[str]]:
    """Read the bare word "exploitation" as the exploitation the review is about.

    An item that says only "exploitation" ("the exploitation team's youth worker") is read as
    criminal exploitation on its own; in a review whose title and items name sexual
    exploitation more often than criminal exploitation it means sexual exploitation, and
    where they name both equally often, both.

    Args:
        own: each item's themes from its own words and headings (changed in place).
        texts: each item's text, in the same order.
        title: the review's title.
        title_themes: the themes the title gives.
    """
    sexual = sum(_SEXUAL in themes for themes in [set(title_themes), *own])
    criminal = sum(
        _CRIMINAL in themes and not generic_exploitation(text)
        for themes, text in zip([set(title_themes), *own], [title, *texts], strict=True)
    )
    if sexual < criminal or not sexual:
        return own
    for themes, text in zip(own, texts, strict=True):
        if _CRIMINAL in themes and generic_exploitation(text):
            themes.add(_SEXUAL)
            if sexual > criminal:
                themes.discard(_CRIMINAL)
    return own


_ABUSE_THEMES = ("domestic_abuse", "sexual_abuse", "physical_abuse", "emotional_abuse")
# "Abuse" that names no form of it ("told her about the abuse", "may not recognise abuse").
_BARE_ABUSE = re.compile(
    r"(?<!domestic )(?<!sexual )(?<!sexually )(?<!physical )(?<!physically )(?<!emotional )"
    r"(?<!emotionally )(?<!substance )(?<!drug )(?<!alcohol )(?<!online )(?<!verbal )"
    r"(?<!economic )(?<!financial )(?<!racial )(?<!self-)\babus(?:e|ed)\b",
    re.IGNORECASE,
)


def resolve_bare_abuse(own: list[set[str]], texts: list[str]) -> list[set[str]]:
    """Read "the abuse", named without its form, as the abuse the review is about.

    The review's abuse is the form of abuse (domestic, sexual, physical, emotional) its items'
    own words give most often, in two items at least; an item that speaks of abuse without
    naming a form, and whose words give none, takes it.

    Args:
        own: each item's themes (changed in place).
        texts: each item's text, in the same order.
    """
    counts = Counter(code for themes in own for code in themes if code in _ABUSE_THEMES)
    if not counts:
        return own
    code, count = counts.most_common(1)[0]
    if count < 2:
        return own
    for themes, text in zip(own, texts, strict=True):
        if _BARE_ABUSE.search(text) and not themes.intersection(_ABUSE_THEMES):
            themes.add(code)
    return own
