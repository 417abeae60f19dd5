"""``fullpicture keys ...``: the field keyring: list, rotate and retire data keys."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    append_audit,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.config import get_settings
from fullpicture.errors import SecretError

keys_app = typer.Typer(help="The keyring that seals encrypted fields: list, rotate, retire.")
keys_app.info.no_args_is_help = True
app.add_typer(keys_app, name="keys")


def _keyring_file() -> Path:
    from fullpicture.field_keys import keyring_path
    from fullpicture.web.app import key_file_for

    return keyring_path(key_file_for(get_settings()))


@keys_app.command("list")
@command
def keys_list(json_out: JsonOption = False, database: DatabaseOption = None) -> None:
    """List the data keys (never their material), the active one, and how many values each seals."""
    from fullpicture.field_keys import load_or_create_keyring
    from fullpicture.web.security.sealed_fields import keys_in_use

    ring = load_or_create_keyring(_keyring_file())
    with engine_for(database).connect() as conn:
        used = keys_in_use(conn)
    rows = [{"key": k, "active": k == ring.active, "values": used.get(k, 0)} for k in ring.keys]
    if used.get("plain"):
        rows.append({"key": "plain", "active": False, "values": used["plain"]})
    if json_out:
        print_json(rows)
        return
    for row in rows:
        mark = " (active)" if row["active"] else ""
        console.print(f"{row['key']}{mark}: {row['values']} value(s)", highlight=False)


@keys_app.command("rotate")
@command
def keys_rotate(
    by: Annotated[str, typer.Option("--by", help="Who rotates (audited).")],
    database: DatabaseOption = None,
) -> None:
    """Add a new data key, make it active, and re-seal every encrypted field under it.

    The keyring is saved with the new key before any value changes, and the values are
    re-sealed in one transaction, so a failure midway leaves every value opening. Old keys stay
    until retired.
    """
    from fullpicture.field_keys import FieldCipher, add_key, load_or_create_keyring, save_keyring
    from fullpicture.web.security.sealed_fields import check_all_open, reseal_all

    path = _keyring_file()
    ring = load_or_create_keyring(path)
    new_key = add_key(ring)
    save_keyring(path, ring)
    cipher = FieldCipher(ring)
    with engine_for(database).begin() as conn:
        count = reseal_all(conn, cipher)
        opened = check_all_open(conn, cipher)
        append_audit(conn, by, purpose="rotate field keys", action="change",
                     detail={"active": new_key, "resealed": count})  # fmt: skip
    console.print(f"Key {new_key} is active; {count} value(s) re-sealed, {opened} open.")


@keys_app.command("retire")
@command
def keys_retire(
    key_id: str,
    by: Annotated[str, typer.Option("--by", help="Who retires it (audited).")],
    database: DatabaseOption = None,
) -> None:
    """Remove a data key from the keyring, once no encrypted field is sealed under it."""
    from fullpicture.field_keys import load_or_create_keyring, save_keyring
    from fullpicture.web.security.sealed_fields import check_retirable

    path = _keyring_file()
    ring = load_or_create_keyring(path)
    if key_id not in ring.keys:
        raise SecretError(f"The keyring has no key {key_id}.", hint="See 'fullpicture keys list'.")
    with engine_for(database).begin() as conn:
        check_retirable(conn, key_id, ring.active)
        append_audit(conn, by, purpose="retire field key", action="change", detail={"key": key_id})
        del ring.keys[key_id]
        save_keyring(path, ring)
    console.print(f"Key {key_id} retired.")
