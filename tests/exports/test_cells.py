from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullpicture.exports.cells import neutralise_cell, write_safe_csv

PAYLOADS = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    '=HYPERLINK("http://example.invalid","x")',
    " =1+1",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
    "\n=1+1",
    "\t",
    "\rtext",
    "  @A1",
    "\x01=1",
    '=IMPORTXML(A1,"//a")',
    "-2+3+cmd|' /C calc'!A0",
    '+"x"',
    "\uff1d1+1",  # full-width equals sign
    "@",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_should_neutralise_every_formula_payload(payload):
    assert neutralise_cell(payload).startswith("'")


@pytest.mark.parametrize("value", ["-12", "+3.5", "-1e3", "12", "Carys", "", "a=b", "CF10 1AA"])
def test_should_leave_numbers_and_plain_text_alone(value):
    assert neutralise_cell(value) == value


@given(st.text())
def test_should_never_return_text_a_spreadsheet_would_run(value):
    safe = neutralise_cell(value)
    first = safe.lstrip(" \t\r\n\x00")[:1]
    assert (
        safe.startswith("'")
        or first not in {"=", "+", "-", "@"}
        or safe.lstrip("+-")[:1].isdigit()
        or first == "."
    )


def test_should_write_every_cell_neutralised_and_read_back_as_written():
    stream = io.StringIO()
    write_safe_csv([["a", "b"], ["=1+1", "-12"]], stream)
    assert list(csv.reader(io.StringIO(stream.getvalue()))) == [["a", "b"], ["'=1+1", "-12"]]
