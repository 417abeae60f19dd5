"""The simulated world: people, households and the episodes of their lives.

The life simulation (:mod:`fullpicture.synth.lives`) produces these plain objects for one household
at a time; each agency module turns the episodes it would know about into rows of its own extract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

WINDOW_START = date(2019, 4, 1)
"""First day simulated: the start of the 2019/20 reporting year."""
WINDOW_END = date(2025, 3, 31)
"""Last day simulated: the end of the 2024/25 reporting year (31 March, the census date)."""


@dataclass(slots=True)
class Person:
    """One true person of the synthetic local authority."""

    true_id: str
    given_name: str
    middle_name: str
    family_name: str
    date_of_birth: date
    sex: str  # "male" | "female"
    ethnicity: str  # 903 / CIN ethnicity code
    is_child: bool
    household_id: str
    role: str  # child, mother, father, step_parent, partner
    nhs_number: str
    upn: str = ""
    step_family_name: str = ""  # a step-parent's surname some agencies use for the child
    moved_in: date | None = None  # for adults who join the household during the window
    moved_out: date | None = None

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``."""
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def eighteenth(self) -> date:
        """The 18th birthday (29 February birthdays fall on 1 March)."""
        born = self.date_of_birth
        try:
            return born.replace(year=born.year + 18)
        except ValueError:
            return date(born.year + 18, 3, 1)


@dataclass(slots=True)
class Episode:
    """Something that happened in a life, as the agencies involved would record it.

    ``kind`` is a domain word (``referral``, ``placement``, ``missing`` ...); the agency modules
    decide which rows and events each kind becomes. ``attrs`` hold domain values (codes, flags).
    """

    kind: str
    subject: str
    start: datetime
    end: datetime | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    participants: tuple[str, ...] = ()
    ref: str = ""


@dataclass(slots=True)
class Tenancy:
    """A household's address for a period."""

    ref: str
    address: str
    postcode: str
    start: date
    end: date | None
    social: bool  # held by the council's housing service (so in the housing extract)


@dataclass(slots=True)
class Household:
    """A household: its members over time, addresses and the episodes of its members' lives."""

    household_id: str
    index: int
    adversity: str  # low, moderate, high, severe: drives the hazard of every concern
    people: list[Person] = field(default_factory=list)
    tenancies: list[Tenancy] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    peers: list[tuple[str, str]] = field(default_factory=list)  # (child, peer elsewhere)

    @property
    def children(self) -> list[Person]:
        """The children of the household (the cohort members)."""
        return [p for p in self.people if p.is_child]

    @property
    def adults(self) -> list[Person]:
        """The adults who live (or come to live) in the household."""
        return [p for p in self.people if not p.is_child]

    def person(self, true_id: str) -> Person:
        """Return the member with ``true_id``."""
        for p in self.people:
            if p.true_id == true_id:
                return p
        raise KeyError(true_id)


@dataclass(frozen=True, slots=True)
class Observation:
    """One canonical event as an agency's extract will show it (used to derive the truth)."""

    event_type: str
    subject: str
    when: datetime
    source: str
    attrs: tuple[tuple[str, str], ...] = ()
    participants: tuple[str, ...] = ()
    ref: str = ""

    def attr(self, key: str) -> str:
        """The attribute ``key``, or an empty string."""
        for k, v in self.attrs:
            if k == key:
                return v
        return ""
