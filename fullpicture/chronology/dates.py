"""Dates as a chronology shows them: with their precision and uncertainty kept visible."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from fullpicture.vocabulary import DatePrecision

LONDON = ZoneInfo("Europe/London")

# Coarser dates sort before finer ones that start on the same day: "May 2021" comes before
# "1 May 2021", because a month-precision event may have happened on the 1st.
PRECISION_RANK = {
    DatePrecision.YEAR.value: 0,
    DatePrecision.MONTH.value: 1,
    DatePrecision.DAY.value: 2,
    DatePrecision.EXACT.value: 2,
}


def format_when(
    on: date, precision: str, uncertain: bool = False, at: datetime | None = None
) -> str:
    """Write a date at its precision, with a leading ``?`` when the agency was unsure.

    Args:
        on: first day of the precision period.
        precision: one of :class:`fullpicture.vocabulary.DatePrecision`.
        uncertain: the agency marked the date as uncertain.
        at: the instant, when the time of day is known (shown in UK time).

    Returns:
        ``"3 May 2021 14:05"``, ``"3 May 2021"``, ``"May 2021"``, ``"2021"``, or one of these
        prefixed with ``?``.

    Examples:
        >>> format_when(date(2021, 5, 3), "month", uncertain=True)
        '?May 2021'
    """
    if precision == DatePrecision.YEAR:
        text = f"{on.year}"
    elif precision == DatePrecision.MONTH:
        text = on.strftime("%B %Y")
    else:
        text = f"{on.day} {on.strftime('%B %Y')}"
        if precision == DatePrecision.EXACT and at is not None:
            # The store keeps instants in UTC; SQLite hands them back without a zone.
            instant = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
            local = instant.astimezone(LONDON)
            text += f" {local.strftime('%H:%M')}"
    return f"?{text}" if uncertain else text


def is_day_precise(precision: str) -> bool:
    """Return True when the date names a single day (day or exact precision)."""
    return precision in (DatePrecision.DAY, DatePrecision.EXACT)


def describe_span(days: int) -> str:
    """Say how long ``days`` is in plain words: ``"7 months"``, ``"1 year and 2 months"``.

    Examples:
        >>> describe_span(214)
        '7 months'
    """
    months = int(days / 30.4375)
    if months < 1:
        return f"{days} days"
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years > 1 else ""))
    if months:
        parts.append(f"{months} month" + ("s" if months > 1 else ""))
    return " and ".join(parts)
