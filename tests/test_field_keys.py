"""Sealed fields: AES-256-GCM bound to the value's place, and the keyring (requirement 41)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullpicture.errors import SecretError
from fullpicture.field_keys import (
    FieldCipher,
    Keyring,
    add_key,
    key_of,
    load_or_create_keyring,
    save_keyring,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample_cipher(tmp_path) -> FieldCipher:
    return FieldCipher(load_or_create_keyring(tmp_path / "field-keys.json"))


@given(st.text())
def test_should_open_what_it_sealed_for_the_same_place(value):
    cipher = FieldCipher(Keyring(active="k1", keys={"k1": bytes(range(32))}))
    assert (
        cipher.open(cipher.seal(value, "web_user.totp_secret:7"), "web_user.totp_secret:7") == value
    )


def test_should_refuse_a_value_moved_to_another_row_or_column(sample_cipher):
    sealed = sample_cipher.seal("JBSWY3DPEHPK3PXP", "web_user.totp_secret:1")
    for elsewhere in ("web_user.totp_secret:2", "web_user.display_name:1"):
        with pytest.raises(SecretError, match="does not open"):
            sample_cipher.open(sealed, elsewhere)


def test_should_refuse_a_changed_value(sample_cipher):
    sealed = sample_cipher.seal("JBSWY3DPEHPK3PXP", "web_user.totp_secret:1")
    head, body = sealed.rsplit(":", 1)
    flipped = body[:-6] + ("A" if body[-6] != "A" else "B") + body[-5:]
    with pytest.raises(SecretError):
        sample_cipher.open(f"{head}:{flipped}", "web_user.totp_secret:1")


def test_should_never_seal_the_same_value_twice_alike(sample_cipher):
    first = sample_cipher.seal("same", "p")
    assert first != sample_cipher.seal("same", "p")  # a fresh nonce each time


def test_should_say_which_key_is_missing_when_a_retired_key_is_needed(tmp_path):
    path = tmp_path / "field-keys.json"
    ring = load_or_create_keyring(path)
    sealed = FieldCipher(ring).seal("secret", "p")
    add_key(ring)
    del ring.keys["k1"]
    with pytest.raises(SecretError, match="key k1, which the keyring no longer holds"):
        FieldCipher(ring).open(sealed, "p")


def test_should_create_the_keyring_once_private_and_read_it_back(tmp_path):
    path = tmp_path / "secrets" / "field-keys.json"
    first = load_or_create_keyring(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_keyring(path).keys == first.keys  # a second caller gets the same key


def test_should_keep_old_keys_when_a_new_one_becomes_active(tmp_path):
    path = tmp_path / "field-keys.json"
    ring = load_or_create_keyring(path)
    sealed = FieldCipher(ring).seal("secret", "p")
    assert add_key(ring) == "k2"
    save_keyring(path, ring)
    again = load_or_create_keyring(path)
    assert again.active == "k2" and set(again.keys) == {"k1", "k2"}
    assert FieldCipher(again).open(sealed, "p") == "secret"
    assert key_of(FieldCipher(again).seal("secret", "p")) == "k2"


@pytest.mark.parametrize("body", ["not json", '{"active": "k9", "keys": {"k1": "00"}}', "{}"])
def test_should_refuse_a_damaged_keyring_clearly(tmp_path, body):
    path = tmp_path / "field-keys.json"
    path.write_text(body)
    with pytest.raises(SecretError, match="field keyring"):
        load_or_create_keyring(path)


def test_should_use_no_fernet_for_fields_anywhere_in_the_package():
    """Fernet tokens carry no associated data: one moved to another row still decrypts."""
    pattern = re.compile(r"cryptography\.fernet|\bFernet\s*\(")
    users = [
        p for p in (ROOT / "fullpicture").rglob("*.py") if pattern.search(p.read_text("utf-8"))
    ]
    assert users == []
