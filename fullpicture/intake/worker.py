"""Reading and checking a file in a forked worker while the importing process writes.

Python spends most of an import reading and checking rows; the store spends most of the rest
inserting them. On a machine with two or more cores a large file is therefore read and checked
by a forked child process, which sends each checked chunk through a pipe, while the importing
process (the only writer: one connection, one transaction) stores the chunk before.

The child is forked after the file is opened and the plan and context are built, so it
inherits them (nothing is pickled on the way in) and carries on reading the file where the
header ended; it may run a few chunks ahead of the writer. It never touches the store: the
transaction, its locks and the ledger entry stay with the parent, so a kill at any moment leaves
the store as it was before the import. A problem the child meets (an unreadable row midway, say)
is sent back and raised in the parent as the same error.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import multiprocessing
import os
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any

from fullpicture import errors
from fullpicture.errors import FullpictureError, IntakeError
from fullpicture.intake.checking import CheckedChunk, checked_chunks
from fullpicture.intake.context import ImportContext
from fullpicture.intake.plan import TablePlan
from fullpicture.intake.readers import RawFile
from fullpicture.intake.writing import RecordShape

PARALLEL_MIN_BYTES = int(os.environ.get("FULLPICTURE_INTAKE_PARALLEL_BYTES", "262144"))
"""Files at least this large are checked in a forked worker (a fork costs a few milliseconds;
smaller files are checked in the importing process). ``-1`` turns workers off."""
CHUNK_ROWS = 1000
"""Rows per chunk sent by the worker (at most the importer's batch size): small enough that
the writer starts early in a file and the two processes overlap for most of it."""


def worker_available() -> bool:
    """Whether a forked checking worker can help here: Linux (fork is safe) and 2+ cores."""
    return sys.platform == "linux" and (os.cpu_count() or 1) >= 2 and PARALLEL_MIN_BYTES >= 0


def use_worker(raw: RawFile) -> bool:
    """Whether to read and check ``raw`` in a forked worker (large files, when available).

    Only a process with a single thread forks: another thread (a web server's pool, say) could
    hold a lock at the moment of the fork that the child would then wait on for ever.
    """
    try:
        return use_worker_for(raw.path.stat().st_size)
    except OSError:
        return False


def use_worker_for(size: int) -> bool:
    """Whether files of ``size`` bytes in all are worth checking in a forked worker (see
    :func:`use_worker`)."""
    if not worker_available() or threading.active_count() != 1:
        return False
    return size >= PARALLEL_MIN_BYTES


AHEAD = 8
"""Checked chunks the child may hold ready while the importing process is still writing."""


class _Outbox:
    """The child's sending side: a thread writes pickled chunks to the pipe, so checking goes
    on while the importing process is busy (up to :data:`AHEAD` chunks ahead) and neither
    process waits on the other at every hand-over, which on a busy machine costs a time slice
    each time."""

    def __init__(self, pipe: Connection) -> None:
        self._pipe = pipe
        self._queue: queue.Queue[bytes | memoryview | None] = queue.Queue(maxsize=AHEAD)
        self._gone = threading.Event()
        self._thread = threading.Thread(target=self._run, name="intake-send", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                self._pipe.send_bytes(data)
            except OSError:  # the importing process has gone (killed, or stopped on an error)
                self._gone.set()
                return

    def _put(self, data: bytes | memoryview | None) -> None:
        while not self._gone.is_set():
            try:
                self._queue.put(data, timeout=0.5)
                return
            except queue.Full:
                continue
        raise BrokenPipeError("the importing process has gone")

    def send(self, message: object) -> None:
        """Queue one message (pickled here, written by the thread)."""
        self._put(ForkingPickler.dumps(message))

    def close(self) -> None:
        """Wait until every queued message is written (or the reader has gone)."""
        try:
            self._put(None)
        except BrokenPipeError:
            return
        self._thread.join()


def _send_error(outbox: _Outbox, exc: BaseException) -> None:
    if isinstance(exc, FullpictureError):
        outbox.send(("error", type(exc).__name__, exc.message, exc.hint))
    else:
        outbox.send(("crash", "".join(traceback.format_exception(exc)), None, None))


def _work(pipe: Connection, jobs: list[CheckJob]) -> None:
    """The child: read and check every remaining row of each file in turn, sending each chunk
    and ``None`` after each file's last."""
    # Everything inherited from the parent lives as long as the child: keep the cyclic
    # collector from walking it again and again while the rows' short-lived objects come and go.
    gc.freeze()
    outbox = _Outbox(pipe)
    try:
        for job in jobs:
            raw = job.raw if isinstance(job.raw, RawFile) else job.raw()
            size = min(job.size, CHUNK_ROWS)
            for chunk in checked_chunks(job.plan, job.ctx, job.shape, raw.rows, size):
                outbox.send(chunk)
            outbox.send(None)
    except BrokenPipeError:
        return  # the importing process has gone (killed, or it stopped on an error)
    except BaseException as exc:  # every failure is reported to the parent, if still there
        with contextlib.suppress(BrokenPipeError):
            _send_error(outbox, exc)
    finally:
        outbox.close()
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
    """What the child needs for one file: the compiled plan, the context, the record shape and
    the file, opened (``RawFile``) or to be opened by the child (a function returning it)."""

    plan: TablePlan
    ctx: ImportContext
    shape: RecordShape
    raw: RawFile | Callable[[], RawFile]
    size: int


PIPE_BYTES = 1 << 20
"""The pipe's buffer: a chunk is about a megabyte pickled, and with Linux's default 64 KiB
each chunk takes dozens of hand-overs between the processes, each of which can wait for a
core on a busy machine."""


def _widen(pipe: Connection) -> None:
    """Ask Linux for a pipe buffer of :data:`PIPE_BYTES` (capped by the system; optional)."""
    # A system that refuses only keeps the smaller buffer: more hand-overs, same result.
    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def worker_chunks(job: CheckJob) -> Iterator[CheckedChunk]:
    """Yield the checked chunks of ``job.raw``, read and checked by a forked child process.

    The child runs ahead (up to :data:`AHEAD` chunks): while the caller stores chunk *n* it
    checks the next ones.
    """
    run = WorkerRun([job])
    try:
        yield from run.file_chunks()
    finally:
        run.close()


class WorkerRun:
    """Several files read and checked in turn by one forked child, ahead of the writer.

    The child goes on to the next file as soon as it has checked the last rows of one (up to
    :data:`AHEAD` chunks ahead of the caller, across files too), so the writer storing the end
    of one file and committing it need not wait for the next file's first rows. Call
    :meth:`file_chunks` once per job, in order, and :meth:`close` at the end.
    """

    def __init__(self, jobs: list[CheckJob]) -> None:
        fork = multiprocessing.get_context("fork")
        self._receiving, sending = fork.Pipe(duplex=False)
        _widen(self._receiving)
        self._child = fork.Process(
            target=_work, args=(sending, jobs), name="intake-check", daemon=True
        )
        self._child.start()
        sending.close()

    def file_chunks(self) -> Iterator[CheckedChunk]:
        """Yield the next file's checked chunks; a problem the child met is raised here."""
        while (message := _receive(self._receiving)) is not None:
            if isinstance(message, tuple):
                _raise(message)
            yield message

    def close(self) -> None:
        """Stop the child (if still checking) and wait for it."""
        self._receiving.close()
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()
