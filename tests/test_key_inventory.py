"""The key inventory (docs/key-inventory.toml) is complete and true to the code (requirement 42)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INVENTORY = ROOT / "docs" / "key-inventory.toml"
FIELDS = {"id", "kind", "purpose", "algorithm", "storage", "backup", "rotation", "owner"}
KINDS = {"master", "keyring", "derived", "external", "per-record"}
# derive_key(<anything>, "label") or f"label{...}" as the purpose argument.
_DERIVED = re.compile(r'derive_key\([^,()]+,\s*f?"([^"{]+)(\{)?')


def _keys() -> list[dict[str, str]]:
    return list(tomllib.loads(INVENTORY.read_text("utf-8"))["key"])


def _derived_in_code() -> set[str]:
    found = set()
    for path in (ROOT / "fullpicture").rglob("*.py"):
        for label, templated in _DERIVED.findall(path.read_text("utf-8")):
            found.add(f"{label}<purpose>" if templated else label)
    return found


def test_should_describe_every_key_with_every_field_and_a_known_kind():
    keys = _keys()
    assert keys, "the inventory lists no keys"
    for key in keys:
        assert set(key) == FIELDS, key.get("id")
        assert key["kind"] in KINDS, key["id"]
        assert all(str(value).strip() for value in key.values()), key["id"]
    ids = [key["id"] for key in keys]
    assert len(ids) == len(set(ids))


def test_should_list_exactly_the_keys_the_code_derives():
    listed = {key["id"] for key in _keys() if key["kind"] == "derived"}
    assert _derived_in_code() == listed


def test_should_have_exactly_one_master_key_that_is_kept_out_of_backups():
    [master] = [key for key in _keys() if key["kind"] == "master"]
    assert "FULLPICTURE_SECRET_KEY_FILE" in master["storage"]
    assert "test_should_keep_the_key_file_out_of_the_backup" in master["backup"]
