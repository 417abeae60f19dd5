"""Generation: layout, determinism, and clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fullpicture.errors import ConfigurationError
from fullpicture.synth import SynthSummary, generate
from fullpicture.synth.agencies import AGENCIES


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_should_write_byte_identical_output_for_the_same_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", children=120, seed=5)
    generate(tmp_path / "b", children=120, seed=5)
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert first == second
    assert any(name.endswith(".xlsx") for name in first)


def test_should_write_different_output_for_another_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", children=120, seed=5)
    generate(tmp_path / "b", children=120, seed=6)
    assert _digests(tmp_path / "a") != _digests(tmp_path / "b")


def test_should_lay_out_sources_mappings_and_truth(
    sample_authority: tuple[Path, SynthSummary],
) -> None:
    out, _ = sample_authority
    sources = {a.source for a in AGENCIES}
    assert {p.name for p in out.iterdir()} == sources | {"mappings", "truth"}
    assert {p.name for p in (out / "mappings").iterdir()} == {f"{s}.toml" for s in sources}
    truth = {p.name for p in (out / "truth").iterdir()}
    assert {
        "persons.csv",
        "people.csv",
        "patterns.csv",
        "counterparts.csv",
        "bad_rows.csv",
    } <= truth
    for agency in AGENCIES:
        files = sorted(p.name for p in (out / agency.source).iterdir())
        assert files == sorted(spec.filename for spec in agency.tables)


def test_should_generate_exactly_the_children_asked_for(
    sample_authority: tuple[Path, SynthSummary],
) -> None:
    out, summary = sample_authority
    lines = (out / "truth" / "people.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert sum(1 for line in lines if ",true," in line) == 400 == summary.children


def test_should_refuse_a_directory_holding_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="already holds other files"):
        generate(tmp_path, children=5, seed=1)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_should_refuse_fewer_than_one_child(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="at least 1"):
        generate(tmp_path / "x", children=0, seed=1)


def test_should_replace_an_earlier_synth_output(tmp_path: Path) -> None:
    generate(tmp_path, children=60, seed=1)
    summary = generate(tmp_path, children=30, seed=2)
    assert summary.children == 30
    people = (tmp_path / "truth" / "people.csv").read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in people if ",true," in line) == 30
