"""Taking a file in: read it, check every row, store or quarantine each, all in one transaction.

Guarantees (see ``docs/intake.md``):

* ``read == stored + quarantined`` for every file;
* the same file (same source, table and sha256) taken in again changes nothing;
* an import is one transaction: killed midway, the store is as it was before;
* rows are upserted by natural key (source + local id, source + record key), so a corrected
  file updates the rows it carries; ``supersedes`` marks the earlier ledger entry superseded,
  which resolves its quarantined rows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import IntakeError, MappingError, RejectedFileError, UnknownSourceError
from fullpicture.intake import ledger, writing
from fullpicture.intake.checking import CheckedChunk, QuarantinedRow, checked_chunks
from fullpicture.intake.context import ImportContext
from fullpicture.intake.mapping import Mapping, Table, TableKind
from fullpicture.intake.plan import (
    TablePlan,
    check_fits,
    choose_table,
    compile_plan,
    shared_tables,
    sheet_for,
    table_sheet,
    tables_of,
)
from fullpicture.intake.problems import Problem
from fullpicture.intake.readers import FileKind, RawFile, open_file
from fullpicture.intake.registry import find_mapping, register_mapping_in
from fullpicture.intake.rejections import count_reasons, most_frequent, record_rejection
from fullpicture.intake.worker import CheckJob, WorkerRun, use_worker, use_worker_for, worker_chunks
from fullpicture.store import schema
from fullpicture.store.faults import storage_faults

BATCH_ROWS = int(os.environ.get("FULLPICTURE_INTAKE_BATCH_ROWS", "5000"))
_PAUSE = float(os.environ.get("FULLPICTURE_INTAKE_TEST_PAUSE", "0"))
"""Test-only: seconds to sleep after each batch, so a fault test can kill an import midway."""

_ORDER = {TableKind.PERSON: 0, TableKind.ADDRESS: 1, TableKind.RELATIONSHIP: 2, TableKind.EVENT: 3}


@dataclass
class FileResult:
    """What happened to one file.

    Attributes:
        path: the file.
        table: the mapping table it matched.
        read: data rows read (blank lines are not rows).
        stored: rows stored (each may emit several events).
        quarantined: rows quarantined with their reasons.
        sha256: the file's SHA-256 digest.
        ledger_id: the ledger entry (the earlier one when already imported).
        already_imported: the same file was taken in before; nothing changed.
        warnings: values left out of stored rows (see ``intake_warning``).
        notes: how the file was read (encoding, unmapped columns, no rows).
    """

    path: Path
    table: str
    read: int
    stored: int
    quarantined: int
    sha256: str
    ledger_id: int
    already_imported: bool
    warnings: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Batch:
    """Rows of one batch, sorted into what is stored and what is quarantined."""

    names: tuple[str, ...]
    """The records' column names."""
    records: dict[str, writing.Values] = field(default_factory=dict)
    participants: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    quarantined: list[QuarantinedRow] = field(default_factory=list)
    warnings: list[tuple[int, Problem]] = field(default_factory=list)
    stored: int = 0


@dataclass
class _Counts:
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    warnings: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # of quarantined rows


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of the file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class _Seen:
    """The keys met so far in a file (key -> row number) and, for the person table of a flat
    export (one row per event, the person repeated), each person as the file has told them."""

    rows: dict[str, int] = field(default_factory=dict)
    people: dict[str, writing.Values] | None = None

    def take(self, key: str, record: writing.Values, number_at: int) -> tuple[writing.Values, bool]:
        """The record to store for this row, and whether it replaces an earlier row's values.

        In a flat export a person's later row fills in and updates their details: a value it
        leaves blank keeps the earlier row's (an attendance without the address does not
        erase it), and only a changed value is worth a warning.
        """
        if self.people is None:
            return record, key in self.rows
        earlier = self.people.get(key)
        if earlier is not None:
            merged = tuple(e if r is None else r for r, e in zip(record, earlier, strict=True))
            changed = any(
                r is not None and r != e and at != number_at
                for at, (r, e) in enumerate(zip(record, earlier, strict=True))
            )
            record = merged
        else:
            changed = False
        self.people[key] = record
        return record, changed


