"""Keyed pseudonyms separated by purpose (requirement 38), as properties."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullpicture.errors import ConfigurationError
from fullpicture.pseudonyms import normalise_identifier, pseudonymiser_for

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
nhs_numbers = st.text(alphabet="0123456789", min_size=10, max_size=10)
purposes = st.from_regex(r"[a-z][a-z0-9-]{1,20}", fullmatch=True)


def spaced(number: str, style: int) -> str:
    """The ways an NHS number is written: 3-3-4 with spaces or hyphens, or stray spaces."""
    forms = [
        number,
        f"{number[:3]} {number[3:6]} {number[6:]}",
        f"{number[:3]}-{number[3:6]}-{number[6:]}",
        f" {number[:5]}  {number[5:]} ",
    ]
    return forms[style]


@given(nhs_numbers, st.integers(0, 3), purposes)
def test_should_give_one_pseudonym_with_or_without_spaces_within_a_purpose(number, style, purpose):
    maker = pseudonymiser_for(KEY, purpose)
    assert maker.pseudonym(spaced(number, style)) == maker.pseudonym(number)


@given(nhs_numbers, purposes, purposes)
def test_should_differ_across_purposes(number, one, two):
    if one != two:
        first = pseudonymiser_for(KEY, one).pseudonym(number)
        assert first != pseudonymiser_for(KEY, two).pseudonym(number)


@given(nhs_numbers, purposes)
def test_should_differ_across_keys_and_reveal_neither_number_nor_key(number, purpose):
    mine = pseudonymiser_for(KEY, purpose).pseudonym(number)
    assert mine != pseudonymiser_for(OTHER_KEY, purpose).pseudonym(number)
    assert number not in mine and KEY.hex() not in mine
    assert KEY.hex() not in repr(pseudonymiser_for(KEY, purpose))


@given(nhs_numbers, nhs_numbers, purposes)
def test_should_keep_different_numbers_apart(one, two, purpose):
    maker = pseudonymiser_for(KEY, purpose)
    assert (maker.pseudonym(one) == maker.pseudonym(two)) == (one == two)


def test_should_not_be_a_bare_hash_of_the_number():
    import hashlib

    number = "9434765919"
    pseudonym = pseudonymiser_for(secrets.token_bytes(32), "research-extract").pseudonym(number)
    bare = hashlib.sha256(number.encode()).hexdigest()
    assert pseudonym.lower() not in bare and len(pseudonym) == 26


@pytest.mark.parametrize("purpose", ["", "Analytics", "a", "research extract", "x" * 60])
def test_should_refuse_a_purpose_that_is_not_a_plain_name(purpose):
    with pytest.raises(ConfigurationError):
        pseudonymiser_for(KEY, purpose)


def test_should_refuse_an_empty_identifier():
    assert normalise_identifier(" - ") == ""
    with pytest.raises(ValueError, match="empty"):
        pseudonymiser_for(KEY, "analytics").pseudonym(" - ")
