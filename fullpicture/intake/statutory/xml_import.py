"""Taking a statutory XML return in (CIN census or SSDA903): flatten it, then import each table.

The root element says which return it is. Each flattened table (people first, so events find
them) goes to the mapping table of the same name and becomes its own ledger entry:
``read == stored + quarantined`` holds per table, where a row is one flattened element (see
:mod:`~fullpicture.intake.statutory.cin_xml` and :mod:`~fullpicture.intake.statutory.ssda903_xml`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine

from fullpicture.errors import MappingError, MissingColumnError
from fullpicture.intake.importer import FileResult, import_opened, resolve_mapping
from fullpicture.intake.mapping import Mapping, Table
from fullpicture.intake.plan import TablePlan, compile_plan, needed_columns
from fullpicture.intake.readers import FileKind, RawFile, unreadable
from fullpicture.intake.statutory.cin_xml import CinFlattener
from fullpicture.intake.statutory.ssda903_xml import Ssda903Flattener
from fullpicture.intake.statutory.xml_elements import FlatTable, local, safe_events

XML_SUFFIXES = frozenset({".xml"})
_FLATTENERS: dict[str, type[CinFlattener] | type[Ssda903Flattener]] = {
    CinFlattener.root: CinFlattener,
    Ssda903Flattener.root: Ssda903Flattener,
}


def _flattener(path: Path, root: str) -> CinFlattener | Ssda903Flattener:
    chosen = _FLATTENERS.get(root)
    if chosen is None:
        raise unreadable(
            path,
            f"its root element is <{root}>, not a CIN census <Message> or an SSDA903 <EXPSSDA903>",
            "Give a CIN census or SSDA903 XML return (other XML is not read).",
        )
    return chosen()


def flatten_xml(path: Path) -> dict[str, FlatTable]:
    """Read a CIN census or SSDA903 XML return and return its flattened tables.

    The whole file is read before anything is returned, so a broken file stores nothing.

    Raises:
        UnreadableFileError: missing file, unsafe or malformed XML, or not a known return.
    """
    if not path.is_file():
        raise unreadable(path, "no such file", "Check the path and try again.")
    flattener: CinFlattener | Ssda903Flattener | None = None
    for event, element in safe_events(path):
        if flattener is None:
            flattener = _flattener(path, local(element.tag))
        elif event == "end" and local(element.tag) == flattener.record:
            flattener.add_record(element)
            element.clear()  # keep memory flat on large returns
    if flattener is None or flattener.child_count == 0:
        record = flattener.record if flattener else "child"
        raise unreadable(path, f"it holds no <{record}> elements", "Check the export.")
    return flattener.tables


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
            hint="Use the built-in mapping for the return, or add the table (docs/statutory-returns.md "
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
    for flat in flatten_xml(path).values():
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
    max_bad_ratio: float | None = None,
) -> list[FileResult]:
    """Take one statutory XML return in: one :class:`FileResult` per flattened table.

    The whole file is read and checked against the mapping before anything is stored; each
    table is then its own transaction.

    Raises:
        IntakeError: a file-level problem (nothing of the file is stored).
    """
    chosen = resolve_mapping(engine, source, mapping)
    results = []
    for flat, plan in plan_xml(path, chosen):
        raw = RawFile(path, FileKind.XML, flat.header, iter(flat.rows))
        results.append(
            import_opened(
                engine, raw, plan, mapping, imported_by=imported_by, max_bad_ratio=max_bad_ratio
            )
        )
    return results


def import_xml_files(
    engine: Engine,
    paths: Sequence[Path],
    source: str,
    mapping: Mapping | None = None,
    *,
    imported_by: str = "cli",
    max_bad_ratio: float | None = None,
) -> list[FileResult]:
    """Take several statutory XML returns in, in the order given."""
    results: list[FileResult] = []
    for path in paths:
        results.extend(
            import_xml_file(
                engine, path, source, mapping, imported_by=imported_by, max_bad_ratio=max_bad_ratio
            )
        )
    return results
