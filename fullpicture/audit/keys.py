"""The audit HMAC key: a random key in a file outside the repository, created on first use."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fullpicture.errors import AuditError

KEY_BYTES = 32


def load_or_create_key(path: Path) -> bytes:
    """Return the key stored at ``path``, creating it (mode 0600) with ``secrets`` if absent.

    Args:
        path: the key file; keep it outside the repository and out of database backups.

    Returns:
        The raw key bytes.

    Raises:
        AuditError: the file exists but is unreadable or too short.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(KEY_BYTES))
    try:
        key = bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError) as exc:
        raise AuditError(
            f"The key file {path} could not be read.",
            hint="Restore it from the key backup; never regenerate it for an existing log.",
        ) from exc
    if len(key) < KEY_BYTES:
        raise AuditError(f"The key file {path} holds a key shorter than {KEY_BYTES} bytes.")
    return key


def derive_key(master: bytes, purpose: str) -> bytes:
    """Derive a separate key per purpose (audit chain, sessions) from the master key."""
    import hashlib
    import hmac

    return hmac.new(master, purpose.encode(), hashlib.sha256).digest()
