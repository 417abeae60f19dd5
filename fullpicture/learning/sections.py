"""Structure: give every block its heading path and paragraph number, fold the repeated titles
of slide decks into one section, and split documents that hold several reviews or cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fullpicture.learning.documents import Block

PATH_SEPARATOR = " > "

_CONTINUED = re.compile(r"\s*[\(\[]?\s*(?:continued|cont'?d?\.?|contd\.?)\s*[\)\]]?\s*$", re.I)
_CASE_HEADING = re.compile(
    r"^(?:case(?:\s+study)?|review|learning review|child|young person)\s*"
    r"(?:\d+|[A-Z]\b|one|two|three|four|five)",
    re.IGNORECASE,
)
_NAMED_REVIEW = re.compile(
    r"(?:serious case review|practice review|rapid review|local review|silp|learning together)"
    r"[^\n]{0,12}(?:child|baby|young person|[\"'\u2018\u201c])",
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


def place_blocks(blocks: list[Block]) -> list[PlacedBlock]:
    """Give each block its heading path; a heading that repeats the current one (a slide title
    repeated on the next slide, or marked "continued") continues the same section, and the
    headings of a framed box or table (``boxed``) end where the box does."""
    stack: list[tuple[int, str, bool]] = []
    placed: list[PlacedBlock] = []
    for number, block in enumerate(blocks, start=1):
        if not block.boxed:
            while stack and stack[-1][2]:
                stack.pop()  # a framed box's or table's own headings end with it
        if block.heading:
            if stack and _base_title(stack[-1][1]) == _base_title(block.text):
                continue
            while stack and stack[-1][0] >= block.heading:
                stack.pop()
            stack.append((block.heading, _CONTINUED.sub("", block.text).strip(), block.boxed))
        placed.append(PlacedBlock(block, tuple(text for _, text, _ in stack), number))
    return placed


def _is_case_heading(block: Block) -> bool:
    return bool(_CASE_HEADING.match(block.text) or _NAMED_REVIEW.search(block.text))


def split_reviews(placed: list[PlacedBlock]) -> list[Segment]:
    """Split a document into one segment per review or case.

    Headings that name a case or a review ("Case 2", "Serious case review: Child M") split the
    document when two or more of them stand at the same heading level; the text before the
    first is the preamble every segment inherits for its metadata.
    """
    by_level: dict[int, list[int]] = {}
    for index, item in enumerate(placed):
        if item.block.heading and _is_case_heading(item.block):
            by_level.setdefault(item.block.heading, []).append(index)
    levels = sorted(level for level, found in by_level.items() if len(found) >= 2)
    if not levels:
        title = next((p.block.text for p in placed if p.block.heading), "")
        return [Segment(title=title, blocks=placed, preamble=placed)]
    starts = by_level[levels[0]]
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