def _merge(target: Any, chunk: CheckedChunk, seen: _Seen) -> _Batch:
    """Put a checked chunk in a batch; a later row with an earlier row's key replaces it."""
    batch = _Batch(chunk.names, participants=chunk.participants, stored=chunk.stored)
    batch.quarantined, batch.warnings = chunk.quarantined, chunk.warnings
    at = writing.key_position(target, chunk.names) if chunk.records else 0
    flat = seen.people is not None
    number_at = chunk.names.index("row_number") if flat else 0
    records, replaced, rows = batch.records, [], seen.rows
    for number, record in zip(chunk.numbers, chunk.records, strict=True):
        key = str(record[at])
        record, replaces = seen.take(key, record, number_at)
        if replaces:
            message = (
                f"same person as row {rows[key]}; this later row updates their details"
                if flat
                else f"same record as row {rows[key]}; this later row replaces it"
            )
            replaced.append((number, Problem("row", message, key)))
        rows[key] = number
        records[key] = record
    if replaced:  # each after its row's own warnings (a stable sort keeps that order)
        batch.warnings = sorted(batch.warnings + replaced, key=itemgetter(0))
    return batch


_TARGET = {
    TableKind.PERSON: schema.source_person,
    TableKind.EVENT: schema.event,
    TableKind.RELATIONSHIP: schema.relationship,
    TableKind.ADDRESS: schema.address,
}


@dataclass
class _Written:
    """What storing a batch's records did: the keys that replaced stored rows, and the row id
    of each key inserted with an id chosen here (see :func:`writing.insert_new`)."""

    updated: set[str]
    ids: dict[str, int]


def _write_records(
    conn: Connection, target: Any, batch: _Batch, written: set[str], *, numbered: bool
) -> _Written:
    """Insert the batch's new natural keys plainly (about twice as fast as an upsert); upsert
    the keys an earlier batch of this file wrote, and fall back to upserting the whole batch
    when the store already held one of its keys (a re-import or a corrected file).

    With ``numbered`` (and a store that allows it) the new rows get their ids here, so the
    caller knows them without reading them back.
    """
    keys = list(batch.records)
    if written.isdisjoint(keys):  # the usual case: no key of the batch came earlier in the file
        fresh, again, updated, rows = keys, [], set(), list(batch.records.values())
    else:
        fresh = [k for k in keys if k not in written]
        again = [batch.records[k] for k in keys if k in written]
        updated = {k for k in keys if k in written}
        rows = [batch.records[k] for k in fresh]
    ids: dict[str, int] = {}
    if _insert_fresh(conn, target, batch.names, rows, numbered=numbered, ids=ids, keys=fresh):
        writing.upsert(conn, target, batch.names, again)
    else:
        updated, ids = set(keys), {}
        writing.upsert(conn, target, batch.names, list(batch.records.values()))
    written.update(keys)
    return _Written(updated, ids)


def _insert_fresh(
    conn: Connection,
    target: Any,
    names: tuple[str, ...],
    rows: list[writing.Values],
    *,
    numbered: bool,
    ids: dict[str, int],
    keys: list[str],
) -> bool:
    """Insert rows believed new; False (and nothing inserted) when the store held one of them.

    On SQLite without a savepoint (see :func:`writing.insert_new`), filling ``ids`` with the
    new rows' ids when ``numbered``; elsewhere a plain insert inside a savepoint.
    """
    if not rows:
        return True
    if writing.can_number(conn):
        first = writing.insert_new(conn, target, names, rows, numbered=numbered)
        if first is not None and numbered:
            ids.update(zip(keys, range(first, first + len(rows)), strict=True))
        return first is not None
    try:
        with conn.begin_nested():
            writing.insert(conn, target, names, rows)
    except writing.DuplicateKeyError:
        return False
    return True


