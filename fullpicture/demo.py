"""The main job, ``fullpicture demo``: a synthetic authority taken in, linked and reported.

The demo is a list of steps (:func:`demo_steps`), each a named function of a
:class:`DemoContext`, run in order with progress shown. It works in its own folder (default
``out/demo``): a fresh SQLite store ``store.db``, the generated authority in ``authority/`` and the
HTML report in ``report/``; those three are removed at the start, so a re-run is clean.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from sqlalchemy.engine import Engine

from fullpicture.errors import ConfigurationError
from fullpicture.exports.report import write_report
from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import load_mapping
from fullpicture.learning.library import import_documents
from fullpicture.linkage import link
from fullpicture.rules.run import analyse
from fullpicture.store.database import open_store
from fullpicture.synth import generate


@dataclass
class DemoContext:
    """What the steps share."""

    out_dir: Path
    children: int
    seed: int
    console: Console
    engine: Engine | None = None
    report: Path | None = None
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def authority_dir(self) -> Path:
        """Where the synthetic authority's extracts, mappings and truth are written."""
        return self.out_dir / "authority"

    @property
    def store_path(self) -> Path:
        """The demo's own SQLite store."""
        return self.out_dir / "store.db"

    @property
    def report_dir(self) -> Path:
        """Where the HTML report is written."""
        return self.out_dir / "report"

    def store(self) -> Engine:
        """The demo store, opened (and migrated) on first use."""
        if self.engine is None:
            self.engine = open_store(f"sqlite:///{self.store_path.resolve()}")
        return self.engine


@dataclass(frozen=True)
class DemoStep:
    """One step of the demo: ``run`` does the work and returns a one-line outcome."""

    name: str
    run: Callable[[DemoContext], str]


def generate_authority(ctx: DemoContext) -> str:
    """Write the synthetic local authority into ``authority/``."""
    summary = generate(ctx.authority_dir, children=ctx.children, seed=ctx.seed)
    ctx.results["synth"] = summary
    return (
        f"{summary.children:,} children in {summary.households:,} households, "
        f"{summary.people:,} people, {summary.events:,} events in {summary.total_rows:,} rows "
        f"(seed {ctx.seed}) in {ctx.authority_dir}"
    )


def import_extracts(ctx: DemoContext) -> str:
    """Take in every agency's extract through the real intake, with its own mapping."""
    mappings = sorted((ctx.authority_dir / "mappings").glob("*.toml"))
    if not mappings:
        raise ConfigurationError(
            f"No mappings found in {ctx.authority_dir / 'mappings'}.",
            hint="The generation step should have written one mapping per source.",
        )
    totals = {"read": 0, "stored": 0, "quarantined": 0}
    for mapping_path in mappings:
        source = mapping_path.stem
        files = sorted(p for p in (ctx.authority_dir / source).iterdir() if p.is_file())
        results = import_files(
            ctx.store(), files, source, load_mapping(mapping_path), imported_by="demo"
        )
        counts = {k: sum(getattr(r, k) for r in results) for k in totals}
        ctx.console.print(
            f"  {source}: {len(files)} files, read {counts['read']:,}, stored "
            f"{counts['stored']:,}, quarantined {counts['quarantined']:,}",
            highlight=False,
        )
        totals = {k: totals[k] + counts[k] for k in totals}
    ctx.results["intake"] = totals
    return (
        f"{len(mappings)} sources: read {totals['read']:,} rows, stored {totals['stored']:,}, "
        f"quarantined {totals['quarantined']:,}"
    )


def link_people(ctx: DemoContext) -> str:
    """Link the same person across agencies (Splink on DuckDB) and assign stable person ids."""
    summary = link(ctx.store(), full=True)
    ctx.results["linkage"] = summary
    return (
        f"{summary.records:,} agency records linked into {summary.people:,} people; "
        f"{summary.review:,} pairs wait in the review queue"
    )


def run_rules(ctx: DemoContext) -> str:
    """Run every rule of the library over the linked store and write the alerts."""
    summary = analyse(ctx.store())
    ctx.results["rules"] = summary
    return (
        f"{summary.rules} rules over {summary.events:,} events: {summary.findings:,} findings, "
        f"{summary.counts.opened:,} alerts opened"
    )


DEMO_REVIEWS = Path(__file__).parent / "learning" / "data" / "demo_reviews"
"""Synthetic case-review documents (written for fullpicture, in several formats) for the demo."""


def import_reviews(ctx: DemoContext) -> str:
    """Take the synthetic case reviews into the learning library, as an analyst would."""
    results = import_documents(ctx.store(), [DEMO_REVIEWS], imported_by="demo", embed=False)
    reviews, items = sum(r.reviews for r in results), sum(r.items for r in results)
    return f"{len(results)} documents: {reviews} reviews, {items:,} learning items in the library"


def write_html_report(ctx: DemoContext) -> str:
    """Build every child's chronology and write the browsable report."""
    with Progress(console=ctx.console, transient=True) as bar:
        task = bar.add_task("Chronologies", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        ctx.report = write_report(ctx.store(), ctx.report_dir, progress=advance)
    pages = len(list((ctx.report_dir / "people").glob("*.html")))
    if pages == 0:
        return (
            f"no people in the store yet (people exist once linkage has assigned records to "
            f"them); the empty index is at {ctx.report.resolve()}"
        )
    return f"{pages} chronologies written; open {ctx.report.resolve()}"


def demo_steps() -> list[DemoStep]:
    """The demo's steps, in order."""
    return [
        DemoStep("Generate the synthetic local authority", generate_authority),
        DemoStep("Import every agency's extract", import_extracts),
        DemoStep("Link people across agencies", link_people),
        DemoStep("Run the rules from case-review learning", run_rules),
        DemoStep("Import synthetic case reviews into the learning library", import_reviews),
        DemoStep("Build the chronologies and write the report", write_html_report),
    ]


def clear_previous_run(out_dir: Path) -> None:
    """Remove what an earlier demo wrote in ``out_dir`` (and nothing else)."""
    for name in ("store.db", "store.db-wal", "store.db-shm"):
        (out_dir / name).unlink(missing_ok=True)
    for name in ("authority", "report"):
        shutil.rmtree(out_dir / name, ignore_errors=True)


def run_demo(
    out_dir: Path,
    *,
    children: int = 2000,
    seed: int = 7,
    steps: Sequence[DemoStep] | None = None,
    console: Console | None = None,
) -> DemoContext:
    """Run the demo's steps in a fresh folder, printing progress.

    Args:
        out_dir: the demo's folder (created).
        children: how many children the synthetic authority has.
        seed: the generator's seed (same seed, same authority).
        steps: the steps to run (default :func:`demo_steps`).
        console: where progress goes.

    Returns:
        The context, with the report's path and each step's results.
    """
    console = console or Console()
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous_run(out_dir)
    ctx = DemoContext(out_dir=out_dir, children=children, seed=seed, console=console)
    chosen = list(steps) if steps is not None else demo_steps()
    try:
        for number, step in enumerate(chosen, start=1):
            console.print(f"[bold]{number}/{len(chosen)} {step.name}[/]")
            started = time.perf_counter()
            with console.status(step.name):
                outcome = step.run(ctx)
            took = time.perf_counter() - started
            console.print(
                f"  [green]done[/] in {took:.1f} s: {outcome}", highlight=False, soft_wrap=True
            )
    finally:
        if ctx.engine is not None:
            ctx.engine.dispose()
    return ctx
