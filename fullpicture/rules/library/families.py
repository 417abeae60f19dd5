"""H. Families and households: FAM-1, FAM-2, FAM-3, FAM-4, FAM-5."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import (
    age_below,
    clusters,
    household,
    mentions_any,
    of_types,
    plus_days,
    with_context,
    working_day_deadline,
)
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity

_ASSESSMENTS = ("social_care.assessment_start", "social_care.assessment_end")
_JOINING_ROLES = ("partner_of_parent", "step_parent", "household_member", "carer")


def _adults_joining(t: Tables) -> ir.Table:
    kin = household(t, _JOINING_ROLES)
    ppl = t.people.select(a_id="person_id", a_born="date_of_birth", a_child="is_child")
    j = kin.join(ppl, kin.member_id == ppl.a_id)
    adult = ~j.a_child.fill_null(False) & ~age_below(
        j.a_born, j.start_date.fill_null(j.end_date), 18
    )
    j = j.filter(adult)
    return j.select(
        person_id=j.person_id, adult_id=j.member_id, role=j.role, joined=j.start_date
    ).distinct()


def _assessments_missing(adults: ir.Table, t: Tables) -> ir.Table:
    """Assessments of the child after the adult joined in which the adult took no part."""
    ev = of_types(t.events, _ASSESSMENTS).select(
        x_id="event_id", x_pid="person_id", x_day="day", x_hi="day_hi"
    )
    j = adults.join(
        ev,
        [adults.person_id == ev.x_pid, adults.joined.isnull() | (ev.x_hi >= adults.joined)],
    )
    j = j.filter(j.x_id.notnull())  # settles the join before the anti-join
    part = t.participants.select(p_event="event_id", p_person="person_id")
    j = j.anti_join(part, [part.p_event == j.x_id, part.p_person == j.adult_id])
    return j


def _hidden_adult(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    j = _assessments_missing(_adults_joining(t), t)
    included = _assessments_included(t)
    j = j.anti_join(included, [included.i_child == j.person_id, included.i_adult == j.adult_id])
    g = j.group_by("person_id", "adult_id", "role", "joined").aggregate(
        evidence=j.x_id.collect(order_by=[j.x_day, j.x_id]), anchor_on=j.x_day.min()
    )
    return g.select(
        person_id=g.person_id,
        anchor_key="adult:" + g.adult_id,
        anchor_on=g.anchor_on,
        evidence=g.evidence,
        adult_id=g.adult_id,
        role=g.role,
        joined=g.joined,
    )


def _assessments_included(t: Tables) -> ir.Table:
    ev = of_types(t.events, _ASSESSMENTS).select(i_event="event_id", i_child="person_id")
    part = t.participants
    j = ev.join(part, part.event_id == ev.i_event)
    return j.select(i_child=j.i_child, i_adult=j.person_id).distinct()


def _role_details(f: Mapping[str, Any]) -> dict[str, str]:
    role = str(f["role"]).replace("_", " ")
    joined = f["joined"]
    from fullpicture.rules.spec import format_value

    return {"role_text": role, "joined_text": f"since {format_value(joined)}" if joined else ""}


FAM_1 = Rule(
    id="FAM-1",
    code="FAM-1",
    title="Hidden adult: not part of the child's assessment",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="An adult who lives in or joined the child's household (partner of a parent, "
    "step-parent, household member, carer) and has taken part in none of the child's "
    "assessments since joining.",
    why="Men and other adults in the home are hardly visible in reviews; assessments should "
    "include every adult in the household.",
    limits="Needs the relationship recorded and assessment participants recorded; parents are "
    "not checked by this rule.",
    citations=cite("FAM-1", "TRI-2019", "LRLSCB-LR2"),
    explanation="{adult_id} ({role_text}) {joined_text} took no part in the child's assessment "
    "on {anchor_on}.",
    build=_hidden_adult,
    requires=(Requirement(_ASSESSMENTS),),
    details=_role_details,
)


def _child_parent(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    kin = t.kin.filter(t.kin.role == "parent").select(child="person_id", parent="member_id")
    kids = t.people.select(k_id="person_id", k_born="date_of_birth")
    pars = t.people.select(q_id="person_id", q_born="date_of_birth")
    j = kin.join(kids, kin.child == kids.k_id).join(pars, kin.parent == pars.q_id)
    j = j.filter(age_below(j.q_born, j.k_born, 18))
    j = j.mutate(due=plus_days(j.k_born, p["days"]))
    ass = of_types(t.events, _ASSESSMENTS).select(a_pid="person_id", a_hi="day_hi")
    j = j.anti_join(
        ass, [ass.a_pid == j.parent, ass.a_hi >= plus_days(j.k_born, -p["days_before_birth"])]
    )
    j = with_context(j, t)
    j = j.filter(j.due < j.as_of_day)
    births = of_types(t.events, ["health.birth"]).select(b_id="event_id", b_pid="person_id")
    j = j.left_join(births, births.b_pid == j.child)
    g = j.group_by("parent", "child", "k_born", "q_born", "due").aggregate(
        birth_ids=j.b_id.collect()
    )
    return g.select(
        person_id=g.parent,
        anchor_key="child:" + g.child,
        anchor_on=g.k_born,
        evidence=g.birth_ids,
        child_id=g.child,
        born=g.k_born,
        due=g.due,
    )


FAM_2 = Rule(
    id="FAM-2",
    code="FAM-2",
    title="Parent under 18 without an assessment of their own needs",
    version=1,
    severity=Severity.HIGH,
    looks_for="A parent who was under 18 when their child was born, with no assessment of the "
    "parent themselves from the pregnancy (280 days before the birth) to 28 days after it.",
    why="Parents under eighteen are children too; their own needs must be assessed.",
    limits="Needs both dates of birth and the parent relationship; any assessment of the young "
    "parent counts.",
    citations=cite("FAM-2", "LSCP-LFR"),
    parameters=(
        Parameter("days", 28, "days after the birth for the assessment"),
        Parameter("days_before_birth", 280, "days before the birth an assessment counts"),
    ),
    explanation="Parent under 18 when {child_id} was born on {born}; no assessment of the "
    "parent's own needs by {due}.",
    build=_child_parent,
    windows="Fixed days.",
)


def _prior_abuse(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    da = of_types(t.events, ["police.domestic_abuse_incident"])
    perp = t.participants.filter(t.participants.role == "alleged_perpetrator")
    by_part = da.join(perp, perp.event_id == da.event_id).select(
        d_id=da.event_id, d_adult=perp.person_id, d_lo=da.day_lo, d_hi=da.day_hi
    )
    adults = _adults_joining(t).filter(lambda x: x.joined.notnull())
    j = adults.join(by_part, [by_part.d_adult == adults.adult_id, by_part.d_hi < adults.joined])
    j = _assessments_missing(j, t).select(*j.columns).distinct()
    included = _assessments_included(t)
    j = j.anti_join(included, [included.i_child == j.person_id, included.i_adult == j.adult_id])
    g = j.group_by("person_id", "adult_id", "role", "joined").aggregate(
        evidence=j.d_id.collect(order_by=[j.d_lo, j.d_id]), first_da=j.d_lo.min()
    )
    return g.select(
        person_id=g.person_id,
        anchor_key="adult:" + g.adult_id,
        anchor_on=g.joined,
        evidence=g.evidence,
        adult_id=g.adult_id,
        role=g.role,
        joined=g.joined,
        first_da=g.first_da,
    )


FAM_3 = Rule(
    id="FAM-3",
    code="FAM-3",
    title="Adult with earlier domestic abuse joins the household unassessed",
    version=1,
    severity=Severity.HIGH,
    looks_for="An adult recorded as the alleged perpetrator of domestic abuse before joining the "
    "child's household (or becoming a carer), with no assessment of the child including them.",
    why="Previous domestic abuse in earlier relationships was not explored before contact and "
    "care decisions.",
    limits="Needs the abuse incident's participants (alleged perpetrator) and the relationship's "
    "start date.",
    citations=cite("FAM-3", "LSCP-LFR"),
    explanation="{adult_id} joined the household ({role}) on {joined}; domestic abuse by them was "
    "recorded from {first_da}, and no assessment of the child has included them.",
    build=_prior_abuse,
    requires=(Requirement(("police.domestic_abuse_incident",)),),
)


def _young_carer(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    idf = of_types(
        t.events, ["social_care.young_carer_identified", "education.young_carer_identified"]
    ).select("event_id", "person_id", "day", "day_lo", "day_hi")
    idf = working_day_deadline(idf, t, "day_hi", p["working_days"], "due")
    yca = of_types(t.events, ["social_care.young_carer_assessment", "social_care.assessment_start"])
    yca = yca.filter(
        (yca.event_type == "social_care.young_carer_assessment")
        | mentions_any(yca.a_assessment_kind, ["young_carer", "young carer"])
    ).select(y_pid="person_id", y_hi="day_hi")
    idf = idf.anti_join(yca, [idf.person_id == yca.y_pid, yca.y_hi >= plus_days(idf.day_lo, -30)])
    idf = with_context(idf, t)
    idf = idf.filter(idf.due < idf.as_of_day)
    g = idf.group_by("person_id").aggregate(
        evidence=idf.event_id.collect(order_by=[idf.day, idf.event_id]),
        anchor_on=idf.day.min(),
        due=idf.due.min(),
    )
    return g.select(
        person_id=g.person_id,
        anchor_key=g.evidence[0].cast("string"),
        anchor_on=g.anchor_on,
        evidence=g.evidence,
        due=g.due,
    )


FAM_4 = Rule(
    id="FAM-4",
    code="FAM-4",
    title="Young carer not assessed",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A child identified as a young carer (by social care or school) with no young "
    "carer's assessment within 20 working days.",
    why="Young carers' own needs should be assessed.",
    limits="An assessment recorded by a carers' service whose records are not taken in is not seen.",
    citations=cite("FAM-4", "LSCP-LFR"),
    statutory_basis="Children and Families Act 2014, s.96 (young carers' needs assessments).",
    parameters=(Parameter("working_days", 20, "working days for the assessment"),),
    explanation="Identified as a young carer on {anchor_on}; no young carer's assessment by {due}.",
    build=_young_carer,
    requires=(
        Requirement(("social_care.young_carer_identified", "education.young_carer_identified")),
    ),
    attributes=("assessment_kind",),
    windows="Working days.",
)


def _not_brought(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    found = clusters(
        of_types(t.events, ["health.was_not_brought"]), n=p["missed"], months=p["months"]
    )
    return found.select("person_id", "anchor_key", "anchor_on", "evidence", "count", "last_on")


FAM_5 = Rule(
    id="FAM-5",
    code="FAM-5",
    title="Was not brought to health appointments",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="Two or more health appointments the child was not brought to within six months.",
    why="'Was not brought' is a signal of neglect; travel, cost or clashes may need practical help.",
    limits="Depends on health recording missed appointments as 'was not brought'.",
    citations=cite("FAM-5", "LSCP-LFR"),
    parameters=(
        Parameter("missed", 2, "missed appointments"),
        Parameter("months", 6, "window in calendar months"),
    ),
    explanation="Not brought to {count} health appointments between {anchor_on} and {last_on}.",
    build=_not_brought,
    requires=(Requirement(("health.was_not_brought",), "missed"),),
    windows="Calendar months.",
)

RULES = (FAM_1, FAM_2, FAM_3, FAM_4, FAM_5)
