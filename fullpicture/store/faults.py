"""Storage faults a person has to act on: a full disk and I/O errors (security requirement 33).

When SQLite runs out of space (or reaches ``PRAGMA max_page_count``) it rolls the whole
transaction back by itself, so the rollback SQLAlchemy then attempts (of a savepoint, say) fails
with a second, misleading error ("no such savepoint") whose context is the real one. These
helpers look through the exception chain for the underlying fault, so that a person is told
"the store ran out of space; nothing was kept" rather than shown a driver traceback, and no
success message can follow a failed write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from sqlalchemy.exc import DBAPIError

from fullpicture.errors import StoreError

SQLITE_IOERR: Final = 10
SQLITE_FULL: Final = 13
POSTGRES_DISK_FULL: Final = "53100"
POSTGRES_IO_ERROR: Final = "58030"

OUT_OF_SPACE: Final = "out of space"
IO_ERROR: Final = "I/O error"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then its causes and contexts (each once)."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, DBAPIError) and isinstance(current.orig, BaseException):
            pending.append(current.orig)


def _kind_of(exc: BaseException) -> str | None:
    if isinstance(exc, sqlite3.Error):
        primary = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # extended codes keep it low
        return {SQLITE_FULL: OUT_OF_SPACE, SQLITE_IOERR: IO_ERROR}.get(primary)
    sqlstate = getattr(exc, "sqlstate", None)  # psycopg's errors carry the SQLSTATE
    return {POSTGRES_DISK_FULL: OUT_OF_SPACE, POSTGRES_IO_ERROR: IO_ERROR}.get(str(sqlstate))


def storage_fault(exc: BaseException) -> str | None:
    """Return ``"out of space"`` or ``"I/O error"`` when that is behind ``exc``, else None."""
    for link in _chain(exc):
        kind = _kind_of(link)
        if kind is not None:
            return kind
    return None


def fault_error(kind: str, doing: str) -> StoreError:
    """The error a person sees for a storage fault of ``kind`` while ``doing`` something."""
    if kind == OUT_OF_SPACE:
        return StoreError(
            f"The store ran out of space while {doing}; the transaction was rolled back and "
            "nothing from it was kept.",
            hint="Free space on the store's disk (or raise its size limit) and run the same "
            "command again; it starts afresh, as nothing of this attempt was kept.",
        )
    return StoreError(
        f"The store could not write to its disk (an I/O error) while {doing}; the transaction "
        "was rolled back and nothing from it was kept.",
        hint="Ask whoever runs the server to check the disk, then run the same command again.",
    )


@contextmanager
def storage_faults(doing: str) -> Iterator[None]:
    """Turn a full disk or an I/O error inside the block into a :class:`StoreError`.

    Args:
        doing: what the block does, for the message (e.g. ``"importing persons.csv"``).

    Raises:
        StoreError: the block failed for lack of space or an I/O error.
    """
    try:
        yield
    except DBAPIError as exc:
        kind = storage_fault(exc)
        if kind is None:
            raise
        raise fault_error(kind, doing) from exc
