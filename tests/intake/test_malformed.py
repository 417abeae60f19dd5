"""Malformed inputs: each is a clear message or a quarantine, never a crash, nothing lost."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from fullpicture.errors import IntakeError
from fullpicture.intake.importer import import_file
from fullpicture.intake.quarantine import list_quarantine
from fullpicture.store import schema
from tests.intake.factories import PERSON_HEADER, create_csv, create_person_row


def _nothing_written(engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.ledger)).scalar_one() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (os.urandom(2048) + b"\x00", "binary data"),
        (b"", "empty"),
        (b"\x81\x8d\x90,\x9d\n", "neither UTF-8 nor Windows-1252"),
        (b"Just,Some,Other\n1,2,3\n", "does not fit the mapping"),
    ],
)
def test_should_refuse_an_unusable_file_with_one_clear_message(
    sqlite_store, tmp_path, sample_mapping, content, message
):
    path = tmp_path / "persons.csv"
    path.write_bytes(content)
    with pytest.raises(IntakeError, match=message) as caught:
        import_file(sqlite_store, path, "police", sample_mapping)
    assert "persons.csv" in caught.value.message and caught.value.hint
    assert _nothing_written(sqlite_store)


def test_should_quarantine_a_truncated_last_row(sqlite_store, tmp_path, sample_mapping):
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER, [create_person_row("P1")])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('P2,,"Dafydd Jo')
    result = import_file(sqlite_store, path, "police", sample_mapping)
    assert (result.read, result.stored, result.quarantined) == (2, 1, 1)
    [row] = list_quarantine(sqlite_store)
    assert row.raw["PersonID"] == "P2" and "truncated" in row.reasons[0]["problem"]


def test_should_read_a_windows_1252_file_and_report_it(sqlite_store, tmp_path, sample_mapping):
    path = create_csv(
        tmp_path / "persons.csv",
        PERSON_HEADER,
        [create_person_row("P1", name="Zoë Brontë")],
        encoding="cp1252",
    )
    result = import_file(sqlite_store, path, "police", sample_mapping)
    assert result.stored == 1 and "Windows-1252" in result.notes[0]
    with sqlite_store.connect() as conn:
        assert conn.execute(sa.select(schema.source_person.c.given_name)).scalar_one() == "Zoë"


def test_should_import_the_same_rows_from_xlsx_and_json_lines(
    sqlite_store, tmp_path, sample_mapping
):
    import json

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(PERSON_HEADER)
    sheet.append(create_person_row("P1"))
    sheet.append(create_person_row(""))
    book.save(tmp_path / "persons.xlsx")
    lines = [json.dumps(dict(zip(PERSON_HEADER, create_person_row("P2"), strict=True))), "{broken"]
    (tmp_path / "persons.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    xlsx = import_file(sqlite_store, tmp_path / "persons.xlsx", "police", sample_mapping)
    jsonl = import_file(sqlite_store, tmp_path / "persons.jsonl", "police")
    assert (xlsx.read, xlsx.stored, xlsx.quarantined) == (2, 1, 1)
    assert (jsonl.read, jsonl.stored, jsonl.quarantined) == (2, 1, 1)
    assert list_quarantine(sqlite_store)[1].raw == {"_line": "{broken"}


def test_should_read_utf16_text_exported_by_a_spreadsheet(sqlite_store, tmp_path, sample_mapping):
    path = tmp_path / "persons.txt"
    rows = ["\t".join(PERSON_HEADER), "\t".join(create_person_row("P1", name="Siân Ŵyn"))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-16")
    result = import_file(sqlite_store, path, "police", sample_mapping)
    assert (result.read, result.stored) == (1, 1) and "UTF-16" in result.notes[0]


def test_should_refuse_a_json_file_that_is_not_json(sqlite_store, tmp_path, sample_mapping):
    path = tmp_path / "persons.json"
    path.write_text("[{not json", encoding="utf-8")
    with pytest.raises(IntakeError, match="persons.json: it is not valid JSON"):
        import_file(sqlite_store, path, "police", sample_mapping)
    assert _nothing_written(sqlite_store)
