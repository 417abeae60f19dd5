"""The password policy and password storage (requirements 11, 43)."""

from __future__ import annotations

import pytest

from fullpicture.web.security.passwords import hash_password, password_problems, verify_password


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("a" * 7, False),
        ("abcdefgh-but-fine", True),
        ("x" * 64, True),
        ("y" * 128, True),
        ("z" * 129, False),
        ("password", False),
        ("iloveyou", False),
        ("PASSWORD1", False),
        ("all lower case words", True),  # no composition rules
        ("Ünïcödé pässwörd", True),
    ],
)
def test_should_apply_the_password_policy(password, accepted):
    assert (password_problems(password) == []) is accepted


def test_should_store_passwords_as_argon2id_with_policy_parameters():
    stored = hash_password("a long enough passphrase")
    assert stored.startswith("$argon2id$v=19$")
    params = dict(p.split("=") for p in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19456 and int(params["t"]) >= 2
    assert verify_password(stored, "a long enough passphrase")
    assert not verify_password(stored, "a long enough passphrasE")
    assert not verify_password(None, "anything")
