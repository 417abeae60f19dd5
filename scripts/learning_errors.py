"""List one split's item errors per document: gold items missed, items of the wrong kind and
extracted items that are not learning, each with its heading path; with --themes, the theme
errors on matched items instead (gold themes missed, themes given wrongly).

    uv run python scripts/learning_errors.py heldout7 [--document 71] [--themes]

Reading a split's errors makes it no longer unseen: run this only on splits already measured
once (docs/learning-evaluation.md says which), never on one kept for a single blind measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from fullpicture.learning.evaluate import default_corpus, match_items
from fullpicture.learning.library import parse_document


def document_errors(gold: dict[str, object], counts: Counter[str]) -> list[str]:
    """The error lines of one annotated document, counting them in ``counts``."""
    items: list[dict[str, str]] = gold["items"]  # type: ignore[assignment]
    parsed = parse_document(default_corpus() / "docs" / str(gold["document"]))
    predicted = [item for review in parsed.reviews for item in review.items]
    pairs = dict(match_items(items, predicted))
    lines = []
    for index, item in enumerate(items):
        if index not in pairs:
            counts["missed"] += 1
            lines.append(f"  MISSED {item['kind']}: {item['text'][:140]}")
        elif predicted[pairs[index]].kind != item["kind"]:
            counts["wrong kind"] += 1
            found = predicted[pairs[index]]
            lines.append(
                f"  KIND gold {item['kind']}, found {found.kind} @ {found.heading_path}: "
                f"{item['text'][:100]}"
            )
        else:
            counts["right"] += 1
    for index, found in enumerate(predicted):
        if index not in pairs.values():
            counts["not learning"] += 1
            lines.append(f"  EXTRA {found.kind} @ {found.heading_path}: {found.text[:120]}")
    return lines


def theme_errors(gold: dict[str, object], counts: Counter[str]) -> list[str]:
    """The theme errors on the matched items of one annotated document, counting each missed
    theme as "-theme" and each wrongly given one as "+theme" in ``counts``."""
    items: list[dict[str, object]] = gold["items"]  # type: ignore[assignment]
    parsed = parse_document(default_corpus() / "docs" / str(gold["document"]))
    predicted = [item for review in parsed.reviews for item in review.items]
    lines = []
    for g, p in match_items(items, predicted):
        expected = set(items[g]["themes"])  # type: ignore[call-overload]
        given = set(predicted[p].themes)
        missed, wrong = sorted(expected - given), sorted(given - expected)
        counts.update([f"-{code}" for code in missed] + [f"+{code}" for code in wrong])
        if missed or wrong:
            lines.append(
                f"  [{predicted[p].kind}] missed {missed} given wrongly {wrong} "
                f"@ {predicted[p].heading_path}\n    {str(items[g]['text'])[:300]}"
            )
    return lines


def main() -> None:
    """Print the errors of the split named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split")
    parser.add_argument("--document", help="only documents whose file name starts so")
    parser.add_argument("--themes", action="store_true", help="theme errors on matched items")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    for path in sorted((default_corpus() / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        if gold["split"] != args.split or not path.name.startswith(args.document or ""):
            continue
        lines = (theme_errors if args.themes else document_errors)(gold, counts)
        sys.stdout.write("\n".join([f"== {gold['document']}", *lines]) + "\n")
    sys.stdout.write(f"{dict(counts.most_common())}\n")


if __name__ == "__main__":
    main()
