"""Code values: translating an agency's codes through the mapping, and reading enumerations."""

from __future__ import annotations

from fullpicture.intake.problems import InvalidValue
from fullpicture.vocabulary import Sex

_SEX_CODES = {
    "m": Sex.MALE,
    "male": Sex.MALE,
    "1": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "2": Sex.FEMALE,
    "u": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN,
    "not known": Sex.UNKNOWN,
    "0": Sex.UNKNOWN,
    "9": Sex.UNKNOWN,
}
_TRUE = frozenset({"y", "yes", "true", "t", "1"})
_FALSE = frozenset({"n", "no", "false", "f", "0"})


class CodeMap:
    """One field's code translation: exact match first, then ignoring case and spaces."""

    __slots__ = ("_exact", "_folded")

    def __init__(self, codes: dict[str, str]) -> None:
        self._exact = dict(codes)
        self._folded = {key.strip().casefold(): value for key, value in codes.items()}

    def translate(self, value: str) -> str:
        """Return the canonical value for ``value``, or ``value`` itself when not listed."""
        found = self._exact.get(value)
        if found is None:
            found = self._folded.get(value.casefold(), value)
        return found


def parse_sex(text: str) -> str:
    """Read a recorded sex (``M``/``F``/``U``, words, or NHS codes 1/2/0/9).

    Raises:
        InvalidValue: not one of the known codes.
    """
    found = _SEX_CODES.get(text.strip().casefold())
    if found is None:
        raise InvalidValue("not a recorded sex (male, female, unknown, or M/F/U)")
    return found.value


def parse_flag(text: str) -> bool:
    """Read a yes/no value (``Y``/``N``, ``true``/``false``, ``1``/``0``).

    Raises:
        InvalidValue: not a yes/no value.
    """
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidValue("not a yes/no value (Y/N, true/false, 1/0)")


def parse_choice(text: str, allowed: frozenset[str], what: str) -> str:
    """Return ``text`` when it is one of ``allowed`` (after the mapping's translation).

    Raises:
        InvalidValue: naming ``what`` was expected and, when short, the allowed values.
    """
    if text in allowed:
        return text
    listed = ", ".join(sorted(allowed)) if len(allowed) <= 12 else "see docs/data-model.md"
    raise InvalidValue(f"not a known {what} ({listed}); add it to the mapping's [values]")
