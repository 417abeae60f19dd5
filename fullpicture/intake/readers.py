"""Readers for agency files: CSV (any delimiter, UTF-8 with or without BOM, UTF-16, or
Windows-1252 detected and reported), XLSX (python-calamine) and JSON (an array of objects, or
JSON Lines).

Every reader yields the header and then rows of strings, numbered as a spreadsheet would number
them (the header is row 1). Problems with the file as a whole raise
:class:`~fullpicture.errors.UnreadableFileError`; problems with one row travel with the row so the
importer can quarantine it.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from fullpicture.errors import UnreadableFileError

csv.field_size_limit(64 * 1024 * 1024)  # a 10 MB cell is read (then judged), not a crash
_SAMPLE = 64 * 1024
_DELIMITERS = (",", ";", "\t", "|")


class FileKind(StrEnum):
    """The kinds of file intake reads, chosen by the file's extension."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    XML = "xml"  # multi-table files, read by fullpicture.intake.statutory (not by open_file)


_EXTENSIONS = {
    ".csv": FileKind.CSV,
    ".txt": FileKind.CSV,
    ".tsv": FileKind.CSV,
    ".xlsx": FileKind.XLSX,
    ".xlsm": FileKind.XLSX,
    ".json": FileKind.JSON,
    ".jsonl": FileKind.JSON,
    ".ndjson": FileKind.JSON,
}


class RawRow(NamedTuple):
    """One row as read: its number, its values, and a problem the reader found with it.

    A named tuple rather than a frozen dataclass: a million-row file builds a million of them,
    and a tuple is built several times faster.
    """

    number: int
    values: list[str]
    problem: str | None = None
    raw: dict[str, str] | None = None  # what to keep when the values do not fit the header


@dataclass
class RawFile:
    """A file opened for reading: header, row iterator and notes about how it was read."""

    path: Path
    kind: FileKind
    header: list[str]
    rows: Iterator[RawRow]
    notes: list[str] = field(default_factory=list)
    close: Callable[[], None] = lambda: None

    def __enter__(self) -> RawFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def unreadable(path: Path, what: str, hint: str) -> UnreadableFileError:
    """Build the error for a file that cannot be read, naming it, what is wrong and what to do."""
    return UnreadableFileError(f"Cannot read {path.name}: {what}.", hint=hint)


def kind_of(path: Path) -> FileKind:
    """Return the kind of ``path`` from its extension.

    Raises:
        UnreadableFileError: the extension is not one intake reads.
    """
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise unreadable(
            path,
            f"the extension {path.suffix or '(none)'!r} is not a kind intake reads",
            "Send CSV (.csv, .tsv, .txt), Excel (.xlsx) or JSON (.json, .jsonl) files.",
        )
    return found


def open_file(path: Path, sheet: str | None = None) -> RawFile:
    """Open ``path`` by its kind and read its header.

    Args:
        path: the file.
        sheet: for XLSX, the sheet to read (the first when None); for a JSON document that is
            one object, the array of records to read (its only array of objects when None).

    Raises:
        UnreadableFileError: missing, empty, binary, wrongly encoded or not the declared kind.
    """
    kind = kind_of(path)
    if not path.is_file():
        raise unreadable(path, "no such file", "Check the path and try again.")
    if kind is FileKind.XLSX:
        return _open_xlsx(path, sheet)
    if kind is FileKind.JSON:
        return _open_json(path, sheet)
    return _open_csv(path)


def parts_of(path: Path) -> list[str | None]:
    """The parts of a file that can each hold a table, for drafting a mapping: an XLSX
    workbook's sheets, a JSON document's arrays of records; ``[None]`` for a file of one table.

    Raises:
        UnreadableFileError: the file cannot be read (as for an import).
    """
    kind = kind_of(path)
    if kind is FileKind.XLSX:
        from python_calamine import CalamineWorkbook

        try:
            names = list(CalamineWorkbook.from_path(str(path)).sheet_names)
        except Exception as exc:  # calamine raises several unrelated types for damaged books
            raise unreadable(
                path, f"it is not a readable Excel workbook ({exc})", "Save it again as .xlsx."
            ) from None
        return list(names) if len(names) > 1 else [None]
    if kind is FileKind.JSON and path.is_file():
        try:
            document = _one_document(path.read_text(encoding="utf-8-sig").lstrip())
        except UnicodeDecodeError:
            return [None]  # unreadable: open_file says why
        arrays = _arrays_of_objects(document) if document is not None else []
        return list(arrays) if len(arrays) > 1 else [None]
    return [None]


# --- CSV -------------------------------------------------------------------------------------


def _detect_encoding(path: Path, handle: BinaryIO) -> tuple[str, list[str]]:
    """Choose the encoding: BOM first, then strict UTF-8, then Windows-1252 (reported)."""
    handle.seek(0)
    head = handle.read(4)
    handle.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", []
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if not _decodes(handle, "utf-16"):
            raise unreadable(
                path,
                "it starts as UTF-16 text but is not valid UTF-16",
                "Export the file again, as CSV UTF-8 if you can.",
            )
        return "utf-16", ["read as UTF-16 (it has a UTF-16 byte order mark)"]
    for encoding in ("utf-8", "cp1252"):
        if _decodes(handle, encoding):
            notes = [] if encoding == "utf-8" else ["not UTF-8: read as Windows-1252"]
            return encoding, notes
    raise unreadable(
        path,
        "it is neither UTF-8 nor Windows-1252 text",
        "Save the file as CSV UTF-8 (in Excel: Save As, 'CSV UTF-8').",
    )


