"""A throwaway PostgreSQL server for tests and benchmarks, started from the installed binaries.

PostgreSQL refuses to run as root, so when root the server runs as the ``postgres`` OS user. Each
server takes a free loopback port, so several test runs on one machine never collide.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fullpicture.errors import StoreError


def postgres_bindir() -> str | None:
    """Return the folder of the PostgreSQL server binaries, or None when not installed."""
    if shutil.which("pg_config") is None:
        return None
    out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
    bindir = out.stdout.strip()
    return bindir if Path(bindir, "initdb").exists() else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(bindir: str, as_pg: list[str], root: str, data: str) -> int:
    for _attempt in range(5):
        port = _free_port()
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off"
        )
        started = subprocess.run(
            [
                *as_pg,
                f"{bindir}/pg_ctl",
                "-D",
                data,
                "-w",
                "-l",
                f"{root}/log",
                "start",
                "-o",
                options,
            ],
            capture_output=True,
            check=False,
        )
        if started.returncode == 0:
            return port
    raise StoreError("Could not start a throwaway PostgreSQL server.", hint=f"See {root}/log.")


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a fresh PostgreSQL server; yield its admin URL (no database name); stop it after.

    Raises:
        StoreError: the binaries are missing or the server did not start.
    """
    bindir = postgres_bindir()
    if bindir is None:
        raise StoreError(
            "PostgreSQL server binaries are not installed.",
            hint="apt-get install postgresql postgresql-contrib",
        )
    root = tempfile.mkdtemp(prefix="fp-pg-")
    as_pg: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(root, "data")
    subprocess.run(
        [*as_pg, f"{bindir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    port = _start(bindir, as_pg, root, data)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_pg, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
