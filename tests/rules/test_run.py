"""analyse(): snapshot from the store, rule run, alerts written back with audit data."""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.alerts import list_alerts
from fullpicture.alerts.tables import analysis_run, rule_sql
from fullpicture.errors import ConfigurationError, RuleError
from fullpicture.rules import run as rules_run
from fullpicture.rules.library import ALL_RULES, all_attributes, get_rule
from fullpicture.rules.run import (
    ChildSession,
    CompiledRule,
    analyse,
    compile_rules,
    execute_rule,
    run_on_lanes,
)
from tests.rules.chronologies import AS_OF, create_chronology
from tests.rules.golden import CASES, Golden


def create_missing_child(store: Engine) -> dict[int, int]:
    c = create_chronology()
    c.person("P1", date(2010, 5, 1), is_child=True)
    c.person("P2", date(2011, 5, 1), is_child=True)
    c.event("P1", "police.missing_start", datetime(2025, 3, 12, 20, 0), record_id="P123")
    c.event("P1", "police.missing_end", datetime(2025, 3, 13, 10, 0))
    c.event("P2", "health.was_not_brought", date(2025, 1, 1))
    c.event("P2", "health.was_not_brought", date(2025, 2, 1))
    return c.write(store)


def test_should_write_alerts_with_explanation_evidence_and_audit(store: Engine) -> None:
    ids = create_missing_child(store)
    summary = analyse(store, as_of=AS_OF, rules=[get_rule("TIM-1"), get_rule("FAM-5")])
    assert summary.findings == 2 and summary.counts.opened == 2
    (alert,) = list_alerts(store, person_id="P1")
    assert alert.rule_id == "TIM-1"
    assert alert.explanation == (
        "Missing 12 to 13 March 2025 (police ref P123). No return interview offered by "
        "16 March 2025 10:00, 72 hours after return."
    )
    assert alert.evidence == (ids[1], ids[2])
    with store.connect() as conn:
        sql = conn.execute(sa.select(rule_sql.c.compiled_sql, rule_sql.c.parameters)).all()
        runs = conn.execute(sa.select(analysis_run.c.summary)).scalars().all()
    assert any("police.missing_end" in s for s, _ in sql)
    assert {"hours": 72} in [json.loads(p) for _, p in sql]
    assert json.loads(runs[0])["findings"] == 2


def test_should_not_duplicate_alerts_when_run_again(store: Engine) -> None:
    create_missing_child(store)
    analyse(store, as_of=AS_OF)
    first = {a.id for a in list_alerts(store)}
    again = analyse(store, as_of=AS_OF)
    assert {a.id for a in list_alerts(store)} == first
    assert again.counts.opened == 0 and again.counts.unchanged == len(first)


def test_should_close_an_alert_when_the_condition_no_longer_holds(sqlite_store: Engine) -> None:
    create_missing_child(sqlite_store)
    analyse(sqlite_store, as_of=AS_OF, rules=[get_rule("TIM-1")])
    more = create_chronology()
    more.person("P9")
    with sqlite_store.begin() as conn:  # a late-recorded interview within the 72 hours
        sp = conn.execute(
            sa.text("SELECT id, ledger_id FROM source_person WHERE person_id='P1'")
        ).one()
        conn.execute(
            sa.text(
                "INSERT INTO event (source, agency, ledger_id, row_number, record_key, "
                "subject_source_person_id, event_type, occurred_on, precision, uncertain, sequence) "
                "VALUES ('test', 'partnership', :l, 99, 'late', :s, "
                "'partnership.return_interview_offered', '2025-03-14', 'day', 0, 0)"
            ),
            {"l": sp.ledger_id, "s": sp.id},
        )
    summary = analyse(sqlite_store, as_of=AS_OF, rules=[get_rule("TIM-1")])
    (alert,) = list_alerts(sqlite_store, person_id="P1")
    assert summary.counts.closed == 1
    assert alert.status == "closed" and "no longer finds" in (alert.closed_reason or "")


def test_should_analyse_one_child_with_the_same_rules(store: Engine) -> None:
    create_missing_child(store)
    summary = analyse(store, person_id="P1", as_of=AS_OF)
    assert {a.person_id for a in list_alerts(store)} == {"P1"}
    assert summary.person_id == "P1"


def test_should_name_the_rule_when_it_is_interrupted() -> None:
    compiled = compile_rules([get_rule("ACC-1")], {})[0]
    slow = CompiledRule(
        compiled.rule,
        compiled.parameters,
        "SELECT count(*) FROM range(100000000000) a",
        compiled.sql_hash,
    )
    con = duckdb.connect()
    with pytest.raises(RuleError, match="ACC-1 was stopped after its time limit") as info:
        execute_rule(con, slow, 0.5)
    assert "range(100000000000)" in (info.value.hint or "")


