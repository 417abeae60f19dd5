"""Ground truth for the learning catalogue: where each pattern holds in the generated data.

Conditions are evaluated over what the extracts show (observations from rows that are written
and parseable), not over what the simulation meant, so a dropped or spoilt record changes the
truth the same way it changes what a rule can see. Each function returns the instances where the
rule should fire (``patterns.csv``) and well-handled counterparts where it should not
(``counterparts.csv``). The precise conditions are documented in ``docs/synth.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fullpicture.synth.model import WINDOW_END, WINDOW_START, Household, Observation, Person
from fullpicture.synth.workdays import add_working_days
from fullpicture.vocabulary import CONCERN_TYPES, DECISION_TYPES, FORUM_TYPES

Row = tuple[str, str, str, str, str]
"""code, true_id, start, end, detail"""


@dataclass
class Found:
    """Instances found for one household (or block)."""

    fire: list[Row]
    calm: list[Row]

    def add(
        self, fires: bool, code: str, true_id: str, start: date, end: date, detail: str
    ) -> None:
        row = (code, true_id, start.isoformat(), end.isoformat(), detail)
        (self.fire if fires else self.calm).append(row)


class Timeline:
    """One person's observed events by type, de-duplicated across sources (same type, same minute)."""

    def __init__(self, events: Iterable[Observation]) -> None:
        self.by_type: dict[str, list[Observation]] = defaultdict(list)
        seen: set[tuple[str, datetime]] = set()
        for e in sorted(events, key=lambda o: (o.when, o.event_type, o.source)):
            key = (e.event_type, e.when.replace(second=0, microsecond=0))
            if key not in seen:
                seen.add(key)
                self.by_type[e.event_type].append(e)

    def of(self, *types: str) -> list[Observation]:
        """Events of any of ``types``, in time order."""
        if len(types) == 1:
            return self.by_type.get(types[0], [])
        return sorted((e for t in types for e in self.by_type.get(t, [])), key=lambda o: o.when)

    def any_between(
        self,
        types: tuple[str, ...],
        first: datetime,
        last: datetime,
        test: Callable[[Observation], bool] | None = None,
    ) -> bool:
        """True when an event of ``types`` lies in ``[first, last]`` (and passes ``test``)."""
        return any(first <= e.when <= last and (test is None or test(e)) for e in self.of(*types))


def _d(value: datetime) -> date:
    return value.date()


def _dt(day: date) -> datetime:
    return datetime.combine(day, datetime.max.time())


def _start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _bursts(
    events: list[Observation], n: int, within: int
) -> list[tuple[Observation, Observation]]:
    """Non-overlapping runs of ``n`` events within ``within`` days (first, nth)."""
    found: list[tuple[Observation, Observation]] = []
    i = 0
    while i + n - 1 < len(events):
        if (events[i + n - 1].when - events[i].when).days < within:
            found.append((events[i], events[i + n - 1]))
            i += n
        else:
            i += 1
    return found


def _moves(t: Timeline) -> list[Observation]:
    ends = {_d(e.when) for e in t.of("social_care.placement_end")}
    return [e for e in t.of("social_care.placement_start") if _d(e.when) in ends]


def child_patterns(found: Found, child: Person, t: Timeline) -> None:
    """Every per-child pattern."""
    tid = child.true_id
    for check in _CHILD_CHECKS:
        check(found, tid, child, t)


def _acc1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    concerns = t.of(*sorted(CONCERN_TYPES))
    days_seen: list[Observation] = []
    keys: set[tuple[str, date]] = set()
    for e in concerns:
        if (e.event_type, _d(e.when)) not in keys:
            keys.add((e.event_type, _d(e.when)))
            days_seen.append(e)
    bursts = _bursts(days_seen, 3, 365)
    for first, third in bursts:
        found.add(True, "ACC-1", tid, _d(first.when), _d(third.when), "concerns=3;window_days=365")
    if days_seen and not bursts:
        found.add(
            False,
            "ACC-1",
            tid,
            _d(days_seen[0].when),
            _d(days_seen[-1].when),
            f"concerns={len(days_seen)}",
        )


def _acc2(found: Found, tid: str, child: Person, t: Timeline) -> None:
    closures = t.of("social_care.case_closure")
    referrals = t.of("social_care.referral")
    revolving: list[tuple[Observation, Observation]] = []
    for c in closures:
        again = [r for r in referrals if c.when < r.when <= c.when + timedelta(days=365)]
        if again:
            revolving.append((c, again[0]))
    if len(revolving) >= 2:
        found.add(
            True,
            "ACC-2",
            tid,
            _d(revolving[0][0].when),
            _d(revolving[1][1].when),
            f"closures_followed_by_referral={len(revolving)}",
        )
    elif closures:
        found.add(
            False,
            "ACC-2",
            tid,
            _d(closures[0].when),
            _d(closures[-1].when),
            f"closures_followed_by_referral={len(revolving)}",
        )


