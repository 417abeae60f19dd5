"""I. Escalation and supervision: ESC-1, ESC-2."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import clusters, of_types, with_context
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity, format_value
from fullpicture.vocabulary import CONCERN_TYPES


def _unresolved(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    raised = of_types(t.events, ["social_care.escalation_raised"])
    raised = raised.mutate(due=raised.a_due.try_cast("date"))
    raised = raised.filter(raised.due.notnull())
    res = of_types(t.events, ["social_care.escalation_resolved"]).select(
        r_pid="person_id", r_lo="day_lo", r_hi="day_hi"
    )
    open_ = raised.anti_join(
        res,
        [raised.person_id == res.r_pid, res.r_hi >= raised.day_lo, res.r_lo <= raised.due],
    )
    open_ = with_context(open_, t)
    open_ = open_.filter(open_.due < open_.as_of_day)
    late = res.select(l_pid="r_pid", l_lo="r_lo")
    late = open_.left_join(late, [open_.person_id == late.l_pid, late.l_lo > open_.due])
    open_ = late.group_by(
        [c for c in open_.columns if c not in ("as_of_day", "as_of_ts")]
    ).aggregate(resolved_on=late.l_lo.min())
    return open_.select(
        person_id=open_.person_id,
        anchor_key=open_.event_id.cast("string"),
        anchor_on=open_.day,
        evidence=ibis.array([open_.event_id]),
        raised_on=open_.day,
        due=open_.due,
        raised_by=open_.a_raised_by.fill_null("not recorded"),
        resolved_on=open_.resolved_on,
    )


ESC_1 = Rule(
    id="ESC-1",
    code="ESC-1",
    title="Escalation unresolved past its date",
    version=1,
    severity=Severity.HIGH,
    looks_for="An escalation or professional disagreement not resolved by the date by which it "
    "should have been (still open, or resolved late).",
    why="Escalation only protects children when it is followed through to a resolution.",
    limits="Any 'escalation resolved' record for the child counts as resolving every escalation "
    "raised before it; escalations with no due date are not checked. A late resolution is a fact "
    "of the record, so the alert stays until a person acknowledges, actions or dismisses it.",
    citations=cite("ESC-1", "BSCP-B-2021", "LRLSCB-LR2"),
    statutory_basis="Local safeguarding partnership escalation (resolving professional "
    "differences) procedures.",
    explanation="Escalation raised on {raised_on} by {raised_by} was due to be resolved by {due}; "
    "{outcome}.",
    details=lambda f: {
        "outcome": "no resolution is recorded"
        if f["resolved_on"] is None
        else f"it was resolved late, on {format_value(f['resolved_on'])}"
    },
    build=_unresolved,
    requires=(Requirement(("social_care.escalation_raised",)),),
    attributes=("due", "raised_by"),
)

_REACHED = (
    "social_care.assessment_start",
    "social_care.section47_start",
    "social_care.strategy_discussion",
    "social_care.cp_plan_start",
    "social_care.cin_plan_start",
)


def _below_threshold(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    found = clusters(of_types(t.events, CONCERN_TYPES), n=p["threshold"], months=p["months"])
    reached = of_types(t.events, _REACHED).select(r_pid="person_id", r_hi="day_hi")
    found = found.anti_join(
        reached, [found.person_id == reached.r_pid, reached.r_hi >= found.anchor_on]
    )
    return found.select("person_id", "anchor_key", "anchor_on", "evidence", "last_on", "count")


ESC_2 = Rule(
    id="ESC-2",
    code="ESC-2",
    title="Persistent concerns below the threshold: for supervision",
    version=1,
    severity=Severity.LOW,
    looks_for="Three or more concerns within 12 months for a child who has had no assessment, "
    "strategy discussion, section 47 enquiry or plan since the first of them.",
    why="Persistent concerns that never reach assessment should come to supervision rather than "
    "depend on one practitioner noticing.",
    limits="An assessment held by an agency whose records are not taken in is not seen.",
    citations=cite("ESC-2", "TRI-2019"),
    parameters=(
        Parameter("threshold", 3, "how many concerns"),
        Parameter("months", 12, "window in calendar months"),
    ),
    explanation="{count} concerns between {anchor_on} and {last_on} and no assessment since; list "
    "for supervision.",
    build=_below_threshold,
    requires=(Requirement(CONCERN_TYPES, "threshold"),),
    windows="12 calendar months.",
)

RULES = (ESC_1, ESC_2)
