"""Fixtures for the web tests: an app on a fresh store with a movable clock, and a client that
checks every HTML page it receives (one h1, title starts with it, unique ids, forms with a
method, GOV.UK classes, no stack traces)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from fullpicture.config import Settings
from fullpicture.web.app import cipher_for, create_app
from fullpicture.web.security.totp import current_code
from tests.linkage.conftest import (  # noqa: F401 - the linked store, for the review pages
    linked_store,
    linked_store_file,
    sample_dataset,
)
from tests.web.authenticator import SoftAuthenticator
from tests.web.db import AUTHENTICATORS, NOW, PASSWORD, TEST_KEYS
from tests.web.library import create_library

ORIGIN = "https://testserver"


class MutableClock:
    """A clock the tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def check_page(response: httpx.Response) -> BeautifulSoup | None:
    """Assert the page rules on an HTML response and return the parsed page."""
    assert "Traceback" not in response.text
    if "text/html" not in response.headers.get("content-type", ""):
        return None
    page = BeautifulSoup(response.text, "html.parser")
    h1s = page.find_all("h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    heading = " ".join(h1s[0].get_text().split())
    title = " ".join(page.title.get_text().split()).removeprefix("Error: ")
    assert title.startswith(heading), f"title {title!r} does not start with {heading!r}"
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    for form in page.find_all("form"):
        assert form.get("method") in ("get", "post"), "a form without a method"
    for tag in page.select("main a, main button, main table, main input:not([type=hidden])"):
        if tag.find_parent(class_="govuk-error-summary"):
            continue  # the component styles its links through its own classes
        classes = " ".join(tag.get("class", []))
        assert "govuk-" in classes or "app-" in classes, f"no GOV.UK class on {tag.name}"
    return page


class PageClient:
    """A browser-like client: one cookie jar, same-origin requests, page checks on every page."""

    def __init__(self, app: FastAPI, clock: MutableClock) -> None:
        self.http = TestClient(
            app,
            base_url=ORIGIN,
            headers={"Origin": ORIGIN},
            follow_redirects=False,
            raise_server_exceptions=False,
        )
        self.clock = clock
        self.csrf = ""

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        response = self.http.get(url, **kwargs)
        page = check_page(response)
        if page is not None:
            token = page.find("input", attrs={"name": "csrf_token"})
            self.csrf = token["value"] if token else self.csrf
        return response

    def post(
        self, url: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any
    ) -> httpx.Response:
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf_token", self.csrf)
        response = self.http.post(url, data=form, **kwargs)
        check_page(response)
        return response

    def sign_in(
        self,
        username: str,
        secret: str | None,
        *,
        password: str = PASSWORD,
        code: str | None = None,
    ) -> httpx.Response:
        self.clock.advance(seconds=30)  # a fresh TOTP step for every sign-in
        if code is None:
            code = current_code(secret, self.clock()) if secret else ""
        response = self.post("/sign-in", {"username": username, "password": password, "code": code})
        if response.headers.get("location") == "/sign-in/security-key":
            response = self.use_security_key(AUTHENTICATORS[username])
        if response.status_code == 303:
            self.get("/")  # pick up the session's CSRF token
        return response

    def key_options(self) -> dict[str, Any]:
        """Open the security-key page and return the ceremony options it carries."""
        page = BeautifulSoup(self.get("/sign-in/security-key").text, "html.parser")
        form = page.find("form", id="security-key-form")
        assert form is not None, "no security-key form on the page"
        return dict(json.loads(str(form["data-options"])))

    def use_security_key(self, authenticator: SoftAuthenticator, **changes: str) -> httpx.Response:
        """Answer the pending sign-in's challenge with the software key (as the page script)."""
        answer = authenticator.get(self.key_options(), changes.pop("origin", ORIGIN), **changes)
        return self.post("/sign-in/security-key", {"credential": json.dumps(answer)}, csrf=False)


@pytest.fixture
def sample_clock() -> MutableClock:
    return MutableClock(NOW)


@pytest.fixture
def sample_engine(sqlite_store: Engine) -> Engine:
    return sqlite_store


@pytest.fixture
def sample_settings(tmp_path: Any) -> Settings:
    return Settings(data_dir=tmp_path, demo_mode=False)


@pytest.fixture(autouse=True)
def sample_field_keys(sample_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seal the test users' secrets under the keyring the test's app will use."""
    monkeypatch.setattr(TEST_KEYS, "cipher", cipher_for(sample_settings))


@pytest.fixture
def sample_app(
    sample_settings: Settings, sample_engine: Engine, sample_clock: MutableClock
) -> FastAPI:
    return create_app(sample_settings, engine=sample_engine, clock=sample_clock)


@pytest.fixture
def client_request(
    sample_app: FastAPI, sample_clock: MutableClock
) -> Iterator[Callable[[], PageClient]]:
    clients: list[PageClient] = []

    def make() -> PageClient:
        client = PageClient(sample_app, sample_clock)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.http.close()


@pytest.fixture
def sample_library(sample_engine: Engine, tmp_path: Any) -> dict[str, int]:
    """The learning catalogue and one synthetic review, imported; ids of its review and items."""
    return create_library(sample_engine, tmp_path)
