"""Recording noise: how each agency's record of a person or an event differs from the truth.

Identity noise (per agency profile): typos, nicknames (Liz for Elizabeth), step-parents' surnames,
double-barrelled names split, day and month swapped in a date of birth, missing NHS numbers,
duplicate records of one person. Event noise: late recording (``recorded_on`` after the event),
and a few deliberately bad rows (an impossible date, a missing subject id) that the intake must
quarantine. Every bad row is listed in ``truth/bad_rows.csv``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from fullpicture.synth.model import Person
from fullpicture.synth.names import NICKNAMES

EXTRACT_DATE = date(2025, 4, 30)
"""The day every agency took its extract; nothing is recorded after it."""


@dataclass(frozen=True, slots=True)
class IdentityProfile:
    """How carefully one agency records who a person is (each a chance per person record)."""

    nickname: float = 0.05
    typo: float = 0.02
    step_surname: float = 0.3  # a child with a step-parent is recorded under that surname
    split_double_barrel: float = 0.3
    dob_swap: float = 0.01
    nhs_present: float = 0.5
    duplicate: float = 0.01


@dataclass(frozen=True, slots=True)
class EventNoise:
    """Noise in one agency's event rows."""

    late: float = 0.05  # recorded 7-90 days after the event
    bad_row: float = 0.002  # a deliberately unparseable row


@dataclass(frozen=True, slots=True)
class Identity:
    """A person as one agency recorded them."""

    given_name: str
    middle_name: str
    family_name: str
    former_family_name: str
    known_as: str
    date_of_birth: date
    nhs_number: str
    noise: tuple[str, ...]  # which kinds of noise were applied, for the noise tests


def typo(rng: random.Random, text: str) -> str:
    """One keyboard slip: a dropped, doubled, swapped or replaced letter."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + rng.choice("aeiounrst") + text[i + 1 :]


def swap_day_month(day: date) -> date | None:
    """The date with day and month swapped, when that is a different valid date."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def recorded_identity(person: Person, profile: IdentityProfile, rng: random.Random) -> Identity:
    """How an agency with ``profile`` records ``person``."""
    noise: list[str] = []
    given, family, former, known_as = person.given_name, person.family_name, "", ""
    if given in NICKNAMES and rng.random() < profile.nickname:
        given = rng.choice(NICKNAMES[given])
        noise.append("nickname")
    if person.step_family_name and rng.random() < profile.step_surname:
        family, former = person.step_family_name, person.family_name
        noise.append("step_surname")
    elif "-" in family and rng.random() < profile.split_double_barrel:
        family = rng.choice(family.split("-"))
        noise.append("double_barrel")
    if rng.random() < profile.typo:
        if rng.random() < 0.5:
            given = typo(rng, given)
        else:
            family = typo(rng, family)
        noise.append("typo")
    born = person.date_of_birth
    swapped = swap_day_month(born) if rng.random() < profile.dob_swap else None
    if swapped is not None:
        born = swapped
        noise.append("dob_swap")
    nhs = person.nhs_number if rng.random() < profile.nhs_present else ""
    if not nhs:
        noise.append("nhs_missing")
    return Identity(given, person.middle_name, family, former, known_as, born, nhs, tuple(noise))


def recorded_on(rng: random.Random, occurred: date, noise: EventNoise) -> tuple[date, bool]:
    """The day the agency recorded an event, and whether that counts as late recording."""
    late = rng.random() < noise.late
    delay = rng.randrange(7, 91) if late else rng.choices((0, 1, 2, 3), (0.6, 0.25, 0.1, 0.05))[0]
    return min(occurred + timedelta(days=delay), max(occurred, EXTRACT_DATE)), late


def bad_date(rng: random.Random, style: str) -> str:
    """A date that no parser should accept, written in the spirit of ``style``."""
    if style == "iso":
        return rng.choice(("2021-02-30", "2022-13-04", "20XX-05-01", "0000-00-00"))
    if style == "dots":
        return rng.choice(("31.02.2021", "00.00.0000", "12.13.2022"))
    if style == "compact":
        return rng.choice(("20210230", "20221304", "00000000", "2021-99"))
    if style == "words":
        return rng.choice(("31 February 2021", "sometime in June", "N/K"))
    return rng.choice(("31/02/2021", "45/11/2020", "00/00/0000", "unknown", "2021/31/12"))
