"""Measure how the PDF reading copes with PDFs made by real producers, not only reportlab.

Every PDF in the learning corpus is drawn by reportlab (scripts/make_learning_corpus.py), but
published reviews are PDFs exported by Word, LibreOffice, InDesign or a browser's print, whose
text layers differ (line order, hyphenation, ligatures, running headers and footers, bullets as
glyphs). This script prints the corpus documents that exist as HTML or DOCX with producers
available offline, reads each produced PDF with the library and scores it against the SAME gold
file as its source, next to the source format's own figures:

- ``chromium``: headless Chromium's print to PDF of the HTML, with the browser's default page
  header and footer (date and title at the top, address and "n/m" at the foot), as a browser's
  "Save as PDF" makes them;
- ``libreoffice``: LibreOffice Writer's PDF export of the DOCX (``soffice --headless
  --convert-to pdf``; install with ``apt-get install -y libreoffice-writer-nogui``);
- ``twocolumn``: headless Chromium's print to PDF of the HTML under a print stylesheet that
  sets the document's text in two columns (``column-count: 2``) below a title band across the
  page, the way many learning briefings, bulletins and newsletters are laid out, without the
  browser's header and footer (a designed leaflet has none);
- ``tracked``: headless Chromium's print to PDF of the HTML under a print stylesheet that
  letter-spaces the text as designed PDFs do (tracking of 0.2em on headings and 0.06em on body
  text, body text justified), without the browser's header and footer. A browser draws
  letter-spaced text one glyph at a time, without space characters, so PDFium guesses where
  words end from the gaps between glyphs.

    uv run python scripts/learning_producers.py [--producer chromium] [--split dev]
        [--document 03] [--out DIR] [--fresh] [--json]

Every split whose errors may be read is used (all of them since the ninth session); documents
numbered 336 and up are kept for blind splits yet to be written and are never opened. The PDFs
are kept in ``--out``
(default ``.producers/`` in the checkout, ignored by git) and made again only when the source
is newer or with ``--fresh``. A producer that is not installed is reported as such and its
documents are left out; the script fails only when no producer can run. It is a measuring
script for developers, not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess  # nosec B404: the producers are local programs run on the corpus's files
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fullpicture.errors import LearningError
from fullpicture.learning.evaluate import (
    BLIND_FROM,
    SPLITS,
    SplitResult,
    default_corpus,
    score_document,
)
from fullpicture.learning.library import parse_document

READABLE_SPLITS = tuple(SPLITS)
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
SOFFICE = ("soffice", "libreoffice", "/usr/bin/soffice")
TIMEOUT = 180  # seconds for one producer call


@dataclass(frozen=True)
class Producer:
    """A program that makes PDFs from one source format."""

    name: str
    source: str  # the suffix of the corpus files it prints
    candidates: tuple[str, ...]
    install: str

    def executable(self) -> str | None:
        """The producer's program on this machine, or None when it is not installed."""
        return next((found for name in self.candidates if (found := shutil.which(name))), None)


PRODUCERS = {
    "chromium": Producer(
        "chromium", ".html", CHROMIUM, "apt-get install -y chromium (Debian's Chromium)"
    ),
    "libreoffice": Producer(
        "libreoffice", ".docx", SOFFICE, "apt-get install -y libreoffice-writer-nogui"
    ),
    "twocolumn": Producer(
        "twocolumn", ".html", CHROMIUM, "apt-get install -y chromium (Debian's Chromium)"
    ),
    "tracked": Producer(
        "tracked", ".html", CHROMIUM, "apt-get install -y chromium (Debian's Chromium)"
    ),
}
# A print stylesheet laying the page's text out in two columns, the title (the first level-one
# heading) across both above them, as two-column briefings and newsletters are set.
TWO_COLUMNS = (
    "<style>@media print {"
    " body { font-size: 10.5pt; }"
    " main, body > article, body > section { column-count: 2; column-gap: 1.4em; }"
    " main > h1:first-child, article > h1:first-child, section > h1:first-child"
    " { column-span: all; }"
    " nav { display: none; } }</style>"
)

# A print stylesheet letter-spacing the page's text (tracking), as designed PDFs set it: wide on
# headings, a little on body text, which is justified.
TRACKED = (
    "<style>@media print {"
    " body { letter-spacing: 0.06em; }"
    " h1, h2, h3, h4, h5, h6, th { letter-spacing: 0.2em; }"
    " p, li { text-align: justify; } }</style>"
)


@dataclass
class Row:
    """One document's figures: in its source format and as each producer's PDF."""

    document: str
    split: str
    gold_items: int
    figures: dict[str, SplitResult] = field(default_factory=dict)


def corpus_golds(corpus: Path, splits: tuple[str, ...], prefix: str) -> list[dict[str, Any]]:
    """The gold annotations of the readable splits' documents, never opening a blind one."""
    golds = []
    for path in sorted((corpus / "gold").glob("*.json")):
        number = re.match(r"\d+", path.name)
        if number is None or int(number.group()) >= BLIND_FROM:
            continue  # a blind split's document: not even its gold is read
        if not path.name.startswith(prefix):
            continue
        gold = json.loads(path.read_text("utf-8"))
        if gold["split"] in splits:
            golds.append(gold)
    return golds


