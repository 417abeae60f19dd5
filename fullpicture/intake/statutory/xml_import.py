"""Taking a CIN census XML file in: flatten it, then import each flattened table in turn.

Each flattened table (``children`` first, so events find their people) goes to the mapping table
of the same name and becomes its own ledger entry: ``read == stored + quarantined`` holds per
table, where a row is one flattened record (see :mod:`fullpicture.intake.statutory.cin_xml`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine

from fullpicture.errors import MappingError, MissingColumnError
from fullpicture.intake.importer import FileResult, import_opened, resolve_mapping
from fullpicture.intake.mapping import Mapping, Table
from fullpicture.intake.plan import TablePlan, compile_plan, needed_columns
from fullpicture.intake.readers import FileKind, RawFile
from fullpicture.intake.statutory.cin_xml import FlatTable, flatten_cin_census

XML_SUFFIXES = frozenset({".xml"})


def split_xml(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Split paths into XML files (read here) and the others (read by the intake readers)."""
    xml = [p for p in paths if p.suffix.lower() in XML_SUFFIXES]
    return xml, [p for p in paths if p.suffix.lower() not in XML_SUFFIXES]


def _table_for(mapping: Mapping, path: Path, flat: FlatTable) -> Table:
    """The mapping table of the flattened table's name, checked to fit its columns."""
    found = [t for t in mapping.tables if t.name == flat.name]
    if not found:
        raise MappingError(
            f"{path.name}: the mapping for {mapping.source!r} has no table {flat.name!r} for the "
            f"file's {len(flat.rows)} {flat.name} record(s); nothing was imported.",
            hint="Use --mapping builtin:cin-census, or add the table (docs/statutory-returns.md "
            "lists the flattened tables and their columns).",
        )
    missing = [c for c in needed_columns(found[0]) if c not in flat.header]
    if missing:
        raise MissingColumnError(
            f"{path.name}: the mapping table {flat.name!r} reads {', '.join(map(repr, missing))}, "
            f"which the flattened census does not have. Columns: {', '.join(flat.header)}.",
            hint="Correct the mapping (docs/statutory-returns.md lists the flattened columns).",
        )
    return found[0]


def plan_xml(path: Path, mapping: Mapping) -> list[tuple[FlatTable, TablePlan]]:
    """Flatten the file and bind every non-empty flattened table to its mapping table.

    Raises:
        UnreadableFileError: unsafe, malformed or not a census file.
        MappingError: a flattened table with records has no mapping table.
        MissingColumnError: a mapping table reads a column the flattened table lacks.
    """
    plans = []
    for flat in flatten_cin_census(path).values():
        if flat.rows or any(t.name == flat.name for t in mapping.tables):
            table = _table_for(mapping, path, flat)
            plans.append((flat, compile_plan(mapping, table, flat.header)))
    return plans


def import_xml_file(
    engine: Engine,
    path: Path,
    source: str,
    mapping: Mapping | None = None,
    *,
    imported_by: str = "cli",
) -> list[FileResult]:
    """Take one CIN census XML file in: one :class:`FileResult` per flattened table.

    The whole file is read and checked against the mapping before anything is stored; each
    table is then its own transaction.

    Raises:
        IntakeError: a file-level problem (nothing of the file is stored).
    """
    chosen = resolve_mapping(engine, source, mapping)
    results = []
    for flat, plan in plan_xml(path, chosen):
        raw = RawFile(path, FileKind.XML, flat.header, iter(flat.rows))
        results.append(import_opened(engine, raw, plan, mapping, imported_by=imported_by))
    return results


def import_xml_files(
    engine: Engine,
    paths: Sequence[Path],
    source: str,
    mapping: Mapping | None = None,
    *,
    imported_by: str = "cli",
) -> list[FileResult]:
    """Take several CIN census XML files in, in the order given."""
    results: list[FileResult] = []
    for path in paths:
        results.extend(import_xml_file(engine, path, source, mapping, imported_by=imported_by))
    return results
