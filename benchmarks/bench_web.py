"""Web benchmark: the child page under load, audit writes included.

A store of synthetic events (1,000,000 in the full run; 20,000 with ``--quick``) is built with bulk
inserts; the application is served by uvicorn in a separate process on loopback; 20 signed-in
users (each with a second factor) request their children's pages in a closed loop for 5 minutes
(30 s with ``--quick``). Reported: the server time (from the ``Server-Timing`` header, audit
entry included), the client-side latency, throughput and errors; the audit chain is verified
afterwards.
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from benchmarks.harness import Result, timed

PASSPHRASE = "benchmark passphrase"  # pragma: allowlist secret

USERS = 20
WORKERS = os.cpu_count() or 1  # `fullpicture serve --workers`, one per core
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


def create_users(url: str, children: list[str]) -> dict[str, tuple[str, list[str]]]:
    """Create the signed-in population: social workers, each assigned to some children."""
    from fullpicture.store.database import open_store
    from fullpicture.web.accounts import add_user, assign_child

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


async def _user_loop(
    client: httpx.AsyncClient,
    token: str,
    name: str,
    children: list[str],
    until: float,
    samples: list[tuple[float, float, int]],
) -> None:
    from fullpicture.web.security.sessions import COOKIE_NAME

    headers = {"Cookie": f"{COOKIE_NAME}={token}"}
    rng = random.Random(name)
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            response = await client.get(f"/children/{rng.choice(children)}", headers=headers)
        except httpx.TransportError:
            samples.append((0.0, (time.perf_counter() - started) * 1000, 0))  # an error
            continue
        elapsed = (time.perf_counter() - started) * 1000
        server = float(response.headers.get("server-timing", "app;dur=0").split("=")[1])
        samples.append((server, elapsed, response.status_code))


async def _load(
    base: str, users: dict[str, tuple[str, list[str]]], seconds: float
) -> list[tuple[float, float, int]]:
    samples: list[tuple[float, float, int]] = []
    clients = {
        name: httpx.AsyncClient(base_url=base, headers={"Origin": base}, timeout=60)
        for name in users
    }
    try:
        # Sign everyone in first (argon2 is deliberately slow); only page views are timed.
        tokens = await asyncio.gather(
            *(_sign_in(clients[name], name, secret) for name, (secret, _) in users.items())
        )
        signed = {name: t for name, t in zip(users, tokens, strict=True) if t is not None}
        samples.extend((0.0, 0.0, 401) for _ in range(len(users) - len(signed)))
        until = time.monotonic() + seconds
        await asyncio.gather(
            *(
                _user_loop(clients[name], token, name, users[name][1], until, samples)
                for name, token in signed.items()
            )
        )
    finally:
        for client in clients.values():
            await client.aclose()
    return samples


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


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def run(quick: bool) -> list[Result]:
    """Build the store, serve it, drive 20 users, and report the figures."""
    events, seconds = (20_000, 30.0) if quick else (1_000_000, 300.0)
    folder = Path(tempfile.mkdtemp(prefix="fp-bench-web-"))
    url = f"sqlite:///{folder / 'store.db'}"
    with timed() as build_time:
        children = build_store(url, events)
    users = create_users(url, children)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FULLPICTURE_DATA_DIR": str(folder), "FULLPICTURE_DATABASE_URL": url}
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
        samples = asyncio.run(_load(base, users, seconds))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return _results(samples, events, seconds, build_time(), folder, url)


def _results(
    samples: list[tuple[float, float, int]],
    events: int,
    seconds: float,
    build: float,
    folder: Path,
    url: str,
) -> list[Result]:
    from fullpicture.audit.chain import verify_chain
    from fullpicture.audit.keys import derive_key, load_or_create_key
    from fullpicture.store.database import open_store

    ok = [s for s in samples if s[2] == 200]
    errors = len(samples) - len(ok)
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
    ]
