"""The waterfall in words."""

from __future__ import annotations

from typing import Any

from fullpicture.linkage.explain import explain_in_words, waterfall

MODEL: dict[str, Any] = {
    "probability_two_random_records_match": 0.001,
    "comparisons": [
        {
            "output_column_name": "dob",
            "comparison_levels": [
                {"label_for_charts": "missing on one side", "is_null_level": True},
                {
                    "label_for_charts": "same date of birth",
                    "m_probability": 0.9,
                    "u_probability": 0.001,
                },
                {
                    "label_for_charts": "different date of birth",
                    "m_probability": 0.1,
                    "u_probability": 0.999,
                },
            ],
        }
    ],
}


def test_should_name_the_level_each_field_fell_into() -> None:
    steps = waterfall(MODEL, {"dob": 9.81})
    assert steps[0].field == "prior"
    assert (steps[1].field, steps[1].level) == ("date of birth", "same date of birth")


def test_should_end_with_the_total_and_its_probability() -> None:
    lines = explain_in_words(MODEL, {"dob": -13.3})
    assert lines[1].startswith("date of birth: different date of birth (-13.3, against)")
    assert lines[-1].startswith("total match weight")
