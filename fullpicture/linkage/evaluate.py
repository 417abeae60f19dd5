"""Measuring linkage against ground truth: pairwise precision, recall and F1, B-cubed precision,
recall and F1, and the exact-cluster rate; plus the exact-NHS-number-only baseline.

Ground truth is ``DIR/truth/persons.csv`` with ``source,local_id,true_id`` for every source person
record (the layout ``fullpicture synth`` writes).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.errors import LinkageError, NotFoundError
from fullpicture.store.schema import source_person


@dataclass(frozen=True)
class Scores:
    """Linkage accuracy against the truth."""

    records: int
    true_people: int
    predicted_people: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    exact_cluster_rate: float

    def as_dict(self) -> dict[str, Any]:
        """The scores as a JSON-ready dictionary."""
        return asdict(self)


def _pairs(sizes: Mapping[Any, int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clusters(predicted: Mapping[Any, Any], truth: Mapping[Any, Any]) -> Scores:
    """Compare a predicted clustering with the true one, over the records both know.

    Args:
        predicted: record key -> predicted cluster (None = its own cluster).
        truth: record key -> true person id.

    Returns:
        Pairwise and cluster-level scores.
    """
    keys = [k for k in truth if k in predicted]
    pred = {k: predicted[k] if predicted[k] is not None else ("single", k) for k in keys}
    pred_sizes, true_sizes = Counter(pred.values()), Counter(truth[k] for k in keys)
    joint = Counter((pred[k], truth[k]) for k in keys)
    correct = _pairs(joint)
    predicted_pairs, true_pairs = _pairs(pred_sizes), _pairs(true_sizes)
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    n = len(keys) or 1
    b_p = sum(c * c / pred_sizes[p] for (p, _t), c in joint.items()) / n
    b_r = sum(c * c / true_sizes[t] for (_p, t), c in joint.items()) / n
    exact = sum(1 for (p, t), c in joint.items() if c == pred_sizes[p] == true_sizes[t])
    return Scores(
        len(keys),
        len(true_sizes),
        len(pred_sizes),
        true_pairs,
        predicted_pairs,
        correct,
        round(precision, 5),
        round(recall, 5),
        round(_f1(precision, recall), 5),
        round(b_p, 5),
        round(b_r, 5),
        round(_f1(b_p, b_r), 5),
        round(exact / len(true_sizes), 5) if true_sizes else 1.0,
    )


def read_truth(truth_dir: Path) -> dict[tuple[str, str], str]:
    """Read ``persons.csv`` from a truth folder: ``(source, local_id) -> true_id``."""
    path = truth_dir / "persons.csv"
    if not path.is_file():
        raise NotFoundError(
            f"No ground truth at {path}.",
            hint="Pass the truth folder written by the generator (DIR/truth).",
        )
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"source", "local_id", "true_id"} - set(reader.fieldnames or ())
        if missing:
            raise LinkageError(
                f"{path} lacks the columns {sorted(missing)}.",
                hint="The header must be source,local_id,true_id.",
            )
        return {(row["source"], row["local_id"]): row["true_id"] for row in reader}


def _store_records(engine: Engine) -> list[tuple[str, str, str | None, str | None]]:
    query = sa.select(
        source_person.c.source,
        source_person.c.local_id,
        source_person.c.person_id,
        source_person.c.nhs_number,
    )
    with engine.connect() as conn:
        return [(s, lid, pid, nhs) for s, lid, pid, nhs in conn.execute(query)]


def evaluate_linkage(engine: Engine, truth_dir: Path) -> dict[str, Any]:
    """Score the store's current linkage, and the exact-NHS-number baseline, against the truth.

    Returns:
        ``{"linkage": Scores, "nhs_only_baseline": Scores, "unmatched_truth_records": int}``
        as dictionaries.
    """
    truth = read_truth(truth_dir)
    records = _store_records(engine)
    linked = {(s, lid): pid for s, lid, pid, _nhs in records}
    baseline = {(s, lid): ("nhs", nhs) if nhs else None for s, lid, _pid, nhs in records}
    return {
        "linkage": score_clusters(linked, truth).as_dict(),
        "nhs_only_baseline": score_clusters(baseline, truth).as_dict(),
        "unmatched_truth_records": sum(1 for k in truth if k not in linked),
    }


def cross_source_recall(predicted: Mapping[Any, Any], truth: Mapping[Any, Any]) -> float:
    """Share of true cross-agency pairs (different sources) the predicted clustering joins."""
    by_true: dict[Any, list[Any]] = defaultdict(list)
    for key, tid in truth.items():
        if key in predicted:
            by_true[tid].append(key)
    total = found = 0
    for members in by_true.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a[0] != b[0]:
                    total += 1
                    found += predicted[a] is not None and predicted[a] == predicted[b]
    return found / total if total else 1.0
