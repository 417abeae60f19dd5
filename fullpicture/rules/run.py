"""Running the rules: snapshot the store into DuckDB, run every rule with a time limit, write
alerts back with the rule version, parameters and compiled SQL kept for audit.

The whole-store path and the per-child path (``person_id=``) run the same compiled SQL; the
per-child snapshot holds the child, their kin and anyone sharing an incident with them, and only
the child's findings are written.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import duckdb
import ibis
from sqlalchemy.engine import Engine

from fullpicture.alerts.lifecycle import Finding, SyncCounts, register_sqls, sync_findings
from fullpicture.alerts.tables import analysis_run
from fullpicture.errors import RuleError
from fullpicture.rules.library import ALL_RULES, all_attributes
from fullpicture.rules.snapshot import (
    SnapshotData,
    calendar_span,
    event_type_values,
    load_snapshot,
    read_store,
    refill_snapshot,
    related_people,
    unbound_tables,
)
from fullpicture.rules.spec import (
    FINDING_COLUMNS,
    Rule,
    explain,
    load_overrides,
    resolve_parameters,
)

DEFAULT_TIME_LIMIT = 120.0
"""Seconds one rule may run before its DuckDB query is interrupted."""

DEFAULT_LANES = 2
"""How many rules run at the same time (the target machine has two cores)."""

REFILLS_PER_SESSION = 500
"""Refills before the per-child session starts a fresh database: DuckDB keeps deleted rows in
its row groups, so scans of a table refilled thousands of times slow down (several-fold by 2,000)."""

SMALL_SCOPE_EVENTS = 5_000
"""Up to this many events in a child's scope, the per-child session runs DuckDB without its query
optimiser. On a handful of rows, optimising a rule's plan costs more than running it unoptimised
(DuckDB 2.0 binds and optimises a rule's SQL again on every run, even as a prepared statement;
see :class:`Lane`). Unoptimised plans slow down on large inputs (1.5 times
the CPU at 50,000 events), so larger scopes keep the optimiser; the results are the same either
way."""


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its parameters in force and the SQL they compile to."""

    rule: Rule
    parameters: dict[str, Any]
    sql: str
    sql_hash: str


@dataclass
class RuleOutcome:
    """How one rule went in one run."""

    rule_id: str
    findings: int
    seconds: float


@dataclass
class AnalyseSummary:
    """What one analysis did."""

    as_of: datetime
    person_id: str | None
    events: int
    rules: int
    findings: int
    snapshot_seconds: float
    rules_seconds: float
    write_seconds: float
    counts: SyncCounts
    per_rule: list[RuleOutcome] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return asdict(self)


def _params_json(parameters: Mapping[str, Any]) -> str:
    return json.dumps(parameters, sort_keys=True)


@lru_cache(maxsize=512)
def _compile(rule_id: str, params_json: str, attributes: tuple[str, ...]) -> str:
    rule = next(r for r in ALL_RULES if r.id == rule_id)
    expr = rule.build(unbound_tables(attributes), json.loads(params_json))
    missing = [c for c in FINDING_COLUMNS if c not in expr.columns]
    if missing:
        raise RuleError(f"Rule {rule_id} does not return the columns {', '.join(missing)}.")
    return str(ibis.to_sql(expr, dialect="duckdb"))


