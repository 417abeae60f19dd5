"""Learning items: findings, recommendations (with their addressee), key learning, next steps,
reflective questions and the child's voice, read from a review's placed blocks.

An item's kind comes from an explicit label at its start ("Finding 2:", "Recommendation 3.1"),
else from the nearest heading that names a kind ("Key learning", "Next steps", "Questions for
practitioners"). A numbered finding's explanation joins the finding; an introduction ending
with a colon ("The partnership should:") gives the addressee of the bullets that follow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fullpicture.learning.metadata import detect_type
from fullpicture.learning.review_themes import dominant_themes, lend
from fullpicture.learning.sections import PATH_SEPARATOR, PlacedBlock
from fullpicture.learning.theme_options import DEFAULT_OPTIONS, ThemeOptions
from fullpicture.learning.themes import (
    lexical_themes,
    theme_codes,
    topic_themes,
)

KINDS: dict[str, str] = {
    "finding": "Finding",
    "recommendation": "Recommendation",
    "key_learning": "Key learning or message",
    "next_step": "Next step or action",
    "reflective_question": "Reflective question",
    "child_voice": "The child's voice",
}

_SECTION_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in [
        (
            "reflective_question",
            r"question|reflect|ask yourself|things to consider|for discussion|think about|"
            r"consider in your practice",
        ),
        (
            "child_voice",
            r"voice|in (?:his|her|their|\w+'s) (?:own )?words|what \w+ (?:said|told)|"
            r"lived experience|hearing from|\w+'s views?\b|wishes and feelings|in \w+'s words",
        ),
        (
            "next_step",
            r"next steps?|what happens next|what will happen|\bactions?\b|action plan|"
            r"what (?:we|the [\w ]{1,30}?|agencies|partners) (?:will|are going to|is|are|has|"
            r"have) (?:do|doing|done|do next)\b|what (?:you|practitioners|professionals|"
            r"managers) (?:should|must|can|need to) do|what will change|"
            r"what (?:has|is) changed?|what needs to (?:happen|change)|"
            r"changes (?:made|since|in practice)|"
            r"improvements?|progress (?:since|so far)",
        ),
        ("recommendation", r"recommendation|recommended"),
        (
            "finding",
            r"finding|what (?:we|the review|the audit) found|what did (?:we|the review) find|"
            r"areas? (?:for|of|needing) (?:development|improvement)|for improvement|"
            r"even better if|what (?:did not|didn't) (?:work|go) well|areas? of concern",
        ),
        (
            "key_learning",
            r"key learning|learning points?|practice points?|points? for practice|"
            r"key messages?|\blessons?\b|what (?:we|did we) learn|"
            r"learning for|messages for|learning themes?|key points|"
            r"what this means for|implications for practice|"
            r"why it matters|learning from (?:this|the) (?:case|review)|"
            r"what (?:the |these |our |local )?(?:reviews?|cases?|audits?) (?:told|tell|showed|"
            r"show|taught) us",
        ),
    ]
]
_WEAK_LEARNING = re.compile(r"\blearning\b", re.IGNORECASE)
_STRENGTHS = re.compile(r"strengths?\b|what (?:went|worked) well|good practice", re.IGNORECASE)
_DEVELOPMENT = re.compile(
    r"areas? (?:for|of|needing) (?:development|improvement)|for improvement|even better if|"
    r"what (?:did not|didn't) (?:work|go) well",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?P<label>findings?|recommendations?|key learning(?: points?)?|learning points?|"
    r"practice points?|key messages?|next steps?|actions?|reflective questions?|questions?|"
    # "Rec 2:", "R1." and "Q3:" only with their number: a bare "R" or "Q" is no label
    r"(?:rec(?:ommendation)?s?\.?|r|q)(?=\s*\d))"
    r"\s*(?P<number>\d+(?:\.\d+)*[a-z]?)?\s*(?:\((?P<who>[^)]{2,80})\))?\s*[:.\-\u2013)]\s*",
    re.IGNORECASE,
)
_LABEL_KIND = {
    "finding": "finding",
    "recommendation": "recommendation",
    "key learning": "key_learning",
    "learning point": "key_learning",
    "key message": "key_learning",
    "practice point": "key_learning",
    "rec": "recommendation",
    "r": "recommendation",
    "q": "reflective_question",
    "next step": "next_step",
    "action": "next_step",
    "reflective question": "reflective_question",
    "question": "reflective_question",
}
_ADDRESSEE_FIELD = re.compile(
    r"\b(?:addressee|addressed to|for|lead|owner|lead agency|lead agencies|responsible|"
    r"responsible agency|agency|agencies|who)\s*:\s*([^.;()\n]{2,80})",
    re.I,
)
_SUBJECT = re.compile(
    r"^(?i:that\s+)?(?i:the\s+)?(?P<who>[A-Z][\w'&,\- ]{2,80}?)\s+(?:should|must|to ensure|"
    r"will|needs? to|are asked to|is asked to|to review|to consider|to develop|to provide)\b",
)
# An introduction that recommends ("The partnership should:", "The review recommends that:"):
# the bullets under it are recommendations even where no heading names them.
_RECOMMENDING_INTRO = re.compile(
    r"\b(?:should|must|ought to|needs? to|(?:is|are) asked to|recommends?(?:\s+that)?|"
    r"(?:it is|we) recommend(?:ed)?(?:\s+that)?)\s*:\s*$",
    re.IGNORECASE,
)
# ... and one that commits ("The partnership will:", "Agencies have agreed to:"): next steps.
_COMMITTING_INTRO = re.compile(
    r"\b(?:will|(?:is|are) going to|(?:has|have) (?:agreed|committed) to)\s*:\s*$", re.IGNORECASE
)
_INTRO_FOR = re.compile(r"(?:recommendations?|actions?)\s+(?:for|to)\s+(?:the\s+)?(.{3,80})$", re.I)
_FOR_WHOM = re.compile(r"^for\s+(?:the\s+)?(.{3,80})$", re.I)  # "For the Chief Constable:"
_QUOTE_START = ("\u201c", '"', "\u2018", "'")


@dataclass
class ExtractedItem:
    """One learning item with its provenance and themes."""

    kind: str
    text: str
    heading_path: str
    paragraph: int
    addressee: str | None = None
    themes: list[str] = field(default_factory=list)
    parent: int | None = None  # index (in the same list) of the finding a recommendation follows


def section_kind(path: tuple[str, ...], strengths: str = "key_learning") -> str | None:
    """The item kind the nearest kind-naming heading gives, innermost first.

    The document's title (the outermost heading of a deeper path) names a kind only through a
    specific phrase: "Learning from the review of Child K" is a title, not a key-learning list.

    Args:
        path: the heading path, outermost first.
        strengths: the kind a strengths heading ("What worked well", "Areas of strength")
            gives: key learning, or findings where the review pairs its strengths with areas
            for development (see :func:`strengths_kind`).
    """
    for depth in range(len(path) - 1, -1, -1):
        heading = path[depth]
        if depth == 0 and detect_type(heading):
            continue  # the review's own title ("Learning Lessons: a SCIE review") names no kind
        for kind, pattern in _SECTION_KINDS:
            if pattern.search(heading):
                return kind
        if _STRENGTHS.search(heading):
            return strengths
        if (depth > 0 or len(heading.split()) <= 3) and _WEAK_LEARNING.search(heading):
            return "key_learning"
    return None


def strengths_kind(blocks: list[PlacedBlock]) -> str:
    """What a review's strengths are: findings when it pairs them with areas for development
    (the frame of audits and SILP learning events: what worked well, what must improve), else
    key learning (an appreciative inquiry's "what went well")."""
    paired = any(p.block.heading and _DEVELOPMENT.search(p.block.text) for p in blocks)
    return "finding" if paired else "key_learning"


def label_of(text: str) -> tuple[str | None, str, str | None]:
    """Split a leading label off: (kind or None, the rest of the text, addressee in brackets)."""
    match = _LABEL.match(text)
    if not match:
        return None, text, None
    word = match.group("label").lower().rstrip(".").rstrip("s")
    if word.endswith("question"):
        word = "reflective question" if word.startswith("reflective") else "question"
    kind = _LABEL_KIND.get(word)
    rest = text[match.end() :].strip()
    if kind is None or not rest:
        return None, text, None
    return kind, rest, match.group("who")


def find_addressee(text: str, inherited: str | None, declared: str | None = None) -> str | None:
    """Who a recommendation is addressed to: a labelled field; else the audience a "For the
    Chief Constable:" line above declares (``declared``: it addresses "Officers should ..." to
    the Chief Constable); else the sentence's subject; else the introduction or heading it
    sits under (``inherited``)."""
    if match := _ADDRESSEE_FIELD.search(text):
        return match.group(1).strip()
    if declared:
        return declared
    if match := _SUBJECT.match(text):
        who = match.group("who").strip(" ,")
        if len(who.split()) <= 8:
            return who
    return inherited


def _heading_addressee(path: tuple[str, ...]) -> str | None:
    if path and (match := _INTRO_FOR.search(path[-1])):
        return match.group(1).strip()
    return None


class _Extractor:
    """Walks a review's blocks once, keeping the state a reader keeps in their head."""

    def __init__(self, strengths: str = "key_learning") -> None:
        self.strengths = strengths
        self.items: list[ExtractedItem] = []
        self.open_finding: int | None = None  # a numbered finding still taking its explanation
        self.last_finding: int | None = None
        self.addressee: str | None = None
        self.declared: str | None = None  # the audience a "For the Chief Constable:" line names
        self.intro_kind: str | None = None  # "The partnership should:" makes bullets recommend
        self.path: tuple[str, ...] = ()

    def feed(self, placed: PlacedBlock) -> None:
        block = placed.block
        if placed.path != self.path:
            self.path = placed.path
            self.open_finding = None
            self.addressee = _heading_addressee(placed.path)
            self.declared = None
            self.intro_kind = None
        if block.heading:
            self._heading(placed)
            return
        self._body(placed)

    def _heading(self, placed: PlacedBlock) -> None:
        kind, rest, who = label_of(placed.block.text)
        if kind is None and _unlabelled_finding(placed):
            kind = "finding"
        if kind == "finding" and len(rest.split()) >= 4:
            self._add("finding", rest, placed)
            self.open_finding = len(self.items) - 1
        elif kind == "recommendation" and who:
            self.addressee = who

    def _body(self, placed: PlacedBlock) -> None:
        block = placed.block
        text = block.text.strip()
        kind, rest, who = label_of(text)
        section = section_kind(placed.path, self.strengths)
        if kind is None and text.endswith(":"):
            self.addressee = _intro_addressee(text) or self.addressee
            declared = _FOR_WHOM.match(text.rstrip(":").strip())
            self.declared = declared.group(1).strip() if declared else None
            self.intro_kind = _intro_kind(text)
            return
        if not block.bullet:
            self.intro_kind = None  # the list the introduction opened has ended
        elif section is None and self.intro_kind:
            section = self.intro_kind
        if kind is None and self.open_finding is not None and not block.bullet:
            if section in (None, "finding"):
                self.items[self.open_finding].text += " " + text
                return
        if kind is None:
            kind = _unlabelled_kind(text, section, bullet=block.bullet)
            if kind is None:
                return
        self.open_finding = None
        if kind == "reflective_question" and not rest.rstrip().endswith("?"):
            if label_of(text)[0] is None:
                return  # prose between questions, not a question
        self._add(kind, rest, placed, who)
        if kind == "finding" and label_of(text)[0] == "finding":
            self.open_finding = len(self.items) - 1

    def _add(self, kind: str, text: str, placed: PlacedBlock, who: str | None = None) -> None:
        if len(text.split()) < 2:
            return  # a stray word (a label left alone on its line) is not learning
        item = ExtractedItem(kind, text.strip(), placed.heading_path, placed.paragraph)
        if kind == "recommendation":
            item.addressee = who or find_addressee(item.text, self.addressee, self.declared)
            item.parent = self.last_finding
        if kind == "finding":
            self.last_finding = len(self.items)
        self.items.append(item)


def _unlabelled_finding(placed: PlacedBlock) -> bool:
    """Whether a heading is a finding stated as a sentence under a "Findings" heading ("The
    pre-birth assessment relied on what the parents said"): the paragraphs below explain it.
    A short topic heading ("Neglect") or one that names a kind of its own is not."""
    text = placed.block.text.strip()
    if len(placed.path) < 2 or len(text.split()) < 6 or text.endswith((":", "?")):
        return False
    parent = placed.path[:-1] if placed.path[-1] == text else placed.path
    if section_kind(parent) != "finding":
        return False
    return not any(pattern.search(text) for _, pattern in _SECTION_KINDS)


def _intro_kind(text: str) -> str | None:
    """The kind of the bullets an introduction opens, where no heading names one."""
    if _RECOMMENDING_INTRO.search(text):
        return "recommendation"
    return "next_step" if _COMMITTING_INTRO.search(text) else None


def _intro_addressee(text: str) -> str | None:
    body = text.rstrip(":").strip()
    if match := _INTRO_FOR.search(body):
        return match.group(1).strip()
    if match := _SUBJECT.match(body + " should"):
        who = match.group("who").strip(" ,")
        return who if len(who.split()) <= 8 else None
    return None


def _unlabelled_kind(text: str, section: str | None, *, bullet: bool) -> str | None:
    if text.startswith(_QUOTE_START) and len(text.split()) <= 80:
        if section not in ("recommendation", "next_step", "reflective_question"):
            return "child_voice"
    if section is None:
        return "reflective_question" if bullet and text.endswith("?") else None
    return section


@dataclass(frozen=True)
class ReviewContext:
    """What an item's themes may draw on beyond its own words: what the review says about the
    child it is about."""

    baby: bool = False  # the review is about a baby (or an unborn child)
    looked_after: bool = False  # the child was looked after
    child: str | None = None  # how the review names its child ("J" for "Child J")
    title_themes: frozenset[str] = frozenset()  # the themes the review's title names
    background_themes: frozenset[str] = frozenset()  # ... and its background text

    def themes_for(self, item: ExtractedItem) -> set[str]:
        """The review-level themes that apply to ``item``.

        Learning from the review of a baby is learning about babies, whatever the item's words
        (as the national analyses count a review's child's age); a looked-after child's own
        words are about their care. The child's being an adolescent is not spread to items:
        tried, it gave many false alarms (most learning from a teenager's review is about
        practice, not adolescence), and the same held for items that merely name the child.
        """
        found = {"babies"} if self.baby else set()
        if self.looked_after and item.kind == "child_voice":
            found.add("looked_after")
        return found


def extract_items(
    blocks: list[PlacedBlock],
    context: ReviewContext | None = None,
    options: ThemeOptions = DEFAULT_OPTIONS,
) -> list[ExtractedItem]:
    """The learning items of one review, in document order, each with its themes.

    An item's themes are those its own words give (:func:`lexical_themes`), with the topic
    themes (harm, family, the child's group) of the section headings it sits under and the
    review-level themes of ``context`` (:meth:`ReviewContext.themes_for`); the child's own
    words are always ``voice_of_child``. The review's dominant topic themes are then lent to
    the items that concern the child or the family
    (:mod:`fullpicture.learning.review_themes`). A recommendation is themed on its own words,
    not its finding's (tried: taking the finding's topic themes added false alarms on the
    development split).

    Args:
        blocks: the review's placed blocks (see :func:`fullpicture.learning.sections.place_blocks`).
        context: what the review says about its child (see :func:`review_context`).
        options: the lending rule and the service subject window (see
            :mod:`fullpicture.learning.theme_options`).
    """
    extractor = _Extractor(strengths_kind(blocks))
    for placed in blocks:
        extractor.feed(placed)
    context = context or ReviewContext()
    own = [
        lexical_themes(item.text, child=context.child, subject_window=options.subject_window)
        | heading_themes(item)
        | context.themes_for(item)
        for item in extractor.items
    ]
    lending = options.lending
    lent = dominant_themes(own, context.title_themes, context.background_themes, lending)
    for item, found in zip(extractor.items, own, strict=True):
        found |= lend(found, item.text, item.kind, context.child, lent, lending)
        if item.kind == "child_voice":
            found.add("voice_of_child")
        item.themes = sorted(found, key=_theme_order)
    return extractor.items


def heading_themes(item: ExtractedItem) -> set[str]:
    """The topic themes the section headings above an item name; a section headed "Neglect"
    is about neglect. The review's title is read as context about the child instead, and a
    finding's own heading ("Finding 2: ...") belongs to the finding, not to what follows it."""
    found: set[str] = set()
    for heading in item.heading_path.split(PATH_SEPARATOR)[1:]:
        if label_of(heading)[0] is None:
            found |= topic_themes(lexical_themes(heading))
    return found


_BABY_TITLE = re.compile(r"\b(?:baby|infant|unborn)\b", re.IGNORECASE)


def review_context(
    title: str, intro: list[str], child_age: str | None, pseudonym: str | None = None
) -> ReviewContext:
    """What the review's title, introduction and the child's age say about its child.

    A baby by the title ("Rapid Review: Baby K") or an age in weeks or months; looked after
    when the title or the introduction says so ("lived in a children's home", "in care").

    Args:
        title: the review's title.
        intro: the review's text outside its learning sections (background, the child).
        child_age: the child's age as :func:`fullpicture.learning.metadata.find_age` reads it.
        pseudonym: the child's pseudonym ("Child J"); its last word names the child in items.
    """
    unit = (child_age or "").partition(" ")[2]
    baby = bool(_BABY_TITLE.search(title)) or unit.startswith(("week", "month"))
    background = lexical_themes(" ".join(intro))
    title_themes = lexical_themes(title)
    return ReviewContext(
        baby=baby,
        looked_after="looked_after" in title_themes | background,
        child=pseudonym.split()[-1] if pseudonym else None,
        title_themes=frozenset(title_themes),
        background_themes=frozenset(background),
    )


def _theme_order(code: str) -> int:
    return theme_codes().index(code)
