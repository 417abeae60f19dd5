"""Households and the people in them: parents, step-parents, partners who come and go, siblings
(twins too), with the addresses they live at over the simulated years.

Each household gets a level of *adversity* (low, moderate, high, severe). It stands for the mix of
parental mental ill-health, domestic abuse, substance misuse and poverty that drives how often
agencies become involved; the life simulation reads it as a hazard multiplier.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from fullpicture.synth import names
from fullpicture.synth.identifiers import new_nhs_number, new_postcode
from fullpicture.synth.model import WINDOW_END, WINDOW_START, Household, Person, Tenancy

ADVERSITY_MIX: tuple[tuple[str, float], ...] = (
    ("low", 0.48),
    ("moderate", 0.30),
    ("high", 0.16),
    ("severe", 0.06),
)
"""Share of households at each level of adversity (the cohort is children known to agencies)."""

_EARLIEST_DOB = WINDOW_START - timedelta(days=18 * 365)
_LATEST_DOB = WINDOW_END - timedelta(days=60)
_STREETS = (
    "Mill Lane",
    "Church Street",
    "Station Road",
    "Victoria Road",
    "Park Avenue",
    "Queens Road",
    "Meadow Close",
    "Orchard Way",
    "Canal Side",
    "Albion Terrace",
    "Chapel Row",
    "Moor View",
)


def weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    """Draw one key from ``(key, weight)`` pairs."""
    roll = rng.random() * sum(w for _, w in table)
    for key, weight in table:
        roll -= weight
        if roll <= 0:
            return key
    return table[-1][0]


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A day drawn uniformly between ``first`` and ``last`` inclusive."""
    span = (last - first).days
    return first + timedelta(days=rng.randrange(span + 1)) if span > 0 else first


def _surname(rng: random.Random, ethnicity: str) -> str:
    pool = names.ASIAN_OR_AFRICAN_SURNAMES.get(ethnicity[0])
    return rng.choice(pool) if pool and rng.random() < 0.8 else rng.choice(names.SURNAMES)


def _given(rng: random.Random, sex: str) -> str:
    return rng.choice(names.GIRLS if sex == "female" else names.BOYS)


