"""Built-in mappings shipped with fullpicture, named ``builtin:<name>`` wherever a mapping is given.

A built-in mapping is an ordinary TOML mapping kept in this package (``mappings/<name>.toml``), so
``fullpicture mapping show builtin:ssda903`` prints a starting point a council can copy and adapt.
Its ``source`` is a placeholder: loading it for a source renames it to that source.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from fullpicture.errors import MappingError
from fullpicture.intake.mapping import Mapping, load_mapping, parse_mapping

BUILTIN_PREFIX = "builtin:"
_PACKAGE = "fullpicture.intake.statutory"


def builtin_names() -> list[str]:
    """Return the names of the built-in mappings, sorted."""
    folder = resources.files(_PACKAGE) / "mappings"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def builtin_text(name: str) -> str:
    """Return the TOML text of the built-in mapping ``name``.

    Raises:
        MappingError: there is no such built-in mapping (the known ones are listed).
    """
    if name not in builtin_names():
        raise MappingError(
            f"There is no built-in mapping {name!r}.",
            hint=f"Use one of: {', '.join(BUILTIN_PREFIX + n for n in builtin_names())}.",
        )
    return (resources.files(_PACKAGE) / "mappings" / f"{name}.toml").read_text(encoding="utf-8")


def load_builtin(name: str, source: str | None = None) -> Mapping:
    """Load the built-in mapping ``name``, renamed to ``source`` when given.

    Raises:
        MappingError: unknown name.
    """
    mapping = parse_mapping(tomllib.loads(builtin_text(name)), origin=BUILTIN_PREFIX + name)
    return mapping if source is None else mapping.model_copy(update={"source": source})


def is_builtin(reference: str | Path) -> bool:
    """Return whether a ``--mapping`` value names a built-in mapping (``builtin:<name>``)."""
    return str(reference).startswith(BUILTIN_PREFIX)


def load_mapping_reference(reference: str | Path, source: str | None = None) -> Mapping:
    """Load a mapping given as ``builtin:<name>`` or as a TOML/JSON file path.

    Args:
        reference: ``builtin:ssda903``, ``builtin:cin-census``, or a mapping file.
        source: for a built-in mapping, the source it is loaded for (its ``source`` is renamed).

    Raises:
        MappingError: unknown built-in name, or a file that is not a valid mapping.
    """
    if is_builtin(reference):
        return load_builtin(str(reference)[len(BUILTIN_PREFIX) :], source)
    return load_mapping(Path(reference))
