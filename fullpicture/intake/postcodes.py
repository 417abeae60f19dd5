"""UK postcodes, normalised to the Royal Mail form ``AA9A 9AA`` (upper case, one space)."""

from __future__ import annotations

import re

from fullpicture.intake.problems import InvalidValue

_POSTCODE = re.compile(r"(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)[0-9][A-Z]{2}$")


def normalise_postcode(text: str) -> str:
    """Return the postcode upper-cased with one space before the inward code.

    Raises:
        InvalidValue: the value is not shaped like a UK postcode.
    """
    compact = "".join(text.split()).upper()
    if not _POSTCODE.match(compact):
        raise InvalidValue("not a UK postcode (e.g. CF10 1AA)")
    return f"{compact[:-3]} {compact[-3:]}"
