"""Uploaded agency extracts: kept in a private temporary folder under their own (sanitised) name,
because the intake chooses the mapping table by file name and columns."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from fullpicture.errors import IntakeError

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".json", ".jsonl")
_CHUNK = 1024 * 1024


def safe_filename(name: str | None) -> str:
    """Return a file name without folders or unusual characters (never empty)."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")
    return cleaned or "upload.csv"


@contextmanager
def saved_upload(upload: UploadFile) -> Iterator[Path]:
    """Stream ``upload`` to a private temporary file and yield its path; removed afterwards.

    Raises:
        IntakeError: no file, an unsupported kind of file, or a file over the size limit.
    """
    name = safe_filename(upload.filename)
    if not upload.filename:
        raise IntakeError("Select a file to upload.")
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise IntakeError(
            f"The file {name} is not a kind the intake reads.",
            hint="Upload a CSV, TSV, XLSX or JSON extract.",
        )
    with tempfile.TemporaryDirectory(prefix="fullpicture-upload-") as folder:
        path = Path(folder) / name
        size = 0
        with path.open("wb") as handle:
            while chunk := upload.file.read(_CHUNK):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise IntakeError(
                        "The file is larger than 200 MB.",
                        hint="Split the extract into smaller files.",
                    )
                handle.write(chunk)
        yield path