def _stale(source: Path, target: Path) -> bool:
    return not target.is_file() or target.stat().st_mtime < source.stat().st_mtime


def print_chromium(program: str, sources: list[Path], folder: Path, fresh: bool) -> None:
    """Print each HTML file to ``folder/<stem>.pdf`` with headless Chromium, the browser's
    default header and footer included (as its "Save as PDF" does)."""
    for source in sources:
        target = folder / f"{source.stem}.pdf"
        if fresh or _stale(source, target):
            _chromium_print(program, source.resolve().as_uri(), target, header_footer=True)


def _chromium_print(program: str, page: str, target: Path, *, header_footer: bool) -> None:
    """Print the page at URI ``page`` to ``target`` with headless Chromium."""
    command = [
        program,
        "--headless",
        "--no-sandbox",  # run as root in a container: Chromium's sandbox cannot start
        "--disable-gpu",
        *([] if header_footer else ["--no-pdf-header-footer"]),
        f"--print-to-pdf={target}",
        page,
    ]
    subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=True)  # nosec B603


def print_libreoffice(program: str, sources: list[Path], folder: Path, fresh: bool) -> None:
    """Export the DOCX files to ``folder/<stem>.pdf`` with LibreOffice Writer, in one call and
    a throwaway user profile (so a LibreOffice already open elsewhere is not disturbed)."""
    todo = [s for s in sources if fresh or _stale(s, folder / f"{s.stem}.pdf")]
    if not todo:
        return
    with tempfile.TemporaryDirectory(prefix="fullpicture-soffice-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, todo),
        ]
        subprocess.run(command, capture_output=True, timeout=TIMEOUT * 4, check=True)  # nosec B603


def _two_column_html(source: Path, folder: Path) -> Path:
    """A copy of the HTML page (beside its PDF) with the two-column print stylesheet; a page
    with no ``<main>``, ``<article>`` or ``<section>`` has its body set in columns."""
    html = source.read_text("utf-8")
    style = TWO_COLUMNS
    if not re.search(r"<(?:main|article|section)\b", html, re.IGNORECASE):
        style = style.replace("main, body > article, body > section", "body")
        style = style.replace(
            "main > h1:first-child, article > h1:first-child, section > h1:first-child",
            "body > h1:first-of-type",
        )
    return _styled_copy(html, style, folder / f"{source.stem}.html")


def _styled_copy(html: str, style: str, copy: Path) -> Path:
    """``copy``, written as the HTML page with ``style`` put first in its head."""
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    at = head.end() if head else 0
    copy.write_text(html[:at] + style + html[at:], "utf-8")
    return copy


def print_two_columns(program: str, sources: list[Path], folder: Path, fresh: bool) -> None:
    """Print each HTML file to ``folder/<stem>.pdf`` in two columns (see :data:`TWO_COLUMNS`)
    with headless Chromium, without the browser's header and footer."""
    for source in sources:
        target = folder / f"{source.stem}.pdf"
        if fresh or _stale(source, target):
            page = _two_column_html(source, folder).resolve().as_uri()
            _chromium_print(program, page, target, header_footer=False)


def print_tracked(program: str, sources: list[Path], folder: Path, fresh: bool) -> None:
    """Print each HTML file to ``folder/<stem>.pdf`` letter-spaced (see :data:`TRACKED`) with
    headless Chromium, without the browser's header and footer."""
    for source in sources:
        target = folder / f"{source.stem}.pdf"
        if fresh or _stale(source, target):
            copy = _styled_copy(source.read_text("utf-8"), TRACKED, folder / f"{source.stem}.html")
            _chromium_print(program, copy.resolve().as_uri(), target, header_footer=False)


PRINTERS: dict[str, Callable[[str, list[Path], Path, bool], None]] = {
    "chromium": print_chromium,
    "libreoffice": print_libreoffice,
    "twocolumn": print_two_columns,
    "tracked": print_tracked,
}


def _score(gold: dict[str, Any], path: Path) -> SplitResult:
    result = SplitResult()
    score_document(result, gold, parse_document(path))
    return result


def measure(
    corpus: Path, out: Path, producers: list[Producer], golds: list[dict[str, Any]], fresh: bool
) -> list[Row]:
    """Produce the PDFs and score each document in its source format and as each PDF."""
    rows = []
    for producer in producers:
        program = producer.executable()
        assert program is not None  # nosec B101: checked by the caller
        folder = out / producer.name
        folder.mkdir(parents=True, exist_ok=True)
        sources = [
            corpus / "docs" / g["document"]
            for g in golds
            if g["document"].endswith(producer.source)
        ]
        PRINTERS[producer.name](program, sources, folder, fresh)
    for gold in golds:
        row = Row(gold["document"], gold["split"], len(gold["items"]))
        for producer in producers:
            if not gold["document"].endswith(producer.source):
                continue
            produced = out / producer.name / f"{Path(gold['document']).stem}.pdf"
            if not produced.is_file():
                raise LearningError(
                    f"{producer.name} made no PDF of {gold['document']}.",
                    hint="Run the producer by hand on that file to see its error.",
                )
            row.figures["source"] = _score(gold, corpus / "docs" / gold["document"])
            row.figures[producer.name] = _score(gold, produced)
        if row.figures:
            rows.append(row)
    return rows


