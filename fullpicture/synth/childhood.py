"""Universal services and adolescent risk: health (GP, emergency department, health visitor,
appointments the child was not brought to, CAMHS), school (absence, exclusions, moves, concerns,
young carers) and the risks of adolescence (exploitation, police contact, arrests, self-harm,
going missing from home, older associates).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fullpicture.synth.identifiers import new_upn
from fullpicture.synth.looked_after import LookedAfter
from fullpicture.synth.missing import MissingEpisodes
from fullpicture.synth.model import WINDOW_END, WINDOW_START, Episode, Household, Person
from fullpicture.synth.timing import at, childhood, days, poisson
from fullpicture.synth.workdays import add_working_days

PRACTICE: dict[str, float] = {
    "camhs_after_self_harm": 0.55,  # EXT-4
    "young_carer_assessed": 0.55,  # FAM-4
    "mace_shared": 0.5,  # SHR-2
}
"""Chance that each piece of good practice is done and recorded."""

_ADVERSITY = ("low", "moderate", "high", "severe")


def _scale(household: Household, values: tuple[float, float, float, float]) -> float:
    return values[_ADVERSITY.index(household.adversity)]


@dataclass
class Childhood:
    """Simulates one child's contact with universal services and adolescent risks."""

    household: Household
    child: Person
    rng: random.Random
    care: LookedAfter

    def emit(self, what: str, when: datetime, **attrs: str) -> Episode:
        episode = Episode(kind=what, subject=self.child.true_id, start=when, attrs=attrs)
        self.household.episodes.append(episode)
        return episode

    def run(self) -> None:
        """Simulate the child's whole time in the window."""
        first, last = childhood(self.child)
        if first > last:
            return
        self._events_at_rate("gp", first, last, 0.9)
        self._emergency_department(first, last)
        self._health_visiting(first, last)
        self._events_at_rate(
            "wnb", first, last, _scale(self.household, (0.05, 0.2, 0.5, 0.9)), clinic=True
        )
        self._school(first, last)
        teen = max(first, self.child.date_of_birth + timedelta(days=365 * 12))
        if teen < last:
            Adolescence(self).run(teen, last)

    def _events_at_rate(
        self, kind: str, first: date, last: date, per_year: float, *, clinic: bool = False
    ) -> None:
        rng = self.rng
        count = poisson(rng, per_year * ((last - first).days + 1) / 365)
        for _ in range(count):
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            if clinic:
                self.emit(
                    kind,
                    at(day, rng),
                    clinic=rng.choice(("PAED", "ENT", "DENT", "AUDIO", "OPHTH", "IMMS")),
                )
            else:
                self.emit(kind, at(day, rng))

    def _emergency_department(self, first: date, last: date) -> None:
        rng = self.rng
        rate = _scale(self.household, (0.2, 0.3, 0.45, 0.6))
        count = poisson(rng, rate * ((last - first).days + 1) / 365)
        for _ in range(count):
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            reason = rng.choices(("INJ", "ILL", "OTH"), (0.45, 0.45, 0.1))[0]
            self.emit("ed", at(day, rng, office=False), reason=reason)

    def _health_visiting(self, first: date, last: date) -> None:
        born = self.child.date_of_birth
        for offset, contact in ((12, "NBV"), (49, "6-8W"), (365, "1YR"), (760, "2YR")):
            day = born + timedelta(days=offset + self.rng.randrange(0, 20))
            if first <= day <= last:
                self.emit("hv", at(day, self.rng), contact=contact)

    def _school(self, first: date, last: date) -> None:
        rng = self.rng
        start_school = date(
            self.child.date_of_birth.year + 4 + (self.child.date_of_birth.month >= 9), 9, 1
        )
        leave = date(start_school.year + 12, 7, 20)
        first, last = max(first, start_school), min(last, leave)
        if first > last:
            return
        self.child.upn = new_upn(int(self.child.true_id[1:]))
        self.emit(
            "school_start", at(max(first, WINDOW_START), rng), school=str(rng.randrange(2000, 2060))
        )
        secondary = date(start_school.year + 7, 9, 3)
        if first < secondary <= last:
            self.emit("school_move", at(secondary, rng), school=str(rng.randrange(4000, 4020)))
        self._events_at_rate(
            "school_move_in_year", first, last, _scale(self.household, (0.03, 0.06, 0.12, 0.18))
        )
        self._terms(first, last)
        self._events_at_rate(
            "school_concern", first, last, _scale(self.household, (0.05, 0.2, 0.45, 0.7))
        )
        self._events_at_rate("achievement", first, last, 0.3)
        self._young_carer(first, last)

    def _terms(self, first: date, last: date) -> None:
        chance = _scale(self.household, (0.05, 0.14, 0.3, 0.45))
        for year in range(first.year - 1, last.year + 1):
            for term_end, term in (
                (date(year, 12, 20), "AUT"),
                (date(year + 1, 4, 1), "SPR"),
                (date(year + 1, 7, 20), "SUM"),
            ):
                if first <= term_end <= last and self.rng.random() < chance:
                    self.emit(
                        "persistent_absence", at(term_end, self.rng), term=f"{term}{year % 100:02d}"
                    )

    def _young_carer(self, first: date, last: date) -> None:
        rng = self.rng
        if self.child.age_on(last) < 8 or rng.random() >= _scale(
            self.household, (0.01, 0.04, 0.08, 0.1)
        ):
            return
        day = max(first, self.child.date_of_birth + timedelta(days=365 * 8)) + timedelta(
            days=rng.randrange(0, 400)
        )
        if day > last:
            return
        self.emit("young_carer", at(day, rng), by=rng.choice(("school", "social_care")))
        if rng.random() < PRACTICE["young_carer_assessed"]:
            self.emit(
                "young_carer_assessment", at(day + timedelta(days=rng.randrange(10, 80)), rng)
            )


