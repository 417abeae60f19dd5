"""Subject access request deadlines, as the ICO's guidance on the right of access sets them.

* The time limit runs to the date in the next calendar month that corresponds to the day the
  request was received (received 3 September: respond by 3 October).
* When the next month has no such date, the limit is that month's last day (31 January: the
  last day of February).
* When the limit falls on a weekend or a bank holiday, it moves to the next working day
  (England and Wales bank holidays, from :mod:`fullpicture.rules.calendar`).
* A complex request may be extended by up to two further months, so the extended limit is three
  months from receipt (same rules), and the requester must be told within the first month.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from fullpicture.errors import ProtectionError
from fullpicture.rules.calendar import is_working_day

EXTENSION_MONTHS = 2


def add_calendar_months(day: date, months: int) -> date:
    """Return the corresponding date ``months`` later, or that month's last day if it has none."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working_day(day: date) -> date:
    """Return ``day`` if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def response_deadline(received_on: date) -> date:
    """The last day to respond to a request received on ``received_on`` (one calendar month)."""
    return next_working_day(add_calendar_months(received_on, 1))


def extended_deadline(received_on: date) -> date:
    """The last day to respond after extending by two further months (three from receipt)."""
    return next_working_day(add_calendar_months(received_on, 1 + EXTENSION_MONTHS))


def check_extension_notice(received_on: date, notified_on: date) -> date:
    """Return the extended deadline, if the requester was told of it within the first month.

    Raises:
        ProtectionError: the notice came after the original deadline, or before the request.
    """
    if notified_on < received_on:
        raise ProtectionError("The extension notice is dated before the request was received.")
    if notified_on > response_deadline(received_on):
        raise ProtectionError(
            "Too late to extend: the requester must be told within the first month "
            f"(by {response_deadline(received_on).isoformat()}).",
        )
    return extended_deadline(received_on)
