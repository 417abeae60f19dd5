"""A mapping table compiled against one file's header: which column feeds which field.

Compiling once per file keeps the per-row work to list indexing and dictionary look-ups.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from fullpicture.errors import MissingColumnError
from fullpicture.intake.codes import CodeMap
from fullpicture.intake.dates import ParsedDate, parse_date
from fullpicture.intake.mapping import Emit, Mapping, Table
from fullpicture.intake.readers import open_file

DATE_CACHE = 65_536
"""Distinct date values a plan remembers (extracts repeat the same dates many times)."""


@dataclass(frozen=True, slots=True)
class EmitPlan:
    """One ``emit`` entry with its columns resolved to positions."""

    emit: Emit
    date_at: int
    time_at: int | None
    conditions: tuple[tuple[int, frozenset[str]], ...] = ()
    """``when``: (column position, accepted values folded to lower case)."""
    attribute_reads: tuple[tuple[str, int, CodeMap | None], ...] = ()
    """``attribute_columns``: (attribute key, column position, its code translation)."""

    def applies(self, row: list[str]) -> bool:
        """Return whether the row meets every ``when`` condition of this emit."""
        width = len(row)
        for at, accepted in self.conditions:
            value = row[at].strip().casefold() if at < width else ""
            if value not in accepted:
                return False
        return True

    def attributes(self, row: list[str]) -> dict[str, str]:
        """Return this emit's attributes read from its own columns (blank ones left out)."""
        found: dict[str, str] = {}
        for key, at, codes in self.attribute_reads:
            value = row[at].strip() if at < len(row) else ""
            value = codes.translate(value) if codes and value else value
            if value:
                found[key] = value
        return found


@dataclass
class TablePlan:
    """A table of a mapping, bound to the columns of one file."""

    mapping: Mapping
    table: Table
    header: list[str]
    index: dict[str, int]
    codes: dict[str, CodeMap]
    emits: list[EmitPlan]
    formats: tuple[str, ...]
    unmapped: list[str] = field(default_factory=list)
    required: frozenset[str] = frozenset()
    """The canonical fields the mapping says must have a value."""
    wanted: frozenset[str] = frozenset()
    """Fields that can have a value (mapped or constant) or must have one (required)."""
    attribute_fields: tuple[str, ...] = ()
    key_positions: tuple[int, ...] = ()
    """Positions of the table's ``key_columns`` (the record key when there is no record_id)."""
    _reads: list[tuple[str, int, CodeMap | None]] = field(default_factory=list)
    _constants: tuple[tuple[str, str], ...] = ()
    _dates: dict[str, ParsedDate] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.required = frozenset(self.table.required)
        self.wanted = frozenset(self.index) | frozenset(self.table.constants) | self.required
        self.attribute_fields = tuple(f for f in self.wanted if f.startswith("attributes."))
        self._reads = [(name, at, self.codes.get(name)) for name, at in self.index.items()]
        self.key_positions = tuple(self.header.index(c) for c in self.table.key_columns)
        self._constants = tuple(self.table.constants.items())

    def date(self, text: str) -> ParsedDate:
        """Read a date value with this table's declared formats and day order.

        The same as :func:`~fullpicture.intake.dates.parse_date` with the plan's settings, with
        a per-file cache keyed on the text alone (cheaper than the general cache's arguments).

        Raises:
            InvalidValue: as :func:`~fullpicture.intake.dates.parse_date`.
        """
        found = self._dates.get(text)
        if found is None:
            found = parse_date(text, self.formats, self.mapping.day_first)
            if len(self._dates) < DATE_CACHE:
                self._dates[text] = found
        return found

    def values(self, row: list[str]) -> dict[str, str]:
        """Return canonical field -> value (stripped, code-translated); blanks are left out."""
        out: dict[str, str] = {}
        width = len(row)
        for name, at, codes in self._reads:
            if at < width:
                value = row[at].strip()
                if value and codes:
                    value = codes.translate(value)  # a code translated to "" counts as blank
                if value:
                    out[name] = value
        for name, value in self._constants:
            out.setdefault(name, value)
        return out


def needed_columns(table: Table) -> list[str]:
    """Every source column the table reads: mapped columns and emitted date/time columns."""
    names = list(table.columns.values())
    for emit in table.emit:
        names.append(emit.date)
        if emit.time:
            names.append(emit.time)
        names.extend([*emit.when, *emit.attribute_columns.values()])
    names.extend(table.key_columns)
    return list(dict.fromkeys(names))


def tables_for_name(mapping: Mapping, path: Path) -> list[Table]:
    """Return the tables whose ``match`` glob fits the file name (case-insensitive)."""
    name = path.name.lower()
    return [t for t in mapping.tables if t.match and fnmatch.fnmatch(name, t.match.lower())]


