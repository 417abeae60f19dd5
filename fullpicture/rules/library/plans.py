"""C. Child protection plans and babies: CPP-1, CPP-2, CPP-3."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import (
    age_below,
    next_of,
    of_types,
    plus_days,
    plus_months,
    with_context,
    working_day_deadline,
)
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity, format_value


def _has_record(
    ends: ir.Table, t: Tables, event_type: str, before_days: int, until: str
) -> ir.Table:
    ev = of_types(t.events, [event_type]).select(x_pid="person_id", x_lo="day_lo", x_hi="day_hi")
    found = ends.join(
        ev,
        [
            ends.person_id == ev.x_pid,
            ev.x_hi >= plus_days(ends.day_lo, -before_days),
            ev.x_lo <= ends[until],
        ],
    )
    return found.select("event_id")


def _step_down(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ends = of_types(t.events, ["social_care.cp_plan_end"]).select(
        "event_id", "person_id", "day", "day_lo", "day_hi"
    )
    ends = working_day_deadline(ends, t, "day_hi", p["working_days_after"], "due")
    step = _has_record(ends, t, "social_care.step_down_plan", p["days_before"], "due")
    lead = _has_record(ends, t, "social_care.lead_professional", p["days_before"], "due")
    ends = with_context(ends, t)
    ends = ends.filter(ends.due < ends.as_of_day)
    ends = ends.mutate(
        no_step_down=~ends.event_id.isin(step.event_id), no_lead=~ends.event_id.isin(lead.event_id)
    )
    ends = ends.filter(ends.no_step_down | ends.no_lead)
    return ends.select(
        person_id=ends.person_id,
        anchor_key=ends.event_id.cast("string"),
        anchor_on=ends.day,
        evidence=ibis.array([ends.event_id]),
        ended=ends.day,
        due=ends.due,
        no_step_down=ends.no_step_down,
        no_lead=ends.no_lead,
    )


def _step_down_details(f: Mapping[str, Any]) -> dict[str, str]:
    gaps = [
        text
        for flag, text in (
            (f["no_step_down"], "no step-down plan"),
            (f["no_lead"], "no named lead professional"),
        )
        if flag
    ]
    return {"gaps": " and ".join(gaps)}


CPP_1 = Rule(
    id="CPP-1",
    code="CPP-1",
    title="Plan ended without a step-down plan or lead professional",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A child protection plan that ends with no step-down plan, or no named lead "
    "professional, recorded from 30 days before the end to 10 working days after it.",
    why="Ending a plan safely needs an explicit step-down: what support continues, who leads it, "
    "and what would trigger fresh concern.",
    limits="A step-down recorded in free text only (not as a step-down record) is not seen.",
    citations=cite("CPP-1", "LRLSCB-LR2"),
    parameters=(
        Parameter("days_before", 30, "days before the plan's end a step-down may be recorded"),
        Parameter("working_days_after", 10, "working days after the end"),
    ),
    explanation="Child protection plan ended on {ended} with {gaps} recorded by {due}.",
    build=_step_down,
    requires=(Requirement(("social_care.cp_plan_end",)),),
    details=_step_down_details,
    windows="Working days after the end; fixed days before it.",
)


def _baby_plan(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    plans = next_of(t.events, ["social_care.cp_plan_start"], ["social_care.cp_plan_end"])
    plans = plans.filter(plans.e_event_id.notnull())
    people = t.people
    plans = plans.join(people, plans.s_person_id == people.person_id)
    plans = plans.filter(
        age_below(plans.date_of_birth, plans.s_day_hi, 1)
        & (plans.e_day_hi < plus_months(plans.s_day_lo, p["months"]))
    )
    return plans.select(
        person_id=plans.s_person_id,
        anchor_key=plans.s_event_id.cast("string"),
        anchor_on=plans.s_day,
        evidence=ibis.array([plans.s_event_id, plans.e_event_id]),
        started=plans.s_day,
        ended=plans.e_day,
        born=plans.date_of_birth,
    )


CPP_2 = Rule(
    id="CPP-2",
    code="CPP-2",
    title="Baby's child protection plan ended within nine months",
    version=1,
    severity=Severity.HIGH,
    looks_for="A child protection plan for a child under one when it started that ended less than "
    "nine calendar months after it started.",
    why="Babies are fragile; reviews recommended at least nine months on a plan for a newborn "
    "before stepping down.",
    limits="Needs the child's date of birth; plans for children with no recorded birth date are "
    "not checked.",
    citations=cite("CPP-2", "LRLSCB-LR2"),
    parameters=(Parameter("months", 9, "minimum calendar months on the plan"),),
    explanation="Child born {born}: child protection plan from {started} ended on {ended}, less "
    "than {months} months later.",
    build=_baby_plan,
    requires=(
        Requirement(("social_care.cp_plan_start",)),
        Requirement(("social_care.cp_plan_end",)),
    ),
    windows="Calendar months.",
)

_ANSWERS = (
    "social_care.assessment_start",
    "social_care.strategy_discussion",
    "social_care.section47_start",
)


def _siblings(t: Tables) -> ir.Table:
    kin = t.kin
    direct = kin.filter(kin.role == "sibling").select(child="person_id", sib="member_id")
    parents = kin.filter(kin.role == "parent").select(c1="person_id", par="member_id")
    others = kin.filter(kin.role == "parent").select(c2="person_id", par2="member_id")
    shared = parents.join(others, [parents.par == others.par2, parents.c1 != others.c2])
    shared = shared.select(child=shared.c1, sib=shared.c2)
    return direct.union(shared, distinct=True)


def _after_harm(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    harm = of_types(t.events, ["social_care.child_death", "social_care.serious_injury"])
    sibs = _siblings(t)
    j = harm.join(sibs, harm.person_id == sibs.child)
    j = j.join(t.people, j.sib == t.people.person_id)
    j = j.filter(
        ~age_below(j.date_of_birth, j.day_lo, 0) & age_below(j.date_of_birth, j.day_lo, 18)
    )
    j = j.select(
        harm_id=j.event_id,
        harmed_on=j.day,
        day_hi=j.day_hi,
        day_lo=j.day_lo,
        kind=j.event_type,
        person_id=j.sib,
    )
    j = working_day_deadline(j, t, "day_hi", p["working_days"], "due")
    ans = of_types(t.events, _ANSWERS).select(r_pid="person_id", r_lo="day_lo", r_hi="day_hi")
    j = j.anti_join(
        ans, [j.person_id == ans.r_pid, ans.r_lo <= j.due, ans.r_hi >= plus_days(j.day_lo, -1)]
    )
    j = with_context(j, t)
    j = j.filter(j.due < j.as_of_day)
    return j.select(
        person_id=j.person_id,
        anchor_key=j.harm_id.cast("string"),
        anchor_on=j.harmed_on,
        evidence=ibis.array([j.harm_id]),
        harmed_on=j.harmed_on,
        kind=j.kind,
        due=j.due,
    )


def _harm_details(f: Mapping[str, Any]) -> dict[str, str]:
    kind = "death" if str(f["kind"]).endswith("death") else "serious injury"
    return {"harm": kind, "due": format_value(f["due"])}


CPP_3 = Rule(
    id="CPP-3",
    code="CPP-3",
    title="Sibling not assessed after a child's death or serious injury",
    version=1,
    severity=Severity.HIGH,
    looks_for="A child whose sibling (or half-sibling through a shared parent) died or was "
    "seriously injured, with no assessment, strategy discussion or section 47 enquiry for them "
    "within 10 working days.",
    why="After a death or critical injury, enquiries about surviving children must continue "
    "rigorously.",
    limits="Siblings are found through recorded relationships only.",
    citations=cite("CPP-3", "LRLSCB-LR2"),
    parameters=(Parameter("working_days", 10, "working days for an assessment or strategy"),),
    explanation="A sibling's {harm} was recorded on {harmed_on}; no assessment or strategy "
    "discussion for this child by {due}.",
    build=_after_harm,
    requires=(Requirement(("social_care.child_death", "social_care.serious_injury")),),
    details=_harm_details,
    windows="Working days.",
)

RULES = (CPP_1, CPP_2, CPP_3)
