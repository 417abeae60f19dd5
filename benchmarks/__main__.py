"""``python -m benchmarks [AREA ...] [--quick]``: run the benchmarks and print their figures."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import benchmarks
from benchmarks.harness import Result, machine, write


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
    out = sys.stdout
    out.write(f"Machine: {machine()}\n\n")
    out.write("| area | measure | value | unit | target | data size | notes |\n")
    out.write("|---|---|---|---|---|---|---|\n")
    for area in chosen:
        module = importlib.import_module(f"benchmarks.bench_{area}")
        results: list[Result] = module.run(quick=args.quick)
        for r in results:
            out.write(
                f"| {r.area} | {r.name} | {r.value:.3g} | {r.unit} | {r.target} "
                f"| {r.data_size} | {r.notes} |\n"
            )
            out.flush()
        path = write(area, results)
        out.write(f"(written to {path})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