def _flush(
    conn: Connection, plan: TablePlan, ctx: ImportContext, batch: _Batch, written: set[str]
) -> None:
    target = _TARGET[plan.table.kind]
    linked = plan.table.kind is TableKind.EVENT and "participant_local_ids" in plan.index
    done = _write_records(conn, target, batch, written, numbered=linked)
    if linked:
        ids = done.ids
        # Rows that replaced stored ones keep their ids: read those (their old participants go).
        unknown = [k for k in done.updated.union(batch.participants) if k not in ids]
        if unknown:
            ids = ids | writing.ids_by_key(conn, target, ctx.source, unknown)
        pairs = {ids[k]: v for k, v in batch.participants.items()}
        writing.replace_participants(conn, pairs, {ids[k] for k in done.updated if k in ids})
    writing.quarantine_rows(conn, batch.quarantined, ledger_id=ctx.ledger_id, source=ctx.source)
    writing.warning_rows(conn, batch.warnings, ledger_id=ctx.ledger_id, source=ctx.source)


SQLITE_CACHE_KIB = 262_144
"""Page cache for an import on SQLite: the default 2 MiB makes index updates thrash once a table
holds a few hundred thousand rows."""


def _checked(
    conn: Connection, plan: TablePlan, raw: RawFile, ctx: ImportContext, options: _Options
) -> Iterator[CheckedChunk]:
    """The file's rows checked in chunks: by the call's checking run (see :class:`_Pipeline`),
    by a forked worker for large files, else here."""
    if options.pipeline is not None and options.item is not None:
        found = options.pipeline.chunks(conn, options.item, raw, ctx)
        if found is not None:
            return found
    shape = writing.RecordShape(_TARGET[plan.table.kind], conn.dialect.name)
    if use_worker(raw):
        return worker_chunks(CheckJob(plan, ctx, shape, raw, BATCH_ROWS))
    return checked_chunks(plan, ctx, shape, raw.rows, BATCH_ROWS)


