"""Going missing (from care or from home) and the return home interviews that should follow.

About 11% of looked-after children go missing in a year, about 6.8 incidents each (a heavy-tailed
count), 90% of incidents lasting two days or less. Return interviews: about half of episodes lead
to one, 42% of those within 72 hours (calibration.md, section 6.3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.model import Episode, Household, Person
from fullpicture.synth.timing import at, days, poisson

PRACTICE: dict[str, float] = {
    "offered_within_72h": 0.58,  # TIM-1 fires for episodes with no offer or interview in 72 h
    "offered_later": 0.17,
    "interview_done": 0.5,
    "done_within_72h": 0.55,
    "declined": 0.15,
    "professionals_meeting": 0.5,  # LAC-6
}
"""Practice after a child returns from a missing episode."""

MISSING_CHILD_CHANCE: dict[int, float] = {9: 0.005, 12: 0.12, 17: 0.4}
"""Chance that a looked-after child of at most this age (mid-period) goes missing at all."""
MEAN_RATE = 7.5
"""Mean incidents per year for a child who goes missing; per child-year with any incident this
gives about 6.8 (DfE 2025), because years with none are not counted."""


def missing_hours(rng: random.Random) -> float:
    """Hours missing: about 90% within two days, a tail up to two weeks."""
    roll = rng.random()
    if roll < 0.55:
        return rng.uniform(1, 24)
    if roll < 0.9:
        return rng.uniform(24, 48)
    return rng.uniform(48, 336)


@dataclass
class MissingEpisodes:
    """Simulates one child's missing episodes."""

    household: Household
    child: Person
    rng: random.Random

    def _chance(self, day: date) -> float:
        age = self.child.age_on(day)
        for limit, chance in sorted(MISSING_CHILD_CHANCE.items()):
            if age <= limit:
                return chance
        return 0.0

    def from_care(self, start: date, end: date) -> None:
        """Missing episodes during a period of care, for a child who goes missing at all."""
        middle = start + (end - start) / 2
        if self.rng.random() < self._chance(middle):
            self._over(max(start, self.child.date_of_birth + timedelta(days=365 * 9)), end, "care")

    def from_home(self, start: date, end: date, chance: float) -> None:
        """Missing episodes from home for a child at risk."""
        if self.rng.random() < chance:
            self._over(start, end, "home")

    def _over(self, start: date, end: date, where: str) -> None:
        """A heavy-tailed rate per child (gamma), episodes as a Poisson process over the period."""
        if start >= end:
            return
        rate = self.rng.gammavariate(0.9, MEAN_RATE / 0.9)
        count = max(1, poisson(self.rng, rate * (end - start).days / 365))
        self._episodes(start, end, count, where)

    def _episodes(self, start: date, end: date, count: int, where: str) -> None:
        rng = self.rng
        span = max(1, (end - start).days)
        starts = sorted(start + timedelta(days=rng.randrange(span)) for _ in range(count))
        returns: list[datetime] = []
        last_return = datetime.min
        for day in starts:
            went = max(at(day, rng, office=False), last_return + timedelta(hours=6))
            back = went + timedelta(hours=missing_hours(rng))
            last_return = back
            kind = "M" if rng.random() < 0.82 else "A"
            ref = opaque_ref("MP", self.child.true_id, went)
            self.household.episodes.append(
                Episode(
                    "missing",
                    self.child.true_id,
                    went,
                    back,
                    {"kind": kind, "from": where},
                    ref=ref,
                )
            )
            self.return_interview(back, ref)
            returns.append(back)
        if len(returns) >= 3 and rng.random() < PRACTICE["professionals_meeting"]:
            meeting = returns[2] + days(rng.randrange(3, 20))
            self._emit("professionals_meeting", meeting)

    def _emit(self, kind: str, when: datetime, **attrs: str) -> None:
        self.household.episodes.append(Episode(kind, self.child.true_id, when, attrs=attrs))

    def return_interview(self, back: datetime, ref: str) -> None:
        """Offer and hold (or not) a return home interview after the child returns at ``back``."""
        rng = self.rng
        roll = rng.random()
        if roll < PRACTICE["offered_within_72h"]:
            offered: datetime | None = back + timedelta(hours=rng.uniform(2, 70))
        elif roll < PRACTICE["offered_within_72h"] + PRACTICE["offered_later"]:
            offered = back + timedelta(hours=rng.uniform(74, 400))
        else:
            offered = None
        if offered is None:
            return
        self._emit("rhi_offered", offered, missing_ref=ref)
        if rng.random() < PRACTICE["interview_done"] / (1 - 0.25):
            quick = rng.random() < PRACTICE["done_within_72h"]
            hours = rng.uniform(4, 71) if quick else rng.uniform(73, 500)
            done = max(offered + timedelta(hours=1), back + timedelta(hours=hours))
            self._emit("rhi_done", done, missing_ref=ref)
        elif rng.random() < PRACTICE["declined"] / 0.33:
            self._emit(
                "rhi_declined", offered + timedelta(hours=rng.uniform(1, 48)), missing_ref=ref
            )
