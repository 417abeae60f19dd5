"""Working days in England."""

from __future__ import annotations

from datetime import date

import pytest

from fullpicture.synth.workdays import add_working_days, is_working_day, working_days_between


def test_should_skip_weekends_and_bank_holidays() -> None:
    # Friday 20 December 2024 + 5 working days skips the weekend, Christmas and Boxing Day
    assert add_working_days(date(2024, 12, 20), 5) == date(2024, 12, 31)
    assert not is_working_day(date(2024, 12, 25))
    assert not is_working_day(date(2024, 12, 21))
    assert is_working_day(date(2024, 12, 24))


def test_should_count_working_days_between_two_dates() -> None:
    assert working_days_between(date(2024, 12, 20), date(2024, 12, 31)) == 5
    assert working_days_between(date(2024, 12, 31), date(2024, 12, 20)) == 0


def test_should_leave_the_day_alone_for_zero_days() -> None:
    assert add_working_days(date(2024, 12, 21), 0) == date(2024, 12, 21)


def test_should_refuse_days_outside_the_calendar() -> None:
    with pytest.raises(ValueError, match="outside"):
        add_working_days(date(1999, 1, 1), 3)
