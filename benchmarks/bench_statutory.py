"""Statutory returns: CIN census XML flattening and import rate into SQLite.

A census of N fictional children is written from the test factory's two child blocks (ids made
unique); writing is not timed. Measured: flattening alone (defusedxml streaming parse) in
records/s, the import end to end (flatten + validate + store, every table) in records/s, and
peak memory. Full run: 20,000 children; ``--quick``: 1,000.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result, peak_rss_mib, timed
from fullpicture.intake.importer import import_files
from fullpicture.intake.statutory.builtin import load_builtin
from fullpicture.intake.statutory.xml_import import flatten_xml
from fullpicture.store.database import open_store
from tests.intake.statutory.factories import CIN_CHILD_ONE, CIN_CHILD_TWO, create_cin_census

FULL_CHILDREN = 20_000
QUICK_CHILDREN = 1_000


def _census(path: Path, children: int) -> Path:
    blocks = []
    for number in range(children):
        block = CIN_CHILD_ONE if number % 2 else CIN_CHILD_TWO
        blocks.append(block.replace("<LAchildID>K100", f"<LAchildID>B{number}K100"))
    return create_cin_census(path, blocks)


def run(quick: bool) -> list[Result]:
    """Measure flattening and importing a census of fictional children."""
    children = QUICK_CHILDREN if quick else FULL_CHILDREN
    size = f"{children} children"
    with tempfile.TemporaryDirectory() as folder:
        path = _census(Path(folder) / "census.xml", children)
        with timed() as elapsed:
            records = sum(len(t.rows) for t in flatten_xml(path).values())
        flatten_rate = records / elapsed()
        engine = open_store(f"sqlite:///{folder}/store.sqlite")
        cpu = time.process_time()
        with timed() as elapsed:
            results = import_files(engine, [path], "cin", load_builtin("cin-census", "cin"))
        cpu = time.process_time() - cpu
        read = sum(r.read for r in results)
        engine.dispose()
    return [
        Result("statutory", "cin_xml_flatten_rate", round(flatten_rate), "records/s",
               data_size=f"{size}, {records} records"),
        Result("statutory", "cin_xml_import_rate_sqlite", round(read / elapsed()), "records/s",
               data_size=f"{size}, {read} records", notes=f"CPU {cpu:.1f} s of this process"),
        Result("statutory", "peak_rss", round(peak_rss_mib()), "MiB", data_size=size),
    ]  # fmt: skip
