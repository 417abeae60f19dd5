"""A. Accumulation and cumulative harm: ACC-1 (with ACC-4), ACC-2, ACC-3."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import clusters, household, of_types, plus_months
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity
from fullpicture.vocabulary import CONCERN_TYPES

REFERRAL_TYPES = ("social_care.referral", "social_care.contact")


def _accumulation(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    concerns = of_types(t.events, CONCERN_TYPES)
    found = clusters(concerns, n=p["threshold"], months=p["months"])
    agencies = concerns.select(g_id="event_id", g_agency="agency")
    spread = found.select("anchor_key", "evidence", "person_id").mutate(
        g_id=found.evidence.unnest()
    )
    spread = spread.join(agencies, spread.g_id == agencies.g_id)
    spread = spread.group_by("person_id", "anchor_key").aggregate(
        agencies=spread.g_agency.nunique()
    )
    found = found.join(spread, ["person_id", "anchor_key"])
    return found.select(
        "person_id", "anchor_key", "anchor_on", "evidence", "last_on", "count", "agencies"
    )


ACC_1 = Rule(
    id="ACC-1",
    code="ACC-1",
    title="Accumulating concerns",
    version=1,
    severity=Severity.HIGH,
    looks_for="Three or more concerns about a child (referrals, contacts, police notifications and "
    "incidents, school, health and housing concerns; anonymous and neighbour reports included) "
    "within 12 months, from any mix of agencies.",
    why="Referrals handled one at a time hide their accumulation; reviews repeatedly found low-level "
    "concerns building up before a sudden escalation.",
    limits="Counts records, not distinct worries: two agencies recording the same incident count "
    "twice. Concerns with uncertain dates count only if they certainly fall within the window.",
    citations=(*cite("ACC-1", "LSCP-LFR", "TRI-2019"), *cite("ACC-4", "TRI-2019")),
    parameters=(
        Parameter("threshold", 3, "how many concerns"),
        Parameter("months", 12, "window in calendar months"),
    ),
    explanation="{count} concerns from {agencies} agencies between {anchor_on} and {last_on}, "
    "within {months} months of each other.",
    build=_accumulation,
    requires=(Requirement(CONCERN_TYPES, "threshold"),),
    windows="12 calendar months (29 February + 12 months = 28 February).",
)


def _revolving_door(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    closures = of_types(t.events, ["social_care.case_closure"])
    refs = of_types(t.events, REFERRAL_TYPES).select(
        r_pid="person_id", r_id="event_id", r_lo="day_lo", r_hi="day_hi"
    )
    kin = household(t)
    via_kin = refs.join(kin, refs.r_pid == kin.member_id).select(
        r_pid=kin.person_id, r_id=refs.r_id, r_lo=refs.r_lo, r_hi=refs.r_hi
    )
    refs = refs.union(via_kin, distinct=True)
    pairs = closures.join(
        refs,
        [
            closures.person_id == refs.r_pid,
            refs.r_lo > closures.day_hi,
            refs.r_hi <= plus_months(closures.day_lo, p["months"]),
        ],
    )
    cycles = pairs.group_by("person_id", "event_id", "day").aggregate(
        rereferral=pairs.r_id.argmin(pairs.r_lo)
    )
    people = cycles.group_by("person_id").aggregate(
        cycles=cycles.event_id.count(),
        closures=cycles.event_id.collect(order_by=[cycles.day, cycles.event_id]),
        rereferrals=cycles.rereferral.collect(order_by=[cycles.day, cycles.event_id]),
        anchor_on=cycles.day.min(),
        last_on=cycles.day.max(),
    )
    people = people.filter(people.cycles >= p["cycles"])
    return people.select(
        person_id=people.person_id,
        anchor_key=people.closures[0].cast("string"),
        anchor_on=people.anchor_on,
        evidence=people.closures.concat(people.rereferrals),
        cycles=people.cycles,
        last_on=people.last_on,
    )


ACC_2 = Rule(
    id="ACC-2",
    code="ACC-2",
    title="Revolving door: closed, then referred again",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="Two or more case closures each followed by a new referral or contact about the "
    "child or someone in their household within 12 months.",
    why="Chronic neglect shows a cycle of intervention, improvement, closure and deterioration "
    "that is only visible across episodes.",
    limits="Household referrals are found through recorded relationships; a family that is not "
    "linked as a household is seen child by child.",
    citations=cite("ACC-2", "LSCP-LFR"),
    parameters=(
        Parameter("cycles", 2, "closures followed by re-referral"),
        Parameter("months", 12, "calendar months from closure to the new referral"),
    ),
    explanation="{cycles} times the case was closed and a new referral followed within {months} "
    "months (closures from {anchor_on} to {last_on}).",
    build=_revolving_door,
    requires=(Requirement(("social_care.case_closure",), "cycles"),),
    windows="12 calendar months from the closure.",
)


def _repeat_plan(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    starts = of_types(t.events, ["social_care.cp_plan_start"])
    earlier = starts.select(e_pid="person_id", e_id="event_id", e_lo="day_lo", e_hi="day_hi")
    pairs = starts.join(earlier, [starts.person_id == earlier.e_pid, earlier.e_hi < starts.day_lo])
    repeat = pairs.group_by("person_id", "event_id", "day", "day_lo", "day_hi").aggregate(
        previous=pairs.e_id.argmax(pairs.e_lo), previous_on=pairs.e_lo.max()
    )
    comp = of_types(t.events, ["social_care.previous_plan_compliance"]).select(
        c_pid="person_id", c_lo="day_lo", c_hi="day_hi"
    )
    flagged = repeat.anti_join(
        comp,
        [
            repeat.person_id == comp.c_pid,
            comp.c_lo <= repeat.day_hi,
            comp.c_hi >= repeat.previous_on,
        ],
    )
    return flagged.select(
        person_id=flagged.person_id,
        anchor_key=flagged.event_id.cast("string"),
        anchor_on=flagged.day,
        evidence=ibis.array([flagged.previous, flagged.event_id]),
        started=flagged.day,
        previous_on=flagged.previous_on,
    )


ACC_3 = Rule(
    id="ACC-3",
    code="ACC-3",
    title="Repeat child protection plan without the compliance history",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A child protection plan starting for a child who had one before, with no record of "
    "the family's compliance with the earlier plan made before the new plan started.",
    why="A second plan's objectives should be set knowing how the earlier plan went.",
    limits="Previous plans held only in another authority's records are not seen.",
    citations=cite("ACC-3", "LRLSCB-LR2"),
    explanation="Child protection plan started on {started}; a previous plan started on "
    "{previous_on}, and no record of compliance with it was made before the new plan.",
    build=_repeat_plan,
    requires=(Requirement(("social_care.cp_plan_start",), 2),),
)

RULES = (ACC_1, ACC_2, ACC_3)
