"""The child's voice and findings on the corpus's long documents: precision and recall per split
(counted as `evaluate learning` counts kinds), with each miss and false alarm listed.

    uv run python scripts/learning_long.py [--words 2300] [--list] [split ...]

Length is the number of words in the blocks the reader produces. Documents numbered 336 and
above are never read (they are kept for blind measurement).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from fullpicture.learning.documents import read_document
from fullpicture.learning.evaluate import BLIND_FROM, Scores, default_corpus, match_items
from fullpicture.learning.library import parse_document

KINDS = ("child_voice", "finding")


def document_scores(gold: dict[str, object], path: Path, scores: dict[str, Scores]) -> list[str]:
    """Counts one document's V and F decisions into ``scores``; returns its error lines."""
    items: list[dict[str, str]] = gold["items"]  # type: ignore[assignment]
    predicted = [item for review in parse_document(path).reviews for item in review.items]
    pairs = dict(match_items(items, predicted))
    lines = []
    for index, item in enumerate(items):
        found = predicted[pairs[index]] if index in pairs else None
        if item["kind"] in KINDS:
            if found is not None and found.kind == item["kind"]:
                scores[item["kind"]].tp += 1
            else:
                scores[item["kind"]].fn += 1
                lines.append(
                    f"  MISS {item['kind']} (read {found.kind if found else None}): "
                    f"{item['text'][:140]}"
                )
        if found is not None and found.kind != item["kind"] and found.kind in KINDS:
            scores[found.kind].fp += 1
            lines.append(f"  FALSE {found.kind} (gold {item['kind']}) @ {found.heading_path}")
    for index, found in enumerate(predicted):
        if index not in pairs.values() and found.kind in KINDS:
            scores[found.kind].fp += 1
            lines.append(f"  FALSE {found.kind} @ {found.heading_path}: {found.text[:120]}")
    return lines


def _figures(scores: Scores) -> str:
    return f"P {scores.precision:.2f} R {scores.recall:.2f} ({scores.tp}/{scores.fp}/{scores.fn})"


def main() -> None:
    """Print the figures of the long documents of the splits named (all when none)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="*")
    parser.add_argument("--words", type=int, default=2300, help="longer than this many words")
    parser.add_argument("--list", action="store_true", help="list the misses and false alarms")
    args = parser.parse_args()
    corpus = default_corpus()
    per_split: dict[str, dict[str, Scores]] = defaultdict(lambda: {k: Scores() for k in KINDS})
    documents: dict[str, list[str]] = defaultdict(list)
    errors: list[str] = []
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        if int(gold_path.name.split("-")[0]) >= BLIND_FROM:
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        if args.splits and gold["split"] not in args.splits:
            continue
        path = corpus / "docs" / str(gold["document"])
        words = sum(len(block.text.split()) for block in read_document(path).blocks)
        if words <= args.words:
            continue
        documents[gold["split"]].append(gold_path.name.split("-")[0])
        lines = document_scores(gold, path, per_split[gold["split"]])
        if lines:
            errors.extend([f"{gold['document']} [{gold['split']}] {words} words", *lines])
    for split, scores in per_split.items():
        sys.stdout.write(
            f"{split:10s} V {_figures(scores['child_voice'])}  F {_figures(scores['finding'])}"
            f"  documents {', '.join(documents[split])}\n"
        )
    if args.list:
        sys.stdout.write("\n".join(errors) + "\n")


if __name__ == "__main__":
    main()
