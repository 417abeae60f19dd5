"""A period of being looked after: placements and moves, legal status, reviews, visits, social
worker changes, the IRO, the child's voice, and going missing from care with return interviews.

Practice rates: the first review within 20 working days, the second within three months, then
six-monthly (regulations 32-33), a visit within a week of each placement and then six-weekly.
Missing from care: about 6.8 incidents per child who goes missing, 90% lasting two days or less,
concentrated in ages 13-17 (see ``calibration.md``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from fullpicture.synth.missing import MissingEpisodes
from fullpicture.synth.model import WINDOW_END, Episode, Household, Person
from fullpicture.synth.timing import at, days
from fullpicture.synth.workdays import add_working_days

PRACTICE: dict[str, float] = {
    "review_after_emergency_move": 0.45,  # TIM-2
    "iro_told_of_emergency_move": 0.7,  # TIM-2
    "child_told_of_worker_change": 0.75,  # LAC-2
    "wishes_before_decision": 0.65,  # VOI-1
    "request_answered": 0.5,  # VOI-2
    "escalation_resolved_in_time": 0.65,  # ESC-1
    "risk_assessment_reviewed": 0.6,  # TIM-3
    "camhs_transfer_on_move": 0.5,  # SHR-4
}
"""Chance that each piece of good practice is done and recorded for a looked-after child."""

_FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
_REASONS = ("CARPL", "CREQB", "CREQO", "ALLEG", "STAND", "CLOSE", "CHILD", "LAREQ", "OTHER")


@dataclass
class LookedAfter:
    """Simulates the looked-after periods of one child."""

    household: Household
    child: Person
    rng: random.Random
    periods: list[tuple[date, date | None]] = field(default_factory=list)
    workers: int = 0

    def emit(self, what: str, when: datetime, **attrs: str) -> Episode:
        episode = Episode(kind=what, subject=self.child.true_id, start=when, attrs=attrs)
        self.household.episodes.append(episode)
        return episode

    def in_care(self, day: date) -> bool:
        """True when the child is looked after on ``day``."""
        return any(s <= day and (e is None or day < e) for s, e in self.periods)

    def enter(self, day: date, *, route: str) -> bool:
        """Start a period of care on ``day`` (if possible); False when it cannot start."""
        age = self.child.age_on(day)
        if day > WINDOW_END or age >= 18 or self.in_care(day):
            return False
        end = self._period_end(day, age)
        status = self._legal_status(route, age)
        period = self.emit("care_period", at(day, self.rng), ls=status)
        self.periods.append((day, end))
        if end is not None:
            period.end = at(end, self.rng)
            period.attrs["rec"] = self._leaving_reason(age, end)
        self._simulate(day, end or WINDOW_END, status)
        return True

    def _legal_status(self, route: str, age: int) -> str:
        if route == "emergency":
            return self.rng.choice(("L1", "C2", "E1" if age < 2 else "C2"))
        if age >= 14 and self.rng.random() < 0.4:
            return "V2"
        return "C2"

    def _period_end(self, day: date, age: int) -> date | None:
        roll = self.rng.random()
        if roll < 0.2:
            length = self.rng.randrange(20, 180)
        elif roll < 0.45:
            length = self.rng.randrange(180, 730)
        else:
            length = self.rng.randrange(730, 4000)
        end = min(day + timedelta(days=length), self.child.eighteenth())
        return end if end <= WINDOW_END else None

    def _leaving_reason(self, age: int, end: date) -> str:
        if end >= self.child.eighteenth():
            return self.rng.choice(("E17", "E5", "E6", "E8"))
        if age < 3 and self.rng.random() < 0.4:
            return "E11"
        return self.rng.choice(("E4A", "E4A", "E13", "E41", "E45", "E46", "E4B"))

    def _simulate(self, start: date, end: date, status: str) -> None:
        moves = self._placements(start, end, status)
        self._reviews(start, end, moves)
        self._workers(start, end)
        self._visits(start, end, moves)
        self._voice(start, end)
        self._escalations(start, end)
        age = self.child.age_on(start)
        if age >= 10 or self.child.age_on(end) >= 12:
            MissingEpisodes(self.household, self.child, self.rng).from_care(start, end)

    def _move_rate(self, age: int) -> float:
        if age >= 13:
            return 0.6 if self.rng.random() < 0.65 else 1.6
        return 0.25 if self.rng.random() < 0.8 else 1.0

    def _placements(self, start: date, end: date, status: str) -> list[tuple[date, bool]]:
        """Placements from ``start`` to ``end``; returns (move day, planned) for every move."""
        rng = self.rng
        rate = self._move_rate(self.child.age_on(start))
        day, planned, first = start, rng.random() < 0.4, True
        moves: list[tuple[date, bool]] = []
        while day < end:
            next_day = day + days(rng.expovariate(rate / 365) + 14)
            stop = min(next_day, end)
            self._placement(day, stop if stop < end or end < WINDOW_END else None, planned, status)
            if not first:
                moves.append((day, planned))
            first = False
            if next_day >= end:
                break
            day, planned = next_day, rng.random() < 0.6
        return moves

    def _placement(self, start: date, end: date | None, planned: bool, status: str) -> None:
        rng = self.rng
        age = self.child.age_on(start)
        if age >= 16 and rng.random() < 0.35:
            place = "H5"
        elif age >= 11 and rng.random() < 0.3:
            place = "K2"
        else:
            place = rng.choice(_FOSTER)
        out_of_area = rng.random() < (0.45 if place == "K2" else 0.18)
        placement = self.emit(
            "placement",
            at(start, rng),
            place=place,
            provider="PR4" if place in ("K2", "H5") else rng.choice(("PR1", "PR1", "PR4", "PR5")),
            planned="Y" if planned else "N",
            location="OUT" if out_of_area else "IN",
            ls=status,
        )
        if end is not None and end <= WINDOW_END:
            placement.end = at(end, rng)
            peers = age >= 13 and rng.random() < 0.05
            placement.attrs["reason"] = "PEERS" if peers else rng.choice(_REASONS)
        if not planned:
            self._emergency_follow_up(start)

    def _emergency_follow_up(self, day: date) -> None:
        rng = self.rng
        if rng.random() < PRACTICE["iro_told_of_emergency_move"]:
            self.emit("iro_notified", at(day + timedelta(days=rng.randrange(0, 10)), rng))
        if rng.random() < PRACTICE["review_after_emergency_move"]:
            self.emit(
                "lac_review",
                at(add_working_days(day, rng.randrange(5, 20)), rng),
                **self._participation(day),
            )

    def _participation(self, day: date) -> dict[str, str]:
        if self.child.age_on(day) < 4:
            return {"participation": "PN0"}
        code = self.rng.choices(
            ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"),
            (0.6, 0.08, 0.04, 0.06, 0.06, 0.06, 0.1),
        )[0]
        return {"participation": code}

    def _reviews(self, start: date, end: date, moves: list[tuple[date, bool]]) -> None:
        rng = self.rng
        self.emit("iro_allocated", at(start + timedelta(days=rng.randrange(0, 8)), rng))
        late = rng.random() < 0.15
        day = add_working_days(start, rng.randrange(21, 35) if late else rng.randrange(8, 20))
        gap = 91
        while day < end:
            self._wishes_before(day)
            self.emit("lac_review", at(day, rng), **self._participation(day))
            day += timedelta(days=gap - rng.randrange(0, 20))
            gap = 182

    def _wishes_before(self, decision: date) -> None:
        if (
            self.child.age_on(decision) >= 4
            and self.rng.random() < PRACTICE["wishes_before_decision"]
        ):
            day = decision - timedelta(days=self.rng.randrange(1, 60))
            self.emit(
                "wishes",
                at(day, self.rng),
                about=self.rng.choice(("care_plan", "placement", "contact", "school")),
            )

    def _workers(self, start: date, end: date) -> None:
        rng = self.rng
        rate = 1.3 if rng.random() < 0.3 else 0.5
        day = start
        while day < end:
            self.workers += 1
            told = rng.random() < PRACTICE["child_told_of_worker_change"]
            self.emit(
                "sw_change",
                at(day, rng),
                sw_id=f"SW{rng.randrange(1000, 9999)}",
                reason=rng.choice(
                    ("MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "OTHERS")
                ),
                told="Y" if told or day == start else "N",
            )
            day += days(rng.expovariate(rate / 365) + 30)

    def _visits(self, start: date, end: date, moves: list[tuple[date, bool]]) -> None:
        rng = self.rng
        visit_days = [start + timedelta(days=rng.randrange(1, 8))]
        visit_days += [m + timedelta(days=rng.randrange(1, 9)) for m, _ in moves]
        day = start + timedelta(days=42)
        while day < end:
            visit_days.append(day - timedelta(days=rng.randrange(0, 10)))
            day += timedelta(days=42)
        for visit in sorted(visit_days):
            if visit >= end:
                continue
            seen = rng.random() < 0.95
            alone = seen and self.child.age_on(visit) >= 8 and rng.random() < 0.65
            self.emit(
                "visit", at(visit, rng), seen="Y" if seen else "N", alone="Y" if alone else "N"
            )

    def _voice(self, start: date, end: date) -> None:
        """The child asks for a service, perhaps again and again (VOI-2)."""
        rng = self.rng
        if self.child.age_on(start) < 10 or rng.random() >= 0.25:
            return
        service = rng.choice(("therapy", "counselling", "contact", "advocate"))
        day = start + timedelta(days=rng.randrange(30, 200))
        answered = rng.random() < PRACTICE["request_answered"]
        for asked in range(rng.randrange(1, 4)):
            if day >= end:
                return
            self.emit("child_request", at(day, rng), service=service)
            if answered and asked == 0:
                self.emit(
                    "service", at(day + timedelta(days=rng.randrange(5, 25)), rng), service=service
                )
                return
            day += timedelta(days=rng.randrange(30, 120))

    def _escalations(self, start: date, end: date) -> None:
        rng = self.rng
        day = start + days(rng.expovariate(0.12 / 365))
        while day < end:
            due = add_working_days(day, 20)
            escalation = self.emit(
                "escalation",
                at(day, rng),
                due=due.isoformat(),
                raised_by=rng.choice(("iro", "school", "health", "police")),
            )
            if rng.random() < PRACTICE["escalation_resolved_in_time"]:
                escalation.end = at(due - timedelta(days=rng.randrange(0, 15)), rng)
            elif rng.random() < 0.6:
                escalation.end = at(due + timedelta(days=rng.randrange(5, 60)), rng)
            day += days(rng.expovariate(0.12 / 365) + 30)
