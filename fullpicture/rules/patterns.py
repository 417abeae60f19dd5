"""Reusable Ibis building blocks for rules: type filters, working-day deadlines, paired episodes,
clusters of events in a window, and open periods.

Conventions (see :mod:`fullpicture.rules.snapshot`): ``day_lo``/``day_hi`` and ``t_lo``/``t_hi`` are
the earliest and latest possible day and instant of an event. Deadlines run from the *latest*
possible moment of the event that starts the clock; a response counts if its *earliest* possible
moment is in time. Events count together in a window only if their whole span fits inside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ibis
import ibis.expr.types as ir

from fullpicture.rules.snapshot import Tables

TRUE_WORDS = ("true", "1", "yes", "y", "t")
FALSE_WORDS = ("false", "0", "no", "n", "f")
HOUSEHOLD_ROLES = (
    "parent",
    "child",
    "step_parent",
    "step_child",
    "partner_of_parent",
    "partners_child",
    "sibling",
    "household_member",
    "carer",
    "cared_for",
)


def of_types(events: ir.Table, types: Iterable[str]) -> ir.Table:
    """Events whose type is one of ``types``."""
    return events.filter(events.event_type.isin(sorted(set(types))))


def is_true(value: ir.StringValue) -> ir.BooleanValue:
    """True when a text attribute says yes (true, 1, yes, y, t; any case)."""
    return value.lower().isin(TRUE_WORDS).fill_null(False)


def is_false(value: ir.StringValue) -> ir.BooleanValue:
    """True when a text attribute says no (false, 0, no, n, f; any case)."""
    return value.lower().isin(FALSE_WORDS).fill_null(False)


def mentions_any(value: ir.StringValue, words: Iterable[str]) -> ir.BooleanValue:
    """True when the lower-cased text contains any of ``words``."""
    lowered = value.lower()
    result: Any = ibis.literal(False)
    for word in words:
        result = result | lowered.contains(word.lower())
    return result.fill_null(False)


def to_date(value: ir.Value) -> ir.DateValue:
    """Cast a date-plus-interval (a timestamp on some backends) back to a date."""
    return value.cast("date")


def plus_months(day: ir.DateValue, months: int) -> ir.DateValue:
    """The same day ``months`` calendar months later (31 Jan + 1 month = 28/29 Feb)."""
    return to_date(day + ibis.interval(months=months))


def plus_days(day: ir.DateValue, days: int) -> ir.DateValue:
    """The day ``days`` days later (negative for earlier)."""
    return to_date(day + ibis.interval(days=days))


def with_context(table: ir.Table, tables: Tables) -> ir.Table:
    """Add the run's ``as_of_day`` and ``as_of_ts`` columns."""
    return table.cross_join(tables.context)


def working_day_deadline(
    table: ir.Table, tables: Tables, day_column: str, n: int, name: str
) -> ir.Table:
    """Add column ``name``: the ``n``-th working day after ``table[day_column]``.

    Uses the calendar's working-day ordinal, so weekends and England and Wales bank holidays are
    skipped; a start on a non-working day counts from the next working day.
    """
    cal = tables.calendar
    start = cal.select(_wd_day=cal.day, _wd_ord=cal.wd_ord)
    joined = table.join(start, table[day_column] == start._wd_day)
    end = cal.filter(cal.is_working).select(**{name: cal.day, "_wd_end": cal.wd_ord})
    joined = joined.join(end, joined._wd_ord + n == end._wd_end)
    return joined.drop("_wd_day", "_wd_ord", "_wd_end")


def prefixed(events: ir.Table, prefix: str, columns: Iterable[str]) -> ir.Table:
    """Select ``columns`` of ``events`` renamed to ``<prefix>_<column>`` (for self-joins)."""
    return events.select(**{f"{prefix}_{c}": events[c] for c in columns})


BASIC = ("event_id", "person_id", "event_type", "day", "day_lo", "day_hi", "t_lo", "t_hi")


def next_of(
    events: ir.Table, starts: Iterable[str], ends: Iterable[str], extra: Iterable[str] = ()
) -> ir.Table:
    """Pair each start event with the person's next event of the start/end kinds, if an end.

    Returns one row per start: ``s_*`` columns of the start and ``e_*`` columns of its end (null
    while open). Ties on time are ordered by event id, so identical timestamps pair predictably.
    """
    starts, ends = tuple(starts), tuple(ends)
    cols = (*BASIC, *extra)
    both = of_types(events, (*starts, *ends))
    order = ibis.window(group_by=both.person_id, order_by=[both.t_lo, both.event_id])
    both = both.mutate(
        _next_type=both.event_type.lead().over(order), _next_id=both.event_id.lead().over(order)
    )
    s = both.filter(both.event_type.isin(starts))
    s = s.select(_next_type=s._next_type, _next_id=s._next_id, **{f"s_{c}": s[c] for c in cols})
    e = prefixed(of_types(events, ends), "e", cols)
    joined = s.left_join(e, (s._next_id == e.e_event_id) & s._next_type.isin(ends))
    return joined.drop("_next_type", "_next_id")


