"""Encrypted fields: a keyring of data keys, AES-256-GCM bound to each value's place.

Secrets that must be kept in the store in a form the service can read back (a user's TOTP
secret) are sealed with AES-256-GCM (the ``cryptography`` package) under a data key from a
keyring file kept beside the master key, outside the store and out of its backups. The value's
place (table, column and row id) is the associated data, so a sealed value copied to another
row or column does not open: the tag check fails. Fernet is not used for fields: its tokens
carry no associated data, so a token moved between rows still decrypts.

A sealed value reads ``fp1:<key id>:<base64 of nonce and ciphertext>``. The keyring
(``{"active": id, "keys": {id: hex}}``, mode 0600) holds every key still needed; new values are
sealed under the active key. Rotation adds a key, makes it active and re-seals every field
(old values keep opening meanwhile, so a crash midway loses nothing); a key is retired only
when no field is sealed under it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fullpicture.errors import SecretError

PREFIX = "fp1"
KEYRING_NAME = "field-keys.json"
_KEY_BYTES = 32
_NONCE_BYTES = 12


@dataclass
class Keyring:
    """The data keys by id, and which one seals new values."""

    active: str
    keys: dict[str, bytes] = field(default_factory=dict)


def keyring_path(master_key_file: Path) -> Path:
    """Return where the keyring lives: beside the master key file."""
    return master_key_file.with_name(KEYRING_NAME)


def load_or_create_keyring(path: Path) -> Keyring:
    """Return the keyring at ``path``, creating one with a fresh key (mode 0600) if absent.

    Two processes starting together (web workers) cannot create two keyrings: the file is
    linked into place only if absent, and the loser reads the winner's.

    Raises:
        SecretError: the file exists but cannot be read as a keyring.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        ring = Keyring(active="k1", keys={"k1": secrets.token_bytes(_KEY_BYTES)})
        with _written(path, ring) as temporary, contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    try:
        data = json.loads(path.read_text("utf-8"))
        keys = {str(k): bytes.fromhex(v) for k, v in data["keys"].items()}
        ring = Keyring(active=str(data["active"]), keys=keys)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SecretError(
            f"The field keyring {path} could not be read.",
            hint="Restore it from the key backup; without it encrypted fields cannot be read.",
        ) from exc
    if ring.active not in ring.keys or any(len(k) != _KEY_BYTES for k in keys.values()):
        raise SecretError(f"The field keyring {path} is damaged (active key or key length).")
    return ring


def save_keyring(path: Path, ring: Keyring) -> None:
    """Write the keyring atomically (a new file renamed over the old), mode 0600."""
    with _written(path, ring) as temporary:
        os.replace(temporary, path)


@contextlib.contextmanager
def _written(path: Path, ring: Keyring) -> Iterator[str]:
    """Write the keyring to a temporary file beside ``path``; remove it afterwards if left."""
    body = json.dumps({"active": ring.active, "keys": {k: v.hex() for k, v in ring.keys.items()}})
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".field-keys-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(body)
        os.chmod(temporary, 0o600)
        yield temporary
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def add_key(ring: Keyring) -> str:
    """Add a fresh key, make it active and return its id (the keyring must then be saved)."""
    number = 1 + max(int(k[1:]) for k in ring.keys if k[1:].isdigit())
    ident = f"k{number}"
    ring.keys[ident] = secrets.token_bytes(_KEY_BYTES)
    ring.active = ident
    return ident


class FieldCipher:
    """Seals and opens field values under a keyring, bound to each value's place."""

    def __init__(self, ring: Keyring) -> None:
        """Keep the keyring (read-only here; rotation changes it through :func:`add_key`)."""
        self.ring = ring

    def seal(self, value: str, place: str) -> str:
        """Return ``value`` encrypted under the active key, bound to ``place``."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = AESGCM(self.ring.keys[self.ring.active]).encrypt(
            nonce, value.encode("utf-8"), place.encode("utf-8")
        )
        body = base64.b64encode(nonce + sealed).decode("ascii")
        return f"{PREFIX}:{self.ring.active}:{body}"

    def open(self, stored: str, place: str) -> str:
        """Return the value sealed in ``stored`` for ``place``.

        Raises:
            SecretError: not a sealed value, its key is not in the keyring, or it was sealed
                for another place or changed (the tag check failed).
        """
        ident, payload = _parts(stored)
        key = self.ring.keys.get(ident)
        if key is None:
            raise SecretError(
                f"A field is sealed under key {ident}, which the keyring no longer holds.",
                hint="Restore the keyring from its backup.",
            )
        try:
            plain = AESGCM(key).decrypt(payload[:_NONCE_BYTES], payload[_NONCE_BYTES:],
                                        place.encode("utf-8"))  # fmt: skip
        except InvalidTag:
            raise SecretError(
                f"The sealed value of {place} does not open: it was changed or belongs elsewhere.",
            ) from None
        return plain.decode("utf-8")


def is_sealed(stored: str) -> bool:
    """Whether ``stored`` is a sealed value (rather than a value kept in plain form)."""
    return stored.startswith(f"{PREFIX}:")


def key_of(stored: str) -> str:
    """Return the id of the key a sealed value was sealed under."""
    return _parts(stored)[0]


def _parts(stored: str) -> tuple[str, bytes]:
    prefix, _, rest = stored.partition(":")
    ident, _, body = rest.partition(":")
    if prefix != PREFIX or not ident or not body:
        raise SecretError("A field expected to be sealed is not a sealed value.")
    try:
        return ident, base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise SecretError("A sealed field is not valid base64.") from None
