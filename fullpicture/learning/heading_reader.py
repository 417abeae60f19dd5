"""Reading a section heading worded in a way the hand-written patterns have not met.

:func:`rule_kind` gives a heading a kind by word-level rules built from what each kind means,
not from any document's wording: a heading that turns to the reader and asks what they are to
do is a next step, one that states what "we" learned is key learning, one that states what the
review found is a finding, and so on. :func:`fullpicture.learning.extract.section_kind`
consults it only where its own patterns give a section no kind.

Measured out of time (``scripts/heading_out_of_time.py``): put into the code of two earlier
moments, it fixed 0 and 4 items on the splits nobody had read then and broke none (see
docs/learning-evaluation.md, "Headings worded in ways never met, judged out of time"); most of what those
splits lost lay under headings that name no kind in any words or name another kind. A small
learned heading classifier was measured the same way and not adopted.

The module depends on the standard library only, so the out-of-time script can load it beside
an older checkout's extractor.
"""

from __future__ import annotations

import re

# How a heading is numbered ("7. Remember", "Step 6:", "Theme two -", "(b)"): its place.
_ENUMERATOR = re.compile(
    r"^(?:(?:step|slide|point|part|section|page|theme|chapter|area)\s+)?"
    r"(?:\d+(?:\.\d+)*|[ivx]{1,4}|[a-h]|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s*[.):\-\u2013]\s*|\s+)(?=\w)|^\(?[a-h\d]{1,2}\)\s*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z'\u2019]*")


def heading_words(heading: str) -> list[str]:
    """A heading's words, lower case, its numbering taken off."""
    stripped = _ENUMERATOR.sub("", heading.strip())
    return _WORD.findall(stripped.lower().replace("\u2019", "'"))


# The rules, by kind, from the meaning of each kind. Each reads the heading's words, numbering
# off, in lower case.
# the reader, as a briefing addresses them ("you", "I" in "What should I do?", a role); "we"
# is the writer, whose own plans are read only in so many words ("What we will do")
_READER = (
    r"(?:you|your|i|practitioners?|professionals?|staff|managers?|leaders?|everyone|"
    r"(?:every|each|all) [a-z]+)"
)
_ASKED = r"(?:can|could|should|must|will|might|need to|needs to|have to|has to|to)"
_DOING = r"(?:do|change|act|respond|help|make (?:a )?difference)"
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # the reader asked what to do: "what ... you ... do", "how can you", "your role",
    # "actions for", "what should I do"
    (
        "next_step",
        re.compile(
            # asked, not described: a modal or "to" before the doing ("What managers can
            # change", "What should I do"); "How practitioners respond to neglect" describes
            rf"^(?:what|how)\b.{{0,40}}\b{_READER}\b.{{0,30}}?\b{_ASKED}\s+(?:\w+\s+){{0,2}}?"
            rf"{_DOING}\b(?!.*\b(?:did|found|learn\w*)\b)|"
            rf"^(?:what|how) (?:can|could|should|must|will|might) {_READER}\b.{{0,30}}?\b"
            rf"{_DOING}\b|"
            rf"^how (?:can|could|should|will|might) (?:you|i|we)\b|^your (?:role|part|actions?)\b|"
            rf"^actions? (?:for|to take)\b|^what (?:to do|next)\b|^do this\b|"
            rf"^(?:what|things) (?:you|we) (?:can|could|should|need to|must|will) do\b",
        ),
    ),
    # the learning stated in the first person plural: "what we learned", "lessons"
    (
        "key_learning",
        re.compile(
            r"^what (?:we|i) (?:have )?(?:learn(?:ed|t)|know now|now know|took away)\b|"
            r"^(?:the )?lessons?\b|^(?:key |main )?take[- ]?aways?\b|"
            r"^what (?:this|it) (?:tells|teaches) us\b",
        ),
    ),
    # what the review found in the case: "what we found", "what went wrong"
    (
        "finding",
        re.compile(
            r"^what (?:we|the (?:review|reviewers?|panel|audit)) (?:found|saw|identified)\b|"
            r"^what (?:went wrong|did not work|didn't work|could have gone better)\b",
        ),
    ),
    # the reader asked to reflect: "questions to ask yourself", "think about"
    (
        "reflective_question",
        re.compile(
            r"^(?:questions? (?:to|for) (?:ask|consider|reflect|discuss|you)|ask yourself|"
            r"(?:things to |points to )?(?:think|reflect) (?:about|on)|over to you)\b"
        ),
    ),
    # the child's own words: "in my words", "what the child told us"
    (
        "child_voice",
        re.compile(
            r"^in (?:my|his|her|their) (?:own )?words\b|^what (?:the (?:child|young person)|"
            r"children|young people) (?:said|told|tell)\b|^(?:hear|hearing) (?:me|from me)\b"
        ),
    ),
)


def rule_kind(heading: str) -> str | None:
    """The kind a heading's words give by the rules of meaning, or None."""
    text = " ".join(heading_words(heading))
    return next((kind for kind, pattern in _RULES if pattern.search(text)), None)
