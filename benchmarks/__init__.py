"""Benchmarks of fullpicture's real code paths; ``make bench`` (``python -m benchmarks``) runs them.

Each ``benchmarks/bench_<area>.py`` module defines ``run(quick: bool) -> list[Result]``. Figures are
printed as a Markdown table and written to ``out/bench/<area>.json``; ``docs/performance.md`` quotes
them with the machine, the data size and this command.
"""
