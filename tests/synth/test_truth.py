"""The ground truth covers every record and marks the catalogue's patterns."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from fullpicture.intake.mapping import TableKind, load_mapping
from fullpicture.synth import SynthSummary
from fullpicture.synth.agencies import AGENCIES
from tests.synth.conftest import read_rows

REQUIRED_CODES = {
    "ACC-1", "ACC-2", "ACC-3", "TIM-1", "TIM-2", "TIM-3", "TIM-5", "CPP-1", "CPP-2", "CPP-3",
    "SHR-1", "SHR-2", "SHR-4", "LAC-1", "LAC-2", "LAC-3", "LAC-5", "LAC-6", "VOI-1", "VOI-2",
    "EXT-1", "EXT-3", "EXT-4", "FAM-1", "FAM-2", "FAM-4", "FAM-5", "ESC-1",
}  # fmt: skip


def _truth(out: Path, name: str) -> list[dict[str, str]]:
    with (out / "truth" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_should_give_the_true_person_of_every_source_person_record(
    sample_authority: tuple[Path, SynthSummary],
) -> None:
    out, summary = sample_authority
    truth = {(r["source"], r["local_id"]): r["true_id"] for r in _truth(out, "persons.csv")}
    people = {r["true_id"] for r in _truth(out, "people.csv")}
    written = 0
    for agency in AGENCIES:
        mapping = load_mapping(out / "mappings" / f"{agency.source}.toml")
        for table, spec in zip(mapping.tables, agency.tables, strict=True):
            if table.kind is not TableKind.PERSON:
                continue
            for row in read_rows(out / agency.source / spec.filename, agency):
                written += 1
                assert (agency.source, row[table.columns["local_id"]]) in truth
    assert written == len(truth) == summary.person_records
    assert set(truth.values()) <= people


def test_should_hold_duplicate_records_of_one_person_within_an_agency(
    sample_authority: tuple[Path, SynthSummary],
) -> None:
    out, _ = sample_authority
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _truth(out, "persons.csv"):
        per_source[row["source"]][row["true_id"]] += 1
    assert any(count > 1 for counts in per_source.values() for count in counts.values())


def test_should_list_every_deliberately_bad_row(
    sample_authority: tuple[Path, SynthSummary],
) -> None:
    out, summary = sample_authority
    bad = _truth(out, "bad_rows.csv")
    assert len(bad) == summary.bad_rows > 0
    assert {r["reason"] for r in bad} <= {"invalid_date", "missing_subject"}
    for row in bad:
        assert (out / row["file"]).is_file()


def test_should_plant_every_required_pattern_at_moderate_size(
    sample_moderate_authority: tuple[Path, SynthSummary],
) -> None:
    out, summary = sample_moderate_authority
    codes = {r["code"] for r in _truth(out, "patterns.csv")}
    assert REQUIRED_CODES <= codes, REQUIRED_CODES - codes
    assert summary.patterns == dict(
        sorted(Counter(r["code"] for r in _truth(out, "patterns.csv")).items())
    )


def test_should_write_well_handled_counterparts(
    sample_moderate_authority: tuple[Path, SynthSummary],
) -> None:
    out, _ = sample_moderate_authority
    calm = Counter(r["code"] for r in _truth(out, "counterparts.csv"))
    for code in ("TIM-1", "TIM-2", "TIM-5", "CPP-1", "ACC-3", "ESC-1", "FAM-4", "EXT-4", "VOI-1"):
        assert calm[code] > 0, code


def test_should_give_each_pattern_a_window_that_starts_before_it_ends(
    sample_moderate_authority: tuple[Path, SynthSummary],
) -> None:
    out, _ = sample_moderate_authority
    people = {r["true_id"] for r in _truth(out, "people.csv")}
    for row in _truth(out, "patterns.csv"):
        assert row["start"] <= row["end"], row
        assert row["true_id"] in people
