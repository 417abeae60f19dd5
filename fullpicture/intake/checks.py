"""Per-row checking: read each canonical field, collecting every problem before any decision.

A problem with a field the mapping marks ``required`` (or that the model cannot do without, such
as a person's local id) quarantines the row. A problem with an optional field is a *warning*:
the row is stored without that value and the raw value is kept in ``intake_warning``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fullpicture.intake.names import clean_name
from fullpicture.intake.problems import InvalidValue, Problem

T = TypeVar("T")

MAX_TEXT = 1_000_000
"""Longest free-text value stored (characters); longer cells are quarantined, not truncated."""


class RowCheck:
    """The canonical values of one row and the problems found in them so far."""

    __slots__ = ("problems", "required", "values", "warnings")

    def __init__(self, values: dict[str, str], required: frozenset[str]) -> None:
        self.values = values
        self.required = required
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def fail(self, field: str, problem: str, value: str = "") -> None:
        """Record a problem that quarantines the row."""
        self.problems.append(Problem(field, problem, value))

    def report(self, field: str, problem: str, value: str) -> None:
        """Record a problem: quarantining when ``field`` is required, else a warning."""
        target = self.problems if field in self.required else self.warnings
        target.append(Problem(field, problem, value))

    def text(self, field: str, limit: int = MAX_TEXT) -> str | None:
        """Return the field's value, or None when blank (a problem when required) or too long."""
        value = self.values.get(field)
        if value is None:
            if field in self.required:
                self.fail(field, "a value is required but the cell is blank")
            return None
        if len(value) > limit:
            self.fail(field, f"too long: {len(value)} characters, at most {limit}", value[:200])
            return None
        return value

    def key(self, field: str, limit: int) -> str | None:
        """Return a value the row cannot do without (an id); blank is always a problem."""
        value = self.values.get(field)
        if value is None:
            self.fail(field, "a value is required but the cell is blank")
            return None
        if len(value) > limit:
            self.fail(field, f"too long: {len(value)} characters, at most {limit}", value[:200])
            return None
        return value

    def name(self, field: str, limit: int) -> str | None:
        """Return a name in NFC form (see :func:`fullpicture.intake.names.clean_name`)."""
        value = self.text(field, limit)
        return clean_name(value) if value is not None else None

    def parsed(self, field: str, parse: Callable[[str], T]) -> T | None:
        """Return ``parse(value)``; an invalid value is reported (see :meth:`report`)."""
        value = self.text(field)
        if value is None:
            return None
        try:
            return parse(value)
        except InvalidValue as exc:
            self.report(field, str(exc), value)
            return None
