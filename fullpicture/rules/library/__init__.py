"""The rule library, one module per area of the learning catalogue."""

from __future__ import annotations

from fullpicture.errors import NotFoundError
from fullpicture.rules.library import (
    accumulation,
    adolescents,
    escalation,
    families,
    looked_after,
    plans,
    sharing,
    timescales,
    voice,
)
from fullpicture.rules.spec import Rule

ALL_RULES: tuple[Rule, ...] = (
    *accumulation.RULES,
    *timescales.RULES,
    *plans.RULES,
    *sharing.RULES,
    *looked_after.RULES,
    *voice.RULES,
    *adolescents.RULES,
    *families.RULES,
    *escalation.RULES,
)
"""Every rule, in catalogue order."""


def all_attributes() -> tuple[str, ...]:
    """Every event attribute key some rule reads."""
    return tuple(sorted({a for rule in ALL_RULES for a in rule.attributes}))


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id.

    Raises:
        NotFoundError: no rule has this id.
    """
    for rule in ALL_RULES:
        if rule.id == rule_id:
            return rule
    raise NotFoundError(
        f"There is no rule {rule_id!r}.", hint="List the rules with: fullpicture rules"
    )
