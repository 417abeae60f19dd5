import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullpicture.exports.cells import neutralise_cell


@pytest.mark.parametrize("value", ["=1+1", "+44 113", "-2", "@SUM(A1)", "\tx", "\rx", "\uff1d1"])
def test_should_prefix_cells_that_start_a_formula(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Seen alone", "1=1", "'quoted", " =padded"])
def test_should_leave_ordinary_cells_alone(value):
    assert neutralise_cell(value) == value


@given(st.text())
def test_should_keep_the_text_whole_and_never_start_a_formula(value):
    safe = neutralise_cell(value)
    assert safe.removeprefix("'") == value or safe == value
    assert not safe or safe[0] not in "=+-@\t\r"
