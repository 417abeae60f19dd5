"""The TOML writer produces documents the standard library reads back unchanged."""

from __future__ import annotations

import tomllib

import pytest

from fullpicture.synth.agencies import AGENCIES
from fullpicture.synth.mapping_files import to_toml


@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a.source)
def test_should_round_trip_every_mapping_document(agency: type) -> None:
    document = agency.mapping(agency.__new__(agency))
    assert tomllib.loads(to_toml(document)) == document


def test_should_quote_keys_that_are_not_bare() -> None:
    text = to_toml({"tables": [{"columns": {"attributes.reason": "R", "local_id": "ID"}}]})
    assert '"attributes.reason" = "R"' in text
    assert tomllib.loads(text)["tables"][0]["columns"]["attributes.reason"] == "R"


def test_should_refuse_values_toml_cannot_hold() -> None:
    with pytest.raises(TypeError):
        to_toml({"x": 1.5})
