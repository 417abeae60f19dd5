"""The working-day calendar: England and Wales bank holidays from the maintained ``holidays`` package.

Bank holidays come from ``holidays.country_holidays("GB", subdiv="ENG")`` (the python-holidays
project, https://github.com/vacanza/holidays, MIT licence), which follows the dates the UK
Government publishes at https://www.gov.uk/bank-holidays, including one-off holidays such as the
2022 State Funeral and the 2023 Coronation. Nothing is typed in by hand here.

The calendar table has one row per day: ``day``, ``is_working`` (Monday to Friday and not a bank
holiday), ``wd_ord`` (working days up to and including the day) and ``start_utc`` (the UTC instant
of local midnight in Europe/London, so that day boundaries and "72 hours" are real time across a
clock change).

Working-day arithmetic: ``add_working_days(d, n)`` is the n-th working day after ``d``; a day that is
not a working day counts from the next working day ("within 20 working days of a move on a Saturday"
ends on the 20th working day after the Saturday). Every working-day window in the rules uses the
calendar table, through :func:`fullpicture.rules.patterns.working_day_deadline`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import holidays
import pyarrow as pa

from fullpicture.rules.spec import LONDON

HOLIDAY_SOURCE = "python-holidays, country GB, subdivision ENG (England and Wales bank holidays)"


@lru_cache(maxsize=8)
def bank_holidays(first_year: int, last_year: int) -> frozenset[date]:
    """Return the England and Wales bank holidays in the years given (inclusive)."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return frozenset(calendar.keys())


def is_working_day(day: date) -> bool:
    """True for Monday to Friday when the day is not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays(day.year, day.year)


def add_working_days(day: date, n: int) -> date:
    """Return the ``n``-th working day after ``day`` (``n`` >= 1)."""
    current, counted = day, 0
    while counted < n:
        current += timedelta(days=1)
        counted += is_working_day(current)
    return current


def _local_midnight_utc(day: date) -> datetime:
    local = datetime(day.year, day.month, day.day, tzinfo=LONDON)
    return local.astimezone(UTC).replace(tzinfo=None)


@lru_cache(maxsize=16)
def calendar_table(first: date, last: date) -> pa.Table:
    """Build the calendar table for every day from ``first`` to ``last`` inclusive.

    Returns:
        An Arrow table: ``day`` (date32), ``is_working`` (bool), ``wd_ord`` (int64),
        ``start_utc`` (timestamp, naive UTC).
    """
    off = bank_holidays(first.year, last.year)
    days, working, ordinal, starts = [], [], [], []
    count = 0
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        is_working = day.weekday() < 5 and day not in off
        count += is_working
        days.append(day)
        working.append(is_working)
        ordinal.append(count)
        starts.append(_local_midnight_utc(day))
    return pa.table(
        {
            "day": pa.array(days, pa.date32()),
            "is_working": pa.array(working, pa.bool_()),
            "wd_ord": pa.array(ordinal, pa.int64()),
            "start_utc": pa.array(starts, pa.timestamp("us")),
        }
    )
