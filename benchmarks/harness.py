"""Shared pieces of the benchmarks: results, timing and peak memory."""

from __future__ import annotations

import json
import os
import platform
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

OUT = Path("out/bench")


@dataclass
class Result:
    """One measured figure."""

    area: str
    name: str
    value: float
    unit: str
    target: str = ""
    data_size: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@contextmanager
def timed() -> Iterator[Callable[[], float]]:
    """Measure wall-clock seconds; call the yielded function for the elapsed time."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


def peak_rss_mib(children: bool = False) -> float:
    """Peak resident memory of this process (or of its finished children) in MiB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write(area: str, results: list[Result]) -> Path:
    """Write ``results`` to ``out/bench/<area>.json`` and return the path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{area}.json"
    path.write_text(
        json.dumps({"machine": machine(), "results": [asdict(r) for r in results]}, indent=2)
    )
    return path