@contextlib.contextmanager
def _collector_spared() -> Iterator[None]:
    """Keep the cyclic garbage collector off the objects that exist before a file's rows.

    An import allocates millions of short-lived objects, which trigger full collections; each
    would walk the whole heap of the process (modules, the mapping, the person ids) again.
    Freezing moves what exists now out of the collector's way until the file is done (nothing
    is freed or kept differently; it is only not scanned meanwhile).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _ingest(
    conn: Connection, plan: TablePlan, raw: RawFile, ctx: ImportContext, options: _Options
) -> _Counts:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    counts = _Counts()
    flat = plan.table.kind is TableKind.PERSON and bool(shared_tables(plan.mapping, raw.path))
    seen = _Seen(people={} if flat else None)
    written: set[str] = set()
    with _collector_spared():
        for chunk in _checked(conn, plan, raw, ctx, options):
            batch = _merge(_TARGET[plan.table.kind], chunk, seen)
            _flush(conn, plan, ctx, batch, written)
            counts.read += chunk.read
            counts.stored += batch.stored
            counts.quarantined += len(batch.quarantined)
            counts.warnings += len(batch.warnings)
            count_reasons(batch.quarantined, counts.reasons)
            if _PAUSE:
                time.sleep(_PAUSE)
    return counts


def _check_ratio(path: Path, counts: _Counts, limit: float | None) -> None:
    """The circuit breaker: too many bad rows means the file or mapping is wrong; keep none."""
    if limit is None or counts.read == 0 or counts.quarantined / counts.read <= limit:
        return
    share = counts.quarantined / counts.read
    raise RejectedFileError(
        f"{path.name}: {counts.quarantined} of {counts.read} rows ({share:.0%}) would be "
        f"quarantined, more than the limit of {limit:.0%}; nothing was imported.",
        hint="Check that the mapping fits this file, then run 'fullpicture import' again "
        "(or raise --max-bad-ratio).",
        read=counts.read,
        quarantined=counts.quarantined,
        limit=limit,
        reasons=most_frequent(counts.reasons),
    )


def _resolve_mapping(conn: Connection, source: str, mapping: Mapping | None) -> Mapping:
    if mapping is not None:
        if mapping.source != source:
            raise MappingError(
                f"The mapping is for the source {mapping.source!r}, not {source!r}.",
                hint="Give the mapping of the source named with --source.",
            )
        return mapping
    found = find_mapping(conn, source)
    if found is None:
        raise UnknownSourceError(
            f"No mapping is registered for the source {source!r}.",
            hint="Give the source's mapping once with --mapping FILE (see docs/mapping.md).",
        )
    return found


def _open(path: Path, mapping: Mapping, table: str | None = None) -> tuple[RawFile, TablePlan]:
    """Open a file as one of its tables: ``table``, or the only table it holds."""
    shared = shared_tables(mapping, path)
    if shared:
        chosen = _one_table(path, shared, table)
        raw = open_file(path, table_sheet(mapping, path, chosen))
    else:
        raw = open_file(path, sheet_for(mapping, path))
    try:
        if shared:
            check_fits(mapping, path, chosen, raw.header)
        else:
            chosen = _one_table(path, [choose_table(mapping, path, raw.header)], table)
    except IntakeError:
        raw.close()
        raise
    return raw, compile_plan(mapping, chosen, raw.header)


def _one_table(path: Path, tables: list[Table], name: str | None) -> Table:
    if name is None and len(tables) == 1:
        return tables[0]
    found = next((t for t in tables if t.name == name), None)
    if found is not None:
        return found
    names = ", ".join(repr(t.name) for t in tables)
    if name is None:
        raise IntakeError(
            f"{path.name} holds the tables {names} (their mapping shares one match glob), so "
            "it is imported as a whole, one result per table.",
            hint="Use import_files, or import_corrected for a corrected file.",
        )
    raise IntakeError(
        f"{path.name} is not read as the table {name!r} (it holds {names}).",
        hint="Check the mapping's match globs (docs/mapping.md).",
    )


def _notes(raw: RawFile, plan: TablePlan, counts: _Counts) -> list[str]:
    notes = list(raw.notes)
    if plan.unmapped:
        notes.append(f"columns not in the mapping (not stored): {', '.join(plan.unmapped)}")
    if counts.read == 0:
        notes.append("the file has a header but no rows: nothing to store")
    return notes


def import_file(
    engine: Engine,
    path: Path,
    source: str,
    mapping: Mapping | None = None,
    *,
    imported_by: str = "cli",
    supersedes: int | None = None,
    max_bad_ratio: float | None = None,
    table: str | None = None,
) -> FileResult:
    """Take one file in for ``source``: every row stored or quarantined, in one transaction.

    Args:
        engine: the store.
        path: the file (CSV, XLSX or JSON).
        source: the source name; its mapping is ``mapping`` or the registered one.
        mapping: the source's mapping; when given it is registered for later imports.
        imported_by: who or what ran the import (kept in the ledger).
        supersedes: the ledger id of an earlier file this corrected file replaces.
        max_bad_ratio: abort (keeping nothing) when more than this share of rows is bad;
            defaults to the mapping table's ``max_bad_ratio`` (off when absent).
        table: which of the file's tables to take in, for a file that holds several (a flat
            export read as a person table and an event table; see
            :func:`fullpicture.intake.plan.shared_tables`); :func:`import_files` takes each.

    Returns:
        The file's counts, digest and ledger id.

    Raises:
        IntakeError: a file-level problem (one message; nothing is written).
    """
    if path.suffix.lower() == ".xml":  # statutory XML returns: fullpicture/intake/statutory/
        raise IntakeError(
            f"{path.name} is an XML return, which holds several tables: it is taken in by "
            "import_files (one result per table), and cannot be given --supersedes.",
            hint="Run 'fullpicture import FILE --source NAME' without --supersedes.",
        )
    with engine.connect() as conn:
        chosen = _resolve_mapping(conn, source, mapping)
    raw, plan = _open(path, chosen, table)
    with raw:
        options = _Options(mapping, imported_by, supersedes, max_bad_ratio)
        return _import_open(engine, raw, plan, options)


def import_corrected(
    engine: Engine,
    path: Path,
    source: str,
    mapping: Mapping | None = None,
    *,
    supersedes: int,
    imported_by: str = "cli",
    max_bad_ratio: float | None = None,
) -> list[FileResult]:
    """Take a corrected file in, superseding the earlier file it replaces.

    For a file of one table this is :func:`import_file` with ``supersedes``. A file holding
    several tables (a flat export, a workbook of several sheets; see
    :func:`fullpicture.intake.plan.shared_tables`) is taken in table by table, people first,
    each superseding the earlier file's entry of the same table (found from ``supersedes``, any
    one of them); a table the earlier file did not have is taken in plainly.

    Raises:
        IntakeError: a file-level problem, or no ledger entry ``supersedes`` (nothing written).
    """
    with engine.connect() as conn:
        chosen = _resolve_mapping(conn, source, mapping)
        earlier = ledger.tables_of_entry(conn, supersedes)
    tables = sorted(tables_of(chosen, path), key=lambda t: _ORDER[t.kind])
    if len(tables) > 1 and not earlier:
        raise IntakeError(
            f"There is no ledger entry {supersedes} to supersede.",
            hint="Give the ledger id of the earlier file (see 'fullpicture import --json').",
        )
    return [
        import_file(
            engine,
            path,
            source,
            mapping,
            imported_by=imported_by,
            supersedes=supersedes if len(tables) == 1 else earlier.get(table.name),
            max_bad_ratio=max_bad_ratio,
            table=table.name,
        )
        for table in tables
    ]


@dataclass(frozen=True)
class _Options:
    """How one file is to be imported (see :func:`import_file`)."""

    given: Mapping | None
    imported_by: str
    supersedes: int | None
    max_bad_ratio: float | None
    item: _Opened | None = None
    """The file as opened to choose the order (by :func:`import_files`), with its digest."""
    pipeline: _Pipeline | None = None
    """The call's checking run, which may check this file ahead (by :func:`import_files`)."""
    conn: Connection | None = None
    """The connection to import on (one for all the files of :func:`import_files`), else one
    from the engine."""


