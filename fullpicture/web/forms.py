"""Reading form values the GOV.UK way: collect every problem, keyed by the field's id."""

from __future__ import annotations

from datetime import date


def parse_day_month_year(day: str, month: str, year: str) -> date | None:
    """Return the date from the three GOV.UK date-input fields, or None when it is not real."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_iso_date(value: str) -> date | None:
    """Return the date in ``YYYY-MM-DD`` form, or None when it is empty or not a date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
