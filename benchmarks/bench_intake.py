"""Intake: import rate (rows/s, end to end with validation) into SQLite and PostgreSQL.

The data are the synthetic local authority's extracts (``fullpicture.synth.generate``): six
sources, each in its own shape (CSV with different delimiters and encodings, XLSX, codes and date
styles), with their realistic noise and deliberately bad rows. The full run is sized to about
1,000,000 event rows; ``--quick`` to about 20,000; ``FULLPICTURE_BENCH_INTAKE_EVENTS=N`` sets
another size. Generation is not timed.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from benchmarks.harness import Result, timed
from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import TableKind, load_mapping
from fullpicture.store.database import open_store
from fullpicture.store.throwaway import postgres_bindir, throwaway_postgres
from fullpicture.synth import generate

FULL_EVENT_ROWS = 1_000_000
QUICK_EVENT_ROWS = 20_000
EVENT_ROWS_PER_CHILD = 29
"""Event-table rows per simulated child (measured: 22,806 for 769 children)."""
SEED = 20250331


@dataclass(frozen=True)
class Run:
    """One measured import of every source."""

    seconds: float
    cpu_seconds: float  # this process and its checking workers (not a PostgreSQL server's)
    read: int
    event_rows: int
    worker_cpu_seconds: float  # the forked checking workers' share of cpu_seconds


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the forked checking workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _sources(folder: Path) -> list[str]:
    return sorted(path.stem for path in (folder / "mappings").glob("*.toml"))


def _import_all(url: str, folder: Path) -> Run:
    """Import every source of the synthetic authority into a fresh store, timing it."""
    engine = open_store(url)
    read = event_rows = 0
    try:
        cpu, children = time.process_time(), _children_cpu()
        with timed() as elapsed:
            for source in _sources(folder):
                mapping = load_mapping(folder / "mappings" / f"{source}.toml")
                paths = sorted((folder / source).iterdir())
                for result in import_files(engine, paths, source, mapping):
                    read += result.read
                    if mapping.table(result.table).kind is TableKind.EVENT:
                        event_rows += result.read
        workers = _children_cpu() - children
        return Run(elapsed(), time.process_time() - cpu + workers, read, event_rows, workers)
    finally:
        engine.dispose()


def _pg_import(server: str, folder: Path) -> Run:
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("CREATE DATABASE bench"))
    admin.dispose()
    return _import_all(f"{server}/bench", folder)


def _result(backend: str, run: Run, children: int) -> Result:
    per_cpu = run.read / run.cpu_seconds
    return Result(
        area="intake",
        name=f"import rate, {backend}",
        value=round(run.read / run.seconds),
        unit="rows/s",
        target=">= 50,000 rows/s (SQLite)" if backend == "SQLite" else "",
        data_size=f"{run.event_rows:,} event rows of {run.read:,} rows, synth {children:,} children",
        notes=f"{run.seconds:.1f} s wall end to end incl. reading, validation and commit; "
        f"{per_cpu:,.0f} rows per CPU-second of the importing process and its checking workers "
        f"({run.cpu_seconds:.1f} s CPU, {run.worker_cpu_seconds:.1f} s of it in the workers)",
        extra={
            "seconds": run.seconds,
            "cpu_seconds": run.cpu_seconds,
            "worker_cpu_seconds": run.worker_cpu_seconds,
            "rows_per_cpu_s": per_cpu,
        },
    )


def run(quick: bool) -> list[Result]:
    """Measure the import rate on SQLite, and on PostgreSQL when its binaries are installed."""
    target = int(os.environ.get("FULLPICTURE_BENCH_INTAKE_EVENTS", 0)) or (
        QUICK_EVENT_ROWS if quick else FULL_EVENT_ROWS
    )
    children = max(50, target // EVENT_ROWS_PER_CHILD)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "la"
        generate(folder, children=children, seed=SEED)
        results.append(
            _result("SQLite", _import_all(f"sqlite:///{tmp}/store.db", folder), children)
        )
        if postgres_bindir() is not None:
            with throwaway_postgres() as server:
                results.append(_result("PostgreSQL", _pg_import(server, folder), children))
    for r in results:
        sys.stdout.write(f"{r.name}: {r.value:,.0f} {r.unit} ({r.data_size}; {r.notes})\n")
    return results
