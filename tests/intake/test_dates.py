from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullpicture.intake.dates import LONDON, ParsedDate, format_date, parse_date, strptime
from fullpicture.intake.problems import InvalidValue
from fullpicture.vocabulary import DatePrecision as P

days = st.dates(min_value=date(1901, 1, 1), max_value=date(2030, 12, 31))


@pytest.mark.parametrize(
    ("text", "day", "precision", "uncertain"),
    [
        ("03/05/2021", date(2021, 5, 3), P.DAY, False),
        ("3/5/21", date(2021, 5, 3), P.DAY, False),
        ("3.5.2021", date(2021, 5, 3), P.DAY, False),
        ("3 May 2021", date(2021, 5, 3), P.DAY, False),
        ("3-May-21", date(2021, 5, 3), P.DAY, False),
        ("3rd September 2021", date(2021, 9, 3), P.DAY, False),
        ("2021-05-03", date(2021, 5, 3), P.DAY, False),
        ("2021-05-03T14:05:00", date(2021, 5, 3), P.EXACT, False),
        ("03/05/2021 14:05", date(2021, 5, 3), P.EXACT, False),
        ("May 2021", date(2021, 5, 1), P.MONTH, False),
        ("05/2021", date(2021, 5, 1), P.MONTH, False),
        ("2021-05", date(2021, 5, 1), P.MONTH, False),
        ("2021", date(2021, 1, 1), P.YEAR, False),
        ("?3/5/2021", date(2021, 5, 3), P.DAY, True),
        ("? May 2021", date(2021, 5, 1), P.MONTH, True),
        ("5/3/85", date(1985, 3, 5), P.DAY, False),
        ("2021/05/03", date(2021, 5, 3), P.DAY, False),
        ("Mon 3 May 2021", date(2021, 5, 3), P.DAY, False),
        ("Monday, 3 May 2021", date(2021, 5, 3), P.DAY, False),
        ("3 May 2021 at 14:05", date(2021, 5, 3), P.EXACT, False),
        ("14:05 03/05/2021", date(2021, 5, 3), P.EXACT, False),
        ("c. 2019", date(2019, 1, 1), P.YEAR, True),
        ("circa May 2019", date(2019, 5, 1), P.MONTH, True),
        ("approx. 03/05/2021", date(2021, 5, 3), P.DAY, True),
        ("03/05/2021?", date(2021, 5, 3), P.DAY, True),
    ],
)
def test_should_read_uk_date_forms_with_precision(text, day, precision, uncertain):
    found = parse_date(text)
    assert (found.day, found.precision, found.uncertain) == (day, precision, uncertain)


def test_should_read_local_time_as_utc_instant_in_summer():
    found = parse_date("03/05/2021 14:05")
    assert found.at == datetime(2021, 5, 3, 13, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "hour"),
    [("03/05/2021 2:05 pm", 13), ("03/05/2021 12:05 PM", 11), ("03/05/2021 12:05 a.m.", 23)],
)
def test_should_read_a_twelve_hour_clock(text, hour):
    found = parse_date(text)  # UK summer time: the UTC hour is one less
    assert found.at is not None and (found.at.hour, found.at.minute) == (hour, 5)


def test_should_read_month_first_when_the_mapping_says_so():
    assert parse_date("05/03/2021", (), False).day == date(2021, 5, 3)


def test_should_try_declared_formats_first():
    found = parse_date("20210503", ("%Y%m%d",))
    assert (found.day, found.precision) == (date(2021, 5, 3), P.DAY)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("44321", "serial"),
        ("31/02/2021", "not a real date"),
        ("1850", "implausible"),
        ("03/05/2199", "implausible"),
        ("13/2021", "not a month"),
        ("yesterday", "not a date"),
        ("?", "no date"),
        ("03/05/2021 25:00", "not a real time"),
        ("03/05/2021 13:15 pm", "12-hour clock"),
    ],
)
def test_should_reject_values_that_are_not_plausible_dates_with_a_reason(text, reason):
    with pytest.raises(InvalidValue, match=reason):
        parse_date(text)


@given(day=days, precision=st.sampled_from([P.DAY, P.MONTH, P.YEAR]), uncertain=st.booleans())
def test_should_round_trip_dates_through_the_uk_form(day, precision, uncertain):
    first = {P.DAY: day, P.MONTH: day.replace(day=1), P.YEAR: day.replace(month=1, day=1)}
    original = ParsedDate(first[precision], None, precision, uncertain)
    assert parse_date(format_date(original)) == original


@given(moment=st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2030, 12, 31)))
def test_should_round_trip_exact_times_once_read(moment):
    parsed = parse_date(f"{moment:%d/%m/%Y %H:%M:%S}")
    assert parsed.precision is P.EXACT
    assert parse_date(format_date(parsed)) == parsed


@given(day=days)
def test_should_read_iso_and_uk_forms_of_a_day_alike(day):
    assert (
        parse_date(day.isoformat())
        == parse_date(f"{day:%d/%m/%Y}")
        == parse_date(f"{day:%d %b %Y}")
    )


def test_should_keep_the_wall_clock_of_an_exact_time():
    parsed = parse_date("03/01/2021 09:30")
    assert parsed.at is not None and parsed.at.astimezone(LONDON).strftime("%H:%M") == "09:30"


FORMATS = [
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%Y%m%d",
    "%d/%m/%y %H:%M:%S",
]


def _outcome(parse, text, fmt):
    try:
        return parse(text, fmt)
    except ValueError:
        return "invalid"


@given(
    moment=st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2030, 12, 31)),
    fmt=st.sampled_from(FORMATS),
)
def test_should_read_declared_formats_exactly_as_strptime_does(moment, fmt):
    text = moment.strftime(fmt)
    assert _outcome(strptime, text, fmt) == _outcome(datetime.strptime, text, fmt)


@given(text=st.text(alphabet="0123456789/:-. TJanMayb", max_size=20), fmt=st.sampled_from(FORMATS))
def test_should_refuse_what_strptime_refuses(text, fmt):
    assert _outcome(strptime, text, fmt) == _outcome(datetime.strptime, text, fmt)
