"""Out-of-time test of a learned theme model on top of the phrase rules.

Does the phrase classifier plus a trained one-vs-rest logistic regression beat the phrase
classifier alone on documents nobody had read when the code was written? Two earlier moments
of the code are in git:

- at ``aea6017`` nobody had read heldout20 and heldout21;
- at ``5d34785`` nobody had read heldout22 and heldout23.

Step 1 (``dump``) runs under whichever ``fullpicture`` is importable (put an old worktree first
on ``PYTHONPATH``) and writes every document's extracted items: text, heading path, kind, the
final themes, the themes the review lent, the review's dominant themes, and the matched gold
item's themes (the matching rule of ``fullpicture.learning.evaluate``). Step 2 (``score``)
trains on the splits read at that moment, chooses the model's settings by grouped
cross-validation by document inside those splits only, and scores once on the target splits.

    git -C /work/main worktree add /tmp/tm-aea aea6017   # then copy the current corpus in
    PYTHONPATH=/tmp/tm-aea uv run python scripts/learning_theme_model.py dump \\
        --corpus /tmp/tm-aea/tests/learning/corpus --out /tmp/tm-aea.json
    uv run python scripts/learning_theme_model.py score /tmp/tm-aea.json \\
        --train-through heldout19 --target heldout20 heldout21

numpy only. Documents numbered 256 and above are refused (they are blind test documents).
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

BLIND_FROM = 256
SPLIT_ORDER = ["dev", "heldout"] + [f"heldout{n}" for n in range(2, 40)]


# --------------------------------------------------------------------------- step 1: dump


def _document_number(name: str) -> int:
    found = re.match(r"(\d+)-", name)
    if not found:
        raise SystemExit(f"{name}: no document number")
    return int(found.group(1))


class _Recorder:
    """Wraps the extractor's lending so each item's lent themes and each review's dominant
    themes are recorded without changing what the code gives."""

    def __init__(self) -> None:
        self.lent: list[set[str]] = []
        self.dominant: set[str] = set()

    def install(self) -> None:
        from fullpicture.learning import extract, library

        original_lend, original_dominant = extract.lend, extract.dominant_themes
        original_segment = library.parse_segment

        def lend(found: set[str], *args: Any, **kwargs: Any) -> set[str]:
            given = set(original_lend(found, *args, **kwargs))
            self.lent.append(given - set(found))
            return given

        def dominant_themes(*args: Any, **kwargs: Any) -> Any:
            result = original_dominant(*args, **kwargs)
            self.dominant = set(result)
            return result

        def parse_segment(*args: Any, **kwargs: Any) -> Any:
            self.lent, self.dominant = [], set()
            review = original_segment(*args, **kwargs)
            lent = self.lent[-len(review.items) :] if review.items else []
            if len(lent) != len(review.items):
                raise SystemExit("lending was not called once per item")
            review._tm_lent = lent
            review._tm_dominant = set(self.dominant)
            return review

        extract.lend = lend
        extract.dominant_themes = dominant_themes
        library.parse_segment = parse_segment


def dump(corpus: Path, out: Path) -> None:
    """Extract every corpus document below :data:`BLIND_FROM` with the importable code."""
    import fullpicture
    from fullpicture.learning.evaluate import match_items
    from fullpicture.learning.library import parse_document

    _Recorder().install()
    documents = []
    start = time.time()
    for path in sorted((corpus / "gold").glob("*.json")):
        if _document_number(path.name) >= BLIND_FROM:
            continue
        gold = json.loads(path.read_text("utf-8"))
        parsed = (
            parse_document(corpus / "docs" / gold["document"], learned=False)
            if "learned" in inspect.signature(parse_document).parameters
            else parse_document(corpus / "docs" / gold["document"])
        )
        items, predicted = [], []
        for review in parsed.reviews:
            for item, lent in zip(review.items, review._tm_lent, strict=True):
                predicted.append(item)
                items.append(
                    {
                        "text": item.text,
                        "heading_path": item.heading_path,
                        "kind": item.kind,
                        "themes": list(item.themes),
                        "lent": sorted(lent),
                        "dominant": sorted(review._tm_dominant),
                        "gold": None,
                    }
                )
        pairs = match_items(gold["items"], predicted)
        for g, p in pairs:
            items[p]["gold"] = list(gold["items"][g]["themes"])
        matched = {g for g, _ in pairs}
        documents.append(
            {
                "document": gold["document"],
                "number": _document_number(path.name),
                "split": gold["split"],
                "items": items,
                "unmatched_gold_themes": [
                    list(item["themes"]) for g, item in enumerate(gold["items"]) if g not in matched
                ],
            }
        )
        print(f"{path.name}: {len(items)} items, {len(pairs)} matched", file=sys.stderr)
    out.write_text(
        json.dumps(
            {"code": str(Path(fullpicture.__file__).parent), "documents": documents}, indent=0
        ),
        "utf-8",
    )
    print(f"{len(documents)} documents in {time.time() - start:.0f} s -> {out}", file=sys.stderr)


# --------------------------------------------------------------------------- features, model


def _basis(item: dict[str, Any]) -> Any:
    from fullpicture.learning.theme_model import ThemeBasis

    lent = frozenset(item["lent"])
    return ThemeBasis(frozenset(item["themes"]) - lent, lent, frozenset(item["dominant"]))


def _rows(items: list[dict[str, Any]]) -> list[list[str]]:
    from fullpicture.learning.theme_model import item_features

    return [
        item_features(item["text"], item["heading_path"], item["kind"], _basis(item))
        for item in items
    ]


def fit(items: list[dict[str, Any]], themes: list[str], l2: float) -> Any:
    """The package's logistic regression trained on matched items (gold themes as labels)."""
    from fullpicture.learning import theme_model

    return theme_model.fit(_rows(items), [item["gold"] for item in items], themes, l2)


