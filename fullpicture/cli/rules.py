"""``fullpicture rules``, ``fullpicture analyse`` and ``fullpicture alerts``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from fullpicture.alerts import get_alert, list_alerts, transition_alert
from fullpicture.alerts.lifecycle import ACKNOWLEDGED, ACTIONED, DISMISSED, AlertView
from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.cli.evaluate import evaluate_app
from fullpicture.rules.library import ALL_RULES
from fullpicture.rules.spec import Rule, load_overrides, resolve_parameters

PersonOption = Annotated[str | None, typer.Option("--person", help="A person id, e.g. P000123.")]


def rule_json(rule: Rule, parameters: dict[str, Any]) -> dict[str, Any]:
    """A rule's metadata as plain data."""
    return {
        "id": rule.id,
        "code": rule.code,
        "title": rule.title,
        "version": rule.version,
        "severity": rule.severity,
        "parameters": parameters,
        "citations": [{"code": c.code, "source": c.source} for c in rule.citations],
        "statutory_basis": rule.statutory_basis,
        "looks_for": rule.looks_for,
        "why": rule.why,
        "limits": rule.limits,
    }


@app.command("rules")
@command
def rules_command(as_json: JsonOption = False) -> None:
    """List the rule library: id, title, version, parameters in force and citations.

    Parameters come from the documented defaults, overridden by the deployment's rules
    configuration (FULLPICTURE_RULES_CONFIG, or rules.toml in the data folder).

    Example: fullpicture rules --json
    """
    overrides = load_overrides()
    items = [rule_json(r, resolve_parameters(r, overrides)) for r in ALL_RULES]
    if as_json:
        print_json(items)
        return
    table = Table(title=f"{len(items)} rules")
    for name in ("Id", "Title", "Version", "Parameters", "Learning"):
        table.add_column(name)
    for item in items:
        params = ", ".join(f"{k}={v}" for k, v in item["parameters"].items())
        cites = ", ".join(
            sorted({c["code"] + " " + c["source"].split(":")[0] for c in item["citations"]})
        )
        table.add_row(
            item["id"], escape(item["title"]), str(item["version"]), escape(params), cites
        )
    console.print(table)


@app.command("analyse")
@command
def analyse_command(
    person: PersonOption = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds one rule may run before it is stopped.")
    ] = 120.0,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Run every rule over the store (or one child) and write the alerts back.

    Re-running never duplicates an alert: new evidence updates it, and a pattern that no longer
    holds closes it with that reason.

    Example: fullpicture analyse --person P000123
    """
    from fullpicture.rules.run import analyse

    summary = analyse(engine_for(database), person_id=person, time_limit=time_limit)
    if as_json:
        print_json(summary.as_dict())
        return
    c = summary.counts
    console.print(
        f"Analysed {summary.events} events with {summary.rules} rules: {summary.findings} "
        f"findings; {c.opened} new alerts, {c.updated} updated, {c.unchanged} unchanged, "
        f"{c.reopened} reopened, {c.closed} closed. Snapshot {summary.snapshot_seconds:.2f} s, "
        f"rules {summary.rules_seconds:.2f} s, writing {summary.write_seconds:.2f} s.",
        highlight=False,
    )


alerts_app = typer.Typer(help="List alerts and record what was done about them.")
app.add_typer(alerts_app, name="alerts")


def _alert_json(view: AlertView) -> dict[str, Any]:
    return view.as_dict()


def _print_alerts(views: list[AlertView]) -> None:
    table = Table(title=f"{len(views)} alerts")
    for name in ("Id", "Rule", "Person", "Status", "Severity", "Explanation", "Evidence"):
        table.add_column(name)
    for v in views:
        table.add_row(
            str(v.id), v.rule_id, v.person_id, v.status, v.severity, escape(v.explanation),
            ", ".join(str(e) for e in v.evidence),
        )  # fmt: skip
    console.print(table)


@alerts_app.callback(invoke_without_command=True)
@command
def alerts_command(
    ctx: typer.Context,
    person: PersonOption = None,
    rule: Annotated[str | None, typer.Option("--rule", help="A rule id, e.g. TIM-1.")] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help="open, acknowledged, actioned, dismissed or closed."),
    ] = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List alerts with their explanation and evidence (event ids).

    Example: fullpicture alerts --person P000123 --status open
    """
    if ctx.invoked_subcommand is not None:
        return
    views = list_alerts(engine_for(database), person_id=person, rule_id=rule, status=status)
    if as_json:
        print_json([_alert_json(v) for v in views])
    else:
        _print_alerts(views)


ByOption = Annotated[str, typer.Option("--by", help="Who is recording this (name or role).")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (required to dismiss).")]


def _move(alert_id: int, to_status: str, by: str, reason: str | None, database: str | None) -> None:
    view = transition_alert(engine_for(database), alert_id, to_status, actor=by, reason=reason)
    console.print(f"Alert {view.id} ({view.rule_id}, {view.person_id}) is now {view.status}.")


@alerts_app.command("acknowledge")
@command
def acknowledge_command(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    by: ByOption,
    reason: ReasonOption = None,
    database: DatabaseOption = None,
) -> None:
    """Record that an alert has been seen and is being considered.

    Example: fullpicture alerts acknowledge 12 --by "J Smith"
    """
    _move(alert_id, ACKNOWLEDGED, by, reason, database)


@alerts_app.command("action")
@command
def action_command(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    by: ByOption,
    reason: ReasonOption = None,
    database: DatabaseOption = None,
) -> None:
    """Record that action was taken on an alert.

    Example: fullpicture alerts action 12 --by "J Smith" --reason "strategy discussion booked"
    """
    _move(alert_id, ACTIONED, by, reason, database)


@alerts_app.command("dismiss")
@command
def dismiss_command(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    by: ByOption,
    reason: ReasonOption = None,
    database: DatabaseOption = None,
) -> None:
    """Dismiss an alert that does not apply, with the reason.

    Example: fullpicture alerts dismiss 12 --by "J Smith" --reason "interview held, not recorded"
    """
    _move(alert_id, DISMISSED, by, reason, database)


@alerts_app.command("show")
@command
def show_command(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Show one alert with its evidence and every recorded transition.

    Example: fullpicture alerts show 12
    """
    view = get_alert(engine_for(database), alert_id)
    if as_json:
        print_json(_alert_json(view))
        return
    console.print(f"[bold]{view.rule_id}[/] {escape(view.explanation)}", highlight=False)
    console.print(
        f"Person {view.person_id}; status {view.status}; evidence events "
        f"{', '.join(str(e) for e in view.evidence)}",
        highlight=False,
    )
    for t in view.transitions:
        console.print(
            f"  {t.at:%Y-%m-%d %H:%M} {t.from_status or '-'} -> {t.to_status} by "
            f"{escape(t.actor)}{': ' + escape(t.reason) if t.reason else ''}",
            highlight=False,
        )


def _print_evaluation(report: dict[str, Any]) -> None:
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
        _print_evaluation(report)