def _decodes(handle: BinaryIO, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    handle.seek(0)
    try:
        while chunk := handle.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        handle.seek(0)
    return True


def _choose_delimiter(first_line: str) -> str:
    """Pick the delimiter that splits the header line most (a header rarely holds delimiters)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean_header(path: Path, header: list[str]) -> list[str]:
    names = [name.strip().lstrip("\ufeff") for name in header]
    seen: set[str] = set()
    for position, name in enumerate(names):
        if not name:
            names[position] = name = f"(column {position + 1})"
        if name in seen:
            raise unreadable(
                path,
                f"the column {name!r} appears twice in the header",
                "Give every column a different name.",
            )
        seen.add(name)
    return names


def _open_csv(path: Path) -> RawFile:
    with path.open("rb") as binary:
        sample = binary.read(_SAMPLE)
        if not sample.strip(b" \r\n\t\xef\xbb\xbf"):
            raise unreadable(path, "the file is empty", "Send the extract again with its rows.")
        if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise unreadable(
                path, "it is binary data, not CSV text", "Export the data as CSV (UTF-8)."
            )
        encoding, notes = _detect_encoding(path, binary)
    text = path.open(encoding=encoding, newline="")
    head = [text.readline() for _ in range(_TITLE_LOOKAHEAD)]
    text.seek(0)
    titles = _title_lines(head)
    delimiter = _choose_delimiter(head[titles])
    if titles:
        notes.append(f"skipped {titles} title line(s) above the header")
        for _ in range(titles):
            text.readline()
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = _clean_header(path, next(reader))
    except StopIteration:  # nothing but a byte order mark or blank lines once decoded
        text.close()
        raise unreadable(
            path, "the file is empty", "Send the extract again with its rows."
        ) from None
    except csv.Error as exc:
        text.close()
        raise unreadable(
            path, f"the header is not valid CSV ({exc})", "Check the export."
        ) from None
    except UnreadableFileError:
        text.close()
        raise
    rows = _csv_rows(path, reader, len(header), titles + 1)
    return RawFile(path, FileKind.CSV, header, rows, notes, text.close)


_TITLE_LOOKAHEAD = 30
"""Lines read to find a report's title lines above its header."""


def _width(line: str, delimiter: str) -> int:
    """The number of fields in one line (quotes respected); 0 for a blank line."""
    if not line.strip():
        return 0
    try:
        return len(next(csv.reader([line], delimiter=delimiter)))
    except csv.Error:  # an unterminated quote: not a header
        return 0


def _title_lines(head: list[str]) -> int:
    """How many lines a report-style export puts above its header: a first line with no
    delimiter (a title), then lines such as "Run on ..." or blank ones, up to the first line
    that is as wide as the line after it. 0 for an ordinary file (its first line is the header)."""
    lines = [line for line in head if line]  # "" is the end of the file
    if not lines or any(d in lines[0] for d in _DELIMITERS):
        return 0
    for at in range(1, len(lines) - 1):
        delimiter = _choose_delimiter(lines[at])
        width = _width(lines[at], delimiter)
        following = next((w for w in (_width(x, delimiter) for x in lines[at + 1 :]) if w), 0)
        if width >= 2 and following == width:
            return at
    return 0


def _csv_rows(path: Path, reader: Any, width: int, header_line: int = 1) -> Iterator[RawRow]:
    number = header_line
    try:
        for values in reader:
            number += 1
            found = len(values)
            if found == width:
                yield RawRow(number, values)
            elif found and (found > 1 or values[0].strip() or width == 1):
                yield RawRow(number, values, _width_problem(found, width))
            # else: a blank line carries nothing
    except csv.Error as exc:
        raise unreadable(
            path, f"row {number + 1} is not valid CSV ({exc})", "Check the export."
        ) from None


def _width_problem(found: int, width: int) -> str | None:
    if found == width:
        return None
    return (
        f"the row has {found} values but the header has {width} columns: it may be truncated, "
        "or hold an unquoted delimiter"
    )


# --- XLSX ------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """Write a spreadsheet cell as text: whole numbers without ``.0``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _open_xlsx(path: Path, sheet: str | None) -> RawFile:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        chosen = sheet or book.sheet_names[0]
        if chosen not in book.sheet_names:
            raise unreadable(
                path,
                f"it has no sheet {chosen!r} (sheets: {', '.join(book.sheet_names)})",
                "Name the sheet in the mapping's 'sheet' key, or send the expected workbook.",
            )
        rows = enumerate(book.get_sheet_by_name(chosen).iter_rows(), start=1)
    except UnreadableFileError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged workbooks
        raise unreadable(
            path, f"it is not a readable Excel workbook ({exc})", "Save it again as .xlsx."
        ) from None
    for _number, cells in rows:  # title or blank rows above the header are skipped
        if any(_cell_text(v).strip() for v in cells):
            header = _clean_header(path, [_cell_text(v) for v in cells])
            return RawFile(path, FileKind.XLSX, header, _xlsx_rows(rows, len(header)))
    raise unreadable(path, "the sheet is empty", "Send the workbook with its header row.")


def _xlsx_rows(rows: Iterator[tuple[int, list[Any]]], width: int) -> Iterator[RawRow]:
    """Yield the rows after the header, numbered as in the spreadsheet."""
    for number, cells in rows:
        values = [_cell_text(v) for v in cells]
        while len(values) > width and not values[-1]:
            values.pop()
        if not any(v.strip() for v in values):
            continue
        values.extend([""] * (width - len(values)))
        yield RawRow(number, values, _width_problem(len(values), width))


# --- JSON ------------------------------------------------------------------------------------


def _json_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
        return "; ".join(_json_text(v) for v in value)  # ids, codes: as a list column reads
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record's nested objects as dotted columns: ``{"name": {"given": "A"}}`` gives the
    column ``name.given``; lists stay values of their own column."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        column = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{column}."))
        else:
            flat[column] = value
    return flat


