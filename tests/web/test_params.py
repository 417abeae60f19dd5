"""Ids in URLs are bounded: one too large for the database is a client error, never a 500."""

from __future__ import annotations

import pytest

from fullpicture.web.params import MAX_ROW_ID
from tests.web.db import create_person, create_user


@pytest.mark.parametrize("path", ["/alerts/{}", "/learning/reviews/{}", "/api/learning/reviews/{}"])
def test_should_refuse_an_id_beyond_the_database_range_as_a_client_error(
    sample_engine, client_request, path
):
    secret = create_user(sample_engine, "tm", "team_manager")
    client = client_request()
    assert client.sign_in("tm", secret).status_code == 303
    too_large = client.get(path.format(MAX_ROW_ID + 1))  # checks the page rules as well
    assert 400 <= too_large.status_code < 500
    assert client.get(path.format(MAX_ROW_ID)).status_code == 404


@pytest.mark.parametrize("value", ["0", "1.5e9", "2025-1-1"])
def test_should_refuse_a_date_that_is_not_written_yyyy_mm_dd(sample_engine, client_request, value):
    create_person(sample_engine, "P0000001")
    secret = create_user(sample_engine, "sw", "social_worker", children=("P0000001",))
    client = client_request()
    assert client.sign_in("sw", secret).status_code == 303
    assert client.get(f"/api/children/P0000001?from={value}").status_code == 400
    assert client.get("/api/children/P0000001?from=2025-01-01").status_code == 200
