"""The application factory: how many threads run the routes, and the timing header."""

from __future__ import annotations

import anyio.to_thread
from fastapi.testclient import TestClient

from fullpicture.web.app import create_app
from fullpicture.web.settings import WebSettings


async def _route_thread_limit() -> float:
    return anyio.to_thread.current_default_thread_limiter().total_tokens


def test_should_run_routes_on_the_configured_number_of_threads(sample_settings, sample_engine):
    app = create_app(
        sample_settings, web_settings=WebSettings(route_threads=3), engine=sample_engine
    )
    with TestClient(app) as client:
        assert client.portal is not None
        assert client.portal.call(_route_thread_limit) == 3


def test_should_time_every_response_from_its_arrival(sample_app):
    with TestClient(sample_app, base_url="https://testserver") as client:
        response = client.get("/sign-in")
    name, _, duration = response.headers["server-timing"].partition(";dur=")
    assert name == "app"
    assert float(duration) >= 0
    assert response.headers["x-request-id"]
    assert response.headers["cache-control"] == "no-store"
