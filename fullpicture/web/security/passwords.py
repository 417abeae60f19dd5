"""Password hashing (argon2id) and the password policy (length and a common-password list)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_LIST_SIZE = 3000

_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory defaults
_DUMMY_HASH = _hasher.hash("not a real password: equalises timing for unknown users")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 3,000 most common passwords, from the zxcvbn package's ranked list (MIT licence)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_LIST_SIZE])


def password_problems(password: str) -> list[str]:
    """Return what is wrong with ``password`` under the policy, as messages for the user.

    The policy follows NCSC and ASVS 6.2: at least 8 characters, up to 128, not a common
    password, and no composition rules.
    """
    if len(password) < MIN_LENGTH:
        return [f"Password must be {MIN_LENGTH} characters or more"]
    if len(password) > MAX_LENGTH:
        return [f"Password must be {MAX_LENGTH} characters or fewer"]
    if password.lower() in common_passwords():
        return ["Password is too common. Choose a password that is harder to guess"]
    return []


def hash_password(password: str) -> str:
    """Hash ``password`` with argon2id."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Return True when ``password`` matches ``stored_hash``.

    A missing hash (an unknown user, or single sign-on only) is checked against a dummy hash so
    that the time taken does not reveal whether the account exists.
    """
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
