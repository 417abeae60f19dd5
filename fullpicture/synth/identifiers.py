"""Synthetic identifiers that pass the real checks: NHS numbers, UPNs, postcodes, agency ids.

NHS numbers are drawn from the 999 range that NHS England reserves for test data, so no number
can belong to a real person. UPNs use a fictional local authority number (999).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # pragma: allowlist secret
LA_NUMBER = "999"
"""The fictional local authority number used in UPNs."""
POSTCODE_AREA = "XA"
"""The fictional postcode area of the synthetic local authority (out-of-area placements use XB)."""


def nhs_check_digit(nine: str) -> int | None:
    """Return the mod-11 check digit for the first nine digits, or None when none exists."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(value: str) -> bool:
    """True when ``value`` is ten digits with a correct mod-11 check digit."""
    if len(value) != 10 or not value.isdigit():
        return False
    return nhs_check_digit(value[:9]) == int(value[9])


def new_nhs_number(rng: random.Random) -> str:
    """A valid NHS number in the 999 test range."""
    while True:
        nine = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = nhs_check_digit(nine)
        if check is not None:
            return nine + str(check)


def upn_check_letter(twelve: str) -> str:
    """The check letter of a UPN whose last twelve characters are ``twelve``."""
    total = 0
    for weight, ch in zip(range(2, 14), twelve, strict=True):
        total += weight * (int(ch) if ch.isdigit() else _UPN_LETTERS.index(ch.upper()))
    return _UPN_LETTERS[total % 23]


def is_valid_upn(value: str) -> bool:
    """True when ``value`` is a 13-character UPN with a correct check letter."""
    if len(value) != 13 or value[0] not in _UPN_LETTERS or not value[1:12].isdigit():
        return False
    return upn_check_letter(value[1:]) == value[0]


def new_upn(number: int) -> str:
    """A valid permanent UPN for person ``number``: check letter, LA number, nine more digits.

    The nine digits (school, year of issue, serial in a real UPN) are a permutation of
    ``number``, so different people never share a UPN.
    """
    twelve = f"{LA_NUMBER}{(number * 740_741 + 1_357) % 10**9:09d}"
    return upn_check_letter(twelve) + twelve


def new_postcode(rng: random.Random, *, area: str = POSTCODE_AREA) -> str:
    """A postcode in the given (fictional) area, e.g. ``XA4 7QD``."""
    inward = f"{rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    return f"{area}{rng.randrange(1, 20)} {inward}"


def opaque_ref(prefix: str, *parts: object) -> str:
    """A record reference that is stable for its parts but reveals nothing about them."""
    digest = hashlib.blake2b("|".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return f"{prefix}{int.from_bytes(digest, 'big') % 10**14:014d}"


def pnc_number(true_id: str, born: date) -> str:
    """A Police National Computer style number; the police and youth justice hold the same one."""
    return f"{born.year % 100:02d}/{opaque_ref('', true_id)[-6:]}"
