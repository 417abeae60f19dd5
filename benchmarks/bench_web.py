"""Web benchmark: the child page under load, audit writes included.

A store of synthetic events (1,000,000 in the full run; 20,000 with ``--quick``) is built with bulk
inserts; the application is served by uvicorn in a separate process on loopback; 20 signed-in
users (each with a second factor) request their children's pages in a closed loop for 5 minutes
(30 s with ``--quick``), with no think time. Sign-in goes through httpx; the page loop uses a
lean keep-alive client (``benchmarks.keepalive``) so that the load generator takes little of the
cores it shares with the server, and every response is checked (status 200 and the child's
caption in the body; anything else is an error). Reported: the server time (from the
``Server-Timing`` header, audit entry included), the client-side latency, throughput, errors, and
the CPU per page of the server processes and of the load generator (from /proc: far less
disturbed by other work on a shared machine than the wall-clock figures); the audit chain is
verified afterwards. For A/B runs, FULLPICTURE_BENCH_WEB_WORKERS and
FULLPICTURE_BENCH_WEB_SECONDS override the worker count (one per core) and the duration.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from benchmarks.harness import Result, timed
from benchmarks.keepalive import KeepAliveClient

PASSPHRASE = "benchmark passphrase"  # pragma: allowlist secret

USERS = 20
WORKERS = int(os.environ.get("FULLPICTURE_BENCH_WEB_WORKERS", os.cpu_count() or 1))
"""`fullpicture serve --workers`: one per core unless FULLPICTURE_BENCH_WEB_WORKERS says (A/B)."""
CHILDREN_PER_USER = 10
TYPES = [
    ("social_care", "social_care.referral"),
    ("police", "police.incident"),
    ("health", "health.gp_consultation"),
    ("education", "education.persistent_absence"),
    ("social_care", "social_care.statutory_visit"),
    ("housing", "housing.address_change"),
]


def _ledger(conn: sa.Connection) -> int:
    from fullpicture.store.schema import ledger

    now = datetime.now(UTC)
    return int(
        conn.execute(
            ledger.insert()
            .values(
                source="bench",
                filename="bench.csv",
                table_name="t",
                sha256="0" * 64,
                status="complete",
                rows_read=0,
                rows_stored=0,
                rows_quarantined=0,
                imported_by="bench",
                started_at=now,
                finished_at=now,
            )
            .returning(ledger.c.id)
        ).scalar_one()
    )


def _people_rows(
    children: int, ledger_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    now = datetime.now(UTC)
    people = [
        {
            "id": f"P{i:07d}",
            "display_name": f"Child {i}",
            "date_of_birth": date(2012, 1, 1),
            "restricted": False,
            "created_at": now,
        }
        for i in range(children)
    ]
    sources = [
        {
            "id": i + 1,
            "source": "bench",
            "agency": "social_care",
            "local_id": f"L{i}",
            "ledger_id": ledger_id,
            "row_number": i + 1,
            "is_child": True,
            "person_id": f"P{i:07d}",
            "updated_at": now,
        }
        for i in range(children)
    ]
    return people, sources


def _event_rows(start: int, count: int, children: int, ledger_id: int) -> list[dict[str, Any]]:
    rng = random.Random(start)
    rows = []
    for n in range(start, start + count):
        agency, kind = TYPES[n % len(TYPES)]
        rows.append(
            {
                "source": "bench",
                "agency": agency,
                "ledger_id": ledger_id,
                "row_number": n + 1,
                "record_key": f"e{n}",
                "record_id": f"R{n}",
                "subject_source_person_id": (n % children) + 1,
                "event_type": kind,
                "occurred_on": date(2018, 1, 1) + timedelta(days=rng.randrange(2500)),
                "precision": "day",
                "uncertain": False,
                "sequence": 0,
                "summary": "Synthetic benchmark record with a sentence of text.",
            }
        )
    return rows


def build_store(url: str, events: int) -> list[str]:
    """Fill a fresh store with ``events`` events over children of ~100 events each."""
    from fullpicture.store.database import open_store
    from fullpicture.store.schema import event, person, source_person

    engine = open_store(url)
    children = max(events // 100, USERS * CHILDREN_PER_USER)
    with engine.begin() as conn:
        ledger_id = _ledger(conn)
        people, sources = _people_rows(children, ledger_id)
        conn.execute(person.insert(), people)
        conn.execute(source_person.insert(), sources)
    for start in range(0, events, 50_000):
        with engine.begin() as conn:
            conn.execute(
                event.insert(), _event_rows(start, min(50_000, events - start), children, ledger_id)
            )
    engine.dispose()
    return [p["id"] for p in people]


def create_users(url: str, children: list[str], folder: Path) -> dict[str, tuple[str, list[str]]]:
    """Create the signed-in population: social workers, each assigned to some children.

    Their TOTP secrets are sealed under the keyring the server will use (``folder``'s).
    """
    from fullpicture.config import Settings
    from fullpicture.store.database import open_store
    from fullpicture.web.accounts import add_user, assign_child
    from fullpicture.web.app import cipher_for

    cipher = cipher_for(Settings(data_dir=folder))

    engine = open_store(url)
    users: dict[str, tuple[str, list[str]]] = {}
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for u in range(USERS):
            mine = children[u * CHILDREN_PER_USER : (u + 1) * CHILDREN_PER_USER]
            created = add_user(
                conn,
                username=f"bench{u}",
                display_name=f"Bench {u}",
                role="social_worker",
                agency="social_care",
                password=PASSPHRASE,
                now=now,
                cipher=cipher,
            )
            for pid in mine:
                assign_child(conn, created.user_id, pid, granted_by="bench", now=now)
            assert created.totp_secret is not None
            users[f"bench{u}"] = (created.totp_secret, mine)
    engine.dispose()
    return users


async def _sign_in(client: httpx.AsyncClient, name: str, secret: str) -> str | None:
    from fullpicture.web.security.sessions import COOKIE_NAME
    from fullpicture.web.security.totp import current_code

    code = current_code(secret, datetime.now(UTC))
    data = {"username": name, "password": PASSPHRASE, "code": code}
    signed = await client.post("/sign-in", data=data)
    token = signed.cookies.get(COOKIE_NAME)
    return str(token) if token else None


def _page_marker(person_id: str) -> bytes:
    """What every good child page holds: its caption with the child's id (a sign-in page or an
    error page does not)."""
    return f'<span class="govuk-caption-l">Child {person_id}</span>'.encode()


async def _user_loop(
    client: KeepAliveClient,
    name: str,
    children: list[str],
    until: float,
    samples: list[tuple[float, float, int]],
) -> None:
    rng = random.Random(name)
    while time.monotonic() < until:
        child = rng.choice(children)
        started = time.perf_counter()
        try:
            reply = await client.get(f"/children/{child}")
        except (ConnectionError, asyncio.IncompleteReadError):
            samples.append((0.0, (time.perf_counter() - started) * 1000, 0))  # an error
            continue
        elapsed = (time.perf_counter() - started) * 1000
        server = float(reply.headers.get("server-timing", "app;dur=0").split("=")[1])
        # A 200 that is not the child's page (e.g. the sign-in page) counts as an error too.
        status = reply.status if _page_marker(child) in reply.body else -reply.status
        samples.append((server, elapsed, status))


@dataclass
class LoadRun:
    """What the closed loop saw: one sample per request, and the CPU spent during the loop."""

    samples: list[tuple[float, float, int]] = field(default_factory=list)
    server_cpu: float = 0.0  # seconds, every server process (supervisor and workers)
    client_cpu: float = 0.0  # seconds, this process (the load generator)


async def _sign_in_all(base: str, users: dict[str, tuple[str, list[str]]]) -> dict[str, str]:
    """Sign every user in (argon2 is deliberately slow, so this is not timed): name -> token."""
    clients = {
        name: httpx.AsyncClient(base_url=base, headers={"Origin": base}, timeout=60)
        for name in users
    }
    try:
        tokens = await asyncio.gather(
            *(_sign_in(clients[name], name, secret) for name, (secret, _) in users.items())
        )
    finally:
        for client in clients.values():
            await client.aclose()
    return {name: t for name, t in zip(users, tokens, strict=True) if t is not None}


async def _load(
    base: str, users: dict[str, tuple[str, list[str]]], seconds: float, server_pid: int
) -> LoadRun:
    from fullpicture.web.security.sessions import COOKIE_NAME

    run = LoadRun()
    signed = await _sign_in_all(base, users)
    run.samples.extend((0.0, 0.0, 401) for _ in range(len(users) - len(signed)))
    host, port = base.removeprefix("http://").rsplit(":", 1)
    clients = {
        name: KeepAliveClient(host, int(port), {"Cookie": f"{COOKIE_NAME}={token}"})
        for name, token in signed.items()
    }
    try:
        server_before, client_before = _tree_cpu_seconds(server_pid), time.process_time()
        until = time.monotonic() + seconds
        await asyncio.gather(
            *(
                _user_loop(client, name, users[name][1], until, run.samples)
                for name, client in clients.items()
            )
        )
        run.server_cpu = _tree_cpu_seconds(server_pid) - server_before
        run.client_cpu = time.process_time() - client_before
    finally:
        for client in clients.values():
            await client.close()
    return run


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live descendants (Linux /proc).

    uvicorn's workers are children of its supervisor, so the server's CPU is the tree's.
    """
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(used.get(p, 0.0) for p in tree)


