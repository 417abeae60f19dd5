"""National identifiers: NHS number (mod-11 check digit) and UPN (check letter), validated.

Both are checked, never repaired: a value that fails is reported with the reason, and the row
keeps the raw value visible (see ``docs/intake.md``, "Invalid identifiers").
"""

from __future__ import annotations

import re

from fullpicture.intake.problems import InvalidValue

_NHS_SEPARATORS = re.compile(r"[\s-]")
_SCIENTIFIC = re.compile(r"[0-9.]+e[+-]?[0-9]+$", re.IGNORECASE)
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # pragma: allowlist secret
"""The 23 letters of the UPN check alphabet (no I, O or S), position = value."""


def _reject_spreadsheet_number(text: str) -> None:
    if _SCIENTIFIC.match(text):
        raise InvalidValue(
            "a number in scientific notation: a spreadsheet has lost digits; "
            "export the column as text"
        )
    if text.endswith(".0"):
        raise InvalidValue("a decimal number: a spreadsheet has reformatted it; export as text")


def nhs_check_digit(first_nine: str) -> int | None:
    """Return the mod-11 check digit for nine digits, or None when no digit is possible."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def parse_nhs_number(text: str) -> str:
    """Validate an NHS number and return its ten digits.

    Spaces and hyphens (``943 476 5919``) are allowed. Numbers of one repeated digit are
    placeholders, not NHS numbers.

    Raises:
        InvalidValue: not ten digits, or the check digit does not match.
    """
    value = text.strip()
    _reject_spreadsheet_number(value)
    digits = _NHS_SEPARATORS.sub("", value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        raise InvalidValue("an NHS number has 10 digits")
    if len(set(digits)) == 1:
        raise InvalidValue("a placeholder, not an NHS number")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise InvalidValue("the check digit does not match: a digit is wrong or transposed")
    return digits


def _upn_value(char: str) -> int:
    return int(char) if char.isdigit() else UPN_LETTERS.index(char)


def upn_check_letter(body: str) -> str:
    """Return the check letter for the 12 characters that follow it in a UPN.

    Each character is weighted by its position (2 to 13); a temporary UPN's final letter
    counts as its position in :data:`UPN_LETTERS`. The sum modulo 23 indexes that alphabet.
    """
    total = sum(_upn_value(char) * weight for char, weight in zip(body, range(2, 14), strict=True))
    return UPN_LETTERS[total % 23]


_UPN = re.compile(r"[A-Z]\d{11}[0-9" + UPN_LETTERS + "]$")


def parse_upn(text: str) -> str:
    """Validate a Unique Pupil Number (permanent, or temporary with a final letter).

    Raises:
        InvalidValue: wrong shape, or the check letter does not match.
    """
    value = text.strip().upper().replace(" ", "")
    if not _UPN.match(value):
        raise InvalidValue(
            "a UPN is a check letter, 11 digits and a final digit (or a letter when temporary)"
        )
    if value[0] not in UPN_LETTERS or upn_check_letter(value[1:]) != value[0]:
        raise InvalidValue("the check letter does not match: a character is wrong or transposed")
    return value
