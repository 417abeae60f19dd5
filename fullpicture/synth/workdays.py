"""Working days in England (weekends and England bank holidays excluded), 2000 to 2035."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

import holidays

_FIRST, _LAST = date(2000, 1, 1), date(2035, 12, 31)


@lru_cache(maxsize=1)
def _working_ordinals() -> list[int]:
    """Ordinals of every working day in range, ascending (looked up by bisection)."""
    bank = {
        d.toordinal()
        for d in holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2036))
    }
    return [
        n
        for n in range(_FIRST.toordinal(), _LAST.toordinal() + 1)
        if n not in bank and date.fromordinal(n).weekday() < 5
    ]


def _check(day: date) -> None:
    if not _FIRST <= day <= _LAST:
        raise ValueError(f"{day} is outside the working-day calendar ({_FIRST} to {_LAST})")


def is_working_day(day: date) -> bool:
    """True for a weekday that is not an England bank holiday."""
    _check(day)
    ordinals = _working_ordinals()
    i = bisect_right(ordinals, day.toordinal())
    return i > 0 and ordinals[i - 1] == day.toordinal()


def add_working_days(day: date, count: int) -> date:
    """The date ``count`` working days after ``day`` (``count`` >= 0)."""
    _check(day)
    if count <= 0:
        return day
    ordinals = _working_ordinals()
    return date.fromordinal(ordinals[bisect_right(ordinals, day.toordinal()) + count - 1])


def working_days_between(first: date, last: date) -> int:
    """Working days after ``first`` up to and including ``last`` (0 when ``last <= first``)."""
    if last <= first:
        return 0
    ordinals = _working_ordinals()
    return bisect_right(ordinals, last.toordinal()) - bisect_right(ordinals, first.toordinal())
