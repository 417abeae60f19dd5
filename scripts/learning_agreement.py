"""How far a second annotator's themes agree with the gold, beside the classifier's.

Theme F1 is scored against one annotator's judgement per document. To know how much of the
gap to a target is the classifier's and how much is judgement two careful annotators would
not share, a second annotator, who saw neither the gold themes nor the classifier, tagged the
items of some corpus documents again. Their sources sit in
``tests/learning/corpus/agreement/<annotator>/<document>.md``: the same text and item kinds as
``src/<document>.md``, with the themes written afresh under the conventions in
docs/learning-taxonomy.md.

For each annotator and pooled, the script prints theme precision, recall and F1 (micro) of:

- the second annotator against the gold, over every item;
- the classifier against the gold, over the items it extracted and matched (as
  ``fullpicture evaluate learning`` scores "matched" themes);
- the second annotator against the gold over those same matched items (like for like);
- the classifier against the second annotator over those matched items.

    uv run python scripts/learning_agreement.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_learning_corpus import parse_source

from fullpicture.learning.evaluate import Scores, default_corpus, match_items
from fullpicture.learning.library import parse_document

COMPARISONS = {
    "annotator_vs_gold_all": "second annotator vs gold, all items",
    "classifier_vs_gold_matched": "classifier vs gold, matched items",
    "annotator_vs_gold_matched": "second annotator vs gold, same matched items",
    "classifier_vs_annotator_matched": "classifier vs second annotator, matched items",
}


@dataclass
class Agreement:
    """Theme counts for each comparison over a group of documents."""

    documents: int = 0
    items: int = 0
    matched: int = 0
    scores: dict[str, Scores] = field(
        default_factory=lambda: {name: Scores() for name in COMPARISONS}
    )

    def add(self, name: str, reference: set[str], other: set[str]) -> None:
        """Count ``other``'s themes against ``reference``'s under comparison ``name``."""
        counts = self.scores[name]
        counts.tp += len(reference & other)
        counts.fp += len(other - reference)
        counts.fn += len(reference - other)

    def merge(self, other: Agreement) -> None:
        """Add another group's counts to this one."""
        self.documents += other.documents
        self.items += other.items
        self.matched += other.matched
        for name, counts in other.scores.items():
            self.scores[name].tp += counts.tp
            self.scores[name].fp += counts.fp
            self.scores[name].fn += counts.fn


def second_items(path: Path, gold: dict[str, Any]) -> list[dict[str, Any] | None]:
    """The second annotator's items aligned with the gold's by their text: None for a gold item
    added after the annotators worked (an item the settled conventions added); every item of
    theirs must still be a gold item. Kinds may differ (the conventions settled some kinds
    since); only themes are compared."""
    _, _, items = parse_source(path)
    theirs = {item["text"]: item for item in items}
    stale = set(theirs) - {item["text"] for item in gold["items"]}
    if stale:
        raise SystemExit(
            f"{path}: {len(stale)} of its items are no longer gold items (text changed), e.g."
            f" {sorted(stale)[0][:60]!r}. Compare it with src/ and re-annotate."
        )
    unthemed = [i["text"][:60] for i in items if not i["themes"]]
    if unthemed:
        raise SystemExit(f"{path}: {len(unthemed)} items have no theme, e.g. {unthemed[0]!r}.")
    return [theirs.get(item["text"]) for item in gold["items"]]


def score_document(path: Path, corpus: Path) -> Agreement:
    """The agreement counts of one re-annotated document."""
    gold = json.loads((corpus / "gold" / f"{path.stem}.json").read_text("utf-8"))
    second = second_items(path, gold)
    parsed = parse_document(corpus / "docs" / str(gold["document"]))
    predicted = [item for review in parsed.reviews for item in review.items]
    result = Agreement(documents=1, items=sum(item is not None for item in second))
    for gold_item, second_item in zip(gold["items"], second, strict=True):
        if second_item is not None:
            result.add("annotator_vs_gold_all", set(gold_item["themes"]), set(second_item["themes"]))
    for g, p in match_items(gold["items"], predicted):
        annotated_item = second[g]
        if annotated_item is None:
            continue
        result.matched += 1
        expected, annotated = set(gold["items"][g]["themes"]), set(annotated_item["themes"])
        given = set(predicted[p].themes)
        result.add("classifier_vs_gold_matched", expected, given)
        result.add("annotator_vs_gold_matched", expected, annotated)
        result.add("classifier_vs_annotator_matched", annotated, given)
    return result


def measure(corpus: Path) -> dict[str, Agreement]:
    """Agreement per annotator folder, and pooled under "all"."""
    folders = sorted(p for p in (corpus / "agreement").glob("*") if p.is_dir())
    if not folders:
        raise SystemExit(f"No second annotations in {corpus / 'agreement'}.")
    groups: dict[str, Agreement] = {}
    pooled = Agreement()
    for folder in folders:
        group = Agreement()
        for path in sorted(folder.glob("*.md")):
            group.merge(score_document(path, corpus))
        groups[folder.name] = group
        pooled.merge(group)
    groups["all"] = pooled
    return groups


def main() -> None:
    """Print the agreement figures (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    groups = measure(default_corpus())
    if args.json:
        print(
            json.dumps(
                {
                    name: {
                        "documents": g.documents,
                        "items": g.items,
                        "matched": g.matched,
                        **{k: s.as_dict() for k, s in g.scores.items()},
                    }
                    for name, g in groups.items()
                },
                indent=2,
            )
        )
        return
    for name, group in groups.items():
        print(f"{name}: {group.documents} documents, {group.items} items, {group.matched} matched")
        for key, label in COMPARISONS.items():
            s = group.scores[key].as_dict()
            print(f"  {label:48} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")


if __name__ == "__main__":
    main()
