from __future__ import annotations

import json
import os

import openpyxl
import pytest

from fullpicture.errors import UnreadableFileError
from fullpicture.intake.readers import FileKind, open_file


def _rows(raw):
    with raw:
        return [(row.number, row.values, row.problem) for row in raw.rows]


def _all(path):
    with open_file(path) as raw:
        return raw.header, list(raw.rows)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_should_sniff_the_delimiter(tmp_path, delimiter):
    path = tmp_path / "f.csv"
    path.write_text(f"a{delimiter}b{delimiter}c\n1{delimiter}x y{delimiter}3\n", encoding="utf-8")
    raw = open_file(path)
    assert raw.header == ["a", "b", "c"]
    assert _rows(raw) == [(2, ["1", "x y", "3"], None)]


def test_should_read_utf8_with_bom_and_keep_welsh_letters(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("\ufeffname,town\nŴyn,Llanelli\n".encode())
    raw = open_file(path)
    assert raw.header == ["name", "town"] and raw.notes == []
    assert _rows(raw) == [(2, ["Ŵyn", "Llanelli"], None)]


def test_should_read_windows_1252_and_say_so(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("name,note\nZoë,costs £5\n".encode("cp1252"))
    raw = open_file(path)
    assert _rows(raw) == [(2, ["Zoë", "costs £5"], None)]
    assert raw.notes == ["not UTF-8: read as Windows-1252"]


def test_should_refuse_random_bytes_with_a_clear_message(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(os.urandom(4096) + b"\x00")
    with pytest.raises(UnreadableFileError, match="f.csv"):
        open_file(path)


def test_should_refuse_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n\x81\x8d,\x90\n")
    with pytest.raises(UnreadableFileError, match="neither UTF-8 nor Windows-1252"):
        open_file(path)


def test_should_flag_a_truncated_last_row_instead_of_losing_it(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('a,b,c\n1,2,3\n4,"unterminated', encoding="utf-8")
    rows = _rows(open_file(path))
    assert rows[0] == (2, ["1", "2", "3"], None)
    assert rows[1][0] == 3 and rows[1][2] is not None and "truncated" in rows[1][2]


def test_should_read_a_10_mb_cell(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,b\n1," + "x" * 10_000_000 + "\n", encoding="utf-8")
    [(number, values, problem)] = _rows(open_file(path))
    assert (number, len(values[1]), problem) == (2, 10_000_000, None)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_should_refuse_an_empty_file(tmp_path, content):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match="empty"):
        open_file(path)


def test_should_read_a_header_only_file_as_no_rows(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert _rows(open_file(path)) == []


def test_should_refuse_duplicate_column_names(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,a\n1,2\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="appears twice"):
        open_file(path)


def test_should_read_xlsx_cells_as_text(tmp_path):
    path = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "nhs", "dob", "note"])
    sheet.append(["C1", 9434765919, "2012-05-03", None])
    book.save(path)
    raw = open_file(path)
    assert raw.kind is FileKind.XLSX and raw.header == ["id", "nhs", "dob", "note"]
    assert _rows(raw) == [(2, ["C1", "9434765919", "2012-05-03", ""], None)]


def test_should_refuse_a_file_that_is_not_the_declared_kind(tmp_path):
    path = tmp_path / "f.xlsx"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="not a readable Excel workbook"):
        open_file(path)


def test_should_skip_the_title_lines_of_a_report_style_export(tmp_path):
    path = tmp_path / "f.csv"
    text = "Contacts report\nRun on 01/01/2025, all teams\n\nRef;Child;Date\nC1;K1;03/04/2024\n"
    path.write_text(text + "C2;K2;04/04/2024\n", encoding="utf-8")
    with open_file(path) as raw:
        assert raw.header == ["Ref", "Child", "Date"]
        assert raw.notes == ["skipped 3 title line(s) above the header"]
        assert [(r.number, r.values) for r in raw.rows] == [
            (5, ["C1", "K1", "03/04/2024"]),
            (6, ["C2", "K2", "04/04/2024"]),
        ]


@pytest.mark.parametrize(
    "text",
    [
        "Name\nAmelia\nTom\n",  # one column
        "a,b,c\n1,2,3,\n4,5,6,\n",  # rows with a trailing delimiter
        "a,b\n",  # a header only
        "Title\na,b\nno table follows\n",
    ],
)
def test_should_take_the_first_line_as_the_header_of_an_ordinary_file(tmp_path, text):
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    with open_file(path) as raw:
        assert raw.header == text.splitlines()[0].split(",") and raw.notes == []


def test_should_read_a_json_array_of_objects(tmp_path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps([{"a": 1, "b": None}, {"b": True, "c": [1]}, 7]), encoding="utf-8")
    header, rows = _all(path)
    assert header == ["a", "b", "c"]
    assert [r.values for r in rows[:2]] == [["1", "", ""], ["", "true", "1"]]
    assert rows[2].problem == "this item is not a JSON object" and rows[2].raw == {"_item": "7"}


def test_should_read_nested_objects_as_dotted_columns_and_lists_as_values(tmp_path):
    path = tmp_path / "f.json"
    record = {"id": "P1", "name": {"given": "Amelia", "family": "Hart"}, "ids": ["X1", "X2"]}
    record["visits"] = [{"on": "2024-01-02"}]
    path.write_text(json.dumps([record]), encoding="utf-8")
    header, rows = _all(path)
    assert header == ["id", "name.given", "name.family", "ids", "visits"]
    assert rows[0].values == ["P1", "Amelia", "Hart", "X1; X2", '[{"on": "2024-01-02"}]']


def test_should_read_the_records_array_of_an_exported_document(tmp_path):
    path = tmp_path / "f.json"
    document = {"exported": "2025-01-01", "records": [{"id": "P1"}, {"id": "P2"}]}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    with open_file(path) as raw:
        assert raw.notes == ["records read from the array 'records'"]
        assert [(r.number, r.values) for r in raw.rows] == [(2, ["P1"]), (3, ["P2"])]


def test_should_read_the_named_array_of_a_document_holding_several(tmp_path):
    path = tmp_path / "f.json"
    document = {"people": [{"id": "P1"}], "events": [{"ref": "E1"}, {"ref": "E2"}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="several arrays of records .'people', 'events'"):
        open_file(path)
    with open_file(path, "events") as raw:
        assert raw.header == ["ref"] and len(list(raw.rows)) == 2
    with pytest.raises(UnreadableFileError, match="no array 'contacts'"):
        open_file(path, "contacts")


def test_should_read_a_document_of_one_record_as_one_row(tmp_path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"id": "P1", "dob": "2012-02-14"}, indent=2), encoding="utf-8")
    header, rows = _all(path)
    assert header == ["id", "dob"] and [r.values for r in rows] == [["P1", "2012-02-14"]]


def test_should_keep_a_broken_json_line_for_quarantine(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text('{"a": "1"}\n{"a": \n', encoding="utf-8")
    _, rows = _all(path)
    assert rows[0].values == ["1"]
    assert rows[1].raw == {"_line": '{"a": '} and "not valid JSON" in (rows[1].problem or "")


def test_should_refuse_an_unknown_extension(tmp_path):
    path = tmp_path / "f.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(UnreadableFileError, match="not a kind intake reads"):
        open_file(path)


def test_should_find_the_xlsx_header_below_blank_rows_and_number_rows_as_excel_does(tmp_path):
    path = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A3"], sheet["B3"] = "id", "x"
    sheet["A4"], sheet["B4"] = "C1", 2.0
    sheet["A6"] = "C2"
    book.save(path)
    raw = open_file(path)
    assert raw.header == ["id", "x"]
    assert _rows(raw) == [(4, ["C1", "2"], None), (6, ["C2", ""], None)]
