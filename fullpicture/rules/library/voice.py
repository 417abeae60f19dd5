"""F. The child's voice: VOI-1, VOI-2, VOI-3."""

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
    of_types,
    plus_days,
)
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity
from fullpicture.vocabulary import DECISION_TYPES


def _without_voice(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    dec = of_types(t.events, DECISION_TYPES)
    ppl = t.people.select(c_id="person_id", c_born="date_of_birth")
    dec = dec.join(ppl, dec.person_id == ppl.c_id)
    dec = dec.filter(
        ~age_below(dec.c_born, dec.day_lo, p["min_age"]) & age_below(dec.c_born, dec.day_lo, 18)
    )
    wf = of_types(t.events, ["social_care.wishes_and_feelings"]).select(
        w_pid="person_id", w_lo="day_lo", w_hi="day_hi"
    )
    dec = dec.anti_join(
        wf,
        [
            dec.person_id == wf.w_pid,
            wf.w_hi >= plus_days(dec.day_lo, -p["days"]),
            wf.w_lo <= dec.day_hi,
        ],
    )
    return dec.select(
        person_id=dec.person_id,
        anchor_key=dec.event_id.cast("string"),
        anchor_on=dec.day,
        evidence=ibis.array([dec.event_id]),
        decided=dec.day,
        decision=dec.event_type,
    )


def _decision_details(f: Mapping[str, Any]) -> dict[str, str]:
    from fullpicture.vocabulary import EVENT_TYPES

    kind = EVENT_TYPES.get(str(f["decision"]))
    return {"decision_label": kind.label if kind else str(f["decision"])}


VOI_1 = Rule(
    id="VOI-1",
    code="VOI-1",
    title="Decision without the child's voice",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A decision about a child aged 4 to 17 (placement start, plan start or end, "
    "looked-after review, conference) with no record of the child's wishes and feelings in the 90 "
    "days before it.",
    why="There must be evidence that the child's voice influences decisions about their life.",
    limits="Only wishes-and-feelings records count; a view noted inside a review's minutes is not "
    "seen. Younger children's voice (observation) is out of scope by default (min_age).",
    citations=(*cite("VOI-1", "BSCP-B-2021", "TRI-2019"), *cite("LAC-4", "WSCB-BEN-2013")),
    parameters=(
        Parameter("days", 90, "days before the decision"),
        Parameter("min_age", 4, "youngest age in years checked"),
    ),
    explanation="{decision_label} on {decided}: no wishes and feelings recorded in the {days} days "
    "before.",
    build=_without_voice,
    requires=(Requirement(DECISION_TYPES),),
    details=_decision_details,
    windows="Fixed days.",
)

_THERAPY = ("therapy", "counselling", "camhs", "mental_health")


def _unanswered(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    req = of_types(t.events, ["social_care.child_request"])
    req = req.mutate(service=req.a_service.lower().fill_null("unspecified"))
    given = of_types(t.events, ["social_care.service_provided"])
    given = given.select(g_pid="person_id", g_hi="day_hi", g_service=given.a_service.lower())
    camhs = of_types(t.events, ["camhs.referral", "camhs.open"]).select(
        c_pid="person_id", c_hi="day_hi"
    )
    req = req.anti_join(
        given,
        [req.person_id == given.g_pid, given.g_hi >= req.day_lo, given.g_service == req.service],
    )
    therapy = req.filter(req.service.isin(_THERAPY))
    answered_by_camhs = therapy.semi_join(
        camhs, [therapy.person_id == camhs.c_pid, camhs.c_hi >= therapy.day_lo]
    ).select("event_id")
    req = req.filter(~req.event_id.isin(answered_by_camhs.event_id))
    grouped = req.group_by("person_id", "service").aggregate(
        times=req.event_id.count(),
        evidence=req.event_id.collect(order_by=[req.day_lo, req.event_id]),
        anchor_on=req.day.min(),
        last_on=req.day.max(),
    )
    grouped = grouped.filter(grouped.times >= p["requests"])
    return grouped.select(
        person_id=grouped.person_id,
        anchor_key=grouped.evidence[0].cast("string"),
        anchor_on=grouped.anchor_on,
        evidence=grouped.evidence,
        service=grouped.service,
        times=grouped.times,
        last_on=grouped.last_on,
    )


VOI_2 = Rule(
    id="VOI-2",
    code="VOI-2",
    title="Child's request not answered",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="The child asked for the same service two or more times with no service provided "
    "or referral made (for therapy or counselling, a CAMHS referral counts) after the requests.",
    why="A young person asked for therapy again and again and gave up asking.",
    limits="Requests are matched to services by the recorded service name.",
    citations=cite("VOI-2", "BSCP-B-2021"),
    parameters=(Parameter("requests", 2, "unanswered requests for the same service"),),
    explanation="The child asked for {service} {times} times, from {anchor_on} to {last_on}; no "
    "service or referral followed.",
    build=_unanswered,
    requires=(Requirement(("social_care.child_request",), "requests"),),
    attributes=("service",),
)


def _not_seen_alone(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    visits = of_types(t.events, ["social_care.statutory_visit"])
    found = clusters(
        visits.filter(is_false(visits.a_seen_alone)), n=p["visits"], months=p["months"]
    )
    alone = visits.filter(is_true(visits.a_seen_alone)).select(s_pid="person_id", s_lo="day_lo")
    found = found.anti_join(
        alone,
        [
            found.person_id == alone.s_pid,
            alone.s_lo >= found.anchor_on,
            alone.s_lo <= found.last_on,
        ],
    )
    return found.select("person_id", "anchor_key", "anchor_on", "evidence", "count", "last_on")


VOI_3 = Rule(
    id="VOI-3",
    code="VOI-3",
    title="Child not seen alone",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="Three or more statutory visits within six months where the child was not seen "
    "alone, with no visit seeing them alone in between.",
    why="Children should be seen, and seen alone; what they say and how they look matters.",
    limits="Visits with seen_alone not recorded are ignored rather than assumed not alone.",
    citations=cite("VOI-3", "LRLSCB-LR2", "TRI-2019"),
    parameters=(
        Parameter("visits", 3, "visits not seen alone"),
        Parameter("months", 6, "window in calendar months"),
    ),
    explanation="{count} statutory visits from {anchor_on} to {last_on} without seeing the child "
    "alone.",
    build=_not_seen_alone,
    requires=(Requirement(("social_care.statutory_visit",), "visits"),),
    attributes=("seen_alone",),
    windows="Calendar months.",
)

RULES = (VOI_1, VOI_2, VOI_3)
