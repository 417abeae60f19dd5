"""The rule catalogue section of ``docs/rules.md``, generated from the library itself.

``docs/rules.md`` holds this text between the markers ``<!-- rules:begin -->`` and
``<!-- rules:end -->``; a test checks that it matches, so every rule is documented (what it looks
for, why, parameters, citations, known limits) and the page never drifts from the code.
"""

from __future__ import annotations

from fullpicture.rules.library import ALL_RULES
from fullpicture.rules.spec import Requirement, Rule

BEGIN, END = "<!-- rules:begin -->", "<!-- rules:end -->"

NOT_IMPLEMENTED: dict[str, str] = {
    "ACC-4": "Not a separate rule: anonymous and neighbour concerns count in ACC-1 (referrals of "
    "every source type are concerns) and the chronology shows their source type.",
    "LAC-4": "Not a separate rule: placement moves are decisions checked by VOI-1 for the child's "
    "wishes and feelings.",
    "EXT-2": "Not a separate rule: EXT-1 applies to every child whatever their sex, and the "
    "evaluation report gives alert rates by sex and ethnicity.",
    "SHR-5 (feedback)": "The second half of SHR-5 (referrals with no feedback to the referrer) is "
    "not implemented: feedback is rarely recorded as its own event, so the rule would fire on "
    "almost every referral.",
}


def _rule_section(rule: Rule) -> str:
    lines = [f"### {rule.id}: {rule.title}", ""]
    lines.append(f"Catalogue code {rule.code}; version {rule.version}; severity {rule.severity}.")
    lines += ["", f"**Looks for.** {rule.looks_for}", "", f"**Why.** {rule.why}", ""]
    if rule.statutory_basis:
        lines += [f"**Statutory basis.** {rule.statutory_basis}", ""]
    if rule.parameters:
        lines.append("**Parameters** (defaults; override in the rules configuration):")
        lines.append("")
        lines += [f"- `{p.name}` = `{p.default!r}`: {p.description}" for p in rule.parameters]
        lines.append("")
    if rule.windows:
        lines += [f"**Windows.** {rule.windows}", ""]
    lines.append("**Learning.** " + "; ".join(f"{c.code}, {c.source}" for c in rule.citations))
    lines += ["", f"**Known limits.** {rule.limits}", ""]
    if rule.requires:
        needs = "; and ".join(_requirement_text(r) for r in rule.requires)
        lines += [f"**Cannot fire without** {needs} (the per-child path skips it otherwise).", ""]
    lines += [f"**Explanation template.** `{rule.explanation}`", ""]
    return "\n".join(lines)


def _requirement_text(req: Requirement) -> str:
    if isinstance(req.at_least, str):
        count = f"`{req.at_least}` events"
    else:
        count = "one event" if req.at_least == 1 else f"{req.at_least} events"
    return f"at least {count} of type " + ", ".join(f"`{t}`" for t in sorted(req.types))


def render_catalogue() -> str:
    """The generated markdown, markers included."""
    parts = [BEGIN, "", "## The rules", ""]
    parts += [_rule_section(r) for r in ALL_RULES]
    parts += ["## Catalogue entries without a rule of their own", ""]
    parts += [f"- **{code}**: {why}" for code, why in NOT_IMPLEMENTED.items()]
    parts += ["", END]
    return "\n".join(parts)


def extract(text: str) -> str:
    """The generated section of a page (markers included), or '' when absent."""
    if BEGIN not in text or END not in text:
        return ""
    return text[text.index(BEGIN) : text.index(END) + len(END)]