def test_should_reject_an_unknown_parameter_override() -> None:
    with pytest.raises(ConfigurationError, match="no parameter 'hour'"):
        compile_rules([get_rule("TIM-1")], {"TIM-1": {"hour": 24}})


def test_should_apply_a_parameter_override_from_the_configuration_file(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "rules.toml"
    config.write_text("[TIM-1]\nhours = 48\n", encoding="utf-8")
    monkeypatch.setenv("FULLPICTURE_RULES_CONFIG", str(config))
    (compiled,) = compile_rules([get_rule("TIM-1")])
    assert compiled.parameters == {"hours": 48}
    assert "48" in compiled.sql


@pytest.mark.parametrize(
    "name",
    [
        "cpp3 nothing by the 11th working day (half-sibling)",
        "acc2 re-referral of a sibling counts for the household",
        "shr1 MARAC not shared before the review conference",
        "ext3 three children share an incident",
    ],
)
def test_should_find_the_same_for_one_child_as_for_the_whole_store(tmp_path, name: str) -> None:
    from fullpicture.store.database import open_store
    from tests.rules.golden import CASES

    chron = next(c for c in CASES if c.name == name).build()
    whole = open_store(f"sqlite:///{tmp_path / 'whole.db'}")
    chron.write(whole)
    analyse(whole, as_of=AS_OF)
    expected = {(a.rule_id, a.person_id, a.evidence) for a in list_alerts(whole)}
    single = open_store(f"sqlite:///{tmp_path / 'single.db'}")
    chron.write(single)
    for person in {p["person_id"] for p in chron.people}:
        analyse(single, person_id=person, as_of=AS_OF)
    found = {(a.rule_id, a.person_id, a.evidence) for a in list_alerts(single)}
    assert found == expected and expected


def test_should_reuse_the_child_session_when_the_next_child_needs_another_calendar(tmp_path):
    # The per-child session keeps one DuckDB connection: a child whose records span other years
    # rebuilds its calendar, which must work after any earlier child (no result left open).
    from fullpicture.store.database import open_store
    from tests.factories import create_event, create_person

    rules_run = []
    for year in (1995, 2024, 2011):
        store = open_store(f"sqlite:///{tmp_path / f'{year}.db'}")
        person = create_person(store, given_name=f"Child{year}", date_of_birth=date(year - 5, 1, 1))
        create_event(store, person_id=person, event_type="social_care.referral",
                     occurred_on=date(year, 3, 1))  # fmt: skip
        rules_run.append(analyse(store, person_id=person, as_of=AS_OF).rules)
        store.dispose()
    assert rules_run == [rules_run[0]] * 3 and rules_run[0] > 0


# One session for every case below, refilled from case to case as the web app's process does.
_SESSION = ChildSession(all_attributes())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_should_raise_the_boundary_alerts_in_the_per_child_session(case: Golden) -> None:
    # The per-child session refills one database and runs small scopes without DuckDB's
    # optimiser: it must find what the whole-store path finds (test_golden) at every boundary.
    rules = ALL_RULES if "*" in case.rules else [get_rule(r) for r in sorted(case.rules)]
    with _SESSION.lock:
        con = _SESSION.load(case.build().snapshot_data(), AS_OF)
        [(optimised,)] = con.execute("SELECT current_setting('enable_optimizer')").fetchall()
        findings, _ = run_on_lanes(_SESSION.lanes, compile_rules(rules, {}))
    found = {(f.rule_id, f.person_id) for f in findings}
    assert optimised is False
    assert {(r, p) for r, p in found if "*" in case.rules or r in case.rules} == case.expected


def test_should_keep_the_optimiser_for_a_scope_beyond_the_small_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chron = next(c for c in CASES if c.expected).build()
    monkeypatch.setattr(rules_run, "SMALL_SCOPE_EVENTS", len(chron.events) - 1)
    session = ChildSession(all_attributes())
    try:
        settings = []
        for _ in range(2):  # a fresh database, then a refill
            con = session.load(chron.snapshot_data(), AS_OF)
            [(optimised,)] = con.execute("SELECT current_setting('enable_optimizer')").fetchall()
            settings.append(optimised)
    finally:
        session.close()
    assert settings == [True, True]


def test_should_leave_a_whole_store_snapshot_optimised_beside_a_small_child_session() -> None:
    from fullpicture.rules.snapshot import load_snapshot

    data = next(c for c in CASES if c.expected).build().snapshot_data()
    session = ChildSession(all_attributes())
    whole = None
    try:
        child = session.load(data, AS_OF)
        whole = load_snapshot(data, all_attributes(), AS_OF)
        settings = [
            con.execute("SELECT current_setting('enable_optimizer')").fetchall()[0][0]
            for con in (child, whole)
        ]
    finally:
        session.close()
        if whole is not None:
            whole.close()
    assert settings == [False, True]
