"""Checking rows chunk by chunk: each row becomes store records or a quarantined row.

This is the pure part of an import (no store access): it only needs the compiled plan and the
import context, so it can run in this process or in a forked worker (see
:mod:`fullpicture.intake.worker`) while the importing process writes the previous chunk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from fullpicture.intake.checks import RowCheck
from fullpicture.intake.context import ImportContext
from fullpicture.intake.events import build_events
from fullpicture.intake.links import build_address, build_relationship
from fullpicture.intake.mapping import TableKind
from fullpicture.intake.persons import build_person
from fullpicture.intake.plan import TablePlan
from fullpicture.intake.problems import Problem
from fullpicture.intake.readers import RawRow
from fullpicture.intake.writing import RecordShape, Values

Participants = dict[str, list[tuple[int, str]]]
QuarantinedRow = tuple[int, dict[str, str], list[Problem]]
"""A row to quarantine: its number, the row as read and every reason."""


@dataclass
class CheckedChunk:
    """The outcome of checking consecutive rows of one file.

    Flat lists rather than an object per row: a chunk checked in a worker is pickled, and
    fewer, plainer objects cross the pipe faster.
    """

    read: int = 0
    stored: int = 0
    """Rows stored (each may emit several records)."""
    names: tuple[str, ...] = ()
    """The records' column names (see :class:`~fullpicture.intake.writing.RecordShape`)."""
    records: list[Values] = field(default_factory=list)
    """Every stored row's records, in row order, as tuples in ``names`` order."""
    numbers: list[int] = field(default_factory=list)
    """The row number of each record."""
    participants: Participants = field(default_factory=dict)
    """Record key -> (source person id, role) pairs, for the events that have participants
    (events without are left out: most have none, and each entry would cross the pipe)."""
    warnings: list[tuple[int, Problem]] = field(default_factory=list)
    """(row number, warning) of stored rows, in row order."""
    quarantined: list[QuarantinedRow] = field(default_factory=list)


def raw_dict(header: list[str], row: RawRow) -> dict[str, str]:
    """The row as read, by column name (values beyond the header as ``_extra_N``)."""
    if row.raw is not None:
        return row.raw
    raw = dict(zip(header, row.values, strict=False))
    for extra, value in enumerate(row.values[len(header) :], start=1):
        raw[f"_extra_{extra}"] = value
    return raw


def _records(
    plan: TablePlan, check: RowCheck, ctx: ImportContext, row: RawRow
) -> tuple[list[dict[str, Any]], Participants]:
    """Build the store rows of one row (problems collect in ``check``)."""
    kind = plan.table.kind
    if kind is TableKind.EVENT:
        built = build_events(plan, check, ctx, row.number, row.values)
        return built.events, built.participants
    if kind is TableKind.PERSON:
        return [build_person(plan, check, ctx, row.number)], {}
    builder = build_relationship if kind is TableKind.RELATIONSHIP else build_address
    return [builder(plan, check, ctx, row.number, row.values)], {}


def check_rows(
    plan: TablePlan, ctx: ImportContext, shape: RecordShape, rows: list[RawRow]
) -> CheckedChunk:
    """Check each row, collecting every problem, and sort it into stored or quarantined.

    Stored rows' records come as tuples in ``shape``'s column order, ready for the store.
    """
    chunk = CheckedChunk(read=len(rows))
    for row in rows:
        if row.problem is not None:
            problems = [Problem("row", row.problem, "")]
            chunk.quarantined.append((row.number, raw_dict(plan.header, row), problems))
            continue
        check = RowCheck(plan.values(row.values), plan.required)
        records, participants = _records(plan, check, ctx, row)
        if check.problems:
            chunk.quarantined.append((row.number, raw_dict(plan.header, row), check.problems))
        else:
            if chunk.participants and not participants:
                _forget(chunk.participants, records)
            _keep(chunk, row.number, shape.values(records), participants, check.warnings)
    chunk.names = shape.names
    return chunk


def _forget(participants: Participants, records: list[dict[str, Any]]) -> None:
    """Drop the participants an earlier row of the chunk gave these records' keys: a later row
    with the same key replaces the earlier one, participants included (here, none)."""
    for record in records:
        participants.pop(record["record_key"], None)


def _keep(
    chunk: CheckedChunk,
    number: int,
    records: list[Values],
    participants: Participants,
    warnings: list[Problem],
) -> None:
    chunk.stored += 1
    chunk.records.extend(records)
    chunk.numbers.extend([number] * len(records))
    if participants:
        chunk.participants.update(participants)
    if warnings:
        chunk.warnings.extend((number, warning) for warning in warnings)


def checked_chunks(
    plan: TablePlan, ctx: ImportContext, shape: RecordShape, rows: Iterator[RawRow], size: int
) -> Iterator[CheckedChunk]:
    """Check ``rows`` in this process, ``size`` rows at a time."""
    while batch := list(islice(rows, size)):
        yield check_rows(plan, ctx, shape, batch)
