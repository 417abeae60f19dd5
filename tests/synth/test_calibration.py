"""Calibration against the national figures, at a moderate size."""

from __future__ import annotations

from pathlib import Path

import pytest

from fullpicture.synth import SynthSummary
from fullpicture.synth.calibration import TARGETS, Target, within


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.key)
def test_should_generate_within_tolerance_of_the_national_figure(
    sample_moderate_authority: tuple[Path, SynthSummary], target: Target
) -> None:
    _, summary = sample_moderate_authority
    value = summary.calibration[target.key]
    assert within(target, value), (
        f"{target.label}: generated {value:.1f}, England {target.national:.1f}"
    )


def test_should_judge_rates_relatively_and_shares_absolutely() -> None:
    rate = Target("x", "x", 100.0, "per10k", 0.2, "s")
    share = Target("y", "y", 50.0, "share", 5.0, "s")
    assert within(rate, 119.0) and not within(rate, 121.0)
    assert within(share, 54.0) and not within(share, 56.0)
