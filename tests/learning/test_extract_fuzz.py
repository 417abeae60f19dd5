"""Any arrangement of the lines review documents are made of is read without an exception:
headings, labels, bullets, numbered points, quotations and sentences in any order, with or
without a heading above them (extraction rules look at the headings over a block, which may be
none)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fullpicture.learning.library import parse_document

LINES = [
    "# Learning brief: Child A",
    "## Key learning",
    "## Findings",
    "## Recommendations",
    "## Next steps",
    "## Learning identified",
    "### Learning for schools",
    "## Learning theme 1: Drift",
    "## Theme one: Hearing the child",
    "## 4. Analysis",
    "## Learning to be taken forward",
    "## What you can do now",
    "## Why this matters",
    "## What Child A told us",
    "## Period 2: March to June",
    "Key learning:",
    "Lesson 1: A new adult in the home changes the risk.",
    "Finding 2: Agencies did not share what they knew.",
    "Recommendation 1(a): The partnership should review its neglect strategy.",
    "What we found: the school knew but did not refer.",
    "- Quiet children in class can be children who are frightened at home.",
    "- Teachers should ask a quiet child how things are at home.",
    "1. The health visitor saw the bruise but did not ask about it.",
    "2. Practitioners should record who lives in the home.",
    '"Nobody asked me what was happening," Child A said.',
    "In the review of Baby B, the plan ended before the baby was born.",
    "The partnership accepted all nine recommendations.",
    "| What we saw | What we learned | What has changed |",
    "| --- | --- | --- |",
    "| Missed visits | Visits matter | New visit standard |",
    "",
]


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_should_read_any_arrangement_of_review_lines_without_an_exception(
    suffix: str, tmp_path: Path
) -> None:
    @given(lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=14))
    # a label line with no heading above it: the rules looking at the headings got none
    @example(lines=["Learning brief: Child A", "Key learning:", LINES[20], LINES[21]])
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(lines: list[str]) -> None:
        path = tmp_path / f"review{suffix}"
        path.write_text("\n\n".join(lines), encoding="utf-8")
        parse_document(path)

    check()
