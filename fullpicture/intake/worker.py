"""Reading and checking a file in a forked worker while the importing process writes.

Python spends most of an import reading and checking rows; the store spends most of the rest
inserting them. On a machine with two or more cores a large file is therefore read and checked
by a forked child process, which sends each checked chunk through a pipe, while the importing
process (the only writer: one connection, one transaction) stores the chunk before.

The child is forked after the file is opened and the plan and context are built, so it
inherits them (nothing is pickled on the way in) and carries on reading the file where the
header ended. It never touches the store: the transaction, its locks and the ledger entry stay
with the parent, so a kill at any moment leaves the store as it was before the import. A
problem the child meets (an unreadable row midway, say) is sent back and raised in the parent
as the same error.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from fullpicture import errors
from fullpicture.errors import FullpictureError, IntakeError
from fullpicture.intake.checking import CheckedChunk, checked_chunks
from fullpicture.intake.context import ImportContext
from fullpicture.intake.plan import TablePlan
from fullpicture.intake.readers import RawFile
from fullpicture.intake.writing import RecordShape

PARALLEL_MIN_BYTES = int(os.environ.get("FULLPICTURE_INTAKE_PARALLEL_BYTES", "2000000"))
"""Files at least this large are checked in a forked worker (a fork costs a few milliseconds;
smaller files are checked in the importing process). ``-1`` turns workers off."""


def worker_available() -> bool:
    """Whether a forked checking worker can help here: Linux (fork is safe) and 2+ cores."""
    return sys.platform == "linux" and (os.cpu_count() or 1) >= 2 and PARALLEL_MIN_BYTES >= 0


def use_worker(raw: RawFile) -> bool:
    """Whether to read and check ``raw`` in a forked worker (large files, when available)."""
    if not worker_available():
        return False
    try:
        return raw.path.stat().st_size >= PARALLEL_MIN_BYTES
    except OSError:
        return False


def _send_error(pipe: Connection, exc: BaseException) -> None:
    if isinstance(exc, FullpictureError):
        pipe.send(("error", type(exc).__name__, exc.message, exc.hint))
    else:
        pipe.send(("crash", "".join(traceback.format_exception(exc)), None, None))


def _work(pipe: Connection, job: CheckJob) -> None:
    """The child: read and check every remaining row, sending each chunk, then ``None``."""
    try:
        for chunk in checked_chunks(job.plan, job.ctx, job.shape, job.raw.rows, job.size):
            pipe.send(chunk)
        pipe.send(None)
    except BrokenPipeError:
        return  # the importing process has gone (killed, or it stopped on an error)
    except BaseException as exc:  # every failure is reported to the parent
        _send_error(pipe, exc)
    finally:
        pipe.close()


def _raise(message: tuple[str, str, str, str | None]) -> None:
    """Raise in the parent the error the child reported."""
    kind, name, text, hint = message
    if kind == "error":
        found = getattr(errors, name, IntakeError)
        cls = found if isinstance(found, type) and issubclass(found, FullpictureError) else None
        raise (cls or IntakeError)(text, hint=hint)
    raise IntakeError(
        f"Checking the rows failed unexpectedly in the worker process:\n{name}",
        hint="Report this with the file's shape; the import changed nothing.",
    )


def _receive(pipe: Connection) -> Any:
    try:
        return pipe.recv()
    except EOFError:
        raise IntakeError(
            "The worker checking the rows stopped without finishing (killed, or out of memory).",
            hint="Run the import again; it changed nothing. "
            "Set FULLPICTURE_INTAKE_PARALLEL_BYTES=-1 to check rows in one process.",
        ) from None


@dataclass(frozen=True)
class CheckJob:
    """What the child needs: the compiled plan, the context, the record shape and the file."""

    plan: TablePlan
    ctx: ImportContext
    shape: RecordShape
    raw: RawFile
    size: int


def worker_chunks(job: CheckJob) -> Iterator[CheckedChunk]:
    """Yield the checked chunks of ``job.raw``, read and checked by a forked child process.

    The child runs one chunk ahead: while the caller stores chunk *n* it checks chunk *n + 1*.
    """
    fork = multiprocessing.get_context("fork")
    receiving, sending = fork.Pipe(duplex=False)
    child = fork.Process(target=_work, args=(sending, job), name="intake-check", daemon=True)
    child.start()
    sending.close()
    try:
        while (message := _receive(receiving)) is not None:
            if isinstance(message, tuple):
                _raise(message)
            yield message
    finally:
        receiving.close()
        if child.is_alive():
            child.terminate()
        child.join()
