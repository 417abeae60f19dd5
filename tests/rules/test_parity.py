"""Same answer everywhere: each golden chronology gives identical findings (rule, person, anchor
and evidence) when the same Ibis expressions run on DuckDB and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ibis
import pytest
import sqlalchemy as sa

from tests.rules.chronologies import evidence_duckdb, run_ibis_backend
from tests.rules.golden import CASES, Golden

pytestmark = pytest.mark.postgres


@pytest.fixture
def sample_postgres(postgres_url: str) -> Iterator[Any]:
    url = sa.engine.make_url(postgres_url)
    con = ibis.postgres.connect(
        host=url.host, port=url.port, user=url.username, database=url.database
    )
    yield con
    con.disconnect()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_should_give_identical_findings_on_duckdb_and_postgres(
    sample_postgres: Any, case: Golden
) -> None:
    chron = case.build()
    assert run_ibis_backend(sample_postgres, chron) == evidence_duckdb(chron)
