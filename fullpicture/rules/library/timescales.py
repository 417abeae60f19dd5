"""B. Timescales the reviews say slipped: TIM-1 (and TIM-1R), TIM-2, TIM-3, TIM-4, TIM-5."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import (
    clusters,
    is_false,
    mentions_any,
    next_of,
    of_types,
    plus_days,
    with_context,
    working_day_deadline,
)
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity, format_span, format_value

_RETURN_INTERVIEW = (
    "partnership.return_interview_offered",
    "partnership.return_interview_done",
    "partnership.return_interview_declined",
)


def _missing_without_interview(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ep = next_of(
        t.events, ["police.missing_start"], ["police.missing_end"], ("record_id", "incident_ref")
    )
    ep = ep.filter(ep.e_event_id.notnull())
    ep = ep.mutate(deadline=ep.e_t_hi + ibis.interval(hours=p["hours"]))
    ep = with_context(ep, t)
    ep = ep.filter(ep.deadline < ep.as_of_ts)
    ev = of_types(t.events, _RETURN_INTERVIEW)
    resp = ev.select(r_pid=ev.person_id, r_lo=ev.t_lo, r_hi=ev.t_hi)
    late = ep.anti_join(
        resp, [ep.s_person_id == resp.r_pid, resp.r_lo <= ep.deadline, resp.r_hi >= ep.s_t_lo]
    )
    return late.select(
        person_id=late.s_person_id,
        anchor_key=late.s_event_id.cast("string"),
        anchor_on=late.s_day,
        evidence=ibis.array([late.s_event_id, late.e_event_id]),
        went=late.s_day,
        returned=late.e_day,
        ref=late.s_record_id.coalesce(late.s_incident_ref, late.e_record_id),
        deadline=late.deadline,
    )


TIM_1 = Rule(
    id="TIM-1",
    code="TIM-1",
    title="Missing episode without a return interview within 72 hours",
    version=1,
    severity=Severity.HIGH,
    looks_for="A missing episode (reported missing, then returned or found) with no return home "
    "interview offered, done or declined within 72 real hours of the return.",
    why="Going missing is a powerful signal of harm; the return interview is where the child can "
    "say what happened, and its evidence should be shared.",
    limits="Needs the police (or social care) missing and return records linked to the child; an "
    "interview recorded by an agency whose extract is not taken in is not seen. A return with only "
    "a date counts from the end of that day (conservative: never alerts early).",
    citations=cite("TIM-1", "TRI-2019", "LRLSCB-LR2"),
    statutory_basis="DfE statutory guidance, Children who run away or go missing from home or "
    "care (2014): an independent return interview offered within 72 hours of return.",
    parameters=(Parameter("hours", 72, "hours after the return (real elapsed time, UTC)"),),
    explanation="Missing {span} (police ref {ref}). No return interview offered by {deadline}, "
    "{hours} hours after return.",
    build=_missing_without_interview,
    requires=(
        Requirement(("police.missing_start",)),
        Requirement(("police.missing_end",)),
    ),
    details=lambda f: {"span": format_span(f["went"], f["returned"])},
    windows="Real hours: times are UTC instants, so 72 hours across a clock change is 72 hours.",
)


def _repeat_missing(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    return clusters(of_types(t.events, ["police.missing_start"]), n=p["episodes"], days=p["days"])


TIM_1R = Rule(
    id="TIM-1R",
    code="TIM-1",
    title="Repeatedly missing",
    version=1,
    severity=Severity.HIGH,
    looks_for="Three or more missing episodes starting within 90 days.",
    why="Repeated missing episodes are among the strongest signals of exploitation and harm "
    "outside the home.",
    limits="Counts reported-missing records; 'away' episodes are counted if the source records "
    "them as missing. Episodes whose dates are uncertain count only if certainly within 90 days.",
    citations=cite("TIM-1", "TRI-2019", "LRLSCB-LR2"),
    parameters=(
        Parameter("episodes", 3, "how many missing episodes"),
        Parameter("days", 90, "window in days (fixed days, not months)"),
    ),
    explanation="{count} missing episodes between {anchor_on} and {last_on} (within {days} days).",
    build=_repeat_missing,
    requires=(Requirement(("police.missing_start",), "episodes"),),
    windows="90 days is a fixed number of days.",
)


def _emergency_moves(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, ["social_care.placement_start"])
    moves = ev.filter(is_false(ev.a_planned)).select(
        "event_id", "person_id", "day", "day_lo", "day_hi"
    )
    moves = working_day_deadline(moves, t, "day_hi", p["review_working_days"], "review_due")
    moves = working_day_deadline(moves, t, "day_hi", p["iro_working_days"], "iro_due")
    reviews = of_types(t.events, ["social_care.lac_review"])
    r = reviews.select(r_pid=reviews.person_id, r_lo=reviews.day_lo, r_hi=reviews.day_hi)
    reviewed = moves.join(
        r, [moves.person_id == r.r_pid, r.r_lo <= moves.review_due, r.r_hi >= moves.day_lo]
    ).select("event_id")
    iro = of_types(t.events, ["social_care.iro_notified"])
    i = iro.select(i_pid=iro.person_id, i_lo=iro.day_lo, i_hi=iro.day_hi)
    notified = moves.join(
        i, [moves.person_id == i.i_pid, i.i_lo <= moves.iro_due, i.i_hi >= moves.day_lo]
    ).select("event_id")
    moves = with_context(moves, t)
    moves = moves.mutate(
        no_review=(moves.review_due < moves.as_of_day) & ~moves.event_id.isin(reviewed.event_id),
        no_iro=(moves.iro_due < moves.as_of_day) & ~moves.event_id.isin(notified.event_id),
    )
    moves = moves.filter(moves.no_review | moves.no_iro)
    return moves.select(
        person_id=moves.person_id,
        anchor_key=moves.event_id.cast("string"),
        anchor_on=moves.day,
        evidence=ibis.array([moves.event_id]),
        moved=moves.day,
        review_due=moves.review_due,
        iro_due=moves.iro_due,
        no_review=moves.no_review,
        no_iro=moves.no_iro,
    )


def _emergency_details(f: Mapping[str, Any]) -> dict[str, str]:
    gaps = []
    if f["no_review"]:
        gaps.append(
            f"no looked-after review by {format_value(f['review_due'])} "
            f"({f['review_working_days']} working days)"
        )
    if f["no_iro"]:
        gaps.append(f"no record that the IRO was told by {format_value(f['iro_due'])}")
    return {"gaps": "; ".join(gaps)}


TIM_2 = Rule(
    id="TIM-2",
    code="TIM-2",
    title="Emergency placement move without a review or IRO notification",
    version=1,
    severity=Severity.HIGH,
    looks_for="An emergency or unplanned placement start with no looked-after review within 20 "
    "working days, or no record that the IRO was told within 5 working days.",
    why="After an emergency move the child's plan must be looked at again quickly, with the "
    "independent reviewing officer involved.",
    limits="Relies on the placement record saying the move was unplanned (planned = false); "
    "moves with no planned flag are not treated as emergencies.",
    citations=cite("TIM-2", "WSCB-BEN-2013"),
    statutory_basis="Care Planning, Placement and Case Review (England) Regulations 2010, "
    "regs 32-33 (reviews; first within 20 working days).",
    parameters=(
        Parameter("review_working_days", 20, "working days for the looked-after review"),
        Parameter("iro_working_days", 5, "working days for telling the IRO"),
    ),
    explanation="Emergency placement move on {moved}: {gaps}.",
    build=_emergency_moves,
    requires=(Requirement(("social_care.placement_start",)),),
    attributes=("planned",),
    windows="Working days from the England and Wales calendar (bank holidays skipped).",
    details=_emergency_details,
)


def _stale_risk(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    types = ["social_care.risk_assessment", "social_care.risk_assessment_review"]
    ev = of_types(t.events, types)
    ev = ev.mutate(due=ev.a_review_due.try_cast("date"), topic=ev.a_topic)
    ev = ev.filter(ev.due.notnull())
    later = of_types(t.events, types).select(
        l_pid="person_id", l_lo="t_lo", l_id="event_id", l_hi="t_hi"
    )
    stale = ev.anti_join(
        later,
        [
            ev.person_id == later.l_pid,
            (later.l_hi > ev.t_lo) | ((later.l_hi == ev.t_lo) & (later.l_id > ev.event_id)),
            later.l_id != ev.event_id,
        ],
    )
    stale = with_context(stale, t)
    stale = stale.filter(stale.due < stale.as_of_day)
    return stale.select(
        person_id=stale.person_id,
        anchor_key=stale.event_id.cast("string"),
        anchor_on=stale.day,
        evidence=ibis.array([stale.event_id]),
        assessed=stale.day,
        due=stale.due,
        topic=stale.topic.fill_null("unspecified"),
    )


TIM_3 = Rule(
    id="TIM-3",
    code="TIM-3",
    title="Risk assessment past its review date",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="The latest risk assessment (or review) for a child whose agreed review date has "
    "passed with no later review.",
    why="Risk is dynamic: an assessment that is not reviewed when agreed stops describing the "
    "child's situation.",
    limits="Needs the review date recorded as an attribute (review_due, an ISO date); assessments "
    "without one are not checked. Any later risk assessment or review counts as the review.",
    citations=cite("TIM-3", "LSCP-LFR"),
    explanation="Risk assessment ({topic}) of {assessed} was due for review by {due}; no review "
    "is recorded.",
    build=_stale_risk,
    requires=(Requirement(("social_care.risk_assessment", "social_care.risk_assessment_review")),),
    attributes=("review_due", "topic"),
)


def _late_pre_birth(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, ["health.pregnancy_booking"])
    ev = ev.mutate(due_date=ev.a_due_date.try_cast("date"))
    ev = ev.filter(
        ev.due_date.notnull()
        & ev.a_risk_factors.notnull()
        & ~ev.a_risk_factors.lower().isin(["none", "no", "false", "0"])
    )
    ev = ev.mutate(
        start_by=ibis.greatest(
            plus_days(ev.due_date, -7 * p["weeks_before_due"]), plus_days(ev.day_hi, 10)
        )
    )
    starts = of_types(t.events, ["social_care.assessment_start"])
    starts = starts.filter(
        mentions_any(starts.a_assessment_kind, ["pre_birth", "pre-birth", "prebirth"])
    )
    starts = starts.select(a_pid="person_id", a_lo="day_lo")
    late = ev.anti_join(starts, [ev.person_id == starts.a_pid, starts.a_lo <= ev.start_by])
    late = with_context(late, t)
    late = late.filter(late.start_by < late.as_of_day)
    return late.select(
        person_id=late.person_id,
        anchor_key=late.event_id.cast("string"),
        anchor_on=late.day,
        evidence=ibis.array([late.event_id]),
        booked=late.day,
        due_date=late.due_date,
        start_by=late.start_by,
        risks=late.a_risk_factors,
    )


TIM_4 = Rule(
    id="TIM-4",
    code="TIM-4",
    title="Pre-birth assessment not started in time",
    version=1,
    severity=Severity.HIGH,
    looks_for="A pregnancy booked with recorded risk factors and no pre-birth assessment started "
    "16 weeks before the due date (or within 10 days of a later booking).",
    why="Known risks to unborn babies need early assessment so that a plan is in place at birth.",
    limits="Needs the booking's due date and risk factors; assessments are matched to the "
    "pregnant person's record, so an assessment recorded only against the unborn child is not seen.",
    citations=cite("TIM-4", "LRLSCB-LR2"),
    parameters=(Parameter("weeks_before_due", 16, "weeks before the due date"),),
    explanation="Pregnancy booked on {booked} (due {due_date}; risks: {risks}). No pre-birth "
    "assessment started by {start_by}.",
    build=_late_pre_birth,
    requires=(Requirement(("health.pregnancy_booking",)),),
    attributes=("due_date", "risk_factors", "assessment_kind"),
)

HEALTH_WORDS = ["health", "nhs", "gp", "hospital", "midwif", "paediatric", "nurse", "camhs"]


def _strategy_without_health(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, ["social_care.strategy_discussion"])
    ev = ev.filter(~mentions_any(ev.a_agencies_present, p["health_words"]))
    return ev.select(
        person_id=ev.person_id,
        anchor_key=ev.event_id.cast("string"),
        anchor_on=ev.day,
        evidence=ibis.array([ev.event_id]),
        held=ev.day,
        present=ev.a_agencies_present.fill_null("not recorded"),
    )


TIM_5 = Rule(
    id="TIM-5",
    code="TIM-5",
    title="Strategy discussion without health",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A strategy discussion whose recorded participants include no health agency.",
    why="Strategy discussions must involve the relevant agencies, health especially, and put an "
    "interim plan in place.",
    limits="Reads the agencies_present attribute; a discussion with no participants recorded "
    "is flagged, since health's presence cannot be shown.",
    citations=cite("TIM-5", "LRLSCB-LR2"),
    statutory_basis="Working Together to Safeguard Children (2023): strategy discussions include "
    "health.",
    parameters=(Parameter("health_words", HEALTH_WORDS, "words that mark a health participant"),),
    explanation="Strategy discussion on {held} with no health participant recorded (present: "
    "{present}).",
    build=_strategy_without_health,
    requires=(Requirement(("social_care.strategy_discussion",)),),
    attributes=("agencies_present",),
)

RULES = (TIM_1, TIM_1R, TIM_2, TIM_3, TIM_4, TIM_5)
