"""A throwaway PostgreSQL server for tests and benchmarks (never for real data).

Started with ``initdb`` + ``pg_ctl`` from the installed PostgreSQL binaries, trust authentication
on loopback only, ``fsync`` off; run as the ``postgres`` OS user when the caller is root (the
server refuses to run as root). Stopped with an immediate shutdown and its folder deleted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bindir() -> str | None:
    """Return the PostgreSQL server binaries folder, or None when not installed."""
    if shutil.which("pg_config") is None:
        return None
    out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
    bindir = out.stdout.strip()
    return bindir if Path(bindir, "initdb").exists() else None


def _as_postgres(root: str) -> list[str]:
    if os.geteuid() != 0:
        return []
    shutil.chown(root, "postgres", "postgres")
    return ["runuser", "-u", "postgres", "--"]


@contextmanager
def throwaway_server(port: int, bindir: str | None = None) -> Iterator[str]:
    """Run a fresh PostgreSQL server on ``port``; yield its admin URL (no database name).

    Raises:
        RuntimeError: the server binaries are not installed.
    """
    bindir = bindir or pg_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not installed (pg_config/initdb not found)")
    root = tempfile.mkdtemp(prefix="fp-pg-")
    as_pg = _as_postgres(root)
    data = os.path.join(root, "data")
    initdb = [f"{bindir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]
    subprocess.run([*as_pg, *initdb], check=True, capture_output=True)
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    )
    start = [f"{bindir}/pg_ctl", "-D", data, "-w", "-l", f"{root}/log", "start", "-o", options]
    subprocess.run([*as_pg, *start], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        stop = [f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]
        subprocess.run([*as_pg, *stop], capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)
