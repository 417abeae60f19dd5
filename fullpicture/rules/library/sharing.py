"""D. Information sharing between forums and agencies: SHR-1, SHR-2, SHR-3, SHR-4, SHR-5."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import (
    HOUSEHOLD_ROLES,
    age_below,
    household,
    mentions_any,
    of_types,
    open_at,
    plus_days,
    plus_months,
    with_context,
    working_day_deadline,
)
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity
from fullpicture.vocabulary import FORUM_TYPES

_SHARED = "partnership.information_shared"
_DECISIONS = (
    "social_care.initial_conference",
    "social_care.review_conference",
    "social_care.cp_plan_end",
    "social_care.lac_review",
)


def _marac_children(t: Tables) -> ir.Table:
    marac = of_types(t.events, ["partnership.marac"])
    kin = household(t, [r for r in HOUSEHOLD_ROLES if r not in ("child", "step_child")])
    kin = kin.filter(~kin.role.isin(["partners_child", "cared_for", "sibling"]))
    kin = kin.select(k_child="person_id", k_adult="member_id")
    ppl = t.people.select(c_id="person_id", c_born="date_of_birth")
    j = marac.join(kin, marac.person_id == kin.k_adult).join(ppl, kin.k_child == ppl.c_id)
    j = j.filter(age_below(j.c_born, j.day_lo, 18))
    return j.select(
        person_id=j.k_child,
        adult_id=j.person_id,
        marac_id=j.event_id,
        marac_on=j.day,
        day_lo=j.day_lo,
        day_hi=j.day_hi,
    )


def _marac_not_shared(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    cases = _marac_children(t)
    on_plan = open_at(cases, t, ["social_care.cp_plan_start"], ["social_care.cp_plan_end"])
    assessed = open_at(cases, t, ["social_care.assessment_start"], ["social_care.assessment_end"])
    cases = on_plan.union(assessed, distinct=True)
    dec = of_types(t.events, _DECISIONS).select(d_pid="person_id", d_id="event_id", d_lo="day_lo")
    nxt = cases.join(dec, [cases.person_id == dec.d_pid, dec.d_lo >= cases.day_lo])
    nxt = nxt.group_by(
        "person_id", "adult_id", "marac_id", "marac_on", "day_lo", "day_hi"
    ).aggregate(decision_id=nxt.d_id.argmin(nxt.d_lo), decision_on=nxt.d_lo.min())
    shared = of_types(t.events, [_SHARED]).select(s_pid="person_id", s_lo="day_lo", s_hi="day_hi")
    missed = nxt.anti_join(
        shared,
        [
            (shared.s_pid == nxt.person_id) | (shared.s_pid == nxt.adult_id),
            shared.s_hi >= nxt.day_lo,
            shared.s_lo <= nxt.decision_on,
        ],
    )
    return missed.select(
        person_id=missed.person_id,
        anchor_key=missed.marac_id.cast("string"),
        anchor_on=missed.marac_on,
        evidence=ibis.array([missed.marac_id, missed.decision_id]),
        marac_on=missed.marac_on,
        adult_id=missed.adult_id,
        decision_on=missed.decision_on,
    )


SHR_1 = Rule(
    id="SHR-1",
    code="SHR-1",
    title="MARAC information not shared with the child's forum",
    version=1,
    severity=Severity.HIGH,
    looks_for="An adult in the child's household discussed at MARAC while the child is on a child "
    "protection plan or being assessed, with no information-sharing record reaching the child's "
    "forum before its next decision (conference, review or plan end).",
    why="Risks known to MARAC and to child protection forums must be shared before decisions.",
    limits="Households come from recorded relationships; the rule waits for the next decision, so "
    "it cannot fire before one is recorded.",
    citations=cite("SHR-1", "LRLSCB-LR2"),
    explanation="{adult_id}, an adult in the household, was discussed at MARAC on {marac_on}; no "
    "information sharing is recorded before the child's next decision on {decision_on}.",
    build=_marac_not_shared,
    requires=(Requirement(("partnership.marac",)),),
)


def _parallel_forums(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    f = of_types(t.events, FORUM_TYPES)
    f1 = f.select(pid="person_id", id1="event_id", type1="event_type", lo1="day_lo", day1="day")
    f2 = f.select(pid2="person_id", id2="event_id", type2="event_type", lo2="day_lo", hi2="day_hi")
    pairs = f1.join(
        f2,
        [
            f1.pid == f2.pid2,
            f1.type1 != f2.type2,
            (f2.lo2 > f1.lo1) | ((f2.lo2 == f1.lo1) & (f2.id2 > f1.id1)),
            f2.hi2 <= plus_days(f1.lo1, p["days"]),
        ],
    )
    pairs = pairs.filter(pairs.id1.notnull())  # settles the join before the anti-join
    shared = of_types(t.events, [_SHARED]).select(s_pid="person_id", s_lo="day_lo", s_hi="day_hi")
    pairs = pairs.anti_join(
        shared,
        [shared.s_pid == pairs.pid, shared.s_hi >= pairs.lo1, shared.s_lo <= pairs.hi2],
    )
    firsts = pairs.group_by("pid", "id1", "day1", "type1").aggregate(
        others=pairs.id2.collect(order_by=[pairs.lo2, pairs.id2]),
        kinds=pairs.type2.nunique() + 1,
    )
    seconds = pairs.select(sid=pairs.id2)
    firsts = firsts.filter(~firsts.id1.isin(seconds.sid))
    return firsts.select(
        person_id=firsts.pid,
        anchor_key=firsts.id1.cast("string"),
        anchor_on=firsts.day1,
        evidence=ibis.array([firsts.id1]).concat(firsts.others),
        first_on=firsts.day1,
        forums=firsts.kinds,
    )


SHR_2 = Rule(
    id="SHR-2",
    code="SHR-2",
    title="Parallel forums without cross-reference",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A child discussed in two or more different multi-agency forums (MARAC, MACE, youth "
    "justice panel, looked-after review, child protection conference) within 28 days, with no "
    "information-sharing record between them.",
    why="Forums for older looked-after young people ran in parallel with minimal coordination.",
    limits="Cross-reference is only seen when recorded as an information-sharing event.",
    citations=cite("SHR-2", "WSCB-BEN-2013"),
    parameters=(Parameter("days", 28, "window in days between the forums"),),
    explanation="Discussed in {forums} different forums from {first_on} within {days} days, with "
    "no information shared between them.",
    build=_parallel_forums,
    requires=(Requirement(FORUM_TYPES),),
    windows="Fixed days.",
)


def _transfer_in(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    tr = of_types(t.events, ["social_care.transfer_in"])
    tr = tr.select("event_id", "person_id", "day", "day_lo", "day_hi", "a_from_area")
    tr = working_day_deadline(tr, t, "day_hi", p["working_days"], "due")
    rec = of_types(t.events, ["social_care.records_received"]).select(
        r_pid="person_id", r_lo="day_lo", r_hi="day_hi"
    )
    tr = tr.anti_join(
        rec, [tr.person_id == rec.r_pid, rec.r_lo <= tr.due, rec.r_hi >= plus_days(tr.day_lo, -30)]
    )
    tr = with_context(tr, t)
    tr = tr.filter(tr.due < tr.as_of_day)
    return tr.select(
        person_id=tr.person_id,
        anchor_key=tr.event_id.cast("string"),
        anchor_on=tr.day,
        evidence=ibis.array([tr.event_id]),
        arrived=tr.day,
        from_area=tr.a_from_area.fill_null("another area"),
        due=tr.due,
    )


SHR_3 = Rule(
    id="SHR-3",
    code="SHR-3",
    title="Transfer in without the previous area's records",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A child transferred in from another area with no record of the previous area's "
    "records being received within 20 working days.",
    why="Information from families who move arrived late, incomplete and without the reasoning "
    "behind earlier decisions.",
    limits="Needs a transfer-in record; families who simply move into the area are not seen.",
    citations=cite("SHR-3", "LSCP-LFR"),
    parameters=(Parameter("working_days", 20, "working days to receive the records"),),
    explanation="Transferred in from {from_area} on {arrived}; no previous records received by "
    "{due}.",
    build=_transfer_in,
    requires=(Requirement(("social_care.transfer_in",)),),
    attributes=("from_area",),
    windows="Working days.",
)


def _service_lost(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    pl = of_types(t.events, ["social_care.placement_start"])
    order = ibis.window(group_by=pl.person_id, order_by=[pl.t_lo, pl.event_id])
    pl = pl.mutate(prev_area=pl.a_area.lag().over(order))
    moves = pl.filter(
        pl.a_area.notnull() & pl.prev_area.notnull() & (pl.a_area.lower() != pl.prev_area.lower())
    )
    moves = moves.select("event_id", "person_id", "day", "day_lo", "day_hi", "a_area", "prev_area")
    moves = open_at(moves, t, ["camhs.open", "camhs.referral"], ["camhs.discharge"])
    moves = working_day_deadline(moves, t, "day_hi", p["working_days"], "due")
    cont = of_types(t.events, ["camhs.transfer", "camhs.open"]).select(
        c_pid="person_id", c_lo="day_lo", c_hi="day_hi"
    )
    moves = moves.anti_join(
        cont, [moves.person_id == cont.c_pid, cont.c_hi >= moves.day_lo, cont.c_lo <= moves.due]
    )
    moves = with_context(moves, t)
    moves = moves.filter(moves.due < moves.as_of_day)
    return moves.select(
        person_id=moves.person_id,
        anchor_key=moves.event_id.cast("string"),
        anchor_on=moves.day,
        evidence=ibis.array([moves.event_id]),
        moved=moves.day,
        from_area=moves.prev_area,
        to_area=moves.a_area,
        due=moves.due,
    )


SHR_4 = Rule(
    id="SHR-4",
    code="SHR-4",
    title="CAMHS lost on a move to another area",
    version=1,
    severity=Severity.HIGH,
    looks_for="A child open to CAMHS whose placement moves to another area, with no CAMHS "
    "transfer or continuation recorded within 20 working days.",
    why="Mental-health support should follow looked-after children when they move.",
    limits="Needs the placement's area on the placement record; a move within the same area "
    "is not a change of service area.",
    citations=cite("SHR-4", "BSCP-B-2021"),
    parameters=(Parameter("working_days", 20, "working days for transfer or continuation"),),
    explanation="Open to CAMHS and moved from {from_area} to {to_area} on {moved}; no CAMHS "
    "transfer or continuation recorded by {due}.",
    build=_service_lost,
    requires=(Requirement(("social_care.placement_start",)),),
    attributes=("area",),
    windows="Working days.",
)


def _signposted(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    cl = of_types(t.events, ["social_care.case_closure"])
    cl = cl.filter(mentions_any(cl.a_outcome, ["signpost"]) & cl.a_signposted_to.notnull())
    cl = cl.mutate(until=plus_months(cl.day_hi, p["months"]))
    later = t.events.select(l_pid="person_id", l_agency="agency", l_lo="day_lo", l_hi="day_hi")
    cl = cl.anti_join(
        later,
        [
            cl.person_id == later.l_pid,
            later.l_agency.lower() == cl.a_signposted_to.lower(),
            later.l_hi >= cl.day_lo,
            later.l_lo <= cl.until,
        ],
    )
    cl = with_context(cl, t)
    cl = cl.filter(cl.until < cl.as_of_day)
    return cl.select(
        person_id=cl.person_id,
        anchor_key=cl.event_id.cast("string"),
        anchor_on=cl.day,
        evidence=ibis.array([cl.event_id]),
        closed=cl.day,
        to=cl.a_signposted_to,
    )


SHR_5 = Rule(
    id="SHR-5",
    code="SHR-5",
    title="Signposted and lost",
    version=1,
    severity=Severity.LOW,
    looks_for="A case closed by signposting the family to another agency, with no record from that "
    "agency about the child within three months.",
    why="Signposting without follow-up dilutes responsibility; the family may never arrive.",
    limits="The receiving agency must be one whose records are taken in (named by its agency "
    "kind, e.g. health). Feedback to referrers is not checked (not recorded consistently).",
    citations=cite("SHR-5", "LRLSCB-LR2"),
    parameters=(Parameter("months", 3, "calendar months for the receiving agency to appear"),),
    explanation="Case closed on {closed} by signposting to {to}; nothing from {to} about the child "
    "within {months} months.",
    build=_signposted,
    requires=(Requirement(("social_care.case_closure",)),),
    attributes=("outcome", "signposted_to"),
    windows="Calendar months.",
)

RULES = (SHR_1, SHR_2, SHR_3, SHR_4, SHR_5)
