from __future__ import annotations

import pytest

from fullpicture.errors import MappingError
from fullpicture.intake.statutory.builtin import (
    builtin_names,
    load_builtin,
    load_mapping_reference,
)
from fullpicture.vocabulary import EVENT_TYPES


def test_should_ship_the_ssda903_and_cin_census_mappings():
    assert {"ssda903", "cin-census"} <= set(builtin_names())


@pytest.mark.parametrize("name", builtin_names())
def test_should_load_every_builtin_mapping_with_only_vocabulary_event_types(name):
    mapping = load_builtin(name)
    emitted = {e.event_type for t in mapping.tables for e in t.emit}
    assert emitted <= set(EVENT_TYPES)


def test_should_rename_a_builtin_mapping_to_the_source_it_is_loaded_for():
    assert load_mapping_reference("builtin:ssda903", "cla-2024").source == "cla-2024"


def test_should_name_the_known_builtins_when_the_name_is_unknown():
    with pytest.raises(MappingError) as caught:
        load_mapping_reference("builtin:ssda902", "cla")
    assert "builtin:ssda903" in caught.value.hint


def test_should_refuse_a_when_condition_that_lists_no_values():
    from fullpicture.intake.mapping import parse_mapping

    table = {"name": "t", "kind": "event", "columns": {"subject_local_id": "ID"},
             "emit": [{"event_type": "social_care.referral", "date": "D", "when": {"X": []}}]}  # fmt: skip
    with pytest.raises(MappingError, match="lists no values"):
        parse_mapping({"source": "s", "agency": "police", "tables": [table]}, origin="test")
