"""The TOTP second factor (RFC 6238, via pyotp), with replay protection by time step.

Each user's secret is kept in the store sealed (AES-256-GCM, :mod:`fullpicture.field_keys`)
and bound to that user's row, so a copied or swapped secret does not open.
"""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp

from fullpicture.field_keys import FieldCipher, is_sealed

STEP_SECONDS = 30
ALLOWED_DRIFT_STEPS = 1


def new_totp_secret() -> str:
    """Return a new random base32 TOTP secret."""
    return str(pyotp.random_base32())


def secret_place(user_id: int) -> str:
    """The associated data a user's sealed secret is bound to: its table, column and row."""
    return f"web_user.totp_secret:{user_id}"


def seal_secret(cipher: FieldCipher, user_id: int, secret: str) -> str:
    """Return the secret sealed for storage in ``user_id``'s row."""
    return cipher.seal(secret, secret_place(user_id))


def open_secret(cipher: FieldCipher, user_id: int, stored: object) -> str | None:
    """Return the user's TOTP secret from its stored form (None when the user has none).

    A secret stored before sealing existed is returned as it is; ``fullpicture keys rotate``
    seals those.

    Raises:
        SecretError: the sealed value does not open for this user.
    """
    if stored is None:
        return None
    text = str(stored)
    return cipher.open(text, secret_place(user_id)) if is_sealed(text) else text


def provisioning_uri(secret: str, username: str) -> str:
    """Return the ``otpauth://`` URI an authenticator app can import."""
    return str(pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="fullpicture"))


def current_code(secret: str, now: datetime) -> str:
    """Return the code for ``now`` (used by the demo and the tests)."""
    return str(pyotp.TOTP(secret).at(now))


def accepted_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """Return the time step ``code`` belongs to, or None when it must be refused.

    A code is accepted for the current step or one step either side (clock drift), and only if
    its step is later than the last step accepted for the user: the same code cannot be replayed.
    """
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in range(current - ALLOWED_DRIFT_STEPS, current + ALLOWED_DRIFT_STEPS + 1):
        expected = str(totp.at(step * STEP_SECONDS))
        if hmac.compare_digest(expected, code):
            return step if last_step is None or step > last_step else None
    return None
