from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fullpicture.intake.identifiers import (
    UPN_LETTERS,
    nhs_check_digit,
    parse_nhs_number,
    parse_upn,
    upn_check_letter,
)
from fullpicture.intake.problems import InvalidValue


@st.composite
def nhs_numbers(draw: st.DrawFn) -> str:
    nine = draw(st.text("0123456789", min_size=9, max_size=9))
    check = nhs_check_digit(nine)
    assume(check is not None and len(set(nine + str(check))) > 1)
    return nine + str(check)


@st.composite
def upns(draw: st.DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=11, max_size=11))
    last = draw(st.sampled_from("0123456789" + UPN_LETTERS))  # a letter makes it temporary
    return upn_check_letter(body + last) + body + last


def _mutated(value: str, position: int, alphabet: str) -> str:
    other = [c for c in alphabet if c != value[position]]
    return value[:position] + other[0] + value[position + 1 :]


@given(nhs_numbers())
def test_should_accept_every_nhs_number_with_a_valid_check_digit(number):
    assert parse_nhs_number(f"{number[:3]} {number[3:6]} {number[6:]}") == number


@given(nhs_numbers(), st.integers(0, 9), st.integers(1, 9))
def test_should_reject_an_nhs_number_with_one_digit_changed(number, position, shift):
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    with pytest.raises(InvalidValue):
        parse_nhs_number(changed)


@given(upns())
def test_should_accept_every_upn_with_a_valid_check_letter(upn):
    assert parse_upn(upn.lower()) == upn


@given(upns(), st.integers(1, 11))
def test_should_reject_a_upn_with_one_digit_changed(upn, position):
    with pytest.raises(InvalidValue):
        parse_upn(_mutated(upn, position, "0123456789"))


def test_should_know_the_published_example_nhs_number():
    assert parse_nhs_number("943 476 5919") == "9434765919"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("9.43E+09", "scientific notation"),
        ("9434765919.0", "decimal"),
        ("943476591", "10 digits"),
        ("1111111111", "placeholder"),
        ("9434765918", "check digit"),
    ],
)
def test_should_reject_spreadsheet_damaged_or_wrong_nhs_numbers(text, reason):
    with pytest.raises(InvalidValue, match=reason):
        parse_nhs_number(text)


def test_should_reject_a_upn_of_the_wrong_shape():
    with pytest.raises(InvalidValue, match="11 digits"):
        parse_upn("A12345")
