from __future__ import annotations

import pytest

from fullpicture.errors import MissingColumnError, UnreadableFileError
from fullpicture.intake.dry_run import check_file
from fullpicture.intake.mapping import load_mapping
from fullpicture.intake.statutory.builtin import load_builtin
from tests.intake.factories import (
    FLAT_MAPPING,
    create_attendance_row,
    create_attendances_file,
    create_csv,
)
from tests.intake.statutory.factories import (
    EPISODE_COLUMNS,
    create_903_files,
    create_cin_census,
)


def test_should_count_what_an_import_would_store_and_quarantine(tmp_path):
    files = create_903_files(tmp_path)
    [result] = check_file(files["episodes"], load_builtin("ssda903"))
    assert (result.table, result.read, result.would_store, result.would_quarantine) == (
        "episodes",
        8,
        6,  # the unknown child counts as known: people need the store
        2,
    )
    assert result.problem_counts == {"DECOM": 1, "row": 1}
    assert result.problems["DECOM"][0][0] == 8
    assert result.unmapped == ["HOME_POST", "URN"]


def test_should_report_how_often_each_read_column_is_filled(tmp_path):
    files = create_903_files(tmp_path)
    [result] = check_file(files["episodes"], load_builtin("ssda903"))
    coverage = {c.column: (c.field, c.filled) for c in result.coverage}
    assert coverage["DEC"][1] == 4 and "looked_after_end" in coverage["DEC"][0]
    assert "condition of" in coverage["RNE"][0] and coverage["REC"][1] == 4


def test_should_check_every_flattened_table_of_a_census(tmp_path):
    results = check_file(create_cin_census(tmp_path / "census.xml"), load_builtin("cin-census"))
    by_table = {r.table: (r.read, r.would_quarantine) for r in results}
    assert by_table["assessments"] == (2, 1) and by_table["children"] == (2, 0)


def test_should_raise_the_same_file_errors_as_an_import(tmp_path):
    columns = [c for c in EPISODE_COLUMNS if c != "DECOM"]
    with pytest.raises(MissingColumnError, match="'DECOM'"):
        check_file(create_csv(tmp_path / "e.csv", columns, []), load_builtin("ssda903"))
    bad = tmp_path / "census.xml"
    bad.write_text("<Message><Children>", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="well-formed"):
        check_file(bad, load_builtin("cin-census"))


def test_should_check_a_flat_export_as_each_of_its_tables(tmp_path):
    path = create_attendances_file(
        tmp_path, [create_attendance_row("A1", "H1"), create_attendance_row("A2", "")]
    )
    results = check_file(path, load_mapping(FLAT_MAPPING))
    assert [(r.table, r.read, r.would_store) for r in results] == [
        ("ed_patients", 2, 1),
        ("ed_attendances", 2, 1),
    ]
    assert results[0].unmapped == [] and results[1].unmapped == []
