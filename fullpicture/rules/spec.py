"""What a rule is: metadata, parameters, citations, an Ibis expression and an explanation template.

Every rule's expression returns one row per *finding* with at least these columns:

- ``person_id`` (string): the child (or young parent) the finding is about;
- ``anchor_key`` (string): the evidence that identifies the finding across runs (usually the id of
  the first event of the pattern), so that re-running never duplicates an alert;
- ``anchor_on`` (date): the day the pattern starts;
- ``evidence`` (array of int64): the event ids the finding rests on;

plus any columns its explanation template names. Parameters have documented defaults; a deployment
may override them in a TOML file (see :func:`load_overrides`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from fullpicture.config import get_settings
from fullpicture.errors import ConfigurationError

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fullpicture.rules.snapshot import Tables

LONDON = ZoneInfo("Europe/London")
FINDING_COLUMNS: tuple[str, ...] = ("person_id", "anchor_key", "anchor_on", "evidence")


class Severity:
    """How strongly a finding asks for attention (a label, never a score)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Parameter:
    """A tunable value of a rule.

    Attributes:
        name: the key used in configuration and in the rule's expression.
        default: the documented default (int, float, str or a list of strings).
        description: what it means, with its unit.
    """

    name: str
    default: Any
    description: str


@dataclass(frozen=True)
class Citation:
    """A piece of learning a rule rests on: a catalogue code and the review it came from."""

    code: str
    source: str


@dataclass(frozen=True)
class Requirement:
    """Events without which a rule cannot find anything: at least ``at_least`` events whose type
    is one of ``types`` (a number, or the name of the parameter that gives it).

    The per-child path skips a rule whose requirements the child's scope does not meet, which
    gives the same result as running it (a test checks every golden finding against them).
    """

    types: Collection[str]
    at_least: int | str = 1

    def count(self, parameters: Mapping[str, Any]) -> int:
        """How many events are needed with these parameters (never fewer than one)."""
        value = parameters[self.at_least] if isinstance(self.at_least, str) else self.at_least
        return max(1, int(value))


@dataclass(frozen=True)
class Rule:
    """One rule of the library.

    Attributes:
        id: unique id, the catalogue code or the code plus a suffix (``TIM-1R``).
        code: the learning-catalogue code it implements.
        title: short title.
        version: bumped whenever the logic or defaults change (kept on every alert).
        severity: high, medium or low.
        looks_for: what the rule looks for, in plain English.
        why: why it matters (the learning, in our own words).
        limits: what it cannot see or may get wrong.
        citations: catalogue codes and sources.
        statutory_basis: the statute or guidance, where there is one.
        parameters: tunables with defaults.
        explanation: a ``str.format`` template over the finding's columns.
        build: returns the Ibis expression of findings for the snapshot tables and parameters.
        attributes: event attribute keys the rule reads (extracted into ``a_<key>`` columns).
        windows: how the rule reads "12 months" and similar (calendar or fixed days).
        details: optional function adding formatted phrases to the explanation's values.
        requires: events the rule cannot fire without (all must be met); empty: no shortcut.
    """

    id: str
    code: str
    title: str
    version: int
    severity: str
    looks_for: str
    why: str
    limits: str
    citations: tuple[Citation, ...]
    explanation: str
    build: Callable[[Tables, Mapping[str, Any]], ir.Table]
    statutory_basis: str = ""
    parameters: tuple[Parameter, ...] = ()
    attributes: tuple[str, ...] = ()
    windows: str = ""
    details: Callable[[Mapping[str, Any]], Mapping[str, str]] | None = None
    requires: tuple[Requirement, ...] = ()

    def defaults(self) -> dict[str, Any]:
        """Return the documented default of every parameter."""
        return {p.name: p.default for p in self.parameters}

    def can_fire(self, type_counts: Mapping[str, int], parameters: Mapping[str, Any]) -> bool:
        """False when events of these type counts cannot meet the rule's requirements."""
        return all(
            sum(type_counts.get(t, 0) for t in req.types) >= req.count(parameters)
            for req in self.requires
        )


def config_path() -> Path | None:
    """Return the deployment's rules configuration file, if there is one.

    ``FULLPICTURE_RULES_CONFIG`` names it explicitly; otherwise ``rules.toml`` in the data folder
    is used when it exists.
    """
    named = os.environ.get("FULLPICTURE_RULES_CONFIG")
    if named:
        return Path(named)
    candidate = get_settings().data_dir / "rules.toml"
    return candidate if candidate.exists() else None


def load_overrides(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Read parameter overrides: one TOML table per rule id, e.g. ``[ACC-1] threshold = 5``.

    Raises:
        ConfigurationError: the file is missing or is not valid TOML.
    """
    path = path or config_path()
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(
            f"The rules configuration {path} could not be read: {exc}.",
            hint="Fix the file or unset FULLPICTURE_RULES_CONFIG.",
        ) from exc
    return {str(k): dict(v) for k, v in data.items() if isinstance(v, dict)}


def resolve_parameters(rule: Rule, overrides: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Merge a rule's defaults with the deployment's overrides, rejecting unknown names.

    Raises:
        ConfigurationError: an override names a parameter the rule does not have, or its type
            differs from the default's.
    """
    values = rule.defaults()
    for name, value in overrides.get(rule.id, {}).items():
        if name not in values:
            raise ConfigurationError(
                f"Rule {rule.id} has no parameter {name!r}.",
                hint=f"Known parameters: {', '.join(sorted(values)) or 'none'}.",
            )
        if type(value) is not type(values[name]) and not (
            isinstance(value, int | float) and isinstance(values[name], int | float)
        ):
            raise ConfigurationError(
                f"Parameter {rule.id}.{name} must be like {values[name]!r}, not {value!r}."
            )
        values[name] = value
    return values


def format_value(value: Any) -> str:
    """Format one evidence value for an explanation: dates as '12 March 2025', times local."""
    if isinstance(value, datetime):
        local = value.replace(tzinfo=UTC).astimezone(LONDON) if value.tzinfo is None else value
        return f"{local.day} {local:%B %Y %H:%M}"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    if value is None:
        return "not recorded"
    return str(value)


def format_span(first: date, last: date) -> str:
    """Format a span of days compactly: '12 to 13 March 2025', '30 March to 2 April 2025'."""
    if first == last:
        return format_value(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {format_value(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {format_value(last)}"
    return f"{format_value(first)} to {format_value(last)}"


def explain(rule: Rule, finding: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    """Fill a rule's explanation template from one finding and the parameters in force."""
    merged = {**parameters, **finding}
    values = {k: format_value(v) for k, v in merged.items()}
    if rule.details is not None:
        values.update(rule.details(merged))
    return rule.explanation.format(**values)