def _pool(results: list[SplitResult]) -> SplitResult:
    pooled = SplitResult()
    for result in results:
        pooled.documents += result.documents
        pooled.reviews += result.reviews
        pooled.documents_scored += result.documents_scored
        pooled.metadata.update(result.metadata)
        for table, into in ((result.kinds, pooled.kinds), (result.themes, pooled.themes)):
            for label, scores in table.items():
                total = into.setdefault(label, type(scores)())
                total.tp, total.fp, total.fn = (
                    total.tp + scores.tp,
                    total.fp + scores.fp,
                    total.fn + scores.fn,
                )
    return pooled


def summary(result: SplitResult) -> dict[str, Any]:
    """Item-kind F1, theme F1 and metadata accuracy (type, partnership, year) of a result."""
    figures = result.as_dict()
    meta = figures["metadata_accuracy"]
    return {
        "items_f1": figures["items_micro"]["f1"],
        "themes_f1": figures["themes_micro"]["f1"],
        "items": figures["items_micro"],
        "metadata": {key: meta[key] for key in ("review_type", "partnership", "year")},
    }


def _cell(result: SplitResult) -> str:
    figures = summary(result)
    meta = "/".join(f"{value:.2f}" for value in figures["metadata"].values())
    return f"{figures['items_f1']:.3f} {figures['themes_f1']:.3f} {meta}"


def report(rows: list[Row], producers: list[Producer]) -> dict[str, Any]:
    """Per document and pooled per producer: the source format's figures and the PDF's."""
    pooled = {}
    for producer in producers:
        mine = [row for row in rows if producer.name in row.figures]
        if mine:
            pooled[producer.name] = {
                "documents": len(mine),
                "source": summary(_pool([row.figures["source"] for row in mine])),
                "pdf": summary(_pool([row.figures[producer.name] for row in mine])),
            }
    documents = [
        {
            "document": row.document,
            "split": row.split,
            "gold_items": row.gold_items,
            **{name: summary(result) for name, result in row.figures.items()},
        }
        for row in rows
    ]
    return {"pooled": pooled, "documents": documents}


def write_text(rows: list[Row], producers: list[Producer]) -> None:
    """The figures as a table: item-kind F1, theme F1, type/partnership/year accuracy."""
    out = sys.stdout
    out.write("figures: item-kind F1, theme F1, review type/partnership/year accuracy\n\n")
    for producer in producers:
        mine = [row for row in rows if producer.name in row.figures]
        if not mine:
            continue
        out.write(f"== {producer.name} (PDF from {producer.source[1:].upper()})\n")
        out.write(f"{'document':<60} {'split':<10} {'source':<28} {'PDF':<28}\n")
        for row in mine:
            source, pdf = row.figures["source"], row.figures[producer.name]
            flag = "  <" if summary(pdf)["items_f1"] < summary(source)["items_f1"] else ""
            out.write(
                f"{row.document[:60]:<60} {row.split:<10} {_cell(source):<28} {_cell(pdf):<28}"
                f"{flag}\n"
            )
        source = _pool([row.figures["source"] for row in mine])
        pdf = _pool([row.figures[producer.name] for row in mine])
        label = f"pooled ({len(mine)} documents)"
        out.write(f"{label:<71} {_cell(source):<28} {_cell(pdf):<28}\n\n")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producer", choices=sorted(PRODUCERS), action="append")
    parser.add_argument("--split", choices=READABLE_SPLITS, action="append")
    parser.add_argument("--document", default="", help="only documents whose name starts so")
    parser.add_argument("--out", type=Path, default=Path(".producers"))
    parser.add_argument("--fresh", action="store_true", help="make every PDF again")
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


def main() -> None:
    """Produce, read and score; say which producers are missing."""
    args = _arguments()
    wanted = [PRODUCERS[name] for name in args.producer or sorted(PRODUCERS)]
    installed = []
    for producer in wanted:
        if producer.executable() is None:
            sys.stderr.write(
                f"NOT INSTALLED: {producer.name} (looked for {', '.join(producer.candidates)});"
                f" its documents are left out. Install it with: {producer.install}\n"
            )
        else:
            installed.append(producer)
    if not installed:
        sys.exit("No PDF producer is installed: nothing was measured.")
    corpus = default_corpus()
    golds = corpus_golds(corpus, tuple(args.split or READABLE_SPLITS), args.document)
    rows = measure(corpus, args.out, installed, golds, args.fresh)
    if args.json:
        sys.stdout.write(json.dumps(report(rows, installed), indent=2) + "\n")
    else:
        write_text(rows, installed)


if __name__ == "__main__":
    main()
