"""Tests for ``python -m benchmarks``: it prints each figure and writes it to out/bench."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from benchmarks import __main__ as bench_main
from benchmarks import harness
from benchmarks.harness import Result


def sample_module() -> types.ModuleType:
    module = types.ModuleType("benchmarks.bench_sample")

    def run(quick: bool) -> list[Result]:
        return [Result("sample", "rows_per_second", 1234.5, "rows/s", ">= 1000", "10 rows", "n")]

    module.run = run  # type: ignore[attr-defined]
    return module


def test_should_print_each_figure_and_write_the_area_json(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "benchmarks.bench_sample", sample_module())
    monkeypatch.setattr(harness, "OUT", tmp_path)
    monkeypatch.setattr(sys, "argv", ["benchmarks", "sample", "--quick"])

    assert bench_main.main() == 0

    printed = capsys.readouterr().out
    assert "| sample | rows_per_second | 1.23e+03 | rows/s | >= 1000 | 10 rows | n |" in printed
    written = json.loads((tmp_path / "sample.json").read_text())
    assert written["results"][0]["value"] == 1234.5
