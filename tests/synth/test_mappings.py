"""Every mapping loads with the intake's loader and fits the extract it reads."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from fullpicture.intake.mapping import load_mapping
from fullpicture.synth import SynthSummary
from fullpicture.synth.agencies import AGENCIES
from fullpicture.vocabulary import EVENT_TYPES, RelationshipKind
from tests.synth.conftest import agency_for, read_header, read_rows

SOURCES = [a.source for a in AGENCIES]


@pytest.mark.parametrize("source", SOURCES)
def test_should_load_every_mapping_with_load_mapping(
    sample_authority: tuple[Path, SynthSummary], source: str
) -> None:
    out, _ = sample_authority
    mapping = load_mapping(out / "mappings" / f"{source}.toml")
    assert mapping.source == source
    assert [t.name for t in mapping.tables] == [s.name for s in agency_for(source).tables]


@pytest.mark.parametrize("source", SOURCES)
def test_should_match_each_file_to_exactly_one_table(
    sample_authority: tuple[Path, SynthSummary], source: str
) -> None:
    out, _ = sample_authority
    mapping = load_mapping(out / "mappings" / f"{source}.toml")
    for path in (out / source).iterdir():
        matched = [
            t.name
            for t in mapping.tables
            if t.match and fnmatch.fnmatch(path.name.lower(), t.match.lower())
        ]
        assert len(matched) == 1, (path.name, matched)


@pytest.mark.parametrize("source", SOURCES)
def test_should_name_only_columns_the_extract_has(
    sample_authority: tuple[Path, SynthSummary], source: str
) -> None:
    out, _ = sample_authority
    agency = agency_for(source)
    mapping = load_mapping(out / "mappings" / f"{source}.toml")
    for table, spec in zip(mapping.tables, agency.tables, strict=True):
        header = read_header(out / source / spec.filename, agency)
        wanted = (
            set(table.columns.values())
            | {e.date for e in table.emit}
            | {e.time for e in table.emit if e.time}
        )
        assert wanted <= set(header), (spec.filename, wanted - set(header))


@pytest.mark.parametrize("source", SOURCES)
def test_should_use_only_vocabulary_event_types(
    sample_authority: tuple[Path, SynthSummary], source: str
) -> None:
    out, _ = sample_authority
    mapping = load_mapping(out / "mappings" / f"{source}.toml")
    for table in mapping.tables:
        fixed = {e.event_type for e in table.emit if e.event_type}
        mapped = set(table.values.get("event_type", {}).values())
        assert fixed | mapped <= set(EVENT_TYPES), table.name
        for kind in table.values.get("kind", {}).values():
            RelationshipKind(kind)


@pytest.mark.parametrize("source", SOURCES)
def test_should_map_every_code_that_appears(
    sample_authority: tuple[Path, SynthSummary], source: str
) -> None:
    out, _ = sample_authority
    agency = agency_for(source)
    mapping = load_mapping(out / "mappings" / f"{source}.toml")
    for table, spec in zip(mapping.tables, agency.tables, strict=True):
        coded = {field: table.columns[field] for field in table.values if field in table.columns}
        seen: dict[str, set[str]] = {field: set() for field in coded}
        for row in read_rows(out / source / spec.filename, agency):
            for field, column in coded.items():
                if row[column]:
                    seen[field].add(row[column])
        for field, codes in seen.items():
            assert codes <= set(table.values[field]), (
                spec.filename,
                field,
                codes - set(table.values[field]),
            )
