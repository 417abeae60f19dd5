"""E. Looked-after children, stability and criminalisation: LAC-1, LAC-2 (and LAC-2N), LAC-3,
LAC-5, LAC-6. LAC-4 (moves informed by the child's wishes) is checked by VOI-1."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import (
    age_below,
    clusters,
    is_false,
    is_true,
    mentions_any,
    of_types,
    open_at,
    plus_months,
)
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity


def _moves(t: Tables) -> ir.Table:
    """Placement starts that follow an earlier placement in the same period of care."""
    pl = of_types(t.events, ["social_care.placement_start"])
    order = ibis.window(group_by=pl.person_id, order_by=[pl.day_lo, pl.event_id])
    pl = pl.mutate(prev_lo=pl.day_lo.lag().over(order))
    la = of_types(t.events, ["social_care.looked_after_start"]).select(
        la_pid="person_id", la_lo="day_lo"
    )
    j = pl.left_join(la, [pl.person_id == la.la_pid, la.la_lo <= pl.day_lo])
    j = j.group_by([*pl.columns]).aggregate(care_from=j.la_lo.max())
    return j.filter(j.prev_lo.notnull() & (j.care_from.isnull() | (j.prev_lo >= j.care_from)))


def _instability(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    moves = _moves(t)
    many = clusters(moves, n=p["moves"], months=p["months"])
    emergencies = clusters(
        moves.filter(is_false(moves.a_planned)), n=p["emergency_moves"], months=p["months"]
    )
    many = many.mutate(kind=ibis.literal("moves"))
    emergencies = emergencies.mutate(kind=ibis.literal("emergency moves"))
    both = many.union(emergencies)
    return both.select(
        "person_id",
        anchor_key=both.kind + ":" + both.anchor_key,
        anchor_on=both.anchor_on,
        evidence=both.evidence,
        count=both["count"],
        kind=both.kind,
        last_on=both.last_on,
    )


LAC_1 = Rule(
    id="LAC-1",
    code="LAC-1",
    title="Placement instability",
    version=1,
    severity=Severity.HIGH,
    looks_for="Three or more placement moves within 12 months, or two or more emergency "
    "(unplanned) moves within 12 months. A move is a placement that follows another in the same "
    "period of care.",
    why="Repeated, sudden moves were traumatising and left older young people without stability.",
    limits="A period of care is taken to start at the latest 'started to be looked after' record; "
    "placements recorded without one all count as one period.",
    citations=(*cite("LAC-1", "BSCP-B-2021", "WSCB-BEN-2013"), *cite("LAC-4", "WSCB-BEN-2013")),
    statutory_basis="SSDA903 placement stability measure (three or more placements in a year).",
    parameters=(
        Parameter("moves", 3, "placement moves"),
        Parameter("emergency_moves", 2, "emergency moves"),
        Parameter("months", 12, "window in calendar months"),
    ),
    explanation="{count} {kind} between {anchor_on} and {last_on}, within {months} months.",
    build=_instability,
    requires=(Requirement(("social_care.placement_start",), 2),),
    attributes=("planned",),
    windows="12 calendar months (the 903 measure counts a year).",
)


def _churn(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    return clusters(
        of_types(t.events, ["social_care.social_worker_change"]), n=p["changes"], months=p["months"]
    )


LAC_2 = Rule(
    id="LAC-2",
    code="LAC-2",
    title="Social worker churn",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="Three or more changes of allocated social worker within 12 months.",
    why="Young people described having many social workers and losing trust with each change.",
    limits="Counts recorded changes of allocated worker, including temporary cover if recorded.",
    citations=cite("LAC-2", "BSCP-B-2021"),
    parameters=(
        Parameter("changes", 3, "changes of social worker"),
        Parameter("months", 12, "window in calendar months"),
    ),
    explanation="{count} changes of social worker between {anchor_on} and {last_on}.",
    build=_churn,
    requires=(Requirement(("social_care.social_worker_change",), "changes"),),
    windows="12 calendar months.",
)


def _not_told(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, ["social_care.social_worker_change"])
    ev = ev.filter(is_false(ev.a_child_told))
    return ev.select(
        person_id=ev.person_id,
        anchor_key=ev.event_id.cast("string"),
        anchor_on=ev.day,
        evidence=ibis.array([ev.event_id]),
        changed=ev.day,
    )


LAC_2N = Rule(
    id="LAC-2N",
    code="LAC-2",
    title="Social worker changed without telling the child",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A change of allocated social worker recorded as not told to the child beforehand.",
    why="The young person was told of changes only after they happened.",
    limits="Only changes with child_told recorded as false are flagged; an unrecorded answer is "
    "not assumed to be no.",
    citations=cite("LAC-2", "BSCP-B-2021"),
    explanation="Social worker changed on {changed}; the child was not told beforehand.",
    build=_not_told,
    requires=(Requirement(("social_care.social_worker_change",)),),
    attributes=("child_told",),
)

_OFFENCES = ("police.arrest", "police.charge", "police.caution")
_EXPLOITED = ("police.exploitation_concern", "partnership.mace")


def _criminalised(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    off = of_types(t.events, _OFFENCES)
    ppl = t.people.select(c_id="person_id", c_born="date_of_birth")
    off = off.join(ppl, off.person_id == ppl.c_id)
    off = off.filter(age_below(off.c_born, off.day_lo, 18))
    off = off.select(
        "event_id",
        "person_id",
        "event_type",
        "day",
        "day_lo",
        "day_hi",
        "t_lo",
        "a_in_placement",
        "a_offence",
    )
    looked_after = open_at(
        off, t, ["social_care.looked_after_start"], ["social_care.looked_after_end"]
    ).mutate(why=ibis.literal("looked after"))
    ex = of_types(t.events, _EXPLOITED).select(x_pid="person_id", x_lo="day_lo", x_hi="day_hi")
    exploited = off.semi_join(
        ex,
        [
            off.person_id == ex.x_pid,
            ex.x_lo <= off.day_hi,
            ex.x_hi >= plus_months(off.day_lo, -p["months"]),
        ],
    ).mutate(why=ibis.literal("exploitation concerns"))
    cases = looked_after.union(exploited)
    cases = cases.group_by([c for c in cases.columns if c != "why"]).aggregate(why=cases.why.min())
    met = of_types(t.events, ["partnership.professionals_meeting"]).select(
        m_pid="person_id", m_hi="day_hi"
    )
    cases = cases.anti_join(met, [cases.person_id == met.m_pid, met.m_hi >= cases.day_lo])
    return cases.select(
        person_id=cases.person_id,
        anchor_key=cases.event_id.cast("string"),
        anchor_on=cases.day,
        evidence=ibis.array([cases.event_id]),
        on=cases.day,
        what=cases.event_type.replace("police.", ""),
        offence=cases.a_offence.fill_null("offence not recorded"),
        why=cases.why,
        in_placement=is_true(cases.a_in_placement),
    )


def _criminalised_details(f: Mapping[str, Any]) -> dict[str, str]:
    return {"where": " for an incident in the placement" if f["in_placement"] else ""}


LAC_3 = Rule(
    id="LAC-3",
    code="LAC-3",
    title="Looked-after or exploited child criminalised",
    version=1,
    severity=Severity.HIGH,
    looks_for="A child who is looked after, or has had exploitation concerns in the last 12 "
    "months, arrested, charged or cautioned, with no professionals' meeting since.",
    why="Policy is to reduce the criminalisation of looked-after children; exploited children "
    "should not be criminalised unless exceptional.",
    limits="Looked-after status comes from start and end records; exploitation concerns from "
    "police concerns and MACE. The alert prompts a professionals' review; it closes when one is "
    "recorded.",
    citations=cite("LAC-3", "BSCP-B-2021", "LRLSCB-LR2"),
    statutory_basis="National protocol on reducing unnecessary criminalisation of looked-after "
    "children and care leavers (DfE, 2018).",
    parameters=(Parameter("months", 12, "calendar months an exploitation concern stays relevant"),),
    explanation="{what} on {on} ({offence}){where} while {why}; no professionals' meeting recorded "
    "since.",
    build=_criminalised,
    requires=(Requirement(_OFFENCES),),
    details=_criminalised_details,
    attributes=("in_placement", "offence"),
)


def _peer_split(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, ["social_care.placement_start", "social_care.placement_end"])
    ev = ev.filter(mentions_any(ev.a_reason, p["words"]))
    return ev.select(
        person_id=ev.person_id,
        anchor_key=ev.event_id.cast("string"),
        anchor_on=ev.day,
        evidence=ibis.array([ev.event_id]),
        moved=ev.day,
        reason=ev.a_reason,
    )


LAC_5 = Rule(
    id="LAC-5",
    code="LAC-5",
    title="Placement move to split a peer group",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A placement move whose recorded reason is separation from peers.",
    why="Breaking up a peer group can leave young people more vulnerable; the group's emotional "
    "role should be weighed.",
    limits="Reads the move's recorded reason text for the words listed; other wording is missed.",
    citations=cite("LAC-5", "WSCB-BEN-2013"),
    parameters=(Parameter("words", ["peer", "friendship group"], "words marking a peer split"),),
    explanation="Placement move on {moved} recorded as: {reason}. Consider the peer group's role "
    "for each child involved.",
    build=_peer_split,
    requires=(Requirement(("social_care.placement_start", "social_care.placement_end")),),
    attributes=("reason",),
)


def _behaviours(t: Tables) -> ir.Table:
    ev = t.events
    key = ibis.cases(
        (ev.event_type == "police.missing_start", "missing"),
        (ev.event_type.isin(["police.arrest", "police.charge"]), "offending"),
        (ev.event_type == "education.exclusion", "exclusion"),
        (
            ev.event_type.isin(["health.ed_attendance", "health.admission"])
            & mentions_any(ev.a_reason, ["self_harm", "self-harm", "overdose"]),
            "self-harm",
        ),
        (ev.event_type == "police.incident", "incident: " + ev.a_incident_kind.fill_null("other")),
        else_=None,
    )
    ev = ev.mutate(behaviour=key)
    return ev.filter(ev.behaviour.notnull())


_INTERVENTIONS = (
    "youth_justice.intervention",
    "social_care.service_provided",
    "partnership.return_interview_done",
)


def _more_of_same(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    iv = of_types(t.events, _INTERVENTIONS)
    kind = ibis.cases(
        (iv.event_type == "partnership.return_interview_done", "return interview"),
        else_=iv.a_intervention_kind.coalesce(iv.a_service, iv.event_type),
    )
    iv = iv.mutate(kind=kind)
    iv = iv.group_by("person_id", "kind").aggregate(
        first_id=iv.event_id.argmin(iv.day_lo),
        first_on=iv.day_lo.min(),
        times=iv.event_id.count(),
        ids=iv.event_id.collect(order_by=[iv.day_lo, iv.event_id]),
    )
    iv = iv.filter(iv.times >= p["interventions"])
    b = _behaviours(t).select(
        b_pid="person_id", b_id="event_id", b_lo="day_lo", behaviour="behaviour"
    )
    j = iv.join(b, [iv.person_id == b.b_pid, b.b_lo >= iv.first_on])
    j = j.group_by(
        "person_id", "kind", "first_id", "first_on", "times", "ids", "behaviour"
    ).aggregate(
        incidents=j.b_id.count(),
        inc_ids=j.b_id.collect(order_by=[j.b_lo, j.b_id]),
        last_on=j.b_lo.max(),
    )
    j = j.filter(j.incidents >= p["incidents"])
    met = of_types(t.events, ["partnership.professionals_meeting"]).select(
        m_pid="person_id", m_lo="day_lo", m_hi="day_hi"
    )
    j = j.anti_join(met, [j.person_id == met.m_pid, met.m_hi >= j.first_on, met.m_lo <= j.last_on])
    return j.select(
        person_id=j.person_id,
        anchor_key=j.first_id.cast("string") + ":" + j.behaviour,
        anchor_on=j.first_on,
        evidence=j.ids.concat(j.inc_ids),
        kind=j.kind,
        times=j.times,
        behaviour=j.behaviour,
        incidents=j.incidents,
        last_on=j.last_on,
    )


LAC_6 = Rule(
    id="LAC-6",
    code="LAC-6",
    title="More of the same: repeated intervention, repeated behaviour",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="The same kind of intervention (e.g. a return interview after each missing episode) "
    "used two or more times while the same risk behaviour "
    "(missing, offending, exclusion, self-harm or a kind of police incident) happened three or "
    "more times after it began, with no professionals' meeting in that time.",
    why="When standard interventions keep failing, practitioners layer on more of the same; a "
    "professionals' meeting should explore alternatives.",
    limits="Interventions are youth justice interventions, provided services and completed return "
    "interviews, grouped by their recorded kind; behaviour categories are coarse.",
    citations=cite("LAC-6", "WSCB-BEN-2013"),
    parameters=(
        Parameter("interventions", 2, "times the same intervention was used"),
        Parameter("incidents", 3, "incidents of the same behaviour after it began"),
    ),
    explanation="'{kind}' used {times} times from {anchor_on}; {incidents} incidents of "
    "{behaviour} since, the latest on {last_on}; no professionals' meeting recorded.",
    build=_more_of_same,
    requires=(Requirement(_INTERVENTIONS, "interventions"),),
    attributes=("intervention_kind", "service", "reason", "incident_kind"),
)

RULES = (LAC_1, LAC_2, LAC_2N, LAC_3, LAC_5, LAC_6)