def _import_open(engine: Engine, raw: RawFile, plan: TablePlan, options: _Options) -> FileResult:
    digest = options.item.digest() if options.item is not None else file_sha256(raw.path)
    table = plan.table.name
    try:
        with storage_faults(f"importing {raw.path.name}"), _transaction(engine, options) as conn:
            earlier = ledger.find_entry(conn, plan.mapping.source, digest, table)
            if earlier is not None:
                counts = _Counts(earlier.read, earlier.stored, earlier.quarantined)
                notes = ["already imported: nothing changed"]
                return FileResult(
                    raw.path, table, *_triple(counts), digest, earlier.id, True, 0, notes
                )
            ident, counts = _ingest_file(conn, raw, plan, digest, options)
    except RejectedFileError as exc:
        _record(engine, exc, raw.path, plan, digest, options.imported_by)
        raise
    notes = _notes(raw, plan, counts)
    return FileResult(
        raw.path, table, *_triple(counts), digest, ident, False, counts.warnings, notes
    )


@contextlib.contextmanager
def _transaction(engine: Engine, options: _Options) -> Iterator[Connection]:
    """One file's transaction, on the call's connection when there is one."""
    if options.conn is None:
        with engine.begin() as conn:
            yield conn
        return
    with options.conn.begin():
        yield options.conn


def _record(
    engine: Engine,
    error: RejectedFileError,
    path: Path,
    plan: TablePlan,
    digest: str,
    imported_by: str,
) -> None:
    """Keep the refusal as an alert (its rows rolled back) and name it in the error."""
    error.rejection_id = record_rejection(
        engine,
        error,
        source=plan.mapping.source,
        filename=path.name,
        table=plan.table.name,
        sha256=digest,
        imported_by=imported_by,
    )
    error.message += f" The refusal is recorded as rejection {error.rejection_id}."


def _triple(counts: _Counts) -> tuple[int, int, int]:
    return counts.read, counts.stored, counts.quarantined


