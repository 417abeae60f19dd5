"""Dates as agencies write them, read with their precision and uncertainty.

Accepted forms (day-first unless the mapping says ``day_first = false``): ISO ``2021-05-03``
(also ``2021/05/03``; with ``T``/space time and optional offset), ``03/05/2021``, ``3/5/21``,
``3.5.2021``, ``3 May 2021``, ``3-May-21``, ``May 3 2021``, each optionally with a weekday before
it (``Mon 3 May 2021``) and a time ``14:05[:33]`` after it (also ``2:05 pm``, ``at 14:05``, or the
time first: ``14:05 03/05/2021``); month only (``May 2021``, ``05/2021``, ``2021-05``) gives
precision ``month``; a year alone gives ``year``. A leading ``?``, or ``c.``, ``circa``,
``approx.``, ``about`` (or a trailing ``?``) marks the date uncertain. Formats declared in the
mapping are tried first. Anything else, or anything implausible, is rejected with a reason
rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from fullpicture.intake.problems import InvalidValue
from fullpicture.vocabulary import DatePrecision

LONDON = ZoneInfo("Europe/London")
EARLIEST_YEAR = 1900
"""Dates before this are rejected as implausible for people alive in children's services."""

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = (
    r"(?:[ t](?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?"
    r"(?: ?(?P<ampm>am|pm|a\.m\.|p\.m\.))?(?P<tz>z|[+-]\d{2}:?\d{2})?)?"
)
_ISO = re.compile(r"(?P<y>\d{4})(?P<isep>[-/])(?P<m>\d{1,2})(?P=isep)(?P<d>\d{1,2})" + _TIME + r"$")
_NUMERIC = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})" + _TIME + "$"
)
_NAMED = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[ -](?P<mon>[a-z]+)\.?,?[ -](?P<y>\d{2}|\d{4})" + _TIME + "$"
)
_NAMED_US = re.compile(
    r"(?P<mon>[a-z]+)\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})" + _TIME + "$"
)
_MONTH_NAMED = re.compile(r"(?P<mon>[a-z]+)\.?[ -](?P<y>\d{2}|\d{4})$")
_MONTH_NUMERIC = re.compile(r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})$|(?P<y2>\d{4})-(?P<m2>\d{1,2})$")
_YEAR = re.compile(r"\d{4}$")
_WEEKDAY = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,? "
)
_AT_TIME = re.compile(r",? at (?=\d{1,2}:\d{2})|, (?=\d{1,2}:\d{2})")
_TIME_FIRST = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?),? (.+)$")
_ROUGHLY = re.compile(
    r"(?:c\.|ca\.|c|circa|approx\.?|approximately|about|around|est\.|estimated) ",
    re.IGNORECASE,
)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date as read: the first day of its precision period, the time if known, and flags.

    Attributes:
        day: the date (the first day of the month or year for coarser precision).
        at: the UTC instant when a time of day was given, else None.
        precision: exact (with time), day, month or year.
        uncertain: the source marked the date uncertain with a leading ``?``.
    """

    day: date
    at: datetime | None
    precision: DatePrecision
    uncertain: bool


_LATEST_YEAR = date.today().year + 5
"""Extracts may carry planned dates (review due, plan end) a little into the future. Computed
once per process: asking the clock for every value costs more than the rest of the parse."""


def _full_year(text: str) -> int:
    """Expand a two-digit year: the most recent such year not more than a year ahead."""
    if len(text) == 4:
        return int(text)
    value = int(text)
    pivot = (date.today().year + 1) % 100
    return 2000 + value if value <= pivot else 1900 + value


def _month_number(name: str) -> int:
    number = _MONTHS.get(name)
    if number is None:
        raise InvalidValue(f"{name!r} is not a month name")
    return number


def _checked_date(year: int, month: int, day: int) -> date:
    if not EARLIEST_YEAR <= year <= _LATEST_YEAR:
        raise InvalidValue(f"the year {year} is implausible")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidValue(f"not a real date ({exc})") from None


def _instant(day: date, match: re.Match[str]) -> datetime | None:
    """Return the UTC instant for the time part of ``match`` (UK local time unless an offset)."""
    if match.group("hh") is None:
        return None
    hour, minute, second = (
        int(match.group("hh")),
        int(match.group("mi")),
        int(match.group("ss") or 0),
    )
    half = match.group("ampm")
    if half is not None:
        if not 1 <= hour <= 12:
            raise InvalidValue("not a real time of day (a 12-hour clock runs from 1 to 12)")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidValue("not a real time of day")
    local = datetime.combine(day, time(hour, minute, second))
    tz = match.group("tz")
    if tz is None:
        return local.replace(tzinfo=LONDON).astimezone(UTC)
    if tz == "z":
        return local.replace(tzinfo=UTC)
    return datetime.fromisoformat(local.isoformat() + tz[:3] + ":" + tz[-2:]).astimezone(UTC)


def _with_time(day: date, match: re.Match[str], uncertain: bool) -> ParsedDate:
    at = _instant(day, match)
    precision = DatePrecision.DAY if at is None else DatePrecision.EXACT
    return ParsedDate(day, at, precision, uncertain)


def _numeric(match: re.Match[str], day_first: bool, uncertain: bool) -> ParsedDate:
    first, second = int(match.group("a")), int(match.group("b"))
    day, month = (first, second) if day_first else (second, first)
    found = _checked_date(_full_year(match.group("y")), month, day)
    return _with_time(found, match, uncertain)


def _named(match: re.Match[str], uncertain: bool) -> ParsedDate:
    month = _month_number(match.group("mon"))
    found = _checked_date(_full_year(match.group("y")), month, int(match.group("d")))
    return _with_time(found, match, uncertain)


def _month_only(text: str, uncertain: bool) -> ParsedDate | None:
    match = _MONTH_NAMED.match(text)
    if match and match.group("mon") in _MONTHS:
        found = _checked_date(_full_year(match.group("y")), _MONTHS[match.group("mon")], 1)
        return ParsedDate(found, None, DatePrecision.MONTH, uncertain)
    match = _MONTH_NUMERIC.match(text)
    if match:
        year, month = match.group("y") or match.group("y2"), match.group("m") or match.group("m2")
        if not 1 <= int(month) <= 12:
            raise InvalidValue(f"{month} is not a month")
        found = _checked_date(int(year), int(month), 1)
        return ParsedDate(found, None, DatePrecision.MONTH, uncertain)
    return None


def _precision_of(fmt: str) -> DatePrecision:
    if "%H" in fmt or "%I" in fmt:
        return DatePrecision.EXACT
    if "%d" in fmt or "%j" in fmt:
        return DatePrecision.DAY
    if "%m" in fmt or "%b" in fmt or "%B" in fmt:
        return DatePrecision.MONTH
    return DatePrecision.YEAR


_DIRECTIVES = {
    "d": r"(?P<d>\d{1,2})",
    "m": r"(?P<m>\d{1,2})",
    "Y": r"(?P<Y>\d{4})",
    "y": r"(?P<y>\d{2})",
    "H": r"(?P<H>\d{1,2})",
    "M": r"(?P<M>\d{1,2})",
    "S": r"(?P<S>\d{1,2})",
    "b": r"(?P<b>[a-z]{3})",
    "B": r"(?P<B>[a-z]+)",
    "%": "%",
}
_ABBREVIATED = {name: n for name, n in _MONTHS.items() if len(name) == 3}
_FULL = {name: n for name, n in _MONTHS.items() if len(name) > 3 and name != "sept"} | {"may": 5}


@lru_cache(maxsize=256)
def _format_pattern(fmt: str) -> re.Pattern[str] | None:
    """Compile a strptime format of the common directives into a regex (None for the rest).

    ``datetime.strptime`` costs about 20 microseconds a call; a million-row extract declares its
    format once and then pays that for every distinct value.
    """
    out: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"(%.)", fmt):
        if part.startswith("%") and len(part) == 2:
            if part[1] not in _DIRECTIVES or part[1] in seen:
                return None  # an unusual directive, or a repeated group: leave it to strptime
            seen.add(part[1] if part[1] != "%" else "")
            out.append(_DIRECTIVES[part[1]])
        else:
            out.append(r"\s+".join(re.escape(word) for word in part.split(" ")))
    return re.compile("".join(out) + "$", re.IGNORECASE)


def _two_digit_year(text: str) -> int:
    value = int(text)
    return 2000 + value if value < 69 else 1900 + value  # the rule strptime applies to %y


def _from_pattern(pattern: re.Pattern[str], text: str) -> datetime:
    match = pattern.match(text)
    if match is None:
        raise ValueError(text)
    found = match.groupdict()
    year = int(found["Y"]) if found.get("Y") else 1900
    if found.get("y"):
        year = _two_digit_year(found["y"])
    month = int(found.get("m") or 1)
    if found.get("b"):
        month = _ABBREVIATED[found["b"].lower()]
    if found.get("B"):
        month = _FULL[found["B"].lower()]
    hour, minute, second = (int(found.get(k) or 0) for k in "HMS")
    return datetime(year, month, int(found.get("d") or 1), hour, minute, second)


def strptime(text: str, fmt: str) -> datetime:
    """``datetime.strptime`` with a fast path for the common directives; same results.

    Raises:
        ValueError: the text does not match the format or is not a real date and time.
    """
    pattern = _format_pattern(fmt)
    if pattern is None:
        return datetime.strptime(text, fmt)
    try:
        return _from_pattern(pattern, text)
    except KeyError:
        raise ValueError(text) from None


def _declared(text: str, formats: tuple[str, ...], uncertain: bool) -> ParsedDate | None:
    for fmt in formats:
        try:
            found = strptime(text, fmt)
        except ValueError:
            continue
        precision = _precision_of(fmt)
        day = _checked_date(found.year, found.month, found.day)
        at = None
        if precision is DatePrecision.EXACT:
            at = found.replace(tzinfo=found.tzinfo or LONDON).astimezone(UTC)
        return ParsedDate(day, at, precision, uncertain)
    return None


def _normalised(lowered: str) -> str:
    """One spelling for the ways a time and a weekday are written around a date."""
    lowered = _WEEKDAY.sub("", lowered, count=1) if _WEEKDAY.match(lowered) else lowered
    lowered = _AT_TIME.sub(" ", lowered)
    first = _TIME_FIRST.match(lowered)
    return f"{first.group(2)} {first.group(1)}" if first else lowered


def _builtin(text: str, day_first: bool, uncertain: bool) -> ParsedDate:
    lowered = _normalised(text.lower())
    match = _ISO.match(lowered)
    if match:
        found = _checked_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        return _with_time(found, match, uncertain)
    match = _NUMERIC.match(lowered)
    if match:
        return _numeric(match, day_first, uncertain)
    match = _NAMED.match(lowered) or _NAMED_US.match(lowered)
    if match:
        return _named(match, uncertain)
    month = _month_only(lowered, uncertain)
    if month is not None:
        return month
    if _YEAR.match(lowered):
        return ParsedDate(_checked_date(int(lowered), 1, 1), None, DatePrecision.YEAR, uncertain)
    if _SERIAL.match(lowered):
        raise InvalidValue(
            "looks like a spreadsheet serial date number; export dates as text such as 03/05/2021"
        )
    raise InvalidValue("not a date in a recognised form (e.g. 03/05/2021, 3 May 2021, 2021-05-03)")


def _uncertainty(value: str) -> tuple[str, bool]:
    """The value without its mark of uncertainty (a leading ``?`` or ``c.``, ``circa``,
    ``approx.``, ``about``; a trailing ``?``), and whether it had one."""
    if value.startswith("?"):
        return value[1:].strip(), True
    if value.endswith("?"):
        return value[:-1].strip(), True
    rough = _ROUGHLY.match(value)
    if rough is not None:
        return value[rough.end() :].strip(), True
    return value, False


@lru_cache(maxsize=65536)
def parse_date(text: str, formats: tuple[str, ...] = (), day_first: bool = True) -> ParsedDate:
    """Read one date value with its precision and uncertainty.

    Results are cached: extracts repeat the same dates many times.

    Args:
        text: the value as read (surrounding spaces are ignored).
        formats: strptime formats declared by the mapping, tried first.
        day_first: read ambiguous numeric dates day-first (UK), else month-first.

    Returns:
        The parsed date.

    Raises:
        InvalidValue: the value is not a date, is ambiguous in form, or is implausible.
    """
    value = " ".join(text.split())
    value, uncertain = _uncertainty(value)
    if not value:
        raise InvalidValue("no date after the mark of uncertainty")
    found = _declared(value, formats, uncertain) if formats else None
    return found if found is not None else _builtin(value, day_first, uncertain)


def format_date(parsed: ParsedDate) -> str:
    """Write a parsed date back in the UK form that :func:`parse_date` reads to the same value."""
    mark = "?" if parsed.uncertain else ""
    if parsed.precision is DatePrecision.YEAR:
        return f"{mark}{parsed.day.year}"
    if parsed.precision is DatePrecision.MONTH:
        return f"{mark}{parsed.day:%m/%Y}"
    if parsed.precision is DatePrecision.DAY or parsed.at is None:
        return f"{mark}{parsed.day:%d/%m/%Y}"
    local = parsed.at.astimezone(LONDON)
    return f"{mark}{local:%d/%m/%Y %H:%M:%S}"