def _acc3(found: Found, tid: str, child: Person, t: Timeline) -> None:
    plans = t.of("social_care.cp_plan_start")
    for previous, plan in zip(plans, plans[1:], strict=False):
        ok = t.any_between(("social_care.previous_plan_compliance",), previous.when, plan.when)
        found.add(
            not ok,
            "ACC-3",
            tid,
            _d(previous.when),
            _d(plan.when),
            "repeat_plan;compliance_recorded=" + str(ok).lower(),
        )


def _tim1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    rhi = ("partnership.return_interview_offered", "partnership.return_interview_done")
    for end in t.of("police.missing_end"):
        ok = t.any_between(rhi, end.when, end.when + timedelta(hours=72))
        found.add(
            not ok,
            "TIM-1",
            tid,
            _d(end.when),
            _d(end.when + timedelta(hours=72)),
            "condition=no_rhi_72h;returned=" + end.when.isoformat(timespec="minutes"),
        )
    for first, third in _bursts(t.of("police.missing_start"), 3, 90):
        found.add(
            True, "TIM-1", tid, _d(first.when), _d(third.when), "condition=repeat_missing_90d"
        )


def _tim2(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for move in _moves(t):
        if move.attr("planned") != "false":
            continue
        limit = _dt(add_working_days(_d(move.when), 20))
        review = t.any_between(("social_care.lac_review",), _start(_d(move.when)), limit)
        iro = t.any_between(("social_care.iro_notified",), _start(_d(move.when)), limit)
        found.add(
            not (review and iro),
            "TIM-2",
            tid,
            _d(move.when),
            limit.date(),
            f"emergency_move;review={str(review).lower()};iro_notified={str(iro).lower()}",
        )


def _tim3(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for ra in t.of("social_care.risk_assessment"):
        due_text = ra.attr("review_due")
        if not due_text or date.fromisoformat(due_text) > WINDOW_END:
            continue
        due = date.fromisoformat(due_text)
        ok = t.any_between(("social_care.risk_assessment_review",), ra.when, _dt(due))
        found.add(not ok, "TIM-3", tid, _d(ra.when), due, "reviewed_by_due=" + str(ok).lower())


def _tim5(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for sd in t.of("social_care.strategy_discussion"):
        health = "health" in sd.attr("agencies_present").split(",")
        found.add(
            not health,
            "TIM-5",
            tid,
            _d(sd.when),
            _d(sd.when),
            "agencies=" + sd.attr("agencies_present").replace(",", "+"),
        )


def _cpp1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for end in t.of("social_care.cp_plan_end"):
        first, last = end.when - timedelta(days=30), end.when + timedelta(days=10)
        step = t.any_between(("social_care.step_down_plan",), first, last)
        lead = t.any_between(("social_care.lead_professional",), first, last)
        found.add(
            not (step and lead),
            "CPP-1",
            tid,
            _d(end.when),
            _d(end.when),
            f"step_down={str(step).lower()};lead_professional={str(lead).lower()}",
        )


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    return date(year, month, 28)


def _cpp2(found: Found, tid: str, child: Person, t: Timeline) -> None:
    starts = t.of("social_care.cp_plan_start")
    ends = t.of("social_care.cp_plan_end")
    for start in starts:
        if child.age_on(_d(start.when)) >= 1:
            continue
        end = next((e for e in ends if e.when >= start.when), None)
        if end is None:
            continue
        early = _d(end.when) < _add_months(_d(start.when), 9)
        found.add(
            early,
            "CPP-2",
            tid,
            _d(start.when),
            _d(end.when),
            f"plan_days={(end.when - start.when).days}",
        )


def _tim_shr4(found: Found, tid: str, child: Person, t: Timeline) -> None:
    opens, discharges = t.of("camhs.open"), t.of("camhs.discharge")
    for move in t.of("social_care.placement_start"):
        if move.attr("area") != "out_of_area":
            continue
        open_now = any(
            o.when <= move.when and not any(o.when < d.when <= move.when for d in discharges)
            for o in opens
        )
        if not open_now:
            continue
        ok = t.any_between(
            ("camhs.transfer",), move.when - timedelta(days=1), move.when + timedelta(days=28)
        )
        found.add(
            not ok,
            "SHR-4",
            tid,
            _d(move.when),
            _d(move.when + timedelta(days=28)),
            "camhs_transfer=" + str(ok).lower(),
        )


def _lac1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    moves = _moves(t)
    bursts = _bursts(moves, 3, 365)
    for first, third in bursts:
        emergency = sum(
            1 for m in moves if first.when <= m.when <= third.when and m.attr("planned") == "false"
        )
        found.add(
            True, "LAC-1", tid, _d(first.when), _d(third.when), f"moves=3;emergency={emergency}"
        )
    if t.of("social_care.placement_start") and not bursts:
        found.add(
            False,
            "LAC-1",
            tid,
            _d(t.of("social_care.placement_start")[0].when),
            WINDOW_END,
            f"moves={len(moves)}",
        )


def _lac2(found: Found, tid: str, child: Person, t: Timeline) -> None:
    changes = t.of("social_care.social_worker_change")
    for first, third in _bursts(changes, 3, 365):
        found.add(True, "LAC-2", tid, _d(first.when), _d(third.when), "condition=three_changes_12m")
    for change in changes:
        told = change.attr("child_told") != "false"
        found.add(
            not told,
            "LAC-2",
            tid,
            _d(change.when),
            _d(change.when),
            "condition=not_told;child_told=" + str(told).lower(),
        )


def _in_care(t: Timeline, when: datetime) -> bool:
    starts = [e.when for e in t.of("social_care.looked_after_start") if e.when <= when]
    if not starts:
        return False
    return not any(max(starts) <= e.when <= when for e in t.of("social_care.looked_after_end"))


def _lac3(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for arrest in t.of("police.arrest", "police.charge"):
        looked_after = _in_care(t, arrest.when)
        exploited = any(e.when <= arrest.when for e in t.of("police.exploitation_concern"))
        fires = looked_after or exploited
        found.add(
            fires,
            "LAC-3",
            tid,
            _d(arrest.when),
            _d(arrest.when),
            f"{arrest.event_type};looked_after={str(looked_after).lower()};exploitation_concern={str(exploited).lower()}",
        )


def _lac5(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for end in t.of("social_care.placement_end"):
        if end.attr("reason") == "peer_separation":
            found.add(True, "LAC-5", tid, _d(end.when), _d(end.when), "reason=peer_separation")


def _lac6(found: Found, tid: str, child: Person, t: Timeline) -> None:
    done = t.of("partnership.return_interview_done")
    missing = t.of("police.missing_start")
    for first, third in _bursts(missing, 3, 90):
        window = [m for m in missing if first.when <= m.when <= third.when]
        followed = sum(
            1 for m in window if any(m.when <= d.when <= m.when + timedelta(days=14) for d in done)
        )
        if followed < 2:
            continue
        meeting = t.any_between(
            ("partnership.professionals_meeting",), first.when, third.when + timedelta(days=28)
        )
        found.add(
            not meeting,
            "LAC-6",
            tid,
            _d(first.when),
            _d(third.when + timedelta(days=28)),
            f"missing=3;followed_by_rhi={followed};professionals_meeting={str(meeting).lower()}",
        )


def _voi1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for decision in t.of(*sorted(DECISION_TYPES)):
        if child.age_on(_d(decision.when)) < 4:
            continue
        heard = t.any_between(
            ("social_care.wishes_and_feelings",), decision.when - timedelta(days=90), decision.when
        )
        found.add(
            not heard,
            "VOI-1",
            tid,
            _d(decision.when - timedelta(days=90)),
            _d(decision.when),
            decision.event_type,
        )


def _voi2(found: Found, tid: str, child: Person, t: Timeline) -> None:
    requests: dict[str, list[Observation]] = defaultdict(list)
    for r in t.of("social_care.child_request"):
        requests[r.attr("service")].append(r)
    for service, asked in sorted(requests.items()):
        answers = [a for a in t.of("social_care.service_provided") if a.attr("service") == service]
        if len(asked) >= 2:
            answered = any(
                asked[0].when <= a.when <= asked[1].when + timedelta(days=28) for a in answers
            )
            found.add(
                not answered,
                "VOI-2",
                tid,
                _d(asked[0].when),
                _d(asked[1].when),
                f"service={service};requests={len(asked)}",
            )
        elif any(asked[0].when <= a.when <= asked[0].when + timedelta(days=28) for a in answers):
            found.add(
                False,
                "VOI-2",
                tid,
                _d(asked[0].when),
                _d(asked[0].when),
                f"service={service};answered=true",
            )


_EXT1_KINDS: dict[str, tuple[str, ...]] = {
    "exclusion": ("education.exclusion",),
    "missing": ("police.missing_start",),
    "substance": ("health.substance_misuse", "partnership.substance_misuse"),
    "police": ("police.incident", "police.arrest", "police.exploitation_concern"),
    "bereavement": ("partnership.bereavement",),
    "older_associates": ("partnership.new_older_associates",),
}


def _ext1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    marks = sorted((e.when, kind) for kind, types in _EXT1_KINDS.items() for e in t.of(*types))
    for i, (when, _) in enumerate(marks):
        kinds: dict[str, datetime] = {}
        for other_when, kind in marks[i:]:
            if (other_when - when).days > 183:
                break
            kinds.setdefault(kind, other_when)
            if len(kinds) == 3:
                found.add(
                    True, "EXT-1", tid, _d(when), _d(other_when), "kinds=" + "+".join(sorted(kinds))
                )
                return
    if marks:
        found.add(
            False,
            "EXT-1",
            tid,
            _d(marks[0][0]),
            _d(marks[-1][0]),
            "kinds=" + "+".join(sorted({k for _, k in marks})),
        )


def _ext4(found: Found, tid: str, child: Person, t: Timeline) -> None:
    harm = [
        e for e in t.of("health.ed_attendance") if e.attr("reason") in ("self_harm", "overdose")
    ]
    for first, second in _bursts(harm, 2, 91):
        referred = t.any_between(
            ("camhs.referral",), first.when - timedelta(days=1), second.when + timedelta(days=14)
        )
        found.add(
            not referred,
            "EXT-4",
            tid,
            _d(first.when),
            _d(second.when + timedelta(days=14)),
            "camhs_referral=" + str(referred).lower(),
        )


def _fam4(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for identified in t.of(
        "social_care.young_carer_identified", "education.young_carer_identified"
    ):
        ok = t.any_between(
            ("social_care.young_carer_assessment",),
            identified.when,
            identified.when + timedelta(days=91),
        )
        found.add(
            not ok,
            "FAM-4",
            tid,
            _d(identified.when),
            _d(identified.when + timedelta(days=91)),
            "assessed_in_3_months=" + str(ok).lower(),
        )


def _fam5(found: Found, tid: str, child: Person, t: Timeline) -> None:
    wnb = t.of("health.was_not_brought")
    bursts = _bursts(wnb, 2, 183)
    for first, second in bursts:
        found.add(
            True, "FAM-5", tid, _d(first.when), _d(second.when), "was_not_brought=2;window_days=183"
        )
    if wnb and not bursts:
        found.add(
            False, "FAM-5", tid, _d(wnb[0].when), _d(wnb[-1].when), f"was_not_brought={len(wnb)}"
        )


def _esc1(found: Found, tid: str, child: Person, t: Timeline) -> None:
    for raised in t.of("social_care.escalation_raised"):
        due = date.fromisoformat(raised.attr("due")) if raised.attr("due") else None
        if due is None or due > WINDOW_END:
            continue
        ok = t.any_between(("social_care.escalation_resolved",), raised.when, _dt(due))
        found.add(not ok, "ESC-1", tid, _d(raised.when), due, "resolved_by_due=" + str(ok).lower())


_CHILD_CHECKS = (
    _acc1,
    _acc2,
    _acc3,
    _tim1,
    _tim2,
    _tim3,
    _tim5,
    _cpp1,
    _cpp2,
    _tim_shr4,
    _lac1,
    _lac2,
    _lac3,
    _lac5,
    _lac6,
    _voi1,
    _voi2,
    _ext1,
    _ext4,
    _fam4,
    _fam5,
    _esc1,
)


def household_patterns(found: Found, household: Household, timelines: dict[str, Timeline]) -> None:
    """Patterns that need the household: CPP-3, SHR-1, SHR-2, FAM-1, FAM-2."""
    empty = Timeline(())
    _cpp3(found, household, timelines, empty)
    _shr1(found, household, timelines, empty)
    for child in household.children:
        _shr2(found, child.true_id, timelines.get(child.true_id, empty))
    _fam1(found, household, timelines, empty)
    _fam2(found, household, timelines, empty)


def _cpp3(
    found: Found, household: Household, timelines: dict[str, Timeline], empty: Timeline
) -> None:
    for harmed in household.children:
        for harm in timelines.get(harmed.true_id, empty).of(
            "social_care.serious_injury", "social_care.child_death"
        ):
            day = _d(harm.when)
            for sibling in household.children:
                if sibling is harmed or sibling.date_of_birth > day or sibling.age_on(day) >= 18:
                    continue
                t = timelines.get(sibling.true_id, empty)
                ok = t.any_between(
                    ("social_care.assessment_start", "social_care.strategy_discussion"),
                    _start(day),
                    _dt(day + timedelta(days=14)),
                )
                found.add(
                    not ok,
                    "CPP-3",
                    sibling.true_id,
                    day,
                    day + timedelta(days=14),
                    f"harmed={harmed.true_id};enquiry={str(ok).lower()}",
                )


def _open(t: Timeline, start_type: str, end_type: str, when: datetime) -> bool:
    starts = [e.when for e in t.of(start_type) if e.when <= when]
    if not starts:
        return False
    return not any(max(starts) <= e.when < when for e in t.of(end_type))


def _shr1(
    found: Found, household: Household, timelines: dict[str, Timeline], empty: Timeline
) -> None:
    for adult in household.adults:
        for marac in timelines.get(adult.true_id, empty).of("partnership.marac"):
            for child_id in marac.participants:
                t = timelines.get(child_id, empty)
                active = _open(
                    t, "social_care.cp_plan_start", "social_care.cp_plan_end", marac.when
                ) or _open(
                    t, "social_care.assessment_start", "social_care.assessment_end", marac.when
                )
                decision = next(
                    (d for d in t.of(*sorted(DECISION_TYPES)) if d.when > marac.when), None
                )
                if not active or decision is None:
                    continue
                shared = t.any_between(
                    ("partnership.information_shared",), marac.when, decision.when
                )
                found.add(
                    not shared,
                    "SHR-1",
                    child_id,
                    _d(marac.when),
                    _d(decision.when),
                    f"marac_adult={adult.true_id};shared={str(shared).lower()}",
                )


def _shr2(found: Found, tid: str, t: Timeline) -> None:
    forums = t.of(*sorted(FORUM_TYPES))
    i = 0
    while i < len(forums):
        first = forums[i]
        other = next(
            (
                f
                for f in forums[i + 1 :]
                if f.event_type != first.event_type and (f.when - first.when).days <= 30
            ),
            None,
        )
        if other is None:
            i += 1
            continue
        shared = t.any_between(("partnership.information_shared",), first.when, other.when)
        found.add(
            not shared,
            "SHR-2",
            tid,
            _d(first.when),
            _d(other.when),
            f"{first.event_type}+{other.event_type};shared={str(shared).lower()}",
        )
        i = forums.index(other) + 1


def _fam1(
    found: Found, household: Household, timelines: dict[str, Timeline], empty: Timeline
) -> None:
    for adult in household.adults:
        if adult.moved_in is None:
            continue
        for child in household.children:
            for a in timelines.get(child.true_id, empty).of("social_care.assessment_start"):
                day = _d(a.when)
                if day < adult.moved_in or (adult.moved_out is not None and day >= adult.moved_out):
                    continue
                included = adult.true_id in a.participants
                found.add(
                    not included,
                    "FAM-1",
                    child.true_id,
                    adult.moved_in,
                    day,
                    f"adult={adult.true_id};included={str(included).lower()}",
                )
                break


def _fam2(
    found: Found, household: Household, timelines: dict[str, Timeline], empty: Timeline
) -> None:
    mother = household.people[0]
    born = min((c.date_of_birth for c in household.children), default=None)
    known = any(
        e.source == "social_care"
        for c in household.children
        for es in timelines.get(c.true_id, empty).by_type.values()
        for e in es
    )
    if born is None or not known:
        return
    start = max(WINDOW_START, born)
    eighteenth = mother.eighteenth()
    if eighteenth <= start:
        return
    own = timelines.get(mother.true_id, empty)
    assessed = own.any_between(("social_care.assessment_start",), _start(start), _dt(eighteenth))
    found.add(
        not assessed,
        "FAM-2",
        mother.true_id,
        start,
        min(eighteenth, WINDOW_END),
        "own_assessment=" + str(assessed).lower(),
    )


def peer_clusters(found: Found, observations: Iterable[Observation], children: set[str]) -> None:
    """EXT-3: three or more children sharing one police incident or missing report reference."""
    groups: dict[str, dict[str, datetime]] = defaultdict(dict)
    for o in observations:
        if (
            o.source == "police"
            and o.ref
            and o.subject in children
            and o.event_type in ("police.incident", "police.missing_start")
        ):
            groups[o.ref].setdefault(o.subject, o.when)
    reported: set[str] = set()
    for ref, members in sorted(groups.items()):
        if len(members) < 3:
            continue
        for tid, when in sorted(members.items()):
            if tid in reported:
                continue
            reported.add(tid)
            found.add(
                True, "EXT-3", tid, _d(when), _d(when), f"incident={ref};children={len(members)}"
            )