def compile_rules(
    rules: Sequence[Rule] = ALL_RULES, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> list[CompiledRule]:
    """Resolve each rule's parameters and compile its expression to DuckDB SQL (cached).

    Raises:
        RuleError: a rule's expression could not be built or compiled.
        ConfigurationError: an override is invalid.
    """
    overrides = load_overrides() if overrides is None else overrides
    attributes = all_attributes()
    out = []
    for rule in rules:
        params = resolve_parameters(rule, overrides)
        try:
            sql = _compile(rule.id, _params_json(params), attributes)
        except RuleError:
            raise
        except Exception as exc:
            raise RuleError(
                f"Rule {rule.id} could not be compiled: {exc}",
                hint="This is a defect in the rule library; report it with the rule id.",
            ) from exc
        digest = hashlib.sha256(
            f"{rule.id}|{rule.version}|{_params_json(params)}|{sql}".encode()
        ).hexdigest()
        out.append(CompiledRule(rule, params, sql, digest))
    return out


class Watchdog:
    """Interrupts a connection's statement once it has run longer than its time limit.

    One thread serves every statement of a run (arming it is a lock and a notify), where a timer
    thread per rule cost more than a small rule takes to run.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._watch, name="rule-watchdog", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        with self._cond:
            while not self._stopped:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining > 0:
                    self._cond.wait(remaining)
                    continue
                self._deadline = None
                self._con.interrupt()

    def arm(self, seconds: float) -> None:
        """Interrupt the connection if it is still running ``seconds`` from now."""
        with self._cond:
            self._deadline = time.monotonic() + seconds
            self._cond.notify()

    def disarm(self) -> None:
        """The statement has finished: do not interrupt."""
        with self._cond:
            self._deadline = None

    def close(self) -> None:
        """Stop the watchdog's thread."""
        with self._cond:
            self._stopped = True
            self._cond.notify()
        self._thread.join()


def _rows(
    con: duckdb.DuckDBPyConnection, statement: str | duckdb.Statement
) -> list[dict[str, Any]]:
    result = con.execute(statement)
    names = [d[0] for d in result.description or ()]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def execute_rule(
    con: duckdb.DuckDBPyConnection,
    compiled: CompiledRule,
    time_limit: float,
    *,
    watchdog: Watchdog | None = None,
    statement: duckdb.Statement | None = None,
) -> list[dict[str, Any]]:
    """Run one compiled rule on the snapshot, interrupting it after ``time_limit`` seconds.

    Args:
        con: the loaded snapshot.
        compiled: the rule.
        time_limit: seconds before the query is interrupted.
        watchdog: the run's watchdog on ``con`` (default: one for this rule alone).
        statement: the rule's SQL already parsed (see :meth:`Lane.statement`), to run instead.

    Raises:
        RuleError: the rule failed or ran out of time (the message names the rule; the SQL is in
            the hint).
    """
    guard = watchdog or Watchdog(con)
    guard.arm(time_limit)
    try:
        return _rows(con, compiled.sql if statement is None else statement)
    except duckdb.InterruptException as exc:
        raise RuleError(
            f"Rule {compiled.rule.id} was stopped after its time limit of {time_limit:g} s.",
            hint=f"Raise the limit or report the rule. SQL: {compiled.sql}",
        ) from exc
    except duckdb.Error as exc:
        raise RuleError(
            f"Rule {compiled.rule.id} failed: {exc}",
            hint=f"This is a defect in the rule; report it. SQL: {compiled.sql}",
        ) from exc
    finally:
        guard.disarm()
        if watchdog is None:
            guard.close()


def to_finding(compiled: CompiledRule, row: Mapping[str, Any]) -> Finding:
    """Turn one result row into a :class:`Finding` with its explanation."""
    rule = compiled.rule
    facts = {k: v for k, v in row.items() if k not in ("person_id", "anchor_key", "evidence")}
    return Finding(
        rule_id=rule.id,
        rule_code=rule.code,
        rule_version=rule.version,
        severity=rule.severity,
        person_id=str(row["person_id"]),
        anchor_key=str(row["anchor_key"]),
        anchor_on=row["anchor_on"],
        evidence=tuple(int(e) for e in (row["evidence"] or []) if e is not None),
        explanation=explain(rule, row, compiled.parameters),
        facts=facts,
        sql_hash=compiled.sql_hash,
    )


class Lane:
    """One connection (a cursor of the snapshot) that runs rules one after another.

    Several lanes over the same snapshot run different rules at the same time, so that both cores
    are busy even while one rule is in a single-threaded phase (a sort, fetching its rows). A lane
    may parse each rule's SQL once and reuse the parsed statement (the per-child session does).
    DuckDB still binds, optimises and plans it on every run: in DuckDB 2.0 even an ``EXECUTE`` of
    a prepared statement binds it again when it reads a table, and ``EXECUTE`` without the
    optimiser (see ``SMALL_SCOPE_EVENTS``) failed with an internal error, so a parsed statement
    is what the lane keeps.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, parse_once: bool = False) -> None:
        self.con = con
        self._parsed: dict[str, duckdb.Statement] | None = {} if parse_once else None

    def statement(self, compiled: CompiledRule) -> duckdb.Statement | None:
        """What to run for ``compiled``: its parsed SQL, or ``None`` (its SQL text)."""
        if self._parsed is None:
            return None
        parsed = self._parsed.get(compiled.sql_hash)
        if parsed is None:
            try:
                (parsed,) = self.con.extract_statements(compiled.sql)
            except duckdb.Error as exc:
                raise RuleError(
                    f"Rule {compiled.rule.id} failed: {exc}",
                    hint=f"This is a defect in the rule; report it. SQL: {compiled.sql}",
                ) from exc
            self._parsed[compiled.sql_hash] = parsed
        return parsed


@dataclass
class _Work:
    """The rules of one run, handed out to the lanes one at a time."""

    compiled: Sequence[CompiledRule]
    next_index: int = 0
    failed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> int | None:
        with self.lock:
            if self.failed or self.next_index >= len(self.compiled):
                return None
            self.next_index += 1
            return self.next_index - 1


Handler = Callable[[CompiledRule, list[dict[str, Any]]], list[Any]]
"""What a run does with one rule's result rows (e.g. turn them into findings)."""


def findings_of(person_id: str | None = None) -> Handler:
    """A handler turning result rows into findings, keeping only ``person_id``'s if given."""

    def handle(item: CompiledRule, rows: list[dict[str, Any]]) -> list[Any]:
        if person_id is not None:
            rows = [r for r in rows if r["person_id"] == person_id]
        return [to_finding(item, r) for r in rows]

    return handle


def _drain(lane: Lane, work: _Work, time_limit: float, results: list[Any], handle: Handler) -> None:
    watchdog = Watchdog(lane.con)
    try:
        while (index := work.take()) is not None:
            item = work.compiled[index]
            started = time.perf_counter()
            try:
                statement = lane.statement(item)
                rows = execute_rule(
                    lane.con, item, time_limit, watchdog=watchdog, statement=statement
                )
            except RuleError:
                work.failed = True
                raise
            handled = handle(item, rows)
            seconds = time.perf_counter() - started
            results[index] = (handled, RuleOutcome(item.rule.id, len(handled), seconds))
    finally:
        watchdog.close()


def run_on_lanes(
    lanes: Sequence[Lane],
    compiled: Sequence[CompiledRule],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    handle: Handler | None = None,
) -> tuple[list[Any], list[RuleOutcome]]:
    """Run every compiled rule, the lanes taking the next rule as each finishes one.

    Args:
        lanes: the connections to run on, side by side.
        compiled: the rules.
        time_limit: seconds per rule before its query is interrupted.
        handle: what to do with each rule's rows (default: turn them all into findings).

    Returns:
        What ``handle`` made of every rule's rows, and each rule's outcome, in the order of
        ``compiled`` whichever lane ran each rule.

    Raises:
        RuleError: a rule failed or ran out of time (the other lanes stop after their current rule).
    """
    work = _Work(compiled)
    results: list[Any] = [None] * len(compiled)
    handler = handle or findings_of()
    if len(lanes) == 1:
        _drain(lanes[0], work, time_limit, results, handler)
    else:
        with ThreadPoolExecutor(max_workers=len(lanes), thread_name_prefix="rule-lane") as pool:
            futures = [
                pool.submit(_drain, lane, work, time_limit, results, handler) for lane in lanes
            ]
            for future in futures:
                future.result()
    return [x for handled, _ in results for x in handled], [outcome for _, outcome in results]


def run_compiled(
    con: duckdb.DuckDBPyConnection,
    compiled: Sequence[CompiledRule],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    person_id: str | None = None,
    lanes: int = DEFAULT_LANES,
    handle: Handler | None = None,
) -> tuple[list[Any], list[RuleOutcome]]:
    """Run every compiled rule on a loaded snapshot; keep only ``person_id``'s findings if given.

    Args:
        con: the loaded snapshot.
        compiled: the rules.
        time_limit: seconds per rule before its query is interrupted.
        person_id: keep only this person's findings.
        lanes: how many rules run at the same time (each on its own cursor of ``con``).
        handle: what to do with each rule's rows instead (``person_id`` is then ignored).

    Returns:
        The findings (or what ``handle`` made of the rows) and each rule's outcome.

    Raises:
        RuleError: a rule failed or ran out of time.
    """
    cursors = [con.cursor() for _ in range(max(1, lanes))]
    try:
        return run_on_lanes(
            [Lane(c) for c in cursors],
            compiled,
            time_limit=time_limit,
            handle=handle or findings_of(person_id),
        )
    finally:
        for cursor in cursors:
            cursor.close()


class ChildSession:
    """A per-process DuckDB kept for the per-child path, with every rule's SQL parsed on it once.

    Planning a rule costs far more than running it over one child's few rows, so the tables are
    refilled in place for each child (see :func:`refill_snapshot`), the parsed statements are
    reused on each of the session's lanes, and small scopes run without DuckDB's optimiser (see
    ``SMALL_SCOPE_EVENTS``). One child is analysed at a time per process (a lock guards the
    connection); its rules run on the lanes side by side.
    """

    def __init__(self, attributes: tuple[str, ...], lanes: int = DEFAULT_LANES) -> None:
        self._attributes = attributes
        self._lane_count = max(1, lanes)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._calendar: tuple[date, date] | None = None
        self._types: tuple[str, ...] = ()
        self._refills = 0
        self._optimised = True
        self.lanes: list[Lane] = []
        self.lock = threading.Lock()

    def load(self, data: SnapshotData, as_of: datetime) -> duckdb.DuckDBPyConnection:
        """Put ``data`` in the session's tables and return the connection (hold ``lock``)."""
        types = event_type_values(data.events)
        if self._con is not None and (self._refills >= REFILLS_PER_SESSION or types != self._types):
            self.close()  # see REFILLS_PER_SESSION; or an event type the ENUM does not hold
        optimise = data.events.num_rows > SMALL_SCOPE_EVENTS
        if self._con is None:
            con = load_snapshot(data, self._attributes, as_of, threads=1)
            self._calendar, self._types, self._refills = calendar_span(con), types, 0
            self._con, self._optimised = con, True
            self.lanes = [Lane(con.cursor(), parse_once=True) for _ in range(self._lane_count)]
            self._use_optimiser(optimise)
            return con
        self._use_optimiser(optimise)
        calendar, self._calendar = self._calendar, None  # unknown until the refill succeeds
        self._calendar = refill_snapshot(self._con, data, self._attributes, as_of, calendar)
        self._refills += 1
        return self._con

    def _use_optimiser(self, optimise: bool) -> None:
        """Switch DuckDB's optimiser for the rules to come (see ``SMALL_SCOPE_EVENTS``)."""
        if self._con is not None and optimise != self._optimised:
            self._con.execute(f"SET GLOBAL enable_optimizer = {'true' if optimise else 'false'}")
            self._optimised = optimise

    def close(self) -> None:
        """Close the session's database; the next :meth:`load` starts a new one."""
        for lane in self.lanes:
            lane.con.close()
        if self._con is not None:
            self._con.close()
        self._con, self._calendar, self.lanes = None, None, []


_SESSIONS: dict[tuple[str, ...], ChildSession] = {}
_SESSIONS_LOCK = threading.Lock()


def child_session(attributes: tuple[str, ...]) -> ChildSession:
    """This process's per-child session for these attribute columns."""
    with _SESSIONS_LOCK:
        return _SESSIONS.setdefault(attributes, ChildSession(attributes))


def _write(
    engine: Engine,
    compiled: Sequence[CompiledRule],
    findings: Sequence[Finding],
    person_id: str | None,
    as_of: datetime,
) -> SyncCounts:
    reason = (
        f"The rule no longer finds this pattern in the records (analysis as of "
        f"{as_of.isoformat(timespec='minutes')})."
    )
    with engine.begin() as conn:
        register_sqls(
            conn,
            [
                (c.sql_hash, c.rule.id, c.rule.version, _params_json(c.parameters), c.sql)
                for c in compiled
            ],
        )
        return sync_findings(
            conn,
            findings,
            rule_ids=[c.rule.id for c in compiled],
            person_ids=None if person_id is None else [person_id],
            reason=reason,
        )


def split_runnable(
    compiled: Sequence[CompiledRule], data: SnapshotData
) -> tuple[list[CompiledRule], list[CompiledRule]]:
    """Split the rules into those that can fire on ``data`` and those whose required events
    (:attr:`Rule.requires`) it lacks, which would find nothing."""
    counts = data.events.column("event_type").value_counts().to_pylist()
    type_counts = {str(c["values"]): int(c["counts"]) for c in counts}
    runnable: list[CompiledRule] = []
    skipped: list[CompiledRule] = []
    for item in compiled:
        fits = item.rule.can_fire(type_counts, item.parameters)
        (runnable if fits else skipped).append(item)
    return runnable, skipped


def _snapshot(engine: Engine, person_id: str | None) -> SnapshotData:
    scope = None if person_id is None else related_people(engine, person_id)
    return read_store(engine, scope)


def analyse(
    engine: Engine,
    *,
    person_id: str | None = None,
    as_of: datetime | None = None,
    rules: Sequence[Rule] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> AnalyseSummary:
    """Snapshot the store, run the rules and write alerts back.

    Args:
        engine: the store.
        person_id: analyse only this child (with their household and linked peers as context).
        as_of: the moment of analysis (default now); deadlines after it have not yet passed.
        rules: the rules to run (default: the whole library).
        time_limit: seconds per rule before its query is interrupted.
        overrides: parameter overrides (default: the deployment's rules configuration).

    Raises:
        RuleError: a rule failed, ran out of time or could not be compiled.
    """
    started_at = datetime.now(UTC)
    as_of = as_of or started_at
    compiled = compile_rules(ALL_RULES if rules is None else rules, overrides)
    t0 = time.perf_counter()
    data = _snapshot(engine, person_id)
    if person_id is None:
        con = load_snapshot(data, all_attributes(), as_of)
        t1 = time.perf_counter()
        try:
            findings, outcomes = run_compiled(con, compiled, time_limit=time_limit)
        finally:
            con.close()
    else:
        session = child_session(all_attributes())
        runnable, skipped = split_runnable(compiled, data)
        with session.lock:
            session.load(data, as_of)
            t1 = time.perf_counter()
            findings, outcomes = run_on_lanes(
                session.lanes, runnable, time_limit=time_limit, handle=findings_of(person_id)
            )
        outcomes += [RuleOutcome(c.rule.id, 0, 0.0) for c in skipped]
    t2 = time.perf_counter()
    counts = _write(engine, compiled, findings, person_id, as_of)
    summary = AnalyseSummary(
        as_of=as_of,
        person_id=person_id,
        events=data.events.num_rows,
        rules=len(compiled),
        findings=len(findings),
        snapshot_seconds=t1 - t0,
        rules_seconds=t2 - t1,
        write_seconds=time.perf_counter() - t2,
        counts=counts,
        per_rule=outcomes,
    )
    _log_run(engine, summary, started_at)
    return summary


def _log_run(engine: Engine, summary: AnalyseSummary, started_at: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(
            analysis_run.insert().values(
                started_at=started_at,
                finished_at=datetime.now(UTC),
                as_of=summary.as_of,
                person_id=summary.person_id,
                summary=json.dumps(summary.as_dict(), default=str),
            )
        )
