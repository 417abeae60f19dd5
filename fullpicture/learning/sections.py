"""Structure: give every block its heading path and paragraph number, fold the repeated titles
of slide decks into one section, and split documents that hold several reviews or cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fullpicture.learning.documents import Block
from fullpicture.learning.metadata import (
    detect_type,
    find_publisher,
    labelled_type,
    leading_type,
    names_type,
    title_type,
    type_only,
)

PATH_SEPARATOR = " > "

_CONTINUED = re.compile(r"\s*[\(\[]?\s*(?:continued|cont'?d?\.?|contd\.?)\s*[\)\]]?\s*$", re.I)
_CASE_HEADING = re.compile(
    r"^(?:case(?:\s+study)?|(?:(?:rapid|local|learning|practice|serious case)\s+)?review|"
    r"child|baby|young person)(?![a-z])\s*(?:\d+|[A-Z]\b|one|two|three|four|five)",
    re.IGNORECASE,
)
_NAMED_REVIEW = re.compile(
    r"(?:serious case review|practice review|rapid review|local review|silp|learning together|"
    r"\bscr\b|\bl?cspr\b|\blspr\b)"
    # the child named after the type, or a family by its surname ("SILP review: the Osei
    # children")
    r"[^\n]{0,12}(?:the\s+[\w'-]+\s+)?(?:child|baby|young person|siblings|family|brothers|"
    r"sisters|twins|[\"'\u2018\u201c])",
    re.IGNORECASE,
)
# A section reporting one piece of work by its kind and subject, as an annual report does
# ("5.4 Multi-agency audit: emotional abuse and child protection plans").
# ... or by its kind, its subject and, in brackets, when it was published ("Thematic review of
# neglect in children under five (published March 2025)")
_NAMED_AUDIT = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:multi-agency (?:case (?:file )?)?audit|thematic review|"
    r"appreciative inquiry)\s*(?:[:\u2013\-]\s*\w|(?:of|into|on)\s+[^()]{3,80}\((?:published|"
    r"concluded|completed|finished)?\s*[^()]{0,20}\b(?:19|20)\d\d\)\s*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PlacedBlock:
    """A block with its place in the document: heading path and 1-based paragraph number."""

    block: Block
    path: tuple[str, ...]
    paragraph: int

    @property
    def heading_path(self) -> str:
        """The heading path as one string, outermost first."""
        return PATH_SEPARATOR.join(self.path)


@dataclass
class Segment:
    """One review's (or one case's) part of a document, and the document's opening text."""

    title: str
    blocks: list[PlacedBlock] = field(default_factory=list)
    preamble: list[PlacedBlock] = field(default_factory=list)
    is_case: bool = False  # the segment is one of several cases split from its document


def _base_title(text: str) -> str:
    return _CONTINUED.sub("", text).strip().lower()


# A section number at a heading's start: "5.", "5.1", "5.1.", "5)" (a bare "7 Minute Briefing"
# is a title, not section 7).
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:[.)]\s|\.?\s)(?=\S)")
_DOTTED = re.compile(r"^\d{1,2}(?:[.)]|\.\d{1,2})")


def section_number(text: str) -> tuple[int, ...] | None:
    """The section number a heading starts with ("5.1 Seeing the whole history" -> (5, 1)),
    or None when it has none."""
    if not _DOTTED.match(text) or not (match := _SECTION_NUMBER.match(text)):
        return None
    return tuple(int(part) for part in match.group(1).split("."))


def outline_levels(blocks: list[Block]) -> dict[int, float]:
    """Heading levels corrected by the document's own outline numbering.

    Many documents set every heading in the same style, so "5.1 Seeing the whole history"
    arrives at the level of "5. Analysis and findings", and the unnumbered topic headings under
    "6. Learning themes" at the level of "6." itself. A sub-number ("5.1") sits a step below
    its section; an unnumbered heading between two numbered sections of its own level ("6." ...
    "7.") sits below the first. Returns the corrected level of each heading, by block index.
    """
    levels: dict[int, float] = {}
    headings = [(i, b) for i, b in enumerate(blocks) if b.heading]
    numbers = {i: section_number(b.text) for i, b in headings}
    for position, (index, block) in enumerate(headings):
        number = numbers[index]
        if number is not None:
            levels[index] = block.heading + 0.1 * (len(number) - 1)
        elif _between_numbered(headings, numbers, position):
            levels[index] = block.heading + 0.5
        else:
            levels[index] = float(block.heading)
    return levels


