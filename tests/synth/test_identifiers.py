"""Synthetic identifiers pass the real checks."""

from __future__ import annotations

import random

from fullpicture.synth.identifiers import (
    is_valid_nhs_number,
    is_valid_upn,
    new_nhs_number,
    new_postcode,
    new_upn,
    opaque_ref,
)


def test_should_accept_a_published_test_nhs_number() -> None:
    assert is_valid_nhs_number("9434765919")
    assert not is_valid_nhs_number("9434765918")


def test_should_make_valid_nhs_numbers_in_the_test_range() -> None:
    rng = random.Random(1)
    for _ in range(200):
        number = new_nhs_number(rng)
        assert number.startswith("999") and is_valid_nhs_number(number)


def test_should_make_valid_and_distinct_upns() -> None:
    upns = {new_upn(n) for n in range(2000)}
    assert len(upns) == 2000
    assert all(is_valid_upn(u) for u in upns)


def test_should_reject_a_upn_with_a_wrong_check_letter() -> None:
    upn = new_upn(42)
    wrong = ("B" if upn[0] != "B" else "C") + upn[1:]
    assert not is_valid_upn(wrong)


def test_should_make_postcodes_in_the_fictional_area() -> None:
    code = new_postcode(random.Random(2))
    assert code.startswith("XA") and " " in code


def test_should_make_opaque_references_stable_and_distinct() -> None:
    assert opaque_ref("MP", "T1", 3) == opaque_ref("MP", "T1", 3)
    assert opaque_ref("MP", "T1", 3) != opaque_ref("MP", "T1", 4)
    assert "T1" not in opaque_ref("MP", "T1", 3)
