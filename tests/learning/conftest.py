"""Fixtures for the learning library's tests: the annotated corpus and small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def sample_corpus() -> Path:
    return CORPUS


@pytest.fixture
def sample_text_review(tmp_path: Path) -> Path:
    path = tmp_path / "review.txt"
    path.write_text(
        "Northmere Safeguarding Children Partnership\n\n"
        "Child Safeguarding Practice Review: Child T\n\n"
        "Published: 14 March 2023\n\n"
        "Finding 1: Return home interviews were not offered after missing episodes\n\n"
        "T went missing eleven times and nobody offered a return home interview.\n\n"
        "Recommendation 1: The Partnership should audit return home interviews\n"
        "every quarter and report to the board.\n\n"
        "Key learning\n"
        "\u2022 Going missing is a signal of harm, not a\n"
        "  behaviour to be managed.\n",
        encoding="utf-8",
    )
    return path