def _between_numbered(
    headings: list[tuple[int, Block]], numbers: dict[int, tuple[int, ...] | None], position: int
) -> bool:
    """Whether an unnumbered heading stands between numbered headings of its own level, with
    no higher heading between them (so it is a topic inside the earlier section)."""
    level = headings[position][1].heading

    def numbered_neighbour(step: int) -> bool:
        scan = position + step
        while 0 <= scan < len(headings):
            index, block = headings[scan]
            if block.heading < level:
                return False
            if block.heading == level and numbers[index] is not None:
                return True
            scan += step
        return False

    return numbered_neighbour(-1) and numbered_neighbour(1)


# How a numbered section heading reads when a table or box swallowed it: a short line, its
# words capitalised, ending no sentence ("3. Findings", "3.1 The child's lived experience").
_SWALLOWED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z][^.!?;:,]{1,80}$")


def _successor(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether ``number`` is the outline's next number after ``previous``: its first
    sub-section ("3" -> "3.1") or the next section at any depth ("3.1" -> "3.2", "3.1" -> "4")."""
    if number == (*previous, 1):
        return True
    return any(number == (*previous[:depth], previous[depth] + 1) for depth in range(len(previous)))


def recover_numbered_headings(blocks: list[Block]) -> list[Block]:
    """Give back their place to the numbered section headings a table or framed box swallowed.

    A PDF's table set just before "3. Findings" can run on over that heading and the next
    ("3.1 The child's lived experience"), which then arrive as the table's text, so what is
    under them would have no section. A framed block that reads as a short numbered heading,
    whose number is the next in the document's outline after the numbered heading before it
    and comes before the numbered heading after it, is made a heading at the level the
    document sets that depth of its outline.
    """
    recovered = list(blocks)
    for index, block in enumerate(blocks):
        number = section_number(block.text)
        if not block.boxed or block.heading or block.bullet or number is None:
            continue
        if len(block.text.split()) > 10 or not _SWALLOWED_HEADING.match(block.text):
            continue
        before = _numbered_heading(recovered[:index][::-1])
        after = _numbered_heading(recovered[index + 1 :])
        if before is None or after is None or not (before[0] < number < after[0]):
            continue
        if _successor(before[0], number):
            level = _outline_depth_level(recovered, len(number))
            if level is not None:
                recovered[index] = Block(block.text, heading=level)
    return recovered


def _numbered_heading(blocks: list[Block]) -> tuple[tuple[int, ...], int] | None:
    """The number and level of the first numbered heading among ``blocks``."""
    for block in blocks:
        if block.heading and (number := section_number(block.text)) is not None:
            return number, block.heading
    return None


def _outline_depth_level(blocks: list[Block], depth: int) -> int | None:
    """The heading level a document sets the numbered headings of one depth of its outline
    at (depth 1: "2. Method"; depth 2: "3.2 The plan"), from the first such heading."""
    for block in blocks:
        number = section_number(block.text) if block.heading and not block.boxed else None
        if number is not None and len(number) == depth:
            return block.heading
    return None


def place_blocks(blocks: list[Block]) -> list[PlacedBlock]:
    """Give each block its heading path; a heading that repeats the current one (a slide title
    repeated on the next slide, or marked "continued") continues the same section, the
    headings of a framed box or table (``boxed``) end where the box does, and outline numbers
    correct flat heading levels (see :func:`outline_levels`)."""
    stack: list[tuple[float, str, bool]] = []
    placed: list[PlacedBlock] = []
    blocks = recover_numbered_headings(blocks)
    levels = outline_levels(blocks)
    for number, block in enumerate(blocks, start=1):
        if not block.boxed:
            while stack and stack[-1][2]:
                stack.pop()  # a framed box's or table's own headings end with it
        if block.heading:
            if stack and _base_title(stack[-1][1]) == _base_title(block.text):
                continue
            level = levels[number - 1]
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _CONTINUED.sub("", block.text).strip(), block.boxed))
        placed.append(PlacedBlock(block, tuple(text for _, text, _ in stack), number))
    return placed


# A bulletin's case heading that names the child, then the review it reports ("Kai: learning
# from a rapid review", "The Okafor children - lessons from a practice review").
# ("Ava: learning summary from a rapid review", "Baby J - lessons learned from an SCR").
_CASE_LEARNING_FROM = re.compile(
    r"^[^:\u2013\-]{2,40}\s*[:\u2013\-]\s*(?:learning|lessons)(?:\s+[\w-]+){0,2}?\s+from "
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}review\b",
    re.IGNORECASE,
)
# A heading giving a subject, then only the kind of review it was, as a partnership's list of
# published reviews heads each entry ("Child S: local child safeguarding practice review",
# "Children with a disability: multi-agency audit").
_SUBJECT_THEN = re.compile(r"^[^:\u2013\u2014]{2,60}?\s*(?:[:\u2013\u2014]|\s-)\s*(.+)$")


# A part of a document holding several reviews ("Part A: Jay - local learning review")
_PART = re.compile(
    r"^(?:part|section)\s+(?:[A-Z]|\d{1,2}|one|two|three|four)\s*[:.\u2013\u2014-]\s*", re.I
)


# When an entry of a list of published reviews was published, in brackets after its type
# ("Jay: rapid review learning summary (published June 2023)")
_PUBLISHED_AFTER = re.compile(
    r"\s*\((?:(?:first\s+)?published|issued|updated|concluded|completed)?\s*:?\s*(?:in\s+)?"
    r"(?:[A-Za-z]{3,9}\.?\s+)?(?:19|20)\d\d\)\s*$",
    re.IGNORECASE,
)


def _subject_then_type(text: str) -> bool:
    """Whether a heading gives a subject, then only the kind of review it was, perhaps with
    when it was published in brackets ("Child S: local child safeguarding practice review",
    "Jay: rapid review learning summary (published June 2023)")."""
    return any(
        (match := _SUBJECT_THEN.match(each)) and type_only(_PUBLISHED_AFTER.sub("", match[1]))
        for each in (text, _PART.sub("", text))
    )


def _labelled_entry(placed: list[PlacedBlock], index: int) -> bool:
    """Whether the heading at ``index`` is followed by a line labelling a review's type, as a
    list of published reviews gives each entry ("Ava" over "Published: May 2024 | Type:
    rapid review")."""
    following = placed[index + 1 : index + 3]
    return any(not p.block.heading and labelled_type([p.block.text]) for p in following)


def _is_case_heading(block: Block) -> bool:
    return bool(
        _CASE_HEADING.match(block.text)
        or _NAMED_REVIEW.search(block.text)
        or _CASE_LEARNING_FROM.match(block.text)
        or _NAMED_AUDIT.match(block.text)
        or _subject_then_type(block.text)
    )


def _one_review(placed: list[PlacedBlock]) -> bool:
    """Whether the document's title names one review of a kind that is not a briefing ("Child
    Safeguarding Practice Review: Children A and B", "Thematic review of ..."): its "Child A"
    and "Child B" sections are parts of it, not reviews of their own."""
    title = next((item.block.text for item in placed if item.block.heading), "")
    return detect_type(title) not in (None, "bulletin") and not names_type(title, "bulletin")


# A numbered entry's label ("Review 2: Baby S (...)", "Case 1 - Jordan") before its subject
_ENTRY_NUMBER = re.compile(r"^(?:review|case)\s+\d{1,2}\s*(?:[:.\u2013\u2014]|\s-)\s*", re.I)
# Where a heading's subject ends: "Child L: what the review found", "Baby S (rapid review)"
_SUBJECT_END = re.compile(r"\s*(?:[:(\u2013\u2014]|\s-\s)")


def _case_subject(text: str) -> tuple[str, str | None]:
    """The child or family a case heading names, lower-cased ("Review 1: Child L (rapid
    review, 2025)" and "Child L: learning for officers" both give "child l"), and the review
    type when the heading leads with it and names the child after ("Child Safeguarding
    Practice Review: Child R" and "Learning from a Child Safeguarding Practice Review: Child
    R" both give "child r" and that type)."""
    text = _ENTRY_NUMBER.sub("", _PART.sub("", text.strip()))
    head, *rest = _SUBJECT_END.split(text, maxsplit=1)
    led = leading_type(head)
    if led and rest and (child := _SUBJECT_END.split(rest[0], maxsplit=1)[0].strip()):
        return child.lower(), led
    return head.strip().lower(), None


def _same_case(first: str, second: str) -> bool:
    """Whether two case headings name the same child, and no two different types of review."""
    (child, kind), (other, other_kind) = _case_subject(first), _case_subject(second)
    return child == other and (kind is None or other_kind is None or kind == other_kind)


def _new_subjects(placed: list[PlacedBlock], starts: list[int]) -> list[int]:
    """The case headings that start a review: a heading naming the same child as the one
    before it ("Child L: learning for officers" after "Review 1: Child L (rapid review)") is
    a part of that review, as a slide deck titles each slide of one case, and so is a heading
    naming the same review again ("Learning from a Child Safeguarding Practice Review: Child
    R" on the slide after "Child Safeguarding Practice Review: Child R")."""
    kept = starts[:1]
    for start in starts[1:]:
        if not _same_case(placed[start].block.text, placed[kept[-1]].block.text):
            kept.append(start)
    return kept


# A title naming a periodical: "Ward Safeguarding Bulletin", "Schools Newsletter"
_PERIODICAL_TITLE = re.compile(r"\b(?:e-?)?(?:newsletter|bulletin)s?\b", re.IGNORECASE)


def _agency_periodical(preamble: list[PlacedBlock]) -> bool:
    """Whether the document is an issue of another agency's periodical (a hospital trust's
    staff bulletin, a council team's newsletter to schools): its title names a newsletter or
    bulletin and its title page the agency publishing it. Such an issue drawing on several of
    the partnership's reviews is one learning bulletin, not one review per case
    (docs/learning-taxonomy.md, "Other agencies' documents"); a partnership's own bulletin
    still holds one review per case."""
    headings = [item.block.text for item in preamble if item.block.heading]
    if not headings or title_type(headings[0]) != "bulletin":
        return False
    if not _PERIODICAL_TITLE.search(headings[0]):
        return False
    title_page = [item.block.text for item in preamble[1:4] if not item.block.heading]
    return find_publisher(title_page[:2]) is not None


def split_reviews(placed: list[PlacedBlock]) -> list[Segment]:
    """Split a document into one segment per review or case.

    Headings that name a case or a review ("Case 2", "Serious case review: Child M") split the
    document when two or more of them stand at the same heading level; the text before the
    first is the preamble every segment inherits for its metadata.
    """
    by_level: dict[int, list[int]] = {}
    one_review = _one_review(placed)
    for index, item in enumerate(placed):
        if not item.block.heading:
            continue
        labelled = _labelled_entry(placed, index)
        if not (labelled or _is_case_heading(item.block)):
            continue
        if one_review and not (labelled or detect_type(item.block.text)):
            continue  # "Child A", "Case 1" inside one review are its children or cases
        by_level.setdefault(item.block.heading, []).append(index)
    levels = sorted(level for level, found in by_level.items() if len(found) >= 2)
    if not levels:
        title = next((p.block.text for p in placed if p.block.heading), "")
        return [Segment(title=title, blocks=placed, preamble=placed)]
    starts = _new_subjects(placed, by_level[levels[0]])
    if _agency_periodical(placed[: starts[0]]):
        title = next((p.block.text for p in placed if p.block.heading), "")
        return [Segment(title=title, blocks=placed, preamble=placed)]
    preamble = placed[: starts[0]]
    segments: list[Segment] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(placed)
        body = placed[start:end]
        if position == 0:
            body = preamble + body
        segments.append(
            Segment(placed[start].block.text, blocks=body, preamble=preamble, is_case=True)
        )
    return segments