def _ingest_file(
    conn: Connection, raw: RawFile, plan: TablePlan, digest: str, options: _Options
) -> tuple[int, _Counts]:
    """Write the ledger entry and every row, inside the caller's transaction."""
    source, table = plan.mapping.source, plan.table.name
    if options.given is not None:
        register_mapping_in(conn, options.given)
    if options.supersedes is not None:
        ledger.supersede(conn, options.supersedes, source=source, table=table)
    ident, started = ledger.open_entry(
        conn,
        source=source,
        filename=raw.path.name,
        table=table,
        sha256=digest,
        imported_by=options.imported_by,
        supersedes=options.supersedes,
    )
    ctx = _context(conn, plan.mapping, plan, ident, started, options.pipeline)
    counts = _ingest(conn, plan, raw, ctx, options)
    limit = options.max_bad_ratio
    _check_ratio(raw.path, counts, limit if limit is not None else plan.table.max_bad_ratio)
    read, stored, quarantined = _triple(counts)
    ledger.close_entry(conn, ident, read=read, stored=stored, quarantined=quarantined)
    return ident, counts


def _context(
    conn: Connection,
    mapping: Mapping,
    plan: TablePlan,
    ident: int,
    started: datetime,
    pipeline: _Pipeline | None,
) -> ImportContext:
    ctx = ImportContext(
        mapping.source,
        mapping.agency.value,
        mapping.system,
        ident,
        started,
        started.astimezone(UTC).date(),
    )
    if plan.table.kind is not TableKind.PERSON:
        known = pipeline.person_ids(conn) if pipeline is not None else None
        ctx.person_ids = writing.person_ids(conn, mapping.source) if known is None else known
    return ctx


KEEP_OPEN_BYTES = 64 << 20
"""Workbooks and JSON files (each parsed whole when opened) up to this many bytes in all stay
open from choosing the order of a call's files until each is imported, so each is parsed once."""


@dataclass
class _Opened:
    """One file of an :func:`import_files` call as one table it holds (a flat export holds
    two), as opened to choose the order.

    Attributes:
        path: the file.
        plan: its mapping table compiled against its header.
        raw: the file still open (a workbook or JSON file, parsed once), else None (reopened
            when imported: a CSV file is streamed, and reopening it costs little).
        size: its size in bytes.
    """

    path: Path
    plan: TablePlan
    raw: RawFile | None
    size: int
    _digest: str | None = None

    def digest(self) -> str:
        """The file's SHA-256, computed once."""
        if self._digest is None:
            self._digest = file_sha256(self.path)
        return self._digest

    def reopen(self) -> RawFile:
        """Open the file again for its rows (the header must be the one its plan was made for).

        Raises:
            IntakeError: the file changed since the order was chosen.
        """
        raw, _ = _open(self.path, self.plan.mapping, self.plan.table.name)
        if raw.header != self.plan.header:
            raw.close()
            raise IntakeError(
                f"{self.path.name} changed while it was being imported: its header is not the "
                "one read when the import started.",
                hint="Run 'fullpicture import' again once the file is complete.",
            )
        return raw


def _kind_order(
    engine: Engine, paths: Sequence[Path], source: str, mapping: Mapping | None
) -> list[_Opened]:
    """Open every file (each must be readable and fit the mapping) as each table it holds, and
    return them with person tables first, so that later files (and the event table of a flat
    export) can refer to their people."""
    with engine.connect() as conn:
        chosen = _resolve_mapping(conn, source, mapping)
    opened: list[_Opened] = []
    kept = 0
    try:
        for path in paths:
            shared = shared_tables(chosen, path)
            tables: list[str | None] = [t.name for t in shared] or [None]
            for table in tables:
                raw, plan = _open(path, chosen, table)
                size = path.stat().st_size
                if raw.kind is not FileKind.CSV and kept + size <= KEEP_OPEN_BYTES:
                    kept += size
                    opened.append(_Opened(path, plan, raw, size))
                else:
                    raw.close()
                    opened.append(_Opened(path, plan, None, size))
    except BaseException:
        _close_all(opened)
        raise
    return sorted(opened, key=lambda o: _ORDER[o.plan.table.kind])


def _close_all(opened: list[_Opened]) -> None:
    for item in opened:
        if item.raw is not None:
            item.raw.close()


