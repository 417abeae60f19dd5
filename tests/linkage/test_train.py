"""Training: levels Splink could not estimate still get probabilities, so no pair is dropped."""

from __future__ import annotations

from typing import Any

from fullpicture.linkage.train import fill_untrained_levels


def create_model() -> dict[str, Any]:
    return {
        "comparisons": [
            {
                "output_column_name": "nhs_number",
                "comparison_levels": [
                    {"sql_condition": "x is null", "is_null_level": True},
                    {"sql_condition": "same", "m_probability": 0.6},
                    {"sql_condition": "near", "u_probability": 0.0001},
                    {"sql_condition": "else", "m_probability": 0.4, "u_probability": 0.99},
                ],
            }
        ]
    }


def test_should_give_an_unobserved_u_one_over_the_sampled_pairs() -> None:
    levels = fill_untrained_levels(create_model(), 1e5)["comparisons"][0]["comparison_levels"]
    assert levels[1]["u_probability"] == 1e-5 and levels[1]["m_probability"] == 0.6


def test_should_make_an_unlearned_m_neutral_and_leave_trained_levels_alone() -> None:
    levels = fill_untrained_levels(create_model(), 1e5)["comparisons"][0]["comparison_levels"]
    assert levels[2]["m_probability"] == levels[2]["u_probability"] == 0.0001
    assert levels[3] == {"sql_condition": "else", "m_probability": 0.4, "u_probability": 0.99}
    assert "u_probability" not in levels[0]