def _wait_for(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"the benchmark server exited with code {process.returncode}")
        try:
            httpx.get(f"{base}/sign-in", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the benchmark server did not start")


def _event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop for the load generator too where it is installed (less CPU per request)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def run(quick: bool) -> list[Result]:
    """Build the store, serve it, drive 20 users, and report the figures."""
    events, seconds = (20_000, 30.0) if quick else (1_000_000, 300.0)
    seconds = float(os.environ.get("FULLPICTURE_BENCH_WEB_SECONDS", seconds))  # for A/B runs
    folder = Path(tempfile.mkdtemp(prefix="fp-bench-web-"))
    url = f"sqlite:///{folder / 'store.db'}"
    with timed() as build_time:
        children = build_store(url, events)
    users = create_users(url, children, folder)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "FULLPICTURE_DATA_DIR": str(folder),
        "FULLPICTURE_DATABASE_URL": url,
        "FULLPICTURE_SECRET_KEY_FILE": str(folder / "secrets" / "fullpicture.key"),
    }
    command = [
        sys.executable,
        "-m",
        "fullpicture",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
    ]
    process = subprocess.Popen(command, env=env)
    try:
        _wait_for(base, process)
        with asyncio.Runner(loop_factory=_event_loop_factory()) as runner:
            loaded = runner.run(_load(base, users, seconds, process.pid))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return _results(loaded, events, seconds, build_time(), folder, url)


