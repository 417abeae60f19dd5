"""Backups: how long ``store backup`` and ``store check-backup`` take on a SQLite store.

A store of 1M events (the rules benchmark's generated people and events, inserted in bulk and
not timed; ``--quick``: 100,000) is backed up with :func:`backup_store` (one read snapshot: every
table's digest, then the online copy) and the backup is checked with :func:`check_backup`
(restore into a fresh file, integrity check, every table's digest compared with the manifest).
Wall and CPU seconds are reported; the audit chain is empty here, so its verification is not part
of the figure (``python -m benchmarks web`` measures a store with a long chain).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.bench_rules import generate
from benchmarks.harness import Result, timed
from benchmarks.store_fill import fill_store
from fullpicture.store.backup import backup_store, check_backup
from fullpicture.store.database import open_store

FULL_EVENTS = 1_000_000
QUICK_EVENTS = 100_000


def _measure(name: str, action, size: str) -> tuple[Result, object]:  # type: ignore[no-untyped-def]
    cpu = time.process_time()
    with timed() as elapsed:
        outcome = action()
    cpu = time.process_time() - cpu
    return Result("backup", name, elapsed(), "s", data_size=size, notes=f"CPU {cpu:.2f} s"), outcome


def run(quick: bool) -> list[Result]:
    """Back up a store of 1M events and check that the backup restores."""
    events = QUICK_EVENTS if quick else FULL_EVENTS
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'store.db'}")
        fill_store(engine, generate(events))
        engine.dispose()
        size = f"{events:,} events, {(Path(folder) / 'store.db').stat().st_size / 2**20:.0f} MiB (SQLite)"
        backup = Path(folder) / "backup" / "store.db"
        made, _ = _measure("store backup", lambda: backup_store(engine, backup), size)
        checked, result = _measure(
            "store check-backup (restore and compare)", lambda: check_backup(backup), size
        )
    if not getattr(result, "ok", False):
        raise RuntimeError(f"the benchmark's backup did not check: {result}")
    return [made, checked]
