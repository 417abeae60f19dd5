"""Small helpers for placing episodes in time."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from fullpicture.synth.model import WINDOW_END, WINDOW_START, Person


def at(day: date, rng: random.Random, *, office: bool = True) -> datetime:
    """A datetime on ``day``: office hours, or any time of day when ``office`` is false."""
    if office:
        minutes = rng.randrange(8 * 60 + 30, 17 * 60 + 30)
    else:
        minutes = rng.randrange(24 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def days(n: float) -> timedelta:
    """A timedelta of ``n`` days (fractions allowed)."""
    return timedelta(days=n)


def childhood(person: Person) -> tuple[date, date]:
    """The part of the simulated window during which ``person`` is a child (maybe empty)."""
    first = max(WINDOW_START, person.date_of_birth)
    last = min(WINDOW_END, person.eighteenth() - timedelta(days=1))
    return first, last


def in_window(day: date) -> bool:
    """True when ``day`` lies in the simulated window."""
    return WINDOW_START <= day <= WINDOW_END


def exponential_days(rng: random.Random, mean_days: float) -> float:
    """An exponential waiting time in days with the given mean."""
    return rng.expovariate(1.0 / mean_days)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count (Knuth's method; means here are small)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit = 2.718281828459045**-mean
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
