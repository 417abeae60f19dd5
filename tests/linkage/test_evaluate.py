"""Linkage accuracy measures against ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from fullpicture.errors import NotFoundError
from fullpicture.linkage.evaluate import read_truth, score_clusters


def test_should_score_a_perfect_clustering_as_one() -> None:
    truth = {1: "a", 2: "a", 3: "b"}
    scores = score_clusters({1: "x", 2: "x", 3: "y"}, truth)
    assert (scores.precision, scores.recall, scores.f1, scores.exact_cluster_rate) == (1, 1, 1, 1)


def test_should_score_a_false_merge_and_a_missed_link() -> None:
    truth = {1: "a", 2: "a", 3: "b", 4: "c"}
    scores = score_clusters({1: "x", 2: None, 3: "y", 4: "y"}, truth)
    assert scores.precision == 0.0 and scores.recall == 0.0
    assert scores.bcubed_precision == pytest.approx(0.75)


def test_should_explain_a_missing_truth_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="persons.csv"):
        read_truth(tmp_path)