class _Pipeline:
    """The checking run of an :func:`import_files` call: one forked worker (a
    :class:`~fullpicture.intake.worker.WorkerRun`) checks the call's remaining files one after
    another, so the next file's rows are checked while the current file is stored and committed.

    The run starts at the first file that is not a person file, inside that file's transaction
    after its ledger entry is written, and covers it and every later file (none is a person
    file: those come first). What the checks depend on is taken then: the source's person ids
    (only person files change them) and the ledger ids, predicted as the next ones in turn
    (files already imported get none, so they are left out of the run). Each file is
    stored exactly as without the run: it takes the run's chunks only when its own ledger id,
    person ids and date are the ones its rows were checked with, and otherwise (another
    process wrote in between, say) the run is stopped and the file and those after it are
    checked as usual. The rows of these files do not depend on the clock (only person rows
    carry the import's time). The worker never writes; each file stays its own transaction.
    """

    def __init__(self, items: list[_Opened]) -> None:
        self._items = items
        self._run: WorkerRun | None = None
        self._ahead: list[tuple[_Opened, ImportContext]] = []
        self._tried = False
        self._persons: tuple[int, dict[str, int]] | None = None

    def person_ids(self, conn: Connection) -> dict[str, int] | None:
        """The source's person ids as read when the run started, if they are certainly still
        the stored ones, else None (read them again).

        Only person files change them, and none comes after the run starts; so on SQLite they
        are still the stored ones when no other connection has committed since, which its
        ``data_version`` tells (the call imports on one connection). Elsewhere, None.
        """
        if self._persons is None or self._run is None:
            return None
        version, ids = self._persons
        return ids if _data_version(conn) == version else None

    def chunks(
        self, conn: Connection, item: _Opened, raw: RawFile, ctx: ImportContext
    ) -> Iterator[CheckedChunk] | None:
        """The checked chunks of ``item`` from the run (starting it if due), or None."""
        if self._run is not None:
            if self._ahead and self._fits(item, ctx):
                self._ahead.pop(0)
                return self._run.file_chunks()
            self.close()
            return None
        if self._tried or item.plan.table.kind is TableKind.PERSON:
            return None
        self._tried = True
        return self._start(conn, item, raw, ctx)

    def _fits(self, item: _Opened, ctx: ImportContext) -> bool:
        expected, checked = self._ahead[0]
        return (
            expected is item
            and checked.ledger_id == ctx.ledger_id
            and checked.today == ctx.today
            and (checked.person_ids is ctx.person_ids or checked.person_ids == ctx.person_ids)
        )

    def _start(
        self, conn: Connection, item: _Opened, raw: RawFile, ctx: ImportContext
    ) -> Iterator[CheckedChunk] | None:
        later = self._items[self._items.index(item) + 1 :]
        if raw.header != item.plan.header or any(
            o.plan.table.kind is TableKind.PERSON for o in later
        ):
            return None
        if not use_worker_for(item.size + sum(o.size for o in later)):
            return None
        source = item.plan.mapping.source
        later = [
            o
            for o in later
            if ledger.find_entry(conn, source, o.digest(), o.plan.table.name) is None
        ]
        jobs = [self._job(conn, item.plan, ctx, raw)]
        for step, other in enumerate(later, start=1):
            checked = dataclasses.replace(ctx, ledger_id=ctx.ledger_id + step)
            self._ahead.append((other, checked))
            jobs.append(self._job(conn, other.plan, checked, other.raw or other.reopen))
        self._run = WorkerRun(jobs)
        version = _data_version(conn)
        self._persons = None if version is None else (version, ctx.person_ids)
        return self._run.file_chunks()

    @staticmethod
    def _job(
        conn: Connection,
        plan: TablePlan,
        ctx: ImportContext,
        raw: RawFile | Callable[[], RawFile],
    ) -> CheckJob:
        shape = writing.RecordShape(_TARGET[plan.table.kind], conn.dialect.name)
        return CheckJob(plan, ctx, shape, raw, BATCH_ROWS)

    def close(self) -> None:
        """Stop the run's worker, if any (nothing it checked is used after this)."""
        if self._run is not None:
            self._run.close()
            self._run = None
        self._ahead = []
        self._persons = None


