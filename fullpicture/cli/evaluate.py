"""``fullpicture evaluate``: measurement reports (rules here; other areas add theirs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    print_json,
)

evaluate_app = typer.Typer(help="Measure linkage and rules against scenarios and ground truth.")
app.add_typer(evaluate_app, name="evaluate")


def _print_report(report: dict[str, Any]) -> None:
    if "scenarios" in report:
        table = Table(
            title=f"Scenarios: {report['scenarios_passed']}/{report['scenarios_total']} passed"
        )
        for name in ("Scenario", "Result", "Missing", "Unexpected"):
            table.add_column(name)
        for s in report["scenarios"]:
            result = "pass" if s["passed"] else ("error" if s["error"] else "FAIL")
            table.add_row(s["name"], result, "; ".join(s["missing"]), "; ".join(s["unexpected"]))
        console.print(table)
    if "truth" in report:
        table = Table(title="Against the synthetic ground truth")
        for name in ("Code", "Planted", "Alerts", "Precision", "Recall"):
            table.add_column(name)
        for s in report["truth"]:
            p = "-" if s["precision"] is None else f"{s['precision']:.2f}"
            r = "-" if s["recall"] is None else f"{s['recall']:.2f}"
            table.add_row(s["code"], str(s["planted"]), str(s["alerts"]), p, r)
        console.print(table)
    fair = report["fairness"]
    table = Table(title=f"Fairness: {fair['children']} children")
    for name in ("Dimension", "Group", "Children", "Share", "Any alert", "EXT-1"):
        table.add_column(name)
    for dimension, groups in fair["groups"].items():
        for group, g in groups.items():
            table.add_row(dimension, group, str(g["children"]), f"{g['population_share']:.3f}",
                          f"{g['alert_rate']:.3f}", f"{g['ext1_rate']:.3f}")  # fmt: skip
    console.print(table)


@evaluate_app.command("rules")
@command
def evaluate_rules_command(
    truth: Annotated[
        Path | None,
        typer.Option("--truth", help="The synthetic generator's truth folder (DIR/truth)."),
    ] = None,
    scenarios: Annotated[
        Path | None, typer.Option("--scenarios", help="Scenario folder (default tests/scenarios).")
    ] = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Run the scenario suite, score the store's alerts against synthetic truth, report fairness.

    Each scenario runs in its own temporary store; --truth and the fairness table read the store
    (analyse it first with: fullpicture analyse).

    Example: fullpicture evaluate rules --truth out/truth --json
    """
    from fullpicture.rules.evaluation import evaluation_report

    report = evaluation_report(engine_for(database), scenarios=scenarios, truth=truth)
    if as_json:
        print_json(report)
    else:
        _print_report(report)
