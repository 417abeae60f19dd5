"""Rule metadata: the required events that let the per-child path skip a rule."""

from __future__ import annotations

from fullpicture.rules.library import get_rule
from fullpicture.rules.spec import Requirement


def test_should_read_the_required_count_from_a_parameter_and_never_ask_for_none() -> None:
    req = Requirement(("police.missing_start",), "episodes")
    assert req.count({"episodes": 3}) == 3
    assert req.count({"episodes": 0}) == 1
    assert Requirement(("police.missing_start",)).count({}) == 1


def test_should_fire_only_when_every_requirement_is_met() -> None:
    rule = get_rule("TIM-1")  # needs a missing start and a return
    assert not rule.can_fire({"police.missing_start": 2}, rule.defaults())
    assert rule.can_fire({"police.missing_start": 1, "police.missing_end": 1}, rule.defaults())


def test_should_count_events_of_any_listed_type_towards_a_threshold() -> None:
    rule = get_rule("ACC-1")
    params = rule.defaults()
    assert not rule.can_fire({"social_care.referral": 1, "police.incident": 1}, params)
    assert rule.can_fire({"social_care.referral": 2, "police.incident": 1}, params)
    assert not rule.can_fire({"social_care.referral": 2, "police.incident": 1}, {"threshold": 4})
