"""``python -m benchmarks [AREA ...] [--quick]``: run the benchmarks and print their figures."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import benchmarks
from benchmarks.harness import Result, write


def _areas() -> list[str]:
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "areas", nargs="*", help=f"areas to run (default all): {', '.join(_areas())}"
    )
    parser.add_argument("--quick", action="store_true", help="small data sizes, for a smoke run")
    args = parser.parse_args()
    chosen = args.areas or _areas()
    for area in chosen:
        module = importlib.import_module(f"benchmarks.bench_{area}")
        results: list[Result] = module.run(quick=args.quick)
        for _r in results:
            sys.stdout.flush()
        write(area, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
