"""The problems validation finds: one per field, collected for the whole row before deciding."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one value of a row.

    Attributes:
        field: the canonical field (or ``row`` for the row as a whole).
        problem: what is wrong, in words the sending agency can act on.
        value: the value as read (possibly shortened for display elsewhere).
    """

    field: str
    problem: str
    value: str

    def as_dict(self) -> dict[str, str]:
        """Return the JSON-ready form stored in ``quarantine.reasons``."""
        return {"field": self.field, "problem": self.problem, "value": self.value}


class InvalidValue(ValueError):
    """Raised by value parsers; the message says what is wrong with the value."""
