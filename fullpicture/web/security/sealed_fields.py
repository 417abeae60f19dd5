"""Every encrypted field in the store, and what rotation does to them all.

A field is listed here with the table, the column and how its place (the associated data) is
named; rotation re-seals each value under the keyring's active key, and a key is retired only
when no value is still sealed under it. Values stored in plain form before sealing existed are
sealed by the first rotation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fullpicture.errors import SecretError
from fullpicture.field_keys import FieldCipher, is_sealed, key_of
from fullpicture.web.security.totp import secret_place
from fullpicture.web.tables import web_user

PLAIN = "plain"  # the "key" of values not sealed yet


@dataclass(frozen=True)
class SealedField:
    """An encrypted column and how a row's place is named."""

    table: sa.Table
    column: str
    place: Callable[[int], str]


SEALED_FIELDS = (SealedField(web_user, "totp_secret", secret_place),)


def _values(conn: Connection, sealed: SealedField) -> list[tuple[int, str]]:
    column = sealed.table.c[sealed.column]
    query = sa.select(sealed.table.c.id, column).where(column.is_not(None))
    return [(int(ident), str(value)) for ident, value in conn.execute(query)]


def keys_in_use(conn: Connection) -> Counter[str]:
    """How many stored values each key seals (``plain`` for values not sealed yet)."""
    found: Counter[str] = Counter()
    for sealed in SEALED_FIELDS:
        found.update(key_of(v) if is_sealed(v) else PLAIN for _, v in _values(conn, sealed))
    return found


def reseal_all(conn: Connection, cipher: FieldCipher) -> int:
    """Re-seal every value under the active key (sealing plain ones); return how many.

    Raises:
        SecretError: a value does not open (changed, moved, or its key is gone); nothing is
            changed when the caller's transaction rolls back.
    """
    count = 0
    for sealed in SEALED_FIELDS:
        for ident, value in _values(conn, sealed):
            place = sealed.place(ident)
            plain = cipher.open(value, place) if is_sealed(value) else value
            statement = sealed.table.update().where(sealed.table.c.id == ident)
            conn.execute(statement.values({sealed.column: cipher.seal(plain, place)}))
            count += 1
    return count


def check_all_open(conn: Connection, cipher: FieldCipher) -> int:
    """Open every sealed value; return how many opened.

    Raises:
        SecretError: the first value that does not open.
    """
    opened = 0
    for sealed in SEALED_FIELDS:
        for ident, value in _values(conn, sealed):
            if is_sealed(value):
                cipher.open(value, sealed.place(ident))
                opened += 1
    return opened


def check_retirable(conn: Connection, key_id: str, active: str) -> None:
    """Refuse to retire the active key or one that still seals a value.

    Raises:
        SecretError: the key is active or in use.
    """
    if key_id == active:
        raise SecretError(
            f"Key {key_id} is the active key and cannot be retired.",
            hint="Run 'fullpicture keys rotate' first.",
        )
    in_use = keys_in_use(conn).get(key_id, 0)
    if in_use:
        raise SecretError(
            f"Key {key_id} still seals {in_use} value(s).",
            hint="Run 'fullpicture keys rotate' to re-seal them under the active key.",
        )
