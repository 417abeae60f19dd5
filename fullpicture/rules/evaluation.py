"""Measuring the rules: independent scenarios, synthetic ground truth, and fairness.

- **Scenarios** (``tests/scenarios/<name>/``): hand-written multi-agency case stories as agency
  extracts with ``scenario.toml`` (``as_of``; ``[[expect]]`` and ``[[forbid]]`` alerts, each a
  ``rule`` and a ``person = {source, local_id}``; ``quiet = true`` for well-handled cases that must
  raise nothing). Each runs through the real intake and linkage into a fresh store, then
  :func:`fullpicture.rules.run.analyse`. A shared background population
  (``tests/scenarios/background/``: 80 people known to one or more agencies, with nothing of
  note) is taken in with every scenario, as in a real authority, so that linkage has records to
  learn from.
- **Truth** (``DIR/truth`` from the synthetic generator): per catalogue code, precision (alerts on a
  person with a planted pattern of that code / all alerts of that code) and recall (planted
  instances whose person has an alert of that code / all planted instances). Matching is by person
  and code: a planted pattern's window is reported but not required to contain the alert's anchor.
- **Fairness**: the share of children with at least one alert (all rules, and EXT-1) by sex, age
  band and ethnicity, beside each group's share of the population.
"""

from __future__ import annotations

import contextlib
import csv
import importlib
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.alerts.tables import alert
from fullpicture.errors import ConfigurationError
from fullpicture.store import schema

SCENARIO_SOURCES = ("social_care", "police", "health", "school", "partnership")
_FILE_PREFIX = {
    "social_care": "sc_",
    "police": "police_",
    "health": "health_",
    "school": "school_",
    "partnership": "forum_",
}


@dataclass
class ScenarioResult:
    """One scenario's outcome."""

    name: str
    title: str
    passed: bool
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    raised: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class CodeScore:
    """Precision and recall of one catalogue code against planted patterns."""

    code: str
    planted: int
    alerts: int
    true_alerts: int
    found: int

    @property
    def precision(self) -> float | None:
        """Share of alerts on a person with a planted pattern of the code."""
        return self.true_alerts / self.alerts if self.alerts else None

    @property
    def recall(self) -> float | None:
        """Share of planted instances whose person has an alert of the code."""
        return self.found / self.planted if self.planted else None


def default_scenarios_dir() -> Path:
    """The scenario suite in the source tree (``tests/scenarios``)."""
    return Path(__file__).resolve().parents[2] / "tests" / "scenarios"


def _person_of(engine: Engine, source: str, local_id: str) -> str | None:
    sp = schema.source_person
    query = sa.select(sp.c.person_id).where(sp.c.source == source, sp.c.local_id == local_id)
    with engine.connect() as conn:
        value = conn.execute(query).scalar_one_or_none()
    return None if value is None else str(value)


def _linker() -> Any:
    # Imported by name so that the rules area does not depend on linkage at import time.
    try:
        return importlib.import_module("fullpicture.linkage").link
    except (ImportError, AttributeError) as exc:
        raise ConfigurationError(
            "Scenarios need the linkage step (fullpicture.linkage.link), which is not installed.",
            hint="Update to a version of fullpicture that includes linkage.",
        ) from exc


def _load_scenario_store(directory: Path, engine: Engine) -> None:
    from fullpicture.intake.importer import import_files
    from fullpicture.intake.mapping import load_mapping

    link = _linker()

    mappings = directory.parent / "mappings"
    background = directory.parent / "background"
    for source in SCENARIO_SOURCES:
        files = sorted(directory.glob(f"{_FILE_PREFIX[source]}*"))
        files += sorted(background.glob(f"{_FILE_PREFIX[source]}*"))
        if files:
            mapping = load_mapping(mappings / f"{source}.toml")
            import_files(engine, files, source, mapping, imported_by="evaluate")
    with contextlib.redirect_stdout(sys.stderr):  # keep --json output clean of training chatter
        link(engine)


def _alerts_of(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(alert.c.rule_id, alert.c.person_id).where(alert.c.status == "open")
        )
        return {(str(r), str(p)) for r, p in rows}


