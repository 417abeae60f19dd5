"""Shared fixtures: small synthetic authorities generated once per test session."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fullpicture.synth import SynthSummary, generate
from fullpicture.synth.agencies import AGENCIES, Agency


@pytest.fixture(scope="session")
def sample_authority(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    """A small authority (400 children)."""
    out = tmp_path_factory.mktemp("synth") / "la"
    return out, generate(out, children=400, seed=11)


@pytest.fixture(scope="session")
def sample_moderate_authority(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, SynthSummary]:
    """A moderate authority (3,000 children) for calibration and pattern coverage."""
    out = tmp_path_factory.mktemp("synth_moderate") / "la"
    return out, generate(out, children=3000, seed=20250331)


def agency_for(source: str) -> type[Agency]:
    """The agency class that writes ``source``."""
    return next(a for a in AGENCIES if a.source == source)


def read_rows(path: Path, agency: type[Agency]) -> Iterator[dict[str, str]]:
    """Rows of an extract file as dicts of text (XLSX cells converted with str)."""
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c) for c in next(rows)]
        for values in rows:
            yield {h: "" if v is None else str(v) for h, v in zip(header, values, strict=True)}
        book.close()
        return
    with path.open(encoding=agency.encoding, newline="") as handle:
        yield from csv.DictReader(handle, delimiter=agency.delimiter)


def read_header(path: Path, agency: type[Agency]) -> list[str]:
    """The header row of an extract file."""
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        header = [str(c.value) for c in next(book.worksheets[0].iter_rows(max_row=1))]
        book.close()
        return header
    with path.open(encoding=agency.encoding, newline="") as handle:
        return next(csv.reader(handle, delimiter=agency.delimiter))