class _Builder:
    """Builds one household; person ids derive from the household index, not a global counter."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.household = Household(
            household_id=f"H{index:07d}",
            index=index,
            adversity=weighted(rng, ADVERSITY_MIX),
        )

    def add(self, **kwargs: object) -> Person:
        people = self.household.people
        person = Person(
            true_id=f"T{self.index:07d}{len(people):02d}",
            household_id=self.household.household_id,
            nhs_number=new_nhs_number(self.rng),
            **kwargs,  # type: ignore[arg-type]
        )
        people.append(person)
        return person


def build_household(rng: random.Random, index: int, max_children: int) -> Household:
    """Create household ``index`` with between one and ``max_children`` children.

    Args:
        rng: the household's own random stream.
        index: household number, used for stable ids.
        max_children: the most children this household may hold (the cohort's remainder).
    """
    builder = _Builder(rng, index)
    ethnicity = weighted(rng, names.ETHNICITY_MIX)
    eldest = random_day(rng, _EARLIEST_DOB, _LATEST_DOB)
    young_mother = rng.random() < (
        0.06 if builder.household.adversity in ("high", "severe") else 0.01
    )
    mother_age_at_first = rng.randrange(15, 18) if young_mother else rng.randrange(18, 40)
    mother = builder.add(
        given_name=_given(rng, "female"),
        middle_name="",
        family_name=_surname(rng, ethnicity),
        date_of_birth=eldest - timedelta(days=365 * mother_age_at_first + rng.randrange(365)),
        sex="female",
        ethnicity=ethnicity,
        is_child=False,
        role="mother",
    )
    father = _add_father(builder, ethnicity)
    _add_children(builder, mother, father, eldest, max_children)
    _add_partner(builder, ethnicity, father)
    _add_tenancies(builder)
    return builder.household


def _add_father(builder: _Builder, ethnicity: str) -> Person | None:
    rng = builder.rng
    present = (
        rng.random()
        < {"low": 0.75, "moderate": 0.6, "high": 0.45, "severe": 0.4}[builder.household.adversity]
    )
    if not present:
        return None
    mother = builder.household.people[0]
    father = builder.add(
        given_name=_given(rng, "male"),
        middle_name="",
        family_name=_surname(rng, ethnicity),
        date_of_birth=mother.date_of_birth - timedelta(days=rng.randrange(-700, 3000)),
        sex="male",
        ethnicity=ethnicity,
        is_child=False,
        role="father",
    )
    if (
        rng.random()
        < {"low": 0.1, "moderate": 0.2, "high": 0.35, "severe": 0.45}[builder.household.adversity]
    ):
        father.moved_out = random_day(rng, WINDOW_START, WINDOW_END - timedelta(days=200))
    return father


def _child_surname(rng: random.Random, mother: Person, father: Person | None) -> str:
    if father is None:
        return mother.family_name
    if rng.random() < 0.08 and father.family_name != mother.family_name:
        return f"{mother.family_name}-{father.family_name}"
    return father.family_name if rng.random() < 0.8 else mother.family_name


def _add_children(
    builder: _Builder, mother: Person, father: Person | None, eldest: date, max_children: int
) -> None:
    rng = builder.rng
    wanted = min(max_children, rng.choices((1, 2, 3, 4, 5), (0.32, 0.34, 0.2, 0.1, 0.04))[0])
    born = eldest
    surname = _child_surname(rng, mother, father)
    count = 0
    while count < wanted and born <= _LATEST_DOB:
        twins = count + 2 <= wanted and rng.random() < 0.03
        for _ in range(2 if twins else 1):
            sex = "female" if rng.random() < 0.49 else "male"
            builder.add(
                given_name=_given(rng, sex),
                middle_name=_given(rng, sex) if rng.random() < 0.6 else "",
                family_name=surname,
                date_of_birth=born,
                sex=sex,
                ethnicity=mother.ethnicity if rng.random() < 0.9 else "MOTH",
                is_child=True,
                role="child",
            )
            count += 1
        born = born + timedelta(days=rng.randrange(330, 1800))


def _add_partner(builder: _Builder, ethnicity: str, father: Person | None) -> None:
    rng = builder.rng
    hh = builder.household
    chance = {"low": 0.08, "moderate": 0.18, "high": 0.35, "severe": 0.45}[hh.adversity]
    if (father is not None and father.moved_out is None) or rng.random() >= chance:
        return
    earliest = (
        father.moved_out + timedelta(days=30) if father and father.moved_out else WINDOW_START
    )
    if earliest >= WINDOW_END - timedelta(days=120):
        return
    mother = hh.people[0]
    married = rng.random() < 0.35
    partner = builder.add(
        given_name=_given(rng, "male"),
        middle_name="",
        family_name=_surname(rng, ethnicity),
        date_of_birth=mother.date_of_birth - timedelta(days=rng.randrange(-1500, 4000)),
        sex="male",
        ethnicity=ethnicity if rng.random() < 0.7 else weighted(rng, names.ETHNICITY_MIX),
        is_child=False,
        role="step_parent" if married else "partner",
        moved_in=random_day(rng, earliest, WINDOW_END - timedelta(days=90)),
    )
    if rng.random() < 0.4 and partner.moved_in:
        partner.moved_out = random_day(rng, partner.moved_in + timedelta(days=60), WINDOW_END)
    if married or rng.random() < 0.3:
        for child in hh.children:
            if rng.random() < 0.7:
                child.step_family_name = partner.family_name


def _add_tenancies(builder: _Builder) -> None:
    rng = builder.rng
    hh = builder.household
    social = rng.random() < {"low": 0.35, "moderate": 0.5, "high": 0.7, "severe": 0.8}[hh.adversity]
    moves = rng.choices((0, 1, 2), (0.6, 0.3, 0.1))[0]
    starts = sorted(random_day(rng, WINDOW_START, WINDOW_END) for _ in range(moves))
    begin = WINDOW_START - timedelta(days=rng.randrange(30, 3000))
    for n, end in enumerate([*starts, None]):
        hh.tenancies.append(
            Tenancy(
                ref=f"{hh.household_id}-{n}",
                address=f"{rng.randrange(1, 180)} {rng.choice(_STREETS)}",
                postcode=new_postcode(rng),
                start=begin,
                end=end,
                social=social,
            )
        )
        if end is not None:
            begin = end