def _probabilities(model: Any, items: list[dict[str, Any]]) -> np.ndarray:
    return model.probabilities(_rows(items))


# --------------------------------------------------------------------------- combining, scoring


@dataclass(frozen=True)
class Setting:
    """A candidate: L2 strength, the add threshold and the drop threshold (None: keep every
    phrase theme)."""

    l2: float
    add: float
    drop: float | None

    def describe(self) -> str:
        drop = "keep phrases" if self.drop is None else f"drop <= {self.drop}"
        return f"l2 {self.l2:g}; add >= {self.add}; {drop}"


def combine(
    item: dict[str, Any], probs: np.ndarray, themes: list[str], add: float, drop: float | None
) -> set[str]:
    """The phrase themes, plus each theme the model gives at least ``add``, less each phrase
    theme it gives at most ``drop`` (the child's voice is never dropped)."""
    found = set(item["themes"])
    for i, theme in enumerate(themes):
        if probs[i] >= add:
            found.add(theme)
        elif drop is not None and probs[i] <= drop and theme in found:
            if not (theme == "voice_of_child" and item["kind"] == "child_voice"):
                found.discard(theme)
    return found


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def row(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(self.f1, 3),
        }


def score(
    documents: list[dict[str, Any]],
    predictions: list[list[set[str]]],
) -> tuple[Counts, Counts]:
    """Theme counts on matched items, and over every item (as ``themes_micro``: an unmatched
    extracted item's themes are false alarms, an unmatched gold item's are misses)."""
    matched, everything = Counts(), Counts()
    for doc, predicted in zip(documents, predictions, strict=True):
        for item, themes in zip(doc["items"], predicted, strict=True):
            gold = set(item["gold"]) if item["gold"] is not None else set()
            if item["gold"] is not None:
                matched.add(gold, themes)
            everything.add(gold, themes)
        for gold_themes in doc["unmatched_gold_themes"]:
            everything.add(set(gold_themes), set())
    return matched, everything


def _matched_items(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for doc in documents for item in doc["items"] if item["gold"] is not None]


def _predict(
    model: Any, documents: list[dict[str, Any]], add: float, drop: float | None
) -> list[list[set[str]]]:
    out = []
    for doc in documents:
        if not doc["items"]:
            out.append([])
            continue
        probs = _probabilities(model, doc["items"])
        out.append(
            [
                combine(item, p, model.themes, add, drop)
                for item, p in zip(doc["items"], probs, strict=True)
            ]
        )
    return out


def _phrases(documents: list[dict[str, Any]]) -> list[list[set[str]]]:
    return [[set(item["themes"]) for item in doc["items"]] for doc in documents]


L2S = (1e-4, 1e-3)
ADDS = (0.5, 0.6, 0.7, 0.8, 0.9)
DROPS: tuple[float | None, ...] = (None, 0.02, 0.05, 0.1)
FOLDS = 5


def choose(train: list[dict[str, Any]], themes: list[str]) -> tuple[Setting, dict[str, Any]]:
    """The setting with the best pooled matched-item theme F1 over grouped 5-fold
    cross-validation by document inside ``train`` (ties to the more conservative)."""
    table: dict[Setting, Counts] = {}
    for l2 in L2S:
        for fold in range(FOLDS):
            inside = [d for i, d in enumerate(train) if i % FOLDS != fold]
            held = [d for i, d in enumerate(train) if i % FOLDS == fold]
            model = fit(_matched_items(inside), themes, l2)
            probs = [_probabilities(model, d["items"]) if d["items"] else None for d in held]
            for add in ADDS:
                for drop in DROPS:
                    predictions = [
                        [
                            combine(it, p, themes, add, drop)
                            for it, p in zip(d["items"], pr, strict=True)
                        ]
                        if pr is not None
                        else []
                        for d, pr in zip(held, probs, strict=True)
                    ]
                    matched, _ = score(held, predictions)
                    counts = table.setdefault(Setting(l2, add, drop), Counts())
                    counts.tp += matched.tp
                    counts.fp += matched.fp
                    counts.fn += matched.fn
    baseline, _ = score(train, _phrases(train))
    best = max(table, key=lambda s: (table[s].f1, s.add, s.drop is None, s.l2))
    report = {
        "phrases_cv": baseline.row(),
        "chosen": best.describe(),
        "chosen_cv": table[best].row(),
        "candidates": {s.describe(): round(c.f1, 4) for s, c in table.items()},
    }
    return best, report


