"""The alert lifecycle: transitions with who, when and why; rules on what may follow what."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from fullpicture.alerts import AlertTransitionError, get_alert, list_alerts, transition_alert
from fullpicture.errors import NotFoundError, RuleError
from fullpicture.rules.library import get_rule
from fullpicture.rules.run import analyse
from tests.rules.chronologies import AS_OF
from tests.rules.test_run import create_missing_child


@pytest.fixture
def sample_alert_id(store: Engine) -> int:
    create_missing_child(store)
    analyse(store, as_of=AS_OF, rules=[get_rule("TIM-1")])
    return list_alerts(store)[0].id


def test_should_record_every_transition_with_who_and_why(
    store: Engine, sample_alert_id: int
) -> None:
    transition_alert(store, sample_alert_id, "acknowledged", actor="J Smith")
    transition_alert(store, sample_alert_id, "actioned", actor="J Smith", reason="RHI booked")
    view = get_alert(store, sample_alert_id)
    assert view.status == "actioned"
    assert [(t.from_status, t.to_status, t.actor, t.reason) for t in view.transitions] == [
        (None, "open", "fullpicture analyse", None),
        ("open", "acknowledged", "J Smith", None),
        ("acknowledged", "actioned", "J Smith", "RHI booked"),
    ]


def test_should_require_a_reason_to_dismiss(store: Engine, sample_alert_id: int) -> None:
    with pytest.raises(AlertTransitionError, match="needs a reason"):
        transition_alert(store, sample_alert_id, "dismissed", actor="J Smith", reason=" ")


def test_should_refuse_to_move_a_dismissed_alert(store: Engine, sample_alert_id: int) -> None:
    transition_alert(store, sample_alert_id, "dismissed", actor="A", reason="recorded elsewhere")
    with pytest.raises(AlertTransitionError, match="cannot become acknowledged"):
        transition_alert(store, sample_alert_id, "acknowledged", actor="B")


def test_should_keep_a_human_decision_when_analysed_again(
    store: Engine, sample_alert_id: int
) -> None:
    transition_alert(store, sample_alert_id, "dismissed", actor="A", reason="recorded elsewhere")
    analyse(store, as_of=AS_OF, rules=[get_rule("TIM-1")])
    assert get_alert(store, sample_alert_id).status == "dismissed"


def test_should_say_when_an_alert_does_not_exist(store: Engine) -> None:
    with pytest.raises(NotFoundError, match="no alert 999"):
        get_alert(store, 999)


def test_should_reject_an_unknown_status_filter(store: Engine) -> None:
    with pytest.raises(RuleError, match="Unknown alert status"):
        list_alerts(store, status="pending")


def test_should_filter_alerts_by_rule_status_and_evidence(
    store: Engine, sample_alert_id: int
) -> None:
    view = get_alert(store, sample_alert_id)
    assert [a.id for a in list_alerts(store, rule_id="TIM-1", status="open")] == [sample_alert_id]
    assert [a.id for a in list_alerts(store, event_ids=[view.evidence[0]])] == [sample_alert_id]
    assert list_alerts(store, rule_id="ACC-1") == []
