"""The match weight of a pair as a waterfall in words: the prior, then each field's contribution.

Stored pairs keep each comparison's partial match weight (``mw_*`` from Splink). The level is
recovered from the trained model by matching the weight to the level whose log2(m/u) it equals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """One bar of the waterfall."""

    field: str
    level: str
    weight: float

    def words(self) -> str:
        """The step as a sentence, e.g. ``date of birth: same date of birth (+9.1)``."""
        direction = "for" if self.weight > 0 else "against" if self.weight < 0 else "neutral"
        return f"{self.field}: {self.level} ({self.weight:+.1f}, {direction})"


_FIELD_NAMES = {
    "nhs_number": "NHS number",
    "upn": "UPN",
    "given_name": "given name",
    "family_name": "family name",
    "dob": "date of birth",
    "postcode": "postcode",
    "sex": "sex",
}


def _level_weights(model: dict[str, Any]) -> dict[str, list[tuple[float, str]]]:
    levels: dict[str, list[tuple[float, str]]] = {}
    for comparison in model.get("comparisons", []):
        name = comparison["output_column_name"]
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            label = level.get("label_for_charts", "")
            weight = 0.0 if level.get("is_null_level") or not (m and u) else math.log2(m / u)
            levels.setdefault(name, []).append((weight, label))
    return levels


def prior_weight(model: dict[str, Any]) -> float:
    """The starting match weight: log2 of the prior odds two random records match."""
    p = float(model.get("probability_two_random_records_match", 1e-4))
    return math.log2(p / (1 - p))


def waterfall(model: dict[str, Any], contributions: dict[str, float]) -> list[Step]:
    """Each field's contribution to a pair's match weight, with the level it fell into.

    Args:
        model: the trained model (Splink settings dictionary).
        contributions: the pair's partial match weights by comparison name.

    Returns:
        The prior followed by one step per comparison.
    """
    levels = _level_weights(model)
    steps = [Step("prior", "two random records are rarely the same person", prior_weight(model))]
    for name, weight in contributions.items():
        options = levels.get(name, [])
        label = min(options, key=lambda o: abs(o[0] - weight))[1] if options else ""
        if weight == 0.0 and options and options[0][0] == 0.0:
            label = options[0][1]
        steps.append(Step(_FIELD_NAMES.get(name, name), label, float(weight)))
    return steps


def explain_in_words(model: dict[str, Any], contributions: dict[str, float]) -> list[str]:
    """The waterfall as lines of text, ending with the total."""
    steps = waterfall(model, contributions)
    total = sum(s.weight for s in steps)
    probability = 1 - 1 / (1 + 2**total)
    return [s.words() for s in steps] + [
        f"total match weight {total:+.1f} (probability {probability:.3f})"
    ]
