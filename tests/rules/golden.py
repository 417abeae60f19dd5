"""Golden cases: hand-built chronologies at the boundaries, with the alerts each must raise.

Each case names the rules it is about; only those rules' findings are compared, so a case about
TIM-2 is not disturbed by VOI-1 noticing the same placement. The same cases run on DuckDB and on
PostgreSQL (``test_parity``), which must agree on every finding of every rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fullpicture.rules.calendar import add_working_days
from tests.rules.chronologies import Chronology, create_chronology

CHILD, SIB, MUM, PARTNER = "C1", "C2", "M1", "A1"


@dataclass(frozen=True)
class Golden:
    name: str
    rules: frozenset[str]
    build: Callable[[], Chronology]
    expected: frozenset[tuple[str, str]]


CASES: list[Golden] = []


def case(name: str, rules: str, expected: list[tuple[str, str]] | None = None):
    def register(func: Callable[[], Chronology]) -> Callable[[], Chronology]:
        CASES.append(Golden(name, frozenset(rules.split()), func, frozenset(expected or [])))
        return func

    return register


def child(born: date = date(2010, 5, 1)) -> Chronology:
    c = create_chronology()
    c.person(CHILD, born, is_child=True)
    return c


def _missing(returned_offer: datetime | date, *, returned: datetime | date) -> Chronology:
    c = child()
    c.event(CHILD, "police.missing_start", datetime(2025, 3, 12, 20, 0), record_id="P123")
    c.event(CHILD, "police.missing_end", returned)
    c.event(CHILD, "partnership.return_interview_offered", returned_offer)
    return c


# --- TIM-1: 72 real hours ------------------------------------------------------------------------
@case("tim1 interview offered exactly 72 hours after return", "TIM-1")
def _() -> Chronology:
    return _missing(datetime(2025, 3, 16, 10, 0), returned=datetime(2025, 3, 13, 10, 0))


@case("tim1 interview one minute after 72 hours", "TIM-1", [("TIM-1", CHILD)])
def _() -> Chronology:
    return _missing(datetime(2025, 3, 16, 10, 1), returned=datetime(2025, 3, 13, 10, 0))


def _clock_change(offer: datetime) -> Chronology:
    c = child()
    c.event(CHILD, "police.missing_start", datetime(2025, 3, 28, 20, 0))
    c.event(CHILD, "police.missing_end", datetime(2025, 3, 29, 12, 0))  # GMT; BST from 30 March
    c.event(CHILD, "partnership.return_interview_offered", offer)
    return c


@case("tim1 clock change: 72 real hours end at 13:00 BST", "TIM-1")
def _() -> Chronology:
    return _clock_change(datetime(2025, 4, 1, 12, 30))  # 71.5 real hours; wall clock says 72.5


@case("tim1 clock change: 13:01 BST is late", "TIM-1", [("TIM-1", CHILD)])
def _() -> Chronology:
    return _clock_change(datetime(2025, 4, 1, 13, 1))


@case("tim1 return known to the day: offer on day 4 could be in time", "TIM-1")
def _() -> Chronology:
    return _missing(date(2025, 3, 17), returned=date(2025, 3, 13))


@case("tim1 return known to the day: offer on day 5 is late", "TIM-1", [("TIM-1", CHILD)])
def _() -> Chronology:
    return _missing(date(2025, 3, 18), returned=date(2025, 3, 13))


@case("tim1 identical timestamps: offered at the moment of return", "TIM-1")
def _() -> Chronology:
    return _missing(datetime(2025, 3, 13, 10, 0), returned=datetime(2025, 3, 13, 10, 0))


@case("tim1 deadline not yet passed raises nothing", "TIM-1")
def _() -> Chronology:
    c = child()
    c.event(CHILD, "police.missing_start", datetime(2026, 5, 30, 20, 0))
    c.event(CHILD, "police.missing_end", datetime(2026, 5, 31, 10, 0))
    return c


def _episodes(days: list[int]) -> Chronology:
    c = child()
    for d in days:
        start = date(2025, 1, 1) + timedelta(days=d)
        c.event(CHILD, "police.missing_start", start)
        c.event(CHILD, "police.missing_end", start + timedelta(days=1))
        c.event(CHILD, "partnership.return_interview_done", start + timedelta(days=2))
    return c


@case("tim1r three episodes within exactly 90 days", "TIM-1 TIM-1R", [("TIM-1R", CHILD)])
def _() -> Chronology:
    return _episodes([0, 45, 90])


@case("tim1r three episodes over 91 days", "TIM-1 TIM-1R")
def _() -> Chronology:
    return _episodes([0, 45, 91])


# --- TIM-2: 20 working days over Easter; 5 over a bank-holiday weekend -----------------------------
def _emergency(moved: date, review: date, iro: date) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.placement_start", moved, planned="false")
    c.event(CHILD, "social_care.lac_review", review)
    c.event(CHILD, "social_care.iro_notified", iro)
    return c


@case("tim2 review on the 20th working day after a move before Easter", "TIM-2")
def _() -> Chronology:
    return _emergency(date(2025, 4, 1), date(2025, 5, 1), date(2025, 4, 2))


@case("tim2 review on the 21st working day", "TIM-2", [("TIM-2", CHILD)])
def _() -> Chronology:
    return _emergency(date(2025, 4, 1), date(2025, 5, 2), date(2025, 4, 2))


@case("tim2 IRO told on the 5th working day over the May bank holiday", "TIM-2")
def _() -> Chronology:
    return _emergency(date(2025, 5, 23), date(2025, 6, 2), date(2025, 6, 2))


@case("tim2 IRO told on the 6th working day", "TIM-2", [("TIM-2", CHILD)])
def _() -> Chronology:
    return _emergency(date(2025, 5, 23), date(2025, 6, 2), date(2025, 6, 3))


@case("tim2 planned moves are not emergencies", "TIM-2")
def _() -> Chronology:
    c = child()
    c.event(CHILD, "social_care.placement_start", date(2025, 4, 1), planned="true")
    return c


# --- TIM-3, TIM-4, TIM-5 ----------------------------------------------------------------------------
def _risk(due: str, reviewed: date | None = None) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.risk_assessment", date(2026, 1, 5), review_due=due, topic="missing")
    if reviewed:
        c.event(CHILD, "social_care.risk_assessment_review", reviewed, review_due="2026-12-01")
    return c


@case("tim3 review date passed yesterday", "TIM-3", [("TIM-3", CHILD)])
def _() -> Chronology:
    return _risk("2026-05-31")


@case("tim3 review due today is not yet late", "TIM-3")
def _() -> Chronology:
    return _risk("2026-06-01")


@case("tim3 reviewed late still counts as reviewed", "TIM-3")
def _() -> Chronology:
    return _risk("2026-03-01", date(2026, 4, 1))


def _pregnancy(started: date | None) -> Chronology:
    c = create_chronology()
    c.person(MUM, date(1995, 1, 1))
    c.event(
        MUM,
        "health.pregnancy_booking",
        date(2025, 6, 1),
        due_date="2025-12-01",
        risk_factors="domestic abuse",
    )
    if started:
        c.event(MUM, "social_care.assessment_start", started, assessment_kind="pre_birth")
    return c


@case("tim4 pre-birth assessment started exactly 16 weeks before due", "TIM-4")
def _() -> Chronology:
    return _pregnancy(date(2025, 8, 11))


@case("tim4 pre-birth assessment a day late", "TIM-4", [("TIM-4", MUM)])
def _() -> Chronology:
    return _pregnancy(date(2025, 8, 12))


def _strategy(present: str | None) -> Chronology:
    c = child()
    attrs = {} if present is None else {"agencies_present": present}
    c.event(CHILD, "social_care.strategy_discussion", date(2025, 3, 3), **attrs)
    return c


@case("tim5 strategy discussion without health", "TIM-5", [("TIM-5", CHILD)])
def _() -> Chronology:
    return _strategy("police, social care, school")


@case("tim5 strategy discussion with the health visitor", "TIM-5")
def _() -> Chronology:
    return _strategy("police, Health Visitor, social care")


@case("tim5 participants not recorded", "TIM-5", [("TIM-5", CHILD)])
def _() -> Chronology:
    return _strategy(None)


# --- ACC: leap day and uncertain dates ----------------------------------------------------------------
def _concerns(days: list[date], uncertain_first: bool = False) -> Chronology:
    c = child()
    for i, d in enumerate(days):
        c.event(CHILD, "police.notification", d, uncertain=uncertain_first and i == 0)
    return c


@case(
    "acc1 three concerns from leap day to 28 Feb next year",
    "ACC-1 ESC-2",
    [("ACC-1", CHILD), ("ESC-2", CHILD)],
)
def _() -> Chronology:
    return _concerns([date(2024, 2, 29), date(2024, 10, 1), date(2025, 2, 28)])


@case("acc1 leap day falls outside 12 months of 1 March", "ACC-1")
def _() -> Chronology:
    return _concerns([date(2024, 2, 29), date(2024, 10, 1), date(2025, 3, 1)])


@case("acc1 uncertain first concern may be outside the window", "ACC-1")
def _() -> Chronology:
    return _concerns([date(2024, 3, 5), date(2024, 10, 1), date(2025, 2, 28)], uncertain_first=True)


@case("acc1 the same concerns with certain dates", "ACC-1", [("ACC-1", CHILD)])
def _() -> Chronology:
    return _concerns([date(2024, 3, 5), date(2024, 10, 1), date(2025, 2, 28)])


@case("acc1 month-precision concern spans its month", "ACC-1")
def _() -> Chronology:
    c = _concerns([date(2024, 10, 1), date(2025, 2, 28)])
    c.event(CHILD, "education.concern", date(2024, 2, 1), precision="month")
    return c


def _revolving(second_referral: date, *, sibling: bool = False) -> Chronology:
    c = child()
    c.person(SIB, date(2012, 1, 1))
    c.relate(SIB, CHILD, "sibling")
    c.event(CHILD, "social_care.case_closure", date(2024, 1, 10), outcome="nfa")
    c.event(CHILD, "social_care.referral", date(2024, 6, 1))
    c.event(CHILD, "social_care.case_closure", date(2024, 9, 1), outcome="nfa")
    c.event(SIB if sibling else CHILD, "social_care.referral", second_referral)
    return c


@case("acc2 second re-referral exactly 12 months after closure", "ACC-2", [("ACC-2", CHILD)])
def _() -> Chronology:
    return _revolving(date(2025, 9, 1))


@case("acc2 second re-referral 12 months and a day after", "ACC-2")
def _() -> Chronology:
    return _revolving(date(2025, 9, 2))


@case("acc2 re-referral of a sibling counts for the household", "ACC-2", [("ACC-2", CHILD)])
def _() -> Chronology:
    return _revolving(date(2025, 1, 5), sibling=True)


def _repeat_plan(compliance: date | None) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.cp_plan_start", date(2023, 1, 1))
    c.event(CHILD, "social_care.cp_plan_end", date(2023, 10, 1))
    if compliance:
        c.event(CHILD, "social_care.previous_plan_compliance", compliance)
    c.event(CHILD, "social_care.cp_plan_start", date(2025, 1, 1))
    return c


@case("acc3 second plan without compliance history", "ACC-3", [("ACC-3", CHILD)])
def _() -> Chronology:
    return _repeat_plan(None)


@case("acc3 second plan with compliance recorded on the day", "ACC-3")
def _() -> Chronology:
    return _repeat_plan(date(2025, 1, 1))


# --- CPP -------------------------------------------------------------------------------------------
def _plan_end(step_down: date) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.cp_plan_start", date(2024, 5, 1))
    c.event(CHILD, "social_care.cp_plan_end", date(2025, 5, 2))
    c.event(CHILD, "social_care.lead_professional", date(2025, 4, 30))
    c.event(CHILD, "social_care.step_down_plan", step_down)
    return c


@case("cpp1 step-down on the 10th working day over the May bank holiday", "CPP-1")
def _() -> Chronology:
    return _plan_end(date(2025, 5, 19))


@case("cpp1 step-down on the 11th working day", "CPP-1", [("CPP-1", CHILD)])
def _() -> Chronology:
    return _plan_end(date(2025, 5, 20))


def _baby_plan(ended: date, born: date = date(2024, 2, 29)) -> Chronology:
    c = child(born)
    c.event(CHILD, "social_care.cp_plan_start", date(2024, 3, 10))
    c.event(CHILD, "social_care.cp_plan_end", ended)
    return c


@case("cpp2 leap-day baby: plan of exactly nine months", "CPP-2")
def _() -> Chronology:
    return _baby_plan(date(2024, 12, 10))


@case("cpp2 leap-day baby: plan a day short of nine months", "CPP-2", [("CPP-2", CHILD)])
def _() -> Chronology:
    return _baby_plan(date(2024, 12, 9))


@case("cpp2 child over one at the start", "CPP-2")
def _() -> Chronology:
    return _baby_plan(date(2024, 12, 9), born=date(2023, 3, 9))


def _harm(answered: date | None, via_parent: bool) -> Chronology:
    c = child(date(2015, 1, 1))
    c.person(SIB, date(2024, 1, 1))
    if via_parent:
        c.person(MUM, date(1990, 1, 1))
        c.relate(MUM, CHILD, "parent")
        c.relate(MUM, SIB, "parent")
    else:
        c.relate(CHILD, SIB, "sibling")
    c.event(SIB, "social_care.serious_injury", date(2025, 12, 19))
    if answered:
        c.event(CHILD, "social_care.strategy_discussion", answered, agencies_present="health")
    return c


@case("cpp3 strategy on the 10th working day over Christmas", "CPP-3")
def _() -> Chronology:
    return _harm(date(2026, 1, 7), via_parent=True)


@case("cpp3 nothing by the 11th working day (half-sibling)", "CPP-3", [("CPP-3", CHILD)])
def _() -> Chronology:
    return _harm(date(2026, 1, 8), via_parent=True)


@case("cpp3 direct sibling with no assessment", "CPP-3", [("CPP-3", CHILD)])
def _() -> Chronology:
    return _harm(None, via_parent=False)


# --- SHR -------------------------------------------------------------------------------------------
def _marac(shared: date | None) -> Chronology:
    c = child()
    c.person(MUM, date(1990, 1, 1))
    c.relate(MUM, CHILD, "parent")
    c.event(CHILD, "social_care.cp_plan_start", date(2025, 1, 10))
    c.event(MUM, "partnership.marac", date(2025, 3, 1))
    c.event(CHILD, "social_care.review_conference", date(2025, 4, 1))
    if shared:
        c.event(CHILD, "partnership.information_shared", shared, from_forum="MARAC")
    return c


@case("shr1 MARAC not shared before the review conference", "SHR-1", [("SHR-1", CHILD)])
def _() -> Chronology:
    return _marac(None)


@case("shr1 MARAC shared on the day of the conference", "SHR-1")
def _() -> Chronology:
    return _marac(date(2025, 4, 1))


def _forums(second: date, shared: bool = False) -> Chronology:
    c = child()
    c.event(CHILD, "partnership.mace", date(2025, 3, 1))
    c.event(CHILD, "youth_justice.panel", second)
    if shared:
        c.event(CHILD, "partnership.information_shared", date(2025, 3, 10))
    return c


@case("shr2 two forums exactly 28 days apart", "SHR-2", [("SHR-2", CHILD)])
def _() -> Chronology:
    return _forums(date(2025, 3, 29))


@case("shr2 two forums 29 days apart", "SHR-2")
def _() -> Chronology:
    return _forums(date(2025, 3, 30))


@case("shr2 forums cross-referenced", "SHR-2")
def _() -> Chronology:
    return _forums(date(2025, 3, 29), shared=True)


def _transfer(received_after: int) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.transfer_in", date(2025, 12, 15), from_area="Leeds")
    c.event(
        CHILD, "social_care.records_received", add_working_days(date(2025, 12, 15), received_after)
    )
    return c


@case("shr3 records on the 20th working day over Christmas", "SHR-3")
def _() -> Chronology:
    return _transfer(20)


@case("shr3 records on the 21st working day", "SHR-3", [("SHR-3", CHILD)])
def _() -> Chronology:
    return _transfer(21)


def _camhs_move(area2: str, transfer: bool) -> Chronology:
    c = child()
    c.event(CHILD, "camhs.open", date(2025, 1, 5))
    c.event(CHILD, "social_care.placement_start", date(2025, 1, 1), area="Leeds")
    c.event(CHILD, "social_care.placement_start", date(2025, 6, 2), area=area2)
    if transfer:
        c.event(CHILD, "camhs.transfer", date(2025, 6, 20))
    return c


@case("shr4 CAMHS lost on a move to another area", "SHR-4", [("SHR-4", CHILD)])
def _() -> Chronology:
    return _camhs_move("Bradford", transfer=False)


@case("shr4 CAMHS transferred", "SHR-4")
def _() -> Chronology:
    return _camhs_move("Bradford", transfer=True)


@case("shr4 move within the same area", "SHR-4")
def _() -> Chronology:
    return _camhs_move("leeds", transfer=False)


def _signposted(health_on: date | None) -> Chronology:
    c = child()
    c.event(
        CHILD,
        "social_care.case_closure",
        date(2025, 1, 10),
        outcome="signposted",
        signposted_to="health",
    )
    if health_on:
        c.event(CHILD, "health.health_visitor_contact", health_on)
    return c


@case("shr5 signposted to health, nothing from health", "SHR-5", [("SHR-5", CHILD)])
def _() -> Chronology:
    return _signposted(None)


@case("shr5 health seen the child exactly 3 months later", "SHR-5")
def _() -> Chronology:
    return _signposted(date(2025, 4, 10))


# --- LAC -------------------------------------------------------------------------------------------
def _placements(moves: list[date], planned: str = "true") -> Chronology:
    c = child()
    c.event(CHILD, "social_care.looked_after_start", date(2025, 1, 1), legal_status="C2")
    c.event(CHILD, "social_care.placement_start", date(2025, 1, 1), planned="true")
    for d in moves:
        c.event(CHILD, "social_care.placement_start", d, planned=planned)
    return c


@case("lac1 three moves within 12 months", "LAC-1", [("LAC-1", CHILD)])
def _() -> Chronology:
    return _placements([date(2025, 3, 1), date(2025, 6, 1), date(2026, 3, 1)])


@case("lac1 three moves over 12 months and a day", "LAC-1")
def _() -> Chronology:
    return _placements([date(2025, 3, 1), date(2025, 6, 1), date(2026, 3, 2)])


@case("lac1 two emergency moves", "LAC-1", [("LAC-1", CHILD)])
def _() -> Chronology:
    return _placements([date(2025, 3, 1), date(2025, 6, 1)], planned="false")


@case("lac1 first placement of a care period is not a move", "LAC-1")
def _() -> Chronology:
    c = _placements([date(2025, 3, 1)])
    c.event(CHILD, "social_care.looked_after_end", date(2025, 4, 1))
    c.event(CHILD, "social_care.looked_after_start", date(2025, 6, 1))
    c.event(CHILD, "social_care.placement_start", date(2025, 6, 1), planned="true")
    c.event(CHILD, "social_care.placement_start", date(2025, 9, 1), planned="true")
    return c


def _workers(days: list[date], told: str | None = "true") -> Chronology:
    c = child()
    for d in days:
        attrs = {} if told is None else {"child_told": told}
        c.event(CHILD, "social_care.social_worker_change", d, **attrs)
    return c


@case("lac2 three social workers within 12 months", "LAC-2 LAC-2N", [("LAC-2", CHILD)])
def _() -> Chronology:
    return _workers([date(2025, 1, 1), date(2025, 5, 1), date(2026, 1, 1)])


@case("lac2 three over more than 12 months", "LAC-2 LAC-2N")
def _() -> Chronology:
    return _workers([date(2025, 1, 1), date(2025, 5, 1), date(2026, 1, 2)])


@case("lac2n child not told", "LAC-2N", [("LAC-2N", CHILD)])
def _() -> Chronology:
    return _workers([date(2025, 1, 1)], told="false")


@case("lac2n answer not recorded is not assumed to be no", "LAC-2N")
def _() -> Chronology:
    return _workers([date(2025, 1, 1)], told=None)


def _arrest(
    *, looked_after: bool, exploitation: date | None = None, meeting: bool = False
) -> Chronology:
    c = child()
    if looked_after:
        c.event(CHILD, "social_care.looked_after_start", date(2025, 1, 1))
    if exploitation:
        c.event(CHILD, "police.exploitation_concern", exploitation, exploitation_kind="criminal")
    c.event(
        CHILD, "police.arrest", date(2025, 6, 1), offence="criminal damage", in_placement="true"
    )
    if meeting:
        c.event(CHILD, "partnership.professionals_meeting", date(2025, 6, 10))
    return c


@case("lac3 looked-after child arrested in placement", "LAC-3", [("LAC-3", CHILD)])
def _() -> Chronology:
    return _arrest(looked_after=True)


@case("lac3 professionals meeting held", "LAC-3")
def _() -> Chronology:
    return _arrest(looked_after=True, meeting=True)


@case("lac3 child with exploitation concern 12 months before", "LAC-3", [("LAC-3", CHILD)])
def _() -> Chronology:
    return _arrest(looked_after=False, exploitation=date(2024, 6, 1))


@case("lac3 exploitation concern more than 12 months before", "LAC-3")
def _() -> Chronology:
    return _arrest(looked_after=False, exploitation=date(2024, 5, 31))


def _peer_move(reason: str) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.placement_end", date(2025, 3, 1), reason=reason)
    return c


@case("lac5 moved to separate from the peer group", "LAC-5", [("LAC-5", CHILD)])
def _() -> Chronology:
    return _peer_move("Moved to separate from Peer Group")


@case("lac5 other reason", "LAC-5")
def _() -> Chronology:
    return _peer_move("carer retired")


def _same(incidents: int, meeting: bool = False) -> Chronology:
    c = child()
    for d in (date(2025, 1, 10), date(2025, 3, 10)):
        c.event(CHILD, "youth_justice.intervention", d, intervention_kind="referral order")
    for i in range(incidents):
        c.event(CHILD, "police.missing_start", date(2025, 2, 1) + timedelta(days=30 * i))
    if meeting:
        c.event(CHILD, "partnership.professionals_meeting", date(2025, 4, 1))
    return c


@case("lac6 three missing episodes after repeated referral orders", "LAC-6", [("LAC-6", CHILD)])
def _() -> Chronology:
    return _same(3)


@case("lac6 two incidents only", "LAC-6")
def _() -> Chronology:
    return _same(2)


@case("lac6 professionals meeting explored alternatives", "LAC-6")
def _() -> Chronology:
    return _same(3, meeting=True)


# --- VOI -------------------------------------------------------------------------------------------
def _decision(days_before: int, born: date = date(2015, 1, 1)) -> Chronology:
    c = child(born)
    c.event(
        CHILD, "social_care.wishes_and_feelings", date(2025, 6, 1) - timedelta(days=days_before)
    )
    c.event(CHILD, "social_care.cp_plan_start", date(2025, 6, 1))
    return c


@case("voi1 wishes recorded exactly 90 days before", "VOI-1")
def _() -> Chronology:
    return _decision(90)


@case("voi1 wishes recorded 91 days before", "VOI-1", [("VOI-1", CHILD)])
def _() -> Chronology:
    return _decision(91)


@case("voi1 babies are out of scope by default", "VOI-1")
def _() -> Chronology:
    return _decision(91, born=date(2024, 6, 1))


def _requests(answer: str | None) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.child_request", date(2025, 1, 1), service="therapy")
    c.event(CHILD, "social_care.child_request", date(2025, 3, 1), service="Therapy")
    if answer:
        c.event(CHILD, answer, date(2025, 3, 15), service="therapy")
    return c


@case("voi2 asked twice for therapy", "VOI-2", [("VOI-2", CHILD)])
def _() -> Chronology:
    return _requests(None)


@case("voi2 CAMHS referral answers a therapy request", "VOI-2")
def _() -> Chronology:
    return _requests("camhs.referral")


@case("voi2 service provided", "VOI-2")
def _() -> Chronology:
    return _requests("social_care.service_provided")


def _visits(alone_between: bool) -> Chronology:
    c = child()
    for d in (date(2025, 1, 1), date(2025, 3, 1), date(2025, 7, 1)):
        c.event(CHILD, "social_care.statutory_visit", d, seen="true", seen_alone="false")
    if alone_between:
        c.event(CHILD, "social_care.statutory_visit", date(2025, 4, 1), seen_alone="true")
    return c


@case("voi3 three visits in exactly six months not seen alone", "VOI-3", [("VOI-3", CHILD)])
def _() -> Chronology:
    return _visits(False)


@case("voi3 seen alone in between", "VOI-3")
def _() -> Chronology:
    return _visits(True)


# --- EXT -------------------------------------------------------------------------------------------
def _indicators(kinds: list[str], strategy: bool = False, sex: str = "male") -> Chronology:
    c = create_chronology()
    c.person(CHILD, date(2010, 1, 1), sex=sex)
    for i, k in enumerate(kinds):
        c.event(CHILD, k, date(2025, 1, 1) + timedelta(days=40 * i))
    if strategy:
        c.event(
            CHILD, "social_care.strategy_discussion", date(2025, 5, 1), agencies_present="health"
        )
    return c


_THREE = ["education.exclusion", "police.missing_start", "health.substance_misuse"]


@case("ext1 three indicators for a boy", "EXT-1", [("EXT-1", CHILD)])
def _() -> Chronology:
    return _indicators(_THREE)


@case("ext1 applies equally to girls", "EXT-1", [("EXT-1", CHILD)])
def _() -> Chronology:
    return _indicators(_THREE, sex="female")


@case("ext1 strategy discussion held", "EXT-1")
def _() -> Chronology:
    return _indicators(_THREE, strategy=True)


@case("ext1 the same indicator three times", "EXT-1")
def _() -> Chronology:
    return _indicators(["police.missing_start"] * 3)


def _group(size: int) -> Chronology:
    c = create_chronology()
    for i in range(size):
        pid = f"C{i + 1}"
        c.person(pid, date(2009, 1, 1))
        c.event(pid, "police.incident", date(2025, 2, 1), incident_ref="INC-9")
    return c


@case(
    "ext3 three children share an incident",
    "EXT-3",
    [("EXT-3", "C1"), ("EXT-3", "C2"), ("EXT-3", "C3")],
)
def _() -> Chronology:
    return _group(3)


@case("ext3 two children are not a cluster", "EXT-3")
def _() -> Chronology:
    return _group(2)


def _self_harm(second: date, referral: bool = False) -> Chronology:
    c = child()
    c.event(CHILD, "health.ed_attendance", date(2025, 1, 31), reason="self_harm")
    c.event(CHILD, "health.ed_attendance", second, reason="overdose")
    if referral:
        c.event(CHILD, "camhs.referral", second)
    return c


@case("ext4 two self-harm attendances 31 Jan to 30 April", "EXT-4", [("EXT-4", CHILD)])
def _() -> Chronology:
    return _self_harm(date(2025, 4, 30))


@case("ext4 second attendance after three months", "EXT-4")
def _() -> Chronology:
    return _self_harm(date(2025, 5, 1))


@case("ext4 referred to CAMHS", "EXT-4")
def _() -> Chronology:
    return _self_harm(date(2025, 4, 30), referral=True)


# --- FAM -------------------------------------------------------------------------------------------
def _partner(included: bool, abuse: bool = False) -> Chronology:
    c = child()
    c.person(PARTNER, date(1985, 1, 1), sex="male", is_child=False)
    c.relate(PARTNER, CHILD, "partner_of_parent", start=date(2025, 1, 1))
    if abuse:
        da = c.event(PARTNER, "police.domestic_abuse_incident", date(2024, 1, 1))
        c.take_part(da, PARTNER, "alleged_perpetrator")
    a = c.event(CHILD, "social_care.assessment_start", date(2025, 2, 1))
    if included:
        c.take_part(a, PARTNER, "assessed")
    return c


@case("fam1 mother's new partner not in the assessment", "FAM-1", [("FAM-1", CHILD)])
def _() -> Chronology:
    return _partner(False)


@case("fam1 partner included", "FAM-1 FAM-3")
def _() -> Chronology:
    return _partner(True, abuse=True)


@case("fam3 partner with earlier abuse not assessed", "FAM-3", [("FAM-3", CHILD)])
def _() -> Chronology:
    return _partner(False, abuse=True)


def _young_parent(mother_born: date, assessed: bool = False) -> Chronology:
    c = child(date(2025, 4, 1))
    c.person(MUM, mother_born)
    c.relate(MUM, CHILD, "parent")
    if assessed:
        c.event(
            MUM, "social_care.assessment_start", date(2025, 3, 1), assessment_kind="parent_needs"
        )
    return c


@case("fam2 mother aged 16 at the birth, not assessed", "FAM-2", [("FAM-2", MUM)])
def _() -> Chronology:
    return _young_parent(date(2008, 5, 1))


@case("fam2 mother turned 18 the day before the birth", "FAM-2")
def _() -> Chronology:
    return _young_parent(date(2007, 3, 31))


@case("fam2 young mother assessed before the birth", "FAM-2")
def _() -> Chronology:
    return _young_parent(date(2008, 5, 1), assessed=True)


def _carer(assessed: bool) -> Chronology:
    c = child()
    c.event(CHILD, "education.young_carer_identified", date(2025, 9, 1))
    if assessed:
        c.event(CHILD, "social_care.young_carer_assessment", date(2025, 11, 1))
    return c


@case("fam4 young carer not assessed", "FAM-4", [("FAM-4", CHILD)])
def _() -> Chronology:
    return _carer(False)


@case("fam4 young carer assessed (late, but assessed)", "FAM-4")
def _() -> Chronology:
    return _carer(True)


def _not_brought(second: date) -> Chronology:
    c = child()
    c.event(CHILD, "health.was_not_brought", date(2025, 8, 31), appointment_kind="dental")
    c.event(CHILD, "health.was_not_brought", second, appointment_kind="paediatric")
    return c


@case("fam5 not brought twice, 31 Aug to 28 Feb", "FAM-5", [("FAM-5", CHILD)])
def _() -> Chronology:
    return _not_brought(date(2026, 2, 28))


@case("fam5 second missed appointment after six months", "FAM-5")
def _() -> Chronology:
    return _not_brought(date(2026, 3, 1))


# --- ESC -------------------------------------------------------------------------------------------
def _escalation(due: str, resolved: bool = False) -> Chronology:
    c = child()
    c.event(CHILD, "social_care.escalation_raised", date(2026, 5, 1), due=due, raised_by="school")
    if resolved:
        c.event(CHILD, "social_care.escalation_resolved", date(2026, 5, 20))
    return c


@case("esc1 escalation past its date", "ESC-1", [("ESC-1", CHILD)])
def _() -> Chronology:
    return _escalation("2026-05-31")


@case("esc1 due today", "ESC-1")
def _() -> Chronology:
    return _escalation("2026-06-01")


@case("esc1 resolved on time", "ESC-1")
def _() -> Chronology:
    return _escalation("2026-05-20", resolved=True)


@case("esc1 resolved late", "ESC-1", [("ESC-1", CHILD)])
def _() -> Chronology:
    return _escalation("2026-05-19", resolved=True)


@case("esc2 three concerns never assessed", "ESC-2 ACC-1", [("ESC-2", CHILD), ("ACC-1", CHILD)])
def _() -> Chronology:
    return _concerns([date(2025, 1, 1), date(2025, 5, 1), date(2025, 9, 1)])


@case("esc2 assessed after the first concern", "ESC-2")
def _() -> Chronology:
    c = _concerns([date(2025, 1, 1), date(2025, 5, 1), date(2025, 9, 1)])
    c.event(CHILD, "social_care.assessment_start", date(2025, 2, 1))
    return c


# --- a well-handled case raises nothing at all --------------------------------------------------------
@case("well handled missing episode and move raise nothing", "*")
def _() -> Chronology:
    c = child()
    c.event(CHILD, "police.missing_start", datetime(2025, 3, 12, 20, 0))
    c.event(CHILD, "police.missing_end", datetime(2025, 3, 13, 10, 0))
    c.event(CHILD, "partnership.return_interview_done", datetime(2025, 3, 14, 16, 0))
    c.event(CHILD, "social_care.wishes_and_feelings", date(2025, 3, 20))
    c.event(CHILD, "social_care.placement_start", date(2025, 4, 1), planned="false", area="Leeds")
    c.event(CHILD, "social_care.iro_notified", date(2025, 4, 2))
    c.event(CHILD, "social_care.lac_review", date(2025, 4, 20))
    return c
