"""Fixtures for intake tests."""

from __future__ import annotations

import pytest

from fullpicture.intake.mapping import Mapping, load_mapping
from tests.intake.factories import EXAMPLE_MAPPING


@pytest.fixture
def sample_mapping() -> Mapping:
    """The worked police mapping from docs/examples/police.toml, without its circuit breaker."""
    mapping = load_mapping(EXAMPLE_MAPPING)
    for table in mapping.tables:
        table.max_bad_ratio = None
    return mapping
