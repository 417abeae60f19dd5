"""Writing mapping documents as TOML (the standard library reads TOML but does not write it)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a TOML value")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _section(path: list[str], data: dict[str, Any], lines: list[str], *, array: bool) -> None:
    header = ".".join(_key(p) for p in path)
    if path:
        lines.append("")
        lines.append(f"[[{header}]]" if array else f"[{header}]")
    nested: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict) or _is_table_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested:
        if isinstance(value, dict):
            _section([*path, key], value, lines, array=False)
        else:
            for item in value:
                _section([*path, key], item, lines, array=True)


def to_toml(document: dict[str, Any]) -> str:
    """Serialise a mapping document (strings, booleans, ints, lists, tables) as TOML."""
    lines: list[str] = []
    _section([], document, lines, array=False)
    return "\n".join(lines) + "\n"


def write_mapping(path: Path, document: dict[str, Any], *, comment: str) -> None:
    """Write ``document`` to ``path`` as TOML with a leading comment line."""
    path.write_text(f"# {comment}\n" + to_toml(document), encoding="utf-8")
