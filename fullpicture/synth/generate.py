"""Generate a synthetic local authority: ``generate(out_dir, children=N, seed=S)``.

Households are built, simulated and written a block at a time, so memory stays bounded however
many children are asked for; each agency writes its rows as they are produced. The same seed
gives byte-identical output.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fullpicture.errors import ConfigurationError
from fullpicture.synth.agencies import AGENCIES, Agency, Recorder
from fullpicture.synth.calibration import Measures
from fullpicture.synth.lives import household_rng, simulate_block
from fullpicture.synth.mapping_files import write_mapping
from fullpicture.synth.model import Household, Observation
from fullpicture.synth.patterns import (
    Found,
    Timeline,
    child_patterns,
    household_patterns,
    peer_clusters,
)
from fullpicture.synth.population import build_household
from fullpicture.synth.truth import TruthWriter

BLOCK = 64
"""Households simulated together (peer groups form within a block)."""


@dataclass
class SynthSummary:
    """What a generation produced."""

    out_dir: str
    seed: int
    children: int
    households: int = 0
    people: int = 0
    person_records: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    events: int = 0
    events_by_source: dict[str, int] = field(default_factory=dict)
    bad_rows: int = 0
    patterns: dict[str, int] = field(default_factory=dict)
    counterparts: dict[str, int] = field(default_factory=dict)
    noise: dict[str, int] = field(default_factory=dict)
    calibration: dict[str, float] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Rows written across every extract file (headers excluded)."""
        return sum(self.rows.values())


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        known = {a.source for a in AGENCIES} | {"mappings", "truth"}
        strangers = [p.name for p in out_dir.iterdir() if p.name not in known]
        if strangers:
            raise ConfigurationError(
                f"The output directory {out_dir} already holds other files "
                f"({', '.join(sorted(strangers)[:5])}).",
                hint="Give an empty or new directory, or one written by an earlier fullpicture synth.",
            )
        for name in sorted(known):
            if (out_dir / name).exists():
                shutil.rmtree(out_dir / name)
    out_dir.mkdir(parents=True, exist_ok=True)


def generate(out_dir: Path, *, children: int, seed: int) -> SynthSummary:
    """Simulate ``children`` children and their households and write every agency's extract.

    Args:
        out_dir: the directory to write (``<source>/``, ``mappings/``, ``truth/``); it must be
            empty, new, or an earlier synth output (which is replaced).
        children: how many children the cohort holds (at least 1).
        seed: the random seed; the same seed gives byte-identical files.

    Raises:
        ConfigurationError: a bad size or an output directory holding other files.
    """
    if children < 1:
        raise ConfigurationError(
            f"--children must be at least 1 (got {children}).", hint="Ask for 1 or more children."
        )
    _prepare(out_dir)
    truth = TruthWriter(out_dir / "truth")
    run = _Run(truth, Recorder(person_truth=truth.person, bad_row=truth.bad_row), seed)
    run.agencies = [cls(out_dir, run.recorder) for cls in AGENCIES]
    summary = SynthSummary(out_dir=str(out_dir), seed=seed, children=children)
    made, index = 0, 0
    while made < children:
        block: list[Household] = []
        while made < children and len(block) < BLOCK:
            household = build_household(
                household_rng(seed, index, "people"), index, children - made
            )
            made += len(household.children)
            index += 1
            block.append(household)
        run.block(block, summary)
    _finish(out_dir, run, summary)
    return summary


@dataclass
class _Run:
    """The writers and running counts of one generation."""

    truth: TruthWriter
    recorder: Recorder
    seed: int
    agencies: list[Agency] = field(default_factory=list)
    measures: Measures = field(default_factory=Measures)
    found: Found = field(default_factory=lambda: Found([], []))
    events: Counter[str] = field(default_factory=Counter)

    def block(self, block: list[Household], summary: SynthSummary) -> None:
        """Simulate and write one block of households, then release it."""
        simulate_block(block, self.seed)
        _write_block(
            block, self.agencies, self.recorder, self.truth, self.found, self.measures, self.seed
        )
        for o in self.recorder.observations:
            self.events[o.source] += 1
        self.recorder.observations.clear()
        summary.households += len(block)
        summary.people += sum(len(h.people) for h in block)
        _flush_patterns(self.found, self.truth, summary)


def _finish(out_dir: Path, run: _Run, summary: SynthSummary) -> None:
    """Close the extracts, write the mappings and the summary."""
    (out_dir / "mappings").mkdir(exist_ok=True)
    for agency in run.agencies:
        agency.close()
        write_mapping(
            out_dir / "mappings" / f"{agency.source}.toml",
            agency.mapping(),
            comment=f"Mapping for the synthetic {agency.source} extract (written by fullpicture synth).",
        )
    run.truth.close()
    noise = run.recorder.noise_counts
    summary.person_records = run.truth.persons_written
    summary.rows = dict(sorted(run.recorder.rows.items()))
    summary.events = sum(run.events.values())
    summary.events_by_source = dict(sorted(run.events.items()))
    summary.noise = dict(sorted(noise.items()))
    summary.bad_rows = sum(v for k, v in noise.items() if k.endswith(":bad_row"))
    summary.calibration = {k: round(v, 3) for k, v in run.measures.values().items()}
    summary.patterns = dict(sorted(summary.patterns.items()))
    summary.counterparts = dict(sorted(summary.counterparts.items()))
    portable = {k: v for k, v in asdict(summary).items() if k != "out_dir"}  # same bytes anywhere
    (out_dir / "truth" / "summary.json").write_text(
        json.dumps(portable, indent=2) + "\n", encoding="utf-8"
    )


def _write_block(
    block: list[Household],
    agencies: list[Agency],
    recorder: Recorder,
    truth: TruthWriter,
    found: Found,
    measures: Measures,
    seed: int,
) -> None:
    start = 0
    for household in block:
        truth.household(household)
        for agency in agencies:
            agency.write_household(household, household_rng(seed, household.index, agency.source))
        mine = recorder.observations[start:]
        start = len(recorder.observations)
        _household_truth(household, mine, found)
        measures.add(household)
    children = {c.true_id for h in block for c in h.children}
    peer_clusters(found, recorder.observations, children)


def _household_truth(household: Household, observations: list[Observation], found: Found) -> None:
    by_subject: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_subject[o.subject].append(o)
    timelines = {tid: Timeline(events) for tid, events in by_subject.items()}
    for child in household.children:
        if child.true_id in timelines:
            child_patterns(found, child, timelines[child.true_id])
    household_patterns(found, household, timelines)


def _flush_patterns(found: Found, truth: TruthWriter, summary: SynthSummary) -> None:
    for row in found.fire:
        truth.patterns.writerow(row)
        summary.patterns[row[0]] = summary.patterns.get(row[0], 0) + 1
    for row in found.calm:
        truth.counterparts.writerow(row)
        summary.counterparts[row[0]] = summary.counterparts.get(row[0], 0) + 1
    found.fire.clear()
    found.calm.clear()


def load_summary(out_dir: Path) -> dict[str, Any]:
    """Read ``truth/summary.json`` written by :func:`generate`."""
    return dict(json.loads((out_dir / "truth" / "summary.json").read_text(encoding="utf-8")))