def _arrays_of_objects(document: dict[str, Any]) -> list[str]:
    return [
        str(key)
        for key, value in document.items()
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    ]


def _records_in(path: Path, document: dict[str, Any], key: str | None) -> tuple[list[Any], str]:
    """The records of a JSON document that is one object: the array under ``key``, else its one
    array of objects (an API's ``{"exported": ..., "records": [...]}``), else the object itself.
    Returns the records and a note on where they were found."""
    arrays = _arrays_of_objects(document)
    if key is not None:
        if not isinstance(document.get(key), list):
            found = ", ".join(map(repr, arrays)) or "none"
            raise unreadable(
                path,
                f"it has no array {key!r} (arrays of records: {found})",
                "Name the array in the mapping's 'sheet' key, or send the expected document.",
            )
        return list(document[key]), f"records read from the array {key!r}"
    if len(arrays) == 1:
        return list(document[arrays[0]]), f"records read from the array {arrays[0]!r}"
    if len(arrays) > 1:
        raise unreadable(
            path,
            f"it holds several arrays of records ({', '.join(map(repr, arrays))})",
            "Name the array each table reads in the mapping's 'sheet' key (docs/mapping.md).",
        )
    return [document], "the document is one record"


def _json_records(
    path: Path, text: str, key: str | None = None
) -> tuple[list[tuple[int, Any, str | None]], list[str]]:
    """Return (row number, record, problem) for an array, a document or JSON Lines, and notes."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise unreadable(
                path, f"it is not valid JSON ({exc})", "Send a JSON array of objects."
            ) from None
        return [(n, item, None) for n, item in enumerate(items, start=2)], []
    document = _one_document(stripped)
    if document is not None:
        items, note = _records_in(path, document, key)
        return [(n, item, None) for n, item in enumerate(items, start=2)], [note]
    return _json_lines(text), []


def _one_document(text: str) -> dict[str, Any] | None:
    """The file as one JSON object, or None (JSON Lines, an array, or not JSON at all)."""
    if not text.startswith("{"):
        return None
    try:
        document = json.loads(text)
    except json.JSONDecodeError:  # several objects, one per line
        return None
    return document if isinstance(document, dict) else None


def _json_lines(text: str) -> list[tuple[int, Any, str | None]]:
    """One record per non-blank line; a line that is not JSON is kept with its problem."""
    records: list[tuple[int, Any, str | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.append((number, json.loads(line), None))
            except json.JSONDecodeError as exc:
                records.append((number, line, f"this line is not valid JSON ({exc})"))
    return records


def _open_json(path: Path, key: str | None = None) -> RawFile:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise unreadable(path, "it is not UTF-8 text", "JSON must be UTF-8.") from None
    if not text.strip():
        raise unreadable(path, "the file is empty", "Send the extract again with its records.")
    found, notes = _json_records(path, text, key)
    records = [(n, _flatten(r) if isinstance(r, dict) else r, p) for n, r, p in found]
    header: dict[str, None] = {}
    for _, record, _ in records:
        if isinstance(record, dict):
            header.update(dict.fromkeys(str(key) for key in record))
    if not header:
        raise unreadable(
            path, "it holds no JSON objects", "Send an array of objects, or JSON Lines."
        )
    columns = list(header)
    return RawFile(path, FileKind.JSON, columns, _json_rows(records, columns), notes)


def _json_rows(records: list[tuple[int, Any, str | None]], columns: list[str]) -> Iterator[RawRow]:
    for number, record, problem in records:
        if problem is not None:
            yield RawRow(number, [], problem, {"_line": str(record)})
        elif not isinstance(record, dict):
            raw = {"_item": _json_text(record)}
            yield RawRow(number, [], "this item is not a JSON object", raw)
        else:
            yield RawRow(number, [_json_text(record.get(column)) for column in columns])
