"""A child's journey through children's social care: referral, assessment, section 47, child
protection plan, child in need plan, closure, and the way back in (re-referral).

Rates follow ``calibration.md`` (see :mod:`fullpicture.synth.calibration`): about 6.5% of referrals
end with no further action, about a third of referrals lead to a section 47 enquiry, about 31% of
enquiries to an initial conference and 86% of conferences to a plan; plan durations follow the
2025 distribution of plans ending. Practice quality (a step-down plan, a record of compliance with
an earlier plan, health at the strategy discussion) is drawn per event at the rates in
:data:`PRACTICE`, which is how the learning catalogue's patterns are planted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.looked_after import LookedAfter
from fullpicture.synth.model import WINDOW_END, Episode, Household, Person
from fullpicture.synth.population import random_day, weighted
from fullpicture.synth.timing import at, childhood, days, exponential_days
from fullpicture.synth.workdays import add_working_days

REFERRALS_PER_YEAR: dict[str, float] = {"low": 0.28, "moderate": 1.15, "high": 2.75, "severe": 4.1}
"""Hazard of a new (not re-) referral per child-year, by household adversity."""
RE_REFERRAL_CHANCE: dict[str, float] = {"low": 0.15, "moderate": 0.3, "high": 0.42, "severe": 0.5}
"""Chance that a closed case is referred again within 12 months of its last referral."""

PRACTICE: dict[str, float] = {
    "health_at_strategy": 0.78,  # TIM-5 fires for the rest
    "step_down_plan": 0.72,  # CPP-1
    "lead_professional": 0.82,  # CPP-1
    "previous_compliance": 0.5,  # ACC-3
    "young_parent_assessed": 0.5,  # FAM-2
    "new_adult_assessed": 0.55,  # FAM-1
    "sibling_enquiry": 0.7,  # CPP-3
    "marac_shared": 0.55,  # SHR-1
    "wishes_before_decision": 0.6,  # VOI-1
}
"""Chance that each piece of good practice is done and recorded."""

REFERRAL_SOURCES: tuple[tuple[str, float], ...] = (
    ("6", 0.28),
    ("2A", 0.21),
    ("3A", 0.04),
    ("3B", 0.03),
    ("3E", 0.04),
    ("3F", 0.03),
    ("4", 0.02),
    ("5A", 0.03),
    ("5C", 0.02),
    ("5D", 0.04),
    ("1A", 0.06),
    ("1B", 0.02),
    ("1C", 0.01),
    ("1D", 0.02),
    ("7", 0.05),
    ("8", 0.05),
    ("9", 0.03),
    ("10", 0.02),
)
"""CIN census ReferralSource codes with shares (police 28%, schools 21% in 2025)."""

CP_DURATION_BANDS: tuple[tuple[tuple[int, int], float], ...] = (
    ((30, 91), 0.159),
    ((92, 182), 0.11),
    ((183, 365), 0.435),
    ((366, 730), 0.252),
    ((731, 1100), 0.044),
)
"""Days on a plan (low, high) with the share of plans ending in that band (EES D7, 2025)."""
CP_CATEGORIES: tuple[tuple[str, float], ...] = (
    ("NEG", 0.5),
    ("EMO", 0.33),
    ("PHY", 0.08),
    ("SAB", 0.03),
    ("MUL", 0.06),
)
_FACTORS = ("3A", "3B", "4B", "2B", "1B", "16A", "17A", "4A", "5B", "6B", "14A", "15A", "21")


def assessment_working_days(rng: random.Random) -> int:
    """Working days from start to completion: p25 17, median 33, p75 43, a tail beyond 60."""
    roll = rng.random()
    if roll < 0.25:
        return rng.randrange(5, 18)
    if roll < 0.5:
        return rng.randrange(17, 34)
    if roll < 0.75:
        return rng.randrange(33, 44)
    if roll < 0.96:
        return rng.randrange(43, 61)
    return rng.randrange(61, 90)


def icpc_working_days(rng: random.Random) -> int:
    """Working days from section 47 start to the initial conference (median 14)."""
    band = rng.choices(((3, 10), (11, 15), (16, 20), (21, 35)), (0.087, 0.727, 0.089, 0.097))[0]
    return rng.randrange(band[0], band[1] + 1)


@dataclass
class CareJourney:
    """Simulates one child's social care involvement, appending episodes to the household."""

    household: Household
    child: Person
    rng: random.Random
    looked_after: LookedAfter
    previous_plans: int = 0
    busy_until: date = date.min
    plan_ends: list[date] = field(default_factory=list)

    def emit(self, what: str, when: datetime, **attrs: str) -> Episode:
        episode = Episode(kind=what, subject=self.child.true_id, start=when, attrs=attrs)
        self.household.episodes.append(episode)
        return episode

    def run(self) -> None:
        """Simulate referrals across the child's time in the window."""
        first, last = childhood(self.child)
        if first > last:
            return
        rate = REFERRALS_PER_YEAR[self.household.adversity]
        day = first + days(exponential_days(self.rng, 365 / rate))
        while day <= last:
            previous = day
            closed = self.referral(day)
            if closed is None or closed > last:
                return
            window_end = previous + timedelta(days=364)
            if (
                closed + timedelta(days=14) < window_end
                and self.rng.random() < RE_REFERRAL_CHANCE[self.household.adversity]
            ):
                day = random_day(self.rng, closed + timedelta(days=14), window_end)
            else:
                day = max(closed, window_end) + days(exponential_days(self.rng, 365 / rate))

    def referral(self, day: date) -> date | None:
        """One referral and everything that follows; returns the day the case closed."""
        rng = self.rng
        referral = self.emit("referral", at(day, rng), source=weighted(rng, REFERRAL_SOURCES))
        referral.ref = opaque_ref("R", self.child.true_id, day)
        if rng.random() < 0.065:
            return self._close(referral, day + timedelta(days=rng.randrange(0, 3)), "RC8", nfa=True)
        severity = self._severity()
        s47 = rng.random() < {"low": 0.15, "moderate": 0.34, "high": 0.5, "severe": 0.65}[severity]
        start = day + timedelta(days=rng.randrange(0, 4))
        if s47:
            end = self._section47(start)
        else:
            end = self._assessment(start, in_need=rng.random() < 0.62)
        if end is None:
            referral.end = None
            return None
        return self._close(referral, end, rng.choice(("RC7", "RC8", "RC9")), nfa=False)

    def _severity(self) -> str:
        # a child's own risk varies around the household's
        levels = ("low", "moderate", "high", "severe")
        shift = self.rng.choices((-1, 0, 1), (0.2, 0.65, 0.15))[0]
        return levels[max(0, min(3, levels.index(self.household.adversity) + shift))]

    def _close(self, referral: Episode, day: date, reason: str, *, nfa: bool) -> date | None:
        if day > WINDOW_END:
            return None
        referral.end = at(day, self.rng)
        referral.attrs.update(closure=reason, nfa="true" if nfa else "false")
        outcome = {"RC8": "nfa", "RC9": "early_help", "RC7": "universal"}.get(reason, "nfa")
        if reason == "RC7" and self.rng.random() < 0.3:
            outcome = "signposted"
        self.emit("closure", referral.end, outcome=outcome)
        return day

    def _assessment(self, start: date, *, in_need: bool) -> date | None:
        rng = self.rng
        end = add_working_days(start, assessment_working_days(rng))
        factors = ",".join(sorted(set(rng.sample(_FACTORS[:-1], rng.randrange(1, 4)))))
        episode = self.emit("assessment", at(start, rng), kind="single", factors=factors)
        episode.participants = self._assessed_adults(start)
        if end > WINDOW_END:
            return None
        episode.end = at(end, rng)
        episode.attrs["outcome"] = "cin_plan" if in_need else "nfa"
        if not in_need:
            return end
        return self._cin_plan(end)

    def _assessed_adults(self, day: date) -> tuple[str, ...]:
        """The adults in the household on ``day`` who are included in an assessment."""
        chosen: list[str] = []
        for adult in self.household.adults:
            living = (adult.moved_in is None or adult.moved_in <= day) and (
                adult.moved_out is None or adult.moved_out > day
            )
            if not living:
                continue
            if adult.moved_in is not None and self.rng.random() >= PRACTICE["new_adult_assessed"]:
                continue  # the new partner is left out of the assessment (FAM-1)
            chosen.append(adult.true_id)
        return tuple(chosen)

    def _cin_plan(self, start: date) -> date | None:
        end = start + timedelta(days=self.rng.randrange(90, 400))
        plan = self.emit("cin_plan", at(start, self.rng))
        if end > WINDOW_END:
            return None
        plan.end = at(end, self.rng)
        return end

    def _section47(self, start: date) -> date | None:
        rng = self.rng
        agencies = ["social_care", "police"]
        if rng.random() < PRACTICE["health_at_strategy"]:
            agencies.append("health")
        if self.child.age_on(start) >= 4 and rng.random() < 0.6:
            agencies.append("education")
        enquiry = self.emit("s47", at(start, rng), agencies=",".join(agencies))
        if rng.random() < 0.08 and self.looked_after.enter(start, route="emergency"):
            return None
        self._assessment_record(start)
        icpc_day = add_working_days(start, icpc_working_days(rng))
        if icpc_day > WINDOW_END:
            return None
        enquiry.end = at(icpc_day, rng)
        if rng.random() >= 0.37:
            enquiry.attrs["outcome"] = rng.choice(("no_further_action", "cin"))
            return self._cin_plan(icpc_day) if enquiry.attrs["outcome"] == "cin" else icpc_day
        enquiry.attrs["outcome"] = "icpc"
        plan = rng.random() < 0.86
        if plan and self.previous_plans and rng.random() < PRACTICE["previous_compliance"]:
            self.emit("compliance", at(icpc_day - timedelta(days=rng.randrange(1, 6)), rng))
        enquiry.attrs.update(icpc=icpc_day.isoformat(), decision="plan" if plan else "no_plan")
        return self._cp_plan(icpc_day) if plan else self._cin_plan(icpc_day)

    def _assessment_record(self, start: date) -> None:
        episode = self.emit("assessment", at(start, self.rng), kind="single", factors="")
        episode.participants = self._assessed_adults(start)
        end = add_working_days(start, assessment_working_days(self.rng))
        factors = sorted(set(self.rng.sample(_FACTORS[:-1], self.rng.randrange(2, 5))))
        episode.attrs.update(factors=",".join(factors), outcome="s47")
        if end <= WINDOW_END:
            episode.end = at(end, self.rng)

    def _cp_plan(self, start: date) -> date | None:
        rng = self.rng
        (low, high) = rng.choices(
            [band for band, _ in CP_DURATION_BANDS], [w for _, w in CP_DURATION_BANDS]
        )[0]
        end = start + timedelta(days=rng.randrange(low, high + 1))
        plan = self.emit(
            "cp_plan",
            at(start, rng),
            category=weighted(rng, CP_CATEGORIES),
            previous=str(self.previous_plans),
        )
        self.previous_plans += 1
        self._wishes_before(start)
        review = start + timedelta(days=91)
        while review < min(end, WINDOW_END):
            self._wishes_before(review)
            self.emit("cp_review", at(review, rng))
            review += timedelta(days=182)
        self._wishes_before(end)
        if end > WINDOW_END:
            return None
        plan.end = at(end, rng)
        self._step_down(end)
        if rng.random() < 0.15 and self.looked_after.enter(end, route="plan"):
            return None
        return end + timedelta(days=rng.randrange(0, 30))

    def _wishes_before(self, decision: date) -> None:
        """The child's wishes and feelings recorded before a decision, or not (VOI-1)."""
        if (
            self.child.age_on(decision) >= 4
            and self.rng.random() < PRACTICE["wishes_before_decision"]
        ):
            day = decision - timedelta(days=self.rng.randrange(1, 60))
            self.emit("wishes", at(day, self.rng), about="child_protection_plan")

    def _step_down(self, end: date) -> None:
        rng = self.rng
        if rng.random() < PRACTICE["step_down_plan"]:
            day = end - timedelta(days=rng.randrange(0, 20))
            self.emit("step_down", at(day, rng), to_service=rng.choice(("cin", "early_help")))
        if rng.random() < PRACTICE["lead_professional"]:
            day = end - timedelta(days=rng.randrange(0, 20))
            self.emit(
                "lead_professional",
                at(day, rng),
                role=rng.choice(("social_worker", "family_support_worker", "health_visitor")),
            )