def _describe(engine: Engine, items: Sequence[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    out = []
    for item in items:
        who = item["person"]
        pid = _person_of(engine, who["source"], who["local_id"])
        out.append((item["rule"], f"{who['source']}:{who['local_id']}", pid))
    return out


def run_scenario(directory: Path) -> ScenarioResult:
    """Run one scenario through intake, linkage and the rules in a fresh SQLite store."""
    from fullpicture.rules.run import analyse
    from fullpicture.store.database import open_store

    spec = tomllib.loads((directory / "scenario.toml").read_text(encoding="utf-8"))
    result = ScenarioResult(directory.name, str(spec.get("title", directory.name)), passed=False)
    with tempfile.TemporaryDirectory(prefix="fp-scenario-") as tmp:
        engine = open_store(f"sqlite:///{Path(tmp) / 'store.db'}")
        try:
            _load_scenario_store(directory, engine)
            as_of = datetime.fromisoformat(str(spec["as_of"]).replace("Z", "+00:00"))
            analyse(engine, as_of=as_of)
            raised = _alerts_of(engine)
            result.raised = sorted(f"{r} {p}" for r, p in raised)
            for rule, who, pid in _describe(engine, spec.get("expect", [])):
                if pid is None or (rule, pid) not in raised:
                    result.missing.append(f"{rule} for {who}")
            for rule, who, pid in _describe(engine, spec.get("forbid", [])):
                if pid is not None and (rule, pid) in raised:
                    result.unexpected.append(f"{rule} for {who}")
            if spec.get("quiet"):
                result.unexpected.extend(f"{r} for {p}" for r, p in sorted(raised))
        finally:
            engine.dispose()
    result.passed = not result.missing and not result.unexpected
    return result


def run_scenarios(root: Path | None = None) -> list[ScenarioResult]:
    """Run every scenario under ``root`` (default: the source tree's ``tests/scenarios``)."""
    root = root or default_scenarios_dir()
    if not root.is_dir():
        raise ConfigurationError(
            f"There is no scenario folder at {root}.", hint="Pass --scenarios DIR."
        )
    return [run_scenario(d) for d in sorted(root.iterdir()) if (d / "scenario.toml").exists()]


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ConfigurationError(
            f"The truth file {path} does not exist.",
            hint="Point --truth at the truth folder the synthetic generator wrote.",
        )
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _true_to_person(engine: Engine, truth: Path) -> dict[str, set[str]]:
    sp = schema.source_person
    with engine.connect() as conn:
        linked = {
            (s, lid): p
            for s, lid, p in conn.execute(sa.select(sp.c.source, sp.c.local_id, sp.c.person_id))
        }
    out: dict[str, set[str]] = defaultdict(set)
    for row in _read_csv(truth / "persons.csv"):
        person = linked.get((row["source"], row["local_id"]))
        if person is not None:
            out[row["true_id"]].add(str(person))
    return out


def score_against_truth(engine: Engine, truth: Path) -> list[CodeScore]:
    """Per catalogue code, precision and recall of the store's alerts against planted patterns."""
    persons = _true_to_person(engine, truth)
    planted: dict[str, list[set[str]]] = defaultdict(list)
    for row in _read_csv(truth / "patterns.csv"):
        planted[row["code"]].append(persons.get(row["true_id"], set()))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(alert.c.rule_code, alert.c.person_id).where(alert.c.status != "closed")
        )
        alerted: dict[str, list[str]] = defaultdict(list)
        for code, pid in rows:
            alerted[str(code)].append(str(pid))
    scores = []
    for code in sorted(set(planted) | set(alerted)):
        positives = set().union(*planted.get(code, [set()]))
        alerts = alerted.get(code, [])
        scores.append(
            CodeScore(
                code=code,
                planted=len(planted.get(code, [])),
                alerts=len(alerts),
                true_alerts=sum(1 for p in alerts if p in positives),
                found=sum(1 for ps in planted.get(code, []) if ps & set(alerts)),
            )
        )
    return scores


def _age_band(born: date | None, on: date) -> str:
    if born is None:
        return "unknown"
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for limit, label in ((1, "under 1"), (5, "1-4"), (10, "5-9"), (16, "10-15")):
        if age < limit:
            return label
    return "16-17"


def _children(engine: Engine, on: date) -> list[tuple[str, str, str, str]]:
    p = schema.person
    out = []
    with engine.connect() as conn:
        for pid, born, sex, eth in conn.execute(
            sa.select(p.c.id, p.c.date_of_birth, p.c.sex, p.c.ethnicity)
        ):
            band = _age_band(born, on)
            if born is not None and band == "16-17" and (on.year - born.year) > 18:
                continue
            if born is not None and born > on:
                continue
            out.append((str(pid), sex or "unknown", band, eth or "unknown"))
    return out


def fairness(engine: Engine, on: date | None = None) -> dict[str, Any]:
    """Alert rates by sex, age band and ethnicity against each group's share of the children.

    Returns:
        ``{"children": n, "groups": {dimension: {group: {...}}}}`` where each group has its
        population share and the rate of children with any alert and with an EXT-1 alert.
    """
    on = on or datetime.now(UTC).date()
    children = _children(engine, on)
    with engine.connect() as conn:
        rows = list(
            conn.execute(
                sa.select(alert.c.person_id, alert.c.rule_code).where(alert.c.status != "closed")
            )
        )
    any_alert = {str(p) for p, _ in rows}
    ext = {str(p) for p, c in rows if c == "EXT-1"}
    groups: dict[str, Any] = {}
    for index, dimension in ((1, "sex"), (2, "age_band"), (3, "ethnicity")):
        counts = Counter(child[index] for child in children)
        with_any = Counter(child[index] for child in children if child[0] in any_alert)
        with_ext = Counter(child[index] for child in children if child[0] in ext)
        groups[dimension] = {
            g: {
                "children": n,
                "population_share": round(n / len(children), 4) if children else None,
                "alert_rate": round(with_any[g] / n, 4),
                "ext1_rate": round(with_ext[g] / n, 4),
            }
            for g, n in sorted(counts.items())
        }
    return {"children": len(children), "groups": groups}


def evaluation_report(
    engine: Engine, *, scenarios: Path | None = None, truth: Path | None = None, run: bool = True
) -> dict[str, Any]:
    """The whole evaluation in one report: scenarios, truth scores (if given) and fairness."""
    report: dict[str, Any] = {}
    if run:
        results = run_scenarios(scenarios)
        report["scenarios"] = [asdict(r) for r in results]
        report["scenarios_passed"] = sum(r.passed for r in results)
        report["scenarios_total"] = len(results)
    if truth is not None:
        report["truth"] = [
            {**asdict(s), "precision": s.precision, "recall": s.recall}
            for s in score_against_truth(engine, truth)
        ]
    report["fairness"] = fairness(engine)
    return report