class Adolescence:
    """Adolescent risk for one child aged 12 and over."""

    def __init__(self, life: Childhood) -> None:
        self.life = life
        self.rng = life.rng
        self.child = life.child
        base = _scale(life.household, (0.01, 0.05, 0.16, 0.3))
        self.at_risk = self.rng.random() < base * (1.3 if self.child.sex == "male" else 1.0)

    def run(self, first: date, last: date) -> None:
        """Simulate from the 12th birthday (or window start) to ``last``."""
        life = self.life
        life._events_at_rate(
            "police_incident", first, last, _scale(life.household, (0.03, 0.1, 0.25, 0.4))
        )
        self._self_harm(first, last)
        if self.rng.random() < _scale(life.household, (0.02, 0.08, 0.2, 0.3)):
            self._arrest(first + timedelta(days=self.rng.randrange(max(1, (last - first).days))))
        if not self.at_risk:
            return
        MissingEpisodes(life.household, self.child, self.rng).from_home(first, last, 0.3)
        onset = first + timedelta(days=self.rng.randrange(max(1, (last - first).days)))
        for kind, chance in (
            ("exclusion", 0.7),
            ("substance", 0.5),
            ("older_associates", 0.45),
            ("bereavement", 0.2),
            ("exploitation", 0.45),
            ("arrest", 0.8),
            ("police_incident", 0.6),
        ):
            if self.rng.random() < chance:
                day = onset + timedelta(days=self.rng.randrange(0, 150))
                if day <= last:
                    self._risk_event(kind, day)

    def _risk_event(self, kind: str, day: date) -> None:
        life, rng = self.life, self.rng
        if kind == "exploitation":
            life.emit(
                "exploitation", at(day, rng, office=False), code=rng.choice(("CSE", "CCE", "CCE"))
            )
            self._risk_assessment(day + timedelta(days=rng.randrange(3, 30)))
            if rng.random() < 0.6:
                mace = day + timedelta(days=rng.randrange(7, 40))
                life.emit("mace", at(mace, rng))
                if rng.random() < PRACTICE["mace_shared"]:
                    shared = at(mace + timedelta(days=rng.randrange(1, 6)), rng)
                    life.emit("info_shared", shared, **{"from": "mace", "to": "lac_review"})
        elif kind == "arrest":
            self._arrest(day)
        else:
            life.emit(kind, at(day, rng, office=kind == "exclusion"))

    def _arrest(self, day: date) -> None:
        """An arrest; a charge or caution brings a youth justice intervention."""
        life, rng = self.life, self.rng
        in_care = life.care.in_care(day)
        disposal = "charge" if rng.random() < 0.4 else rng.choice(("caution", "nfa", "nfa"))
        disposed = day + timedelta(days=rng.randrange(1, 60))
        life.emit(
            "arrest",
            at(day, rng, office=False),
            offence=rng.choice(("THEFT", "ASSAULT", "CRIMDAM", "POSS_DRUGS", "PWITS")),
            in_placement="Y" if in_care and rng.random() < 0.5 else "N",
            disposal=disposal,
            disposed=disposed.isoformat(),
        )
        if disposal == "nfa":
            return
        kind = (
            rng.choice(("RO", "RO", "YRO")) if disposal == "charge" else rng.choice(("YC", "TRI"))
        )
        start = disposed + timedelta(
            days=rng.randrange(14, 40) if disposal == "charge" else rng.randrange(0, 10)
        )
        episode = life.emit("yj_intervention", at(start, rng), kind=kind)
        episode.end = at(start + timedelta(days=rng.randrange(90, 365)), rng)
        if kind == "RO":
            episode.attrs["panel"] = add_working_days(start, rng.randrange(5, 20)).isoformat()

    def _risk_assessment(self, day: date) -> None:
        rng = self.rng
        due = day + timedelta(days=91)
        self.life.emit(
            "risk_assessment", at(day, rng), topic="exploitation", review_due=due.isoformat()
        )
        if rng.random() < PRACTICE_RISK_REVIEWED and due <= WINDOW_END:
            self.life.emit(
                "risk_review",
                at(due - timedelta(days=rng.randrange(0, 14)), rng),
                review_due=(due + timedelta(days=91)).isoformat(),
            )

    def _self_harm(self, first: date, last: date) -> None:
        rng = self.rng
        chance = _scale(self.life.household, (0.01, 0.03, 0.08, 0.12)) * (
            1.8 if self.child.sex == "female" else 0.6
        )
        if rng.random() >= chance:
            return
        day = first + timedelta(days=rng.randrange(max(1, (last - first).days)))
        visits = rng.choices((1, 2, 3), (0.4, 0.4, 0.2))[0]
        first_visit = day
        for _ in range(visits):
            if day > last:
                break
            self.life.emit("ed", at(day, rng, office=False), reason=rng.choice(("SH", "SH", "OD")))
            day += days(rng.randrange(7, 60))
        if rng.random() < PRACTICE["camhs_after_self_harm"]:
            self.camhs(first_visit + timedelta(days=rng.randrange(1, 14)))

    def camhs(self, day: date) -> None:
        """A referral to CAMHS, usually accepted, later discharged."""
        rng = self.rng
        accepted = day + timedelta(days=rng.randrange(20, 90)) if rng.random() < 0.75 else None
        discharged = accepted + timedelta(days=rng.randrange(120, 540)) if accepted else None
        episode = self.life.emit("camhs", at(day, rng))
        episode.attrs["accepted"] = accepted.isoformat() if accepted else ""
        episode.attrs["discharged"] = discharged.isoformat() if discharged else ""


PRACTICE_RISK_REVIEWED = 0.6
"""TIM-3: chance that a risk assessment is reviewed by its review date."""