def run_score(data: Path, train_through: str, targets: list[str]) -> dict[str, Any]:
    documents = json.loads(data.read_text("utf-8"))["documents"]
    if any(d["number"] >= BLIND_FROM for d in documents):
        raise SystemExit(f"documents numbered {BLIND_FROM} and above are blind: refused")
    limit = SPLIT_ORDER.index(train_through)
    train = [d for d in documents if SPLIT_ORDER.index(d["split"]) <= limit]
    target = [d for d in documents if d["split"] in targets]
    themes = sorted({t for item in _matched_items(train) for t in item["gold"]})
    setting, cv = choose(train, themes)
    model = fit(_matched_items(train), themes, setting.l2)
    phrases_m, phrases_all = score(target, _phrases(target))
    model_m, model_all = score(target, _predict(model, target, setting.add, setting.drop))
    variants = {}
    for add, drop in ((0.5, None), (0.7, None), (0.9, None), (setting.add, 0.05)):
        m, a = score(target, _predict(model, target, add, drop))
        variants[f"add >= {add}; {'keep' if drop is None else f'drop <= {drop}'}"] = {
            "matched": m.row(),
            "all": a.row(),
        }
    return {
        "code": json.loads(data.read_text("utf-8"))["code"],
        "train_splits": sorted({d["split"] for d in train}, key=SPLIT_ORDER.index),
        "train_documents": len(train),
        "train_matched_items": len(_matched_items(train)),
        "target_splits": targets,
        "target_documents": len(target),
        "target_matched_items": len(_matched_items(target)),
        "cross_validation": cv,
        "target": {
            "phrases": {"matched": phrases_m.row(), "all": phrases_all.row()},
            "phrases+model": {"matched": model_m.row(), "all": model_all.row()},
        },
        "target_other_settings_not_chosen": variants,
    }


PRUNES = (0.01, 0.02, 0.05, 0.1)  # the smallest whose file stays under the size limit
SIZE_LIMIT = 1_900_000


def train(out: Path, corpus: Path | None) -> None:
    """Fit the model on every read document (numbered below 256) and write the data file."""
    from fullpicture.learning.evaluate import train_on_corpus
    from fullpicture.learning.theme_model import ThemeModel

    start = time.time()
    model = train_on_corpus(corpus)
    rows = _training_rows(corpus)
    full = model.probabilities(rows)
    for prune in PRUNES:
        data = model.as_data(prune=prune)
        data["about"] = dict(model.about, pruned_below=prune)
        text = json.dumps(data, separators=(",", ":")) + "\n"
        if len(text.encode("utf-8")) < SIZE_LIMIT:
            break
    pruned = ThemeModel.from_data(data).probabilities(rows)
    changed = int(((full >= model.add) != (pruned >= model.add)).sum())
    changed += int(((full <= (model.drop or 0)) != (pruned <= (model.drop or 0))).sum())
    out.write_text(text, "utf-8")
    print(
        f"trained on {model.about['documents']} documents ({model.about['matched_items']} matched"
        f" items) in {time.time() - start:.0f} s; weights below {prune} pruned:"
        f" {len(data['features'])} features kept of {len(model.vocabulary)}; pruning changes"
        f" {changed} of {full.size} item-theme decisions on the training items;"
        f" {out.stat().st_size / 1e6:.2f} MB -> {out}",
        file=sys.stderr,
    )


def _training_rows(corpus: Path | None) -> list[list[str]]:
    from fullpicture.learning.evaluate import _gold_files, default_corpus, is_blind
    from fullpicture.learning.library import parse_document
    from fullpicture.learning.theme_model import item_features

    corpus = corpus or default_corpus()
    rows = []
    for path in _gold_files(corpus):
        if is_blind(path.name):
            continue
        gold = json.loads(path.read_text("utf-8"))
        for review in parse_document(corpus / "docs" / gold["document"], learned=False).reviews:
            rows += [
                item_features(i.text, i.heading_path, i.kind, i.basis)
                for i in review.items
                if i.basis is not None
            ]
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--corpus", type=Path, required=True)
    d.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("data", type=Path)
    s.add_argument("--train-through", required=True)
    s.add_argument("--target", nargs="+", required=True)
    t = sub.add_parser("train")
    t.add_argument("--corpus", type=Path, default=None)
    t.add_argument("--out", type=Path, default=Path("fullpicture/learning/data/theme_model.json"))
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.corpus, args.out)
    elif args.command == "train":
        train(args.out, args.corpus)
    else:
        print(json.dumps(run_score(args.data, args.train_through, args.target), indent=2))


if __name__ == "__main__":
    main()
