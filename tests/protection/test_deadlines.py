"""Subject access request deadlines against the ICO's examples (requirement 22)."""

from __future__ import annotations

from datetime import date

import pytest

from fullpicture.errors import ProtectionError
from fullpicture.protection.deadlines import (
    check_extension_notice,
    extended_deadline,
    response_deadline,
)


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        (date(2025, 9, 3), date(2025, 10, 3), "ICO example: 3 September -> 3 October"),
        (date(2025, 1, 31), date(2025, 2, 28), "no 31 February: last day of February"),
        (date(2024, 1, 31), date(2024, 2, 29), "leap year: 29 February"),
        (date(2025, 3, 31), date(2025, 4, 30), "no 31 April: 30 April"),
        (date(2025, 9, 4), date(2025, 10, 6), "4 October is a Saturday: Monday 6 October"),
        (date(2025, 9, 5), date(2025, 10, 6), "5 October is a Sunday: Monday 6 October"),
        (date(2025, 11, 25), date(2025, 12, 29), "Christmas, Boxing Day, weekend: 29 December"),
        (date(2025, 4, 5), date(2025, 5, 6), "5 May 2025 is the early May bank holiday"),
        (date(2025, 12, 15), date(2026, 1, 15), "across a year end"),
    ],
)
def test_should_compute_the_one_month_deadline(received, due, why):
    assert response_deadline(received) == due, why


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 9, 3), date(2025, 12, 3)),
        (date(2025, 11, 30), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2025, 10, 25), date(2026, 1, 26)),  # 25 January 2026 is a Sunday
    ],
)
def test_should_compute_the_extended_deadline_three_months_from_receipt(received, due):
    assert extended_deadline(received) == due


def test_should_allow_an_extension_only_when_notified_within_the_first_month():
    assert check_extension_notice(date(2025, 9, 3), date(2025, 10, 3)) == date(2025, 12, 3)
    with pytest.raises(ProtectionError, match="by 2025-10-03"):
        check_extension_notice(date(2025, 9, 3), date(2025, 10, 4))
    with pytest.raises(ProtectionError, match="before the request"):
        check_extension_notice(date(2025, 9, 3), date(2025, 9, 2))
