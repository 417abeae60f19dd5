"""Keyed pseudonyms, separated by purpose (security requirement 38).

A pseudonym is HMAC-SHA256 of the normalised identifier under a key derived from the master key
file for one purpose (``derive_key(master, "pseudonym:<purpose>")``). Without the key nobody can
recompute it (a bare hash of an NHS number is reversed by trying all ten-digit numbers), and
the same child gets unrelated pseudonyms in two purposes, so two extracts cannot be joined
unless both were made for the same purpose. The key never leaves the key file; pseudonyms carry
no part of it.

No output of fullpicture publishes identifiers today (analysts see counts only; anonymised
chronologies replace names); any future record-level extract must take its ids from here.
"""

from __future__ import annotations

import base64
import hmac
import re
import unicodedata
from dataclasses import dataclass
from hashlib import sha256

from fullpicture.audit.keys import derive_key
from fullpicture.errors import ConfigurationError

_PURPOSE = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
_SEPARATORS = re.compile(r"[\s\-]+")


def normalise_identifier(identifier: str) -> str:
    """The form that is keyed: Unicode NFC, no spaces or hyphens, upper case.

    ``943 476 5919``, ``943-476-5919`` and ``9434765919`` are one NHS number.
    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFC", identifier)).upper()


@dataclass(frozen=True)
class Pseudonymiser:
    """Makes the pseudonyms of one purpose; build it with :func:`pseudonymiser_for`."""

    purpose: str
    key: bytes

    def __repr__(self) -> str:  # never print the key
        return f"Pseudonymiser(purpose={self.purpose!r})"

    def pseudonym(self, identifier: str) -> str:
        """Return the pseudonym of ``identifier`` for this purpose (26 characters, base32)."""
        normalised = normalise_identifier(identifier)
        if not normalised:
            raise ValueError("an empty identifier has no pseudonym")
        digest = hmac.new(self.key, normalised.encode(), sha256).digest()
        return base64.b32encode(digest[:16]).decode().rstrip("=")


def pseudonymiser_for(master_key: bytes, purpose: str) -> Pseudonymiser:
    """Return the pseudonymiser of ``purpose`` (lower-case words joined by hyphens).

    Raises:
        ConfigurationError: the purpose is not a plain name.
    """
    if not _PURPOSE.match(purpose):
        raise ConfigurationError(
            f"Pseudonym purpose {purpose!r} is not a plain name.",
            hint="Use lower-case letters, digits and hyphens, e.g. 'research-extract'.",
        )
    return Pseudonymiser(purpose, derive_key(master_key, f"pseudonym:{purpose}"))
