"""A dry run of a mapping against a file: what would be stored, what quarantined, and why.

Nothing is written and no store is needed. Each row goes through the very checks an import runs
(``RowCheck`` and the person/event/link builders); only the people an event refers to cannot be
checked without the store, so every subject counts as known here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fullpicture.intake.checks import RowCheck
from fullpicture.intake.context import ImportContext
from fullpicture.intake.events import build_events
from fullpicture.intake.links import build_address, build_relationship
from fullpicture.intake.mapping import Mapping, TableKind
from fullpicture.intake.persons import build_person
from fullpicture.intake.plan import TablePlan, compile_plan, table_sheet, tables_of
from fullpicture.intake.problems import Problem
from fullpicture.intake.readers import RawFile, RawRow, open_file


class _EveryPerson(dict[str, int]):
    """Every local id counts as a known person (people are only checked by a real import)."""

    def get(self, key: str, default: Any = None) -> int:
        return 0


@dataclass
class ColumnCoverage:
    """One mapped column: which field it feeds and how many rows have a value in it."""

    column: str
    field: str
    filled: int


@dataclass
class TableCheck:
    """The dry-run result for one table of a file.

    Attributes:
        path: the file.
        table: the mapping table it matched.
        read: rows read; ``read == would_store + would_quarantine``.
        would_store: rows that would be stored.
        would_quarantine: rows that would be quarantined.
        coverage: every mapped column with its fill count.
        unmapped: columns of the file the mapping does not read.
        problems: per field, the first problems found (row number and problem).
        problem_counts: per field, how many problems in all.
    """

    path: Path
    table: str
    read: int = 0
    would_store: int = 0
    would_quarantine: int = 0
    coverage: list[ColumnCoverage] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    problems: dict[str, list[tuple[int, Problem]]] = field(default_factory=dict)
    problem_counts: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {
            "path": str(self.path),
            "table": self.table,
            "read": self.read,
            "would_store": self.would_store,
            "would_quarantine": self.would_quarantine,
            "coverage": [vars(c) for c in self.coverage],
            "unmapped": self.unmapped,
            "problems": {
                name: {
                    "count": self.problem_counts[name],
                    "first": [{"row": row, **p.as_dict()} for row, p in found],
                }
                for name, found in self.problems.items()
            },
        }


def _context(mapping: Mapping) -> ImportContext:
    now = datetime.now(UTC)
    ctx = ImportContext(mapping.source, mapping.agency.value, mapping.system, 0, now, now.date())
    ctx.person_ids = _EveryPerson()
    return ctx


def _row_problems(plan: TablePlan, ctx: ImportContext, row: RawRow) -> list[Problem]:
    """Run one row through the import's checks; return what would quarantine or warn."""
    if row.problem is not None:
        return [Problem("row", row.problem, "")]
    check = RowCheck(plan.values(row.values), plan.required)
    kind = plan.table.kind
    if kind is TableKind.EVENT:
        build_events(plan, check, ctx, row.number, row.values)
    elif kind is TableKind.PERSON:
        build_person(plan, check, ctx, row.number)
    elif kind is TableKind.RELATIONSHIP:
        build_relationship(plan, check, ctx, row.number, row.values)
    else:
        build_address(plan, check, ctx, row.number, row.values)
    return check.problems + [Problem(p.field, f"(warning) {p.problem}", p.value)
                             for p in check.warnings]  # fmt: skip


def check_rows(raw: RawFile, plan: TablePlan, *, first: int = 3) -> TableCheck:
    """Dry-run every row of an opened file against its compiled table plan."""
    result = TableCheck(raw.path, plan.table.name, unmapped=list(plan.unmapped))
    ctx = _context(plan.mapping)
    filled: Counter[int] = Counter()
    for row in raw.rows:
        result.read += 1
        filled.update(at for at, value in enumerate(row.values) if value.strip())
        problems = _row_problems(plan, ctx, row)
        quarantined = any(not p.problem.startswith("(warning)") for p in problems)
        result.would_quarantine += quarantined
        result.would_store += not quarantined
        for problem in problems:
            result.problem_counts[problem.field] += 1
            found = result.problems.setdefault(problem.field, [])
            if len(found) < first:
                found.append((row.number, problem))
    result.coverage = _coverage(plan, raw.header, filled)
    return result


def _coverage(plan: TablePlan, header: list[str], filled: Counter[int]) -> list[ColumnCoverage]:
    """Every column the table reads, with the field it feeds and its count of filled rows."""
    feeds: dict[str, list[str]] = {}
    for name, column in plan.table.columns.items():
        feeds.setdefault(column, []).append(name)
    for emit in plan.table.emit:
        what = emit.event_type or "the event"
        feeds.setdefault(emit.date, []).append(f"date of {what}")
        for column in emit.when:
            feeds.setdefault(column, []).append(f"condition of {what}")
        for key, column in emit.attribute_columns.items():
            feeds.setdefault(column, []).append(f"attributes.{key} of {what}")
    position = {name: at for at, name in enumerate(header)}
    return [
        ColumnCoverage(column, ", ".join(dict.fromkeys(names)), filled[position[column]])
        for column, names in feeds.items()
    ]


def check_file(path: Path, mapping: Mapping, *, first: int = 3) -> list[TableCheck]:
    """Dry-run ``mapping`` against one file (CSV, XLSX, JSON or CIN census XML); write nothing.

    Raises:
        IntakeError: a file-level problem, exactly as an import would raise it.
    """
    from fullpicture.intake.readers import FileKind
    from fullpicture.intake.statutory.xml_import import XML_SUFFIXES, plan_xml

    if path.suffix.lower() in XML_SUFFIXES:
        return [
            check_rows(RawFile(path, FileKind.XML, flat.header, iter(flat.rows)), plan, first=first)
            for flat, plan in plan_xml(path, mapping)
        ]
    checks = []
    for table in tables_of(mapping, path):  # a flat export or workbook: each of its tables
        with open_file(path, table_sheet(mapping, path, table)) as raw:
            checks.append(check_rows(raw, compile_plan(mapping, table, raw.header), first=first))
    return checks
