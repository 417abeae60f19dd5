"""Uploaded review documents: checked (kind, size, number), then kept in a private temporary
folder under their own sanitised names while the learning library imports them.

The library's readers check each format properly; the checks here only refuse, early and with a
clear message, what is plainly not a review document: the wrong extension, a PDF or Word file
that does not start as one, a "text" file holding binary data, or something too big.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Request
from starlette.datastructures import UploadFile

from fullpicture.errors import LearningError
from fullpicture.learning.documents import FORMATS
from fullpicture.web.uploads import safe_filename

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_DOCUMENTS = 20
_CHUNK = 1024 * 1024
# The first bytes each binary format must start with (a DOCX file is a ZIP archive).
_SIGNATURES = {"pdf": (b"%PDF-",), "docx": (b"PK\x03\x04",)}


async def uploaded_documents(request: Request) -> AsyncIterator[list[UploadFile]]:
    """The files posted in the form's ``documents`` field (a FastAPI dependency); every file
    part is closed after the response.

    Read from the form itself because a browser posts an empty part when no file is chosen,
    which is not a file and would otherwise fail the request's validation.
    """
    form = await request.form()  # parsed once per request; the CSRF check read it already
    parts = [value for value in form.getlist("documents") if isinstance(value, UploadFile)]
    try:
        yield [part for part in parts if part.filename]
    finally:
        for part in parts:
            await part.close()


def _check_kind(name: str, head: bytes) -> None:
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt is None:
        raise LearningError(
            f"{name} is not a kind of document the library reads.",
            hint="Upload PDF, Word (.docx), HTML, Markdown (.md) or plain text (.txt) files.",
        )
    signatures = _SIGNATURES.get(fmt)
    if signatures is not None and not head.startswith(signatures):
        raise LearningError(
            f"{name} is not a real {fmt.upper()} file.",
            hint="Open it in its usual application and save it again, then upload that copy.",
        )
    if signatures is None and b"\x00" in head:
        raise LearningError(
            f"{name} holds binary data, not text.",
            hint="Upload the document itself (PDF or Word) rather than renaming it.",
        )


def _store(upload: UploadFile, path: Path) -> None:
    size = 0
    with path.open("wb") as handle:
        while chunk := upload.file.read(_CHUNK):
            if size == 0:
                _check_kind(path.name, chunk)
            size += len(chunk)
            if size > MAX_DOCUMENT_BYTES:
                raise LearningError(
                    f"{path.name} is larger than 20 MB.",
                    hint="Upload the review without appendices, or split it into parts.",
                )
            handle.write(chunk)
    if size == 0:
        raise LearningError(f"{path.name} is empty.", hint="Choose the file again.")


@contextmanager
def saved_documents(uploads: list[UploadFile]) -> Iterator[list[Path]]:
    """Check and save every upload; yield their paths (removed afterwards).

    Each file gets its own folder, so two files with the same name do not overwrite each other.

    Raises:
        LearningError: no file, too many files, or a file of the wrong kind or size (nothing
            is yielded then, so nothing is imported).
    """
    if not uploads:
        raise LearningError("Select one or more review documents.")
    if len(uploads) > MAX_DOCUMENTS:
        raise LearningError(
            f"Upload at most {MAX_DOCUMENTS} documents at a time.",
            hint="Upload the rest in another go.",
        )
    with tempfile.TemporaryDirectory(prefix="fullpicture-reviews-") as folder:
        paths = []
        for index, upload in enumerate(uploads):
            path = Path(folder) / str(index) / safe_filename(upload.filename)
            path.parent.mkdir()
            _store(upload, path)
            paths.append(path)
        yield paths
