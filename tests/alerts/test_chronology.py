"""Alerts appear beside their evidence in the chronology."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from fullpicture.alerts.chronology import alerts_for_chronology
from fullpicture.chronology import build_chronology
from fullpicture.rules.library import get_rule
from fullpicture.rules.run import analyse
from tests.rules.chronologies import AS_OF
from tests.rules.test_run import create_missing_child


def test_should_place_each_alert_beside_the_entries_holding_its_evidence(
    sqlite_store: Engine,
) -> None:
    ids = create_missing_child(sqlite_store)
    analyse(sqlite_store, as_of=AS_OF, rules=[get_rule("TIM-1")])
    chronology = build_chronology(sqlite_store, "P1")
    placed = alerts_for_chronology(sqlite_store, chronology)
    events_with_alerts = {
        record.event_id for index in placed for record in chronology.entries[index].records
    }
    assert events_with_alerts == {ids[1], ids[2]}
    assert {a.rule_id for alerts in placed.values() for a in alerts} == {"TIM-1"}
