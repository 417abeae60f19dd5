"""Working days in England (weekends and England bank holidays excluded)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def _bank_holidays() -> frozenset[date]:
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2031))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """True for a weekday that is not an England bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays()


def add_working_days(day: date, count: int) -> date:
    """The date ``count`` working days after ``day`` (``count`` >= 0)."""
    current = day
    while count > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            count -= 1
    return current


def working_days_between(first: date, last: date) -> int:
    """Working days after ``first`` up to and including ``last`` (0 when ``last <= first``)."""
    count = 0
    current = first
    while current < last:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