def _results(
    loaded: LoadRun,
    events: int,
    seconds: float,
    build: float,
    folder: Path,
    url: str,
) -> list[Result]:
    from fullpicture.audit.chain import verify_chain
    from fullpicture.audit.keys import derive_key, load_or_create_key
    from fullpicture.store.database import open_store

    ok = [s for s in loaded.samples if s[2] == 200]
    errors = len(loaded.samples) - len(ok)
    server = [s[0] for s in ok]
    client = [s[1] for s in ok]
    engine = open_store(url)
    key = derive_key(load_or_create_key(folder / "secrets" / "fullpicture.key"), "audit-chain")
    verified = verify_chain(engine, key)
    size = f"{events:,} events, {USERS} users, {seconds:.0f} s, {WORKERS} workers"
    note = f"audit entries {verified.entries}, chain ok={verified.ok}; store built in {build:.0f} s"
    return [
        Result(
            "web", "child page server time p95", _percentile(server, 95), "ms", "<= 200", size, note
        ),
        Result("web", "child page server time p50", _percentile(server, 50), "ms", "", size),
        Result(
            "web",
            "child page client latency p95",
            _percentile(client, 95),
            "ms",
            "",
            size,
            "includes queueing for the server's workers",
        ),
        Result("web", "child pages served", len(ok) / seconds, "requests/s", "", size),
        Result("web", "errors", float(errors), "count", "0", size),
        *_cpu_results(loaded, len(ok), size),
    ]


def _cpu_results(loaded: LoadRun, pages: int, size: str) -> list[Result]:
    """CPU per page, which a shared machine disturbs far less than the wall-clock figures."""
    per_page = 1000 / max(pages, 1)
    why = "CPU seconds during the timed loop / pages served (user + system, from /proc)"
    return [
        Result("web", "server CPU per page", loaded.server_cpu * per_page, "ms", "", size, why),
        Result(
            "web", "load generator CPU per page", loaded.client_cpu * per_page, "ms", "", size, why
        ),
    ]
