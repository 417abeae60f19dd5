"""The calibration report: generated rates beside the national figures, with their sources."""

from __future__ import annotations

from fullpicture.synth.calibration import POPULATION_FACTOR, TARGETS, within
from fullpicture.synth.generate import SynthSummary


def _fmt(value: float) -> str:
    return f"{value:,.1f}"


def render_report(summary: SynthSummary, *, command: str) -> str:
    """Markdown: the calibration table, volumes by source, and the planted patterns."""
    lines = [
        f"# Synthetic local authority: calibration ({summary.children:,} children, seed {summary.seed})",
        "",
        f"Produced by `{command}`.",
        "",
        f"The cohort is enriched: its {summary.children:,} children stand for the children "
        f"known to agencies in a notional authority of {summary.children * POPULATION_FACTOR:,} "
        f"children (factor {POPULATION_FACTOR}). "
        "Rates per 10,000 are per 10,000 of that notional population per year (or at 31 March); "
        "shares and means need no scaling. Generated values come from the simulated lives (before "
        "recording noise).",
        "",
        "| Measure | Generated | England | Within tolerance | Source |",
        "|---|---:|---:|:---:|---|",
    ]
    for target in TARGETS:
        value = summary.calibration.get(target.key, 0.0)
        mark = "yes" if within(target, value) else "no"
        lines.append(
            f"| {target.label} | {_fmt(value)} | {_fmt(target.national)} | {mark} | {target.source} |"
        )
    lines += [
        "",
        "## Volumes",
        "",
        f"{summary.households:,} households, {summary.people:,} people, "
        f"{summary.person_records:,} source person records, {summary.total_rows:,} rows, "
        f"{summary.events:,} events ({summary.events / max(1, summary.children):.1f} per child), "
        f"{summary.bad_rows:,} deliberately bad rows.",
        "",
        "| Source | Events |",
        "|---|---:|",
    ]
    lines += [f"| {source} | {count:,} |" for source, count in summary.events_by_source.items()]
    lines += [
        "",
        "## Planted patterns",
        "",
        "| Code | Should fire | Well-handled counterparts |",
        "|---|---:|---:|",
    ]
    for code in sorted(set(summary.patterns) | set(summary.counterparts)):
        lines.append(
            f"| {code} | {summary.patterns.get(code, 0):,} | {summary.counterparts.get(code, 0):,} |"
        )
    return "\n".join(lines) + "\n"
