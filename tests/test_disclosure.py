"""Small-number suppression (requirement 39), as properties of fullpicture.disclosure and of the
analysts' figures that use it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullpicture.disclosure import round_half_up, suppress, suppress_table
from fullpicture.web.figures import SUPPRESS_BELOW, publish_lists

THRESHOLD = 5
counts = st.integers(min_value=0, max_value=40)


@st.composite
def tables(draw):
    rows = draw(st.integers(min_value=2, max_value=6))
    columns = draw(st.integers(min_value=2, max_value=6))
    return {(r, c): draw(counts) for r in range(rows) for c in range(columns)}


def _lines(table):
    rows = {r for r, _ in table}
    columns = {c for _, c in table}
    return [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]


@given(tables())
def test_should_publish_no_count_from_one_to_below_the_threshold(table):
    published = suppress_table(table, THRESHOLD)
    assert all(v is None or v == 0 or v >= THRESHOLD for v in published.values())
    assert all(published[k] in (None, v) for k, v in table.items())  # shown means exact


@given(tables())
def test_should_leave_no_row_or_column_with_exactly_one_suppressed_cell(table):
    published = suppress_table(table, THRESHOLD)
    for line in _lines(table):
        assert sum(1 for key in line if published[key] is None) != 1


@given(tables())
def test_should_publish_the_same_table_when_run_again(table):
    assert suppress_table(table, THRESHOLD) == suppress_table(
        dict(reversed(table.items())), THRESHOLD
    )


@given(
    st.dictionaries(st.sampled_from("abcdefg"), counts, min_size=2),
    st.dictionaries(st.sampled_from("pqrstuv"), counts, min_size=2),
)
def test_should_protect_the_analysts_two_breakdowns_of_the_same_events(agencies, types):
    shown_agencies, shown_types = publish_lists(agencies, types)
    for shown, raw in ((shown_agencies, agencies), (shown_types, types)):
        assert all(v is None or v == 0 or v >= SUPPRESS_BELOW for v in shown.values())
        assert sum(1 for v in shown.values() if v is None) != 1
        assert all(shown[k] in (None, raw[k]) for k in raw)


def test_should_hide_the_next_smallest_cell_in_a_line_with_one_small_count():
    published = suppress({"a": 3, "b": 7, "c": 9}, [["a", "b", "c"]], THRESHOLD)
    assert published == {"a": None, "b": None, "c": 9}


@pytest.mark.parametrize(
    ("count", "base", "rounded"),
    [(25, 10, 30), (24, 10, 20), (15, 10, 20), (14, 10, 10), (0, 10, 0), (7, 5, 5), (8, 5, 10)],
)
def test_should_round_half_up_explicitly(count, base, rounded):
    assert round_half_up(count, base) == rounded


def test_should_refuse_rounding_a_negative_count():
    with pytest.raises(ValueError):
        round_half_up(-1, 10)