def shared_tables(mapping: Mapping, path: Path) -> list[Table]:
    """Return the tables that all read this file, or [] when it holds one table.

    An agency's flat export carries a person's details on every one of their events (an ED
    attendance with the patient's name and NHS number, say), and a workbook may hold its people
    and its events on two sheets. Its mapping gives two or more tables the **same** ``match``
    glob (each with its own ``sheet`` where they differ); a file whose name fits that glob is
    read once for each of them. Different globs that both fit a name are a choice between
    tables, as before (see :func:`choose_table`).
    """
    matched = tables_for_name(mapping, path)
    if len(matched) < 2 or len({t.match for t in matched}) != 1:
        return []
    return matched


def table_sheet(mapping: Mapping, path: Path, table: Table) -> str | None:
    """The XLSX sheet to read for ``table``: its own, else as :func:`sheet_for` chooses."""
    return table.sheet or sheet_for(mapping, path)


def sheet_for(mapping: Mapping, path: Path) -> str | None:
    """Return the XLSX sheet to read: the matched table's, or the only one any table names."""
    matched = tables_for_name(mapping, path)
    if len(matched) == 1 or (matched and len({t.sheet for t in matched}) == 1):
        return matched[0].sheet
    sheets = {t.sheet for t in mapping.tables if t.sheet}
    return sheets.pop() if len(sheets) == 1 else None


def _missing(table: Table, header: list[str]) -> list[str]:
    present = set(header)
    return [column for column in needed_columns(table) if column not in present]


def check_fits(mapping: Mapping, path: Path, table: Table, header: list[str]) -> None:
    """Check that the file (or sheet) has every column ``table`` reads.

    Raises:
        MissingColumnError: names the table, the missing columns and the columns found.
    """
    if _missing(table, header):
        raise _not_fitting(mapping, path, table, header)


def tables_of(mapping: Mapping, path: Path) -> list[Table]:
    """The tables a file holds: every table of a shared ``match`` glob (see
    :func:`shared_tables`), each checked against its own sheet's header, else the one
    :func:`choose_table` chooses.

    Raises:
        IntakeError: the file (or a sheet) cannot be read, or a table lacks columns.
    """
    shared = shared_tables(mapping, path)
    if not shared:
        with open_file(path, sheet_for(mapping, path)) as raw:
            return [choose_table(mapping, path, raw.header)]
    for table in shared:
        with open_file(path, table_sheet(mapping, path, table)) as raw:
            check_fits(mapping, path, table, raw.header)
    return shared


def _not_fitting(
    mapping: Mapping, path: Path, table: Table, header: list[str]
) -> MissingColumnError:
    return MissingColumnError(
        f"{path.name} does not fit the mapping for {mapping.source!r}: table {table.name!r} "
        f"needs the column(s) {', '.join(map(repr, _missing(table, header)))}, which are "
        f"missing. Columns found: {', '.join(map(repr, header))}.",
        hint="Send the file with those columns, or correct the mapping (docs/mapping.md).",
    )


def choose_table(mapping: Mapping, path: Path, header: list[str]) -> Table:
    """Choose the mapping table for a file: by its ``match`` glob, else by its columns.

    Raises:
        MissingColumnError: no table's columns are all present; names what is missing and found.
    """
    candidates = tables_for_name(mapping, path) or mapping.tables
    fitting = [t for t in candidates if not _missing(t, header)]
    if fitting:
        return max(fitting, key=lambda t: len(needed_columns(t)))
    closest = min(candidates, key=lambda t: len(_missing(t, header)))
    raise _not_fitting(mapping, path, closest, header)


def _emit_plan(emit: Emit, position: dict[str, int], codes: dict[str, CodeMap]) -> EmitPlan:
    conditions = tuple(
        (position[column], frozenset(v.strip().casefold() for v in accepted))
        for column, accepted in emit.when.items()
    )
    reads = tuple(
        (key, position[column], codes.get(f"attributes.{key}"))
        for key, column in emit.attribute_columns.items()
    )
    time_at = position[emit.time] if emit.time else None
    return EmitPlan(emit, position[emit.date], time_at, conditions, reads)


def compile_plan(mapping: Mapping, table: Table, header: list[str]) -> TablePlan:
    """Bind ``table`` to ``header`` (every needed column must be present; see choose_table)."""
    position = {name: at for at, name in enumerate(header)}
    index = {name: position[column] for name, column in table.columns.items()}
    codes = {name: CodeMap(codes) for name, codes in table.values.items()}
    emits = [_emit_plan(e, position, codes) for e in table.emit]
    # A flat export's columns read by the other tables of its file are read, not "unmapped".
    siblings = [t for t in mapping.tables if t is table or (t.match and t.match == table.match)]
    used = {column for t in siblings for column in needed_columns(t)}
    return TablePlan(
        mapping=mapping,
        table=table,
        header=header,
        index=index,
        codes=codes,
        emits=emits,
        formats=tuple(table.date_formats or mapping.date_formats),
        unmapped=[column for column in header if column not in used],
    )
