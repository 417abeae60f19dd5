"""Benchmark of ``fullpicture synth``: time and peak memory to generate about 1M events.

Generation runs in a child process so that its peak resident memory is measured alone
(``RUSAGE_CHILDREN`` after it exits). ``--quick`` generates about 50,000 events.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result

EVENTS_PER_CHILD = 35.0
"""About how many events one child brings (measured at 2,000 children; the run reports the truth)."""

_CHILD = """
import json, sys
from pathlib import Path
from fullpicture.synth import generate
s = generate(Path(sys.argv[1]), children=int(sys.argv[2]), seed=20250331)
print(json.dumps({"events": s.events, "rows": s.total_rows, "children": s.children}))
"""


def _generate(children: int) -> tuple[float, float, float, dict[str, int]]:
    """Run the generator in a child process; its own CPU and peak memory come from ``wait4``.

    ``RUSAGE_CHILDREN`` would report the largest of every child this process ever waited for
    (in ``make bench``, earlier areas' forked workers and servers too), not the generator's.
    """
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
        start = time.perf_counter()
        errors = Path(tmp) / "stderr.txt"
        with errors.open("w") as err_file:
            child = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(Path(tmp) / "la"), str(children)],
                stdout=subprocess.PIPE,
                stderr=err_file,
                text=True,
            )
            out = child.stdout.read()  # type: ignore[union-attr]
            _pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            raise RuntimeError(f"synth generation failed: {errors.read_text()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, json.loads(out)


def run(quick: bool) -> list[Result]:
    """Generate ~1M events (``quick``: ~50k) and report seconds, peak memory and volumes."""
    target = 50_000 if quick else 1_000_000
    children = int(target / EVENTS_PER_CHILD)
    seconds, cpu, rss, counts = _generate(children)
    size = f"{counts['children']:,} children, {counts['events']:,} events, {counts['rows']:,} rows"
    results = [
        Result("synth", "generate", seconds, "s", "<= 120 s for 1M events", size),
        Result("synth", "generate_cpu", cpu, "s", "", size, notes="CPU time of the child process"),
        Result("synth", "generate_peak_rss", rss, "MiB", "< 2048 MiB", size),
        Result("synth", "events_per_second", counts["events"] / seconds, "events/s", "", size),
    ]
    for r in results:
        sys.stdout.write(f"synth {r.name}: {r.value:,.1f} {r.unit} ({r.data_size})\n")
    return results