def _data_version(conn: Connection) -> int | None:
    """SQLite's count of commits by other connections, as this connection sees it (else None)."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())


WAL_PAGES_PER_CALL = 65_536
"""On SQLite, the WAL may grow to this many pages (256 MiB with 4 KiB pages) during an
:func:`import_files` call before it is checkpointed, instead of SQLite's default of 1,000 pages
after each commit: each file's commit would otherwise copy its pages into the database and
sync it, pages shared by the files (the indexes) again each time."""


@contextlib.contextmanager
def _call_connection(engine: Engine) -> Iterator[Connection]:
    """The one connection an :func:`import_files` call imports its files on.

    On SQLite the WAL is checkpointed once at the end of the call (still inside the call, so
    its cost is the import's) rather than at each file's commit; each file is committed and
    durable as before, and the connection gets SQLite's checkpoint setting back.
    """
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            yield conn
            return
        before = int(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={WAL_PAGES_PER_CALL}")
        conn.commit()
        try:
            yield conn
        except BaseException:
            # The error is what the caller needs to see: if the setting cannot be put back
            # (a storage fault, say), the connection is dropped rather than pooled with it.
            try:
                _restore_checkpoints(conn, before, checkpoint=False)
            except sa.exc.DBAPIError:
                conn.invalidate()
            raise
        _restore_checkpoints(conn, before, checkpoint=True)


def _restore_checkpoints(conn: Connection, pages: int, *, checkpoint: bool) -> None:
    conn.rollback()
    conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={pages}")
    if checkpoint:  # what the last commit would otherwise have done (SQLite's own kind)
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").all()
    conn.commit()


def import_files(
    engine: Engine,
    paths: Sequence[Path],
    source: str,
    mapping: Mapping | None = None,
    *,
    imported_by: str = "cli",
    max_bad_ratio: float | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Take several files of one source in: persons first, then addresses, relationships, events.

    Every file is checked (readable, fits the mapping) before any is imported, and each file
    is its own transaction. The files after the person files may be checked ahead by one
    forked worker (see :class:`_Pipeline`); what is stored is the same.

    Raises:
        IntakeError: a file-level problem; files before it in the order stay imported.
    """
    from fullpicture.intake.statutory.xml_import import import_xml_files, split_xml

    xml, paths = split_xml(paths)
    results = import_xml_files(
        engine, xml, source, mapping, imported_by=imported_by, max_bad_ratio=max_bad_ratio
    )
    for result in results:
        if on_result is not None:
            on_result(result)
    opened = _kind_order(engine, paths, source, mapping)
    pipeline = _Pipeline(opened)
    try:
        with _call_connection(engine) as conn:
            for item in opened:
                options = _Options(mapping, imported_by, None, max_bad_ratio, item, pipeline, conn)
                result = _import_item(engine, item, options)
                results.append(result)
                if on_result is not None:
                    on_result(result)
    finally:
        pipeline.close()
        _close_all(opened)
    return results


def _import_item(engine: Engine, item: _Opened, options: _Options) -> FileResult:
    """Import one file of :func:`import_files` as :func:`import_file` would."""
    if item.raw is None:
        raw, plan = _open(item.path, item.plan.mapping, item.plan.table.name)
    else:
        raw, plan, item.raw = item.raw, item.plan, None
    with raw:
        return _import_open(engine, raw, plan, options)


# --- Files holding several tables (the CIN census XML, fullpicture/intake/statutory/) ----------


def resolve_mapping(engine: Engine, source: str, mapping: Mapping | None) -> Mapping:
    """Return ``mapping`` (checked to be for ``source``) or the source's registered mapping.

    Raises:
        MappingError: the mapping is for another source.
        UnknownSourceError: no mapping given and none registered.
    """
    with engine.connect() as conn:
        return _resolve_mapping(conn, source, mapping)


def import_opened(
    engine: Engine,
    raw: RawFile,
    plan: TablePlan,
    given: Mapping | None,
    *,
    imported_by: str = "cli",
    max_bad_ratio: float | None = None,
) -> FileResult:
    """Take in one table of an already opened (e.g. flattened XML) file, as :func:`import_file`.

    The ledger entry is keyed by the file's SHA-256 *and* the table name, so each table of a
    multi-table file is its own entry and re-importing the file changes nothing.
    """
    with raw:
        return _import_open(engine, raw, plan, _Options(given, imported_by, None, max_bad_ratio))