def clusters(
    items: ir.Table,
    *,
    n: int,
    months: int | None = None,
    days: int | None = None,
    distinct: str | None = None,
) -> ir.Table:
    """Group a person's events into episodes where ``n`` or more fall inside one window.

    Args:
        items: events with ``person_id``, ``event_id``, ``day_lo``, ``day_hi`` (and ``distinct``).
        n: how many events (or distinct values of ``distinct``) make a window count.
        months: window length in calendar months (12 months from 29 Feb ends on 28 Feb), or
        days: window length in days.
        distinct: count distinct values of this column instead of events.

    Returns:
        One row per episode (overlapping qualifying windows merged): ``person_id``,
        ``anchor_key`` (id of the episode's first event), ``anchor_on``, ``last_on``,
        ``count`` (events in the episode), ``kinds`` (distinct values, when ``distinct``) and
        ``evidence`` (event ids in time order).
    """
    kind = items[distinct] if distinct else items.event_id.cast("string")
    base = items.select(
        pid=items.person_id, eid=items.event_id, lo=items.day_lo, hi=items.day_hi, kind=kind
    )
    a = base.select(a_pid=base.pid, a_id=base.eid, a_lo=base.lo, a_hi=base.hi)
    b = base.select(b_pid=base.pid, b_id=base.eid, b_lo=base.lo, b_kind=base.kind)
    window_start = (
        plus_months(a.a_hi, -months) if months is not None else plus_days(a.a_hi, -(days or 0))
    )
    pairs = a.join(
        b,
        [
            a.a_pid == b.b_pid,
            b.b_lo >= window_start,
            (b.b_lo < a.a_lo) | ((b.b_lo == a.a_lo) & (b.b_id <= a.a_id)),
        ],
    )
    windows = pairs.group_by("a_pid", "a_id", "a_lo").aggregate(
        w_count=pairs.b_kind.nunique(), w_first=pairs.b_lo.min()
    )
    windows = windows.filter(windows.w_count >= n)
    order = ibis.window(
        group_by=windows.a_pid, order_by=[windows.a_lo, windows.a_id], rows=(None, -1)
    )
    prev_end = windows.a_lo.max().over(order)
    windows = windows.mutate(
        w_new=ibis.ifelse(prev_end.isnull() | (windows.w_first > prev_end), 1, 0)
    )
    running = ibis.window(
        group_by=windows.a_pid, order_by=[windows.a_lo, windows.a_id], rows=(None, 0)
    )
    windows = windows.mutate(episode=windows.w_new.sum().over(running))
    members = pairs.join(windows, [pairs.a_pid == windows.a_pid, pairs.a_id == windows.a_id])
    members = members.select(
        pid=pairs.a_pid, episode=windows.episode, eid=pairs.b_id, lo=pairs.b_lo, kind=pairs.b_kind
    )
    members = members.distinct()
    grouped = members.group_by("pid", "episode").aggregate(
        evidence=members.eid.collect(order_by=[members.lo, members.eid]),
        anchor_on=members.lo.min(),
        last_on=members.lo.max(),
        count=members.eid.count(),
        kinds=members.kind.nunique(),
    )
    return grouped.select(
        person_id=grouped.pid,
        anchor_key=grouped.evidence[0].cast("string"),
        anchor_on=grouped.anchor_on,
        last_on=grouped.last_on,
        count=grouped["count"],
        kinds=grouped.kinds,
        evidence=grouped.evidence,
    )


def household(tables: Tables, roles: Iterable[str] = HOUSEHOLD_ROLES) -> ir.Table:
    """Kin of the given roles: ``person_id``, ``member_id``, ``role``, ``start_date``, ``end_date``."""
    return tables.kin.filter(tables.kin.role.isin(sorted(set(roles))))


def age_below(born: ir.DateValue, day: ir.DateValue, years: int) -> ir.BooleanValue:
    """True when someone born on ``born`` was under ``years`` old on ``day`` (unknown: false)."""
    return (day < plus_months(born, 12 * years)).fill_null(False)


def evidence_of(*ids: ir.IntegerValue) -> ir.ArrayValue:
    """An evidence array from event id columns (nulls dropped)."""
    return ibis.array(list(ids)).filter(lambda x: x.notnull())


def finding(table: ir.Table, **columns: Any) -> ir.Table:
    """Select a finding's columns from ``table`` (see :mod:`fullpicture.rules.spec`)."""
    return table.select(**columns)


def open_at(
    table: ir.Table,
    tables: Tables,
    starts: Iterable[str],
    ends: Iterable[str],
    *,
    day_column: str = "day_lo",
    person_column: str = "person_id",
) -> ir.Table:
    """Rows of ``table`` whose person had a period (a start with no end yet) open on the day.

    A period opened by any of ``starts`` stays open until an end event at or after it; the end
    closes it only if it certainly came before the day (so an uncertain end keeps it open).
    """
    s = of_types(tables.events, starts).select(_o_pid="person_id", _o_lo="day_lo", _o_t="t_lo")
    joined = table.join(s, [table[person_column] == s._o_pid, s._o_lo <= table[day_column]])
    joined = joined.filter(joined._o_pid.notnull())  # settles the join before the anti-join
    e = of_types(tables.events, ends).select(_c_pid="person_id", _c_t="t_lo", _c_hi="day_hi")
    joined = joined.anti_join(
        e, [joined._o_pid == e._c_pid, e._c_t >= joined._o_t, e._c_hi < joined[day_column]]
    )
    return joined.select(*table.columns).distinct()
