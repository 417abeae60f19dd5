"""Linkage benchmark: accuracy (F1) and time of a full run at 20k / 200k / 1M source records, the
exact-NHS-number baseline, peak memory, and 1,000 new records linked incrementally.

Each size runs in its own subprocess so that peak memory is that run's alone. Data comes from
``benchmarks.linkage_data`` (loaded straight into a SQLite store; loading is not timed).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Result, peak_rss_mib

SIZES = (20_000, 200_000, 1_000_000)
TIME_TARGETS = {200_000: "<= 15 s", 1_000_000: "<= 90 s"}
INCREMENTAL = 1_000


def _cpu_seconds() -> float:
    # The process's CPU time, all threads (DuckDB's included): the machine is often shared, so
    # wall time alone overstates the work.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(size: int) -> dict[str, Any]:
    """Generate ``size`` records, link them, score them; then link 1,000 more incrementally."""
    # Libraries Splink imports lazily in the middle of a run are imported here, before timing,
    # like the linkage package itself: importing is process start-up, not linking (and it is
    # slow where bytecode is not cached, PYTHONDONTWRITEBYTECODE).
    import pandas  # noqa: F401
    import sqlglot.dialects.duckdb  # noqa: F401

    from benchmarks.linkage_data import generate, load_into_store, write_truth
    from fullpicture.linkage import link
    from fullpicture.linkage.evaluate import evaluate_linkage
    from fullpicture.store.database import open_store

    folder = Path(tempfile.mkdtemp(prefix="bench-linkage-"))
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    dataset = generate(size + INCREMENTAL, seed=2024)
    ids = dataset.raw.column("id").to_pylist()
    load_into_store(engine, dataset, only=set(ids[:size]))
    start, cpu = time.perf_counter(), _cpu_seconds()
    full = link(engine, full=True)
    full_seconds, full_cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    write_truth(dataset, folder / "truth")
    scores = evaluate_linkage(engine, folder / "truth")
    load_into_store(engine, dataset, only=set(ids[size:]))
    start, cpu = time.perf_counter(), _cpu_seconds()
    incremental = link(engine)
    incremental_seconds = time.perf_counter() - start
    incremental_cpu = _cpu_seconds() - cpu
    after = evaluate_linkage(engine, folder / "truth")["linkage"]
    return {
        "size": size,
        "full_seconds": full_seconds,
        "full_cpu_seconds": full_cpu,
        "full_timings": full.timings,
        "full_cpu_timings": full.cpu_timings,
        "f1": scores["linkage"]["f1"],
        "precision": scores["linkage"]["precision"],
        "recall": scores["linkage"]["recall"],
        "bcubed_f1": scores["linkage"]["bcubed_f1"],
        "nhs_only_f1": scores["nhs_only_baseline"]["f1"],
        "nhs_only_recall": scores["nhs_only_baseline"]["recall"],
        "incremental_seconds": incremental_seconds,
        "incremental_cpu_seconds": incremental_cpu,
        "incremental_timings": incremental.timings,
        "incremental_cpu_timings": incremental.cpu_timings,
        "incremental_mode": incremental.mode,
        "f1_after_incremental": after["f1"],
        "peak_mib": peak_rss_mib(),
    }


def _results(m: dict[str, Any]) -> list[Result]:
    size = f"{m['size']:,} records"
    extra = {
        "timings": m["full_timings"],
        "cpu_timings": m["full_cpu_timings"],
        "precision": m["precision"],
        "recall": m["recall"],
        "bcubed_f1": m["bcubed_f1"],
    }
    return [
        Result("linkage", "pairwise F1", m["f1"], "", ">= 0.98", size, extra=extra),
        Result(
            "linkage",
            "NHS-only baseline F1",
            m["nhs_only_f1"],
            "",
            "",
            size,
            notes=f"recall {m['nhs_only_recall']}",
        ),
        Result(
            "linkage",
            "full run time",
            round(m["full_seconds"], 2),
            "s",
            TIME_TARGETS.get(m["size"], ""),
            size,
            notes=f"train + score + cluster + write; CPU {m['full_cpu_seconds']:.2f} s",
        ),
        Result(
            "linkage",
            "peak memory",
            round(m["peak_mib"], 1),
            "MiB",
            "<= 6144 MiB" if m["size"] == 1_000_000 else "",
            size,
        ),
        Result(
            "linkage",
            f"incremental {INCREMENTAL:,} new records",
            round(m["incremental_seconds"], 2),
            "s",
            "<= 1 s" if m["size"] == 200_000 else "",
            size,
            notes=f"CPU {m['incremental_cpu_seconds']:.2f} s",
            extra={
                "timings": m["incremental_timings"],
                "cpu_timings": m["incremental_cpu_timings"],
                "mode": m["incremental_mode"],
                "f1_after_incremental": m["f1_after_incremental"],
            },
        ),
    ]


def run(quick: bool) -> list[Result]:
    """Run each size in a subprocess; ``quick`` runs 20k only."""
    results: list[Result] = []
    for size in SIZES[:1] if quick else SIZES:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_linkage", "--size", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        measured = json.loads(out.stdout.strip().splitlines()[-1])
        for result in _results(measured):
            sys.stdout.write(
                f"{result.data_size}: {result.name} = {result.value} {result.unit} "
                f"(target {result.target or '-'}){'; ' + result.notes if result.notes else ''}\n"
            )
            results.append(result)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    sys.stdout.write(json.dumps(measure(args.size)) + "\n")
