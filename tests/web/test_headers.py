"""Security headers, cookies, CSRF and error pages on every page (requirements 45, 48, 50)."""

from __future__ import annotations

import re

import pytest

from fullpicture.learning.actions import add_action
from fullpicture.web import casefile
from fullpicture.web.app import application_routes
from fullpicture.web.errors import error_body
from tests.web.db import PASSWORD, create_alert, create_event, create_person, create_user


@pytest.fixture
def sample_signed_in(sample_engine, client_request, sample_library):
    add_action(
        sample_engine,
        sample_library["recommendation"],
        "Audit",
        owner_agency="Police",
        due_date=None,
        by="test",
    )
    pid = create_person(sample_engine, "P0000001")
    create_alert(sample_engine, pid, (create_event(sample_engine, pid),))
    clients = {}
    for role in ("social_worker", "auditor", "administrator", "analyst"):
        secret = create_user(sample_engine, role, role, children=(pid,))
        clients[role] = client_request()
        clients[role].sign_in(role, secret)
    # Half-way through an administrator's sign-in: the security-key page is on show.
    create_user(sample_engine, "pending", "administrator")
    clients["pending"] = client_request()
    clients["pending"].post("/sign-in", {"username": "pending", "password": PASSWORD}, csrf=False)
    return pid, clients


def _get_urls(pid: str) -> list[tuple[str, str]]:
    role_for = {
        "/sign-in/security-key": "pending",
        "/audit": "auditor",
        "/api/audit": "auditor",
        "/admin": "administrator",
        "/analytics": "analyst",
        "/learning/import": "analyst",
        "/learning/gaps": "analyst",
        "/learning/actions": "analyst",
        "/api/learning/actions": "analyst",
    }
    urls = []
    for route in application_routes():
        if "GET" not in route.methods or "{fmt}" in route.path_format:
            continue  # downloads are files, not pages (their headers: test_linkage_exports)
        if route.path_format.startswith("/sign-in/oidc"):
            continue  # redirects, or 404 when single sign-on is off (headers: test_sso)
        url = (
            route.path_format.replace("{person_id}", pid)
            .replace("{user_id}", "1")
            .replace("{ledger_id}", "1")
            .replace("{alert_id}", "1")
            .replace("{review_id}", "2")  # the first imported review (the catalogue is 1)
            .replace("{item_id}", "1")
            .replace("{rule_id}", "TIM-1")
            .replace("{action_id}", "1")
            .replace("{table}", "themes")
        )
        role = next((r for p, r in role_for.items() if url.startswith(p)), "social_worker")
        urls.append((url, role))
    return urls


def test_should_send_the_security_headers_on_every_get_route(sample_signed_in):
    pid, clients = sample_signed_in
    for url, role in _get_urls(pid):
        response = clients[role].get(url)
        assert response.status_code == 200, url
        headers = response.headers
        csp = headers["content-security-policy"]
        for directive in (
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "script-src 'self'",
        ):
            assert directive in csp, url
        assert "unsafe-inline" not in csp
        assert re.match(r"max-age=(\d+); includeSubDomains", headers["strict-transport-security"])
        assert int(headers["strict-transport-security"].split("=")[1].split(";")[0]) >= 31536000
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == "no-store", url


def test_should_have_no_inline_scripts_on_any_page(sample_signed_in):
    pid, clients = sample_signed_in
    for url, role in _get_urls(pid):
        text = clients[role].get(url).text
        for script in re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S):
            assert script.strip() == "", f"inline script on {url}"
        assert " style=" not in text and "onclick" not in text, url


def test_should_refuse_a_cross_origin_post(sample_signed_in):
    pid, clients = sample_signed_in
    client = clients["social_worker"]
    response = client.http.post(
        f"/children/{pid}/records",
        data={"csrf_token": client.csrf},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    no_origin = client.http.post(
        f"/children/{pid}/records", data={"csrf_token": client.csrf}, headers={"Origin": ""}
    )
    assert no_origin.status_code == 403


def test_should_refuse_a_post_without_the_session_token(sample_signed_in):
    pid, clients = sample_signed_in
    client = clients["social_worker"]
    assert client.post(f"/children/{pid}/records", {"summary": "x"}, csrf=False).status_code == 403
    assert client.post(f"/children/{pid}/records", {"csrf_token": "forged"}).status_code == 403
    other = clients["auditor"].csrf  # a real token, but another session's
    assert client.post(f"/children/{pid}/records", {"csrf_token": other}).status_code == 403


def test_should_refuse_get_on_every_state_changing_route(sample_signed_in):
    pid, clients = sample_signed_in
    for route in application_routes():
        if "POST" not in route.methods or "GET" in route.methods:
            continue
        url = (
            route.path_format.replace("{person_id}", pid)
            .replace("{user_id}", "1")
            .replace("{ledger_id}", "1")
        )
        getter = [
            r
            for r in application_routes()
            if r.path_format == route.path_format and "GET" in r.methods
        ]
        if not getter:
            assert clients["social_worker"].http.get(url).status_code == 405, url


def test_should_show_a_500_with_only_a_correlation_id(sample_signed_in, monkeypatch):
    pid, clients = sample_signed_in

    def explode(*_args, **_kwargs):
        raise RuntimeError("SELECT secret FROM /srv/fullpicture/app.py")

    monkeypatch.setattr("fullpicture.web.routes.children.child_summary", explode)
    response = clients["social_worker"].get(f"/children/{pid}")
    assert response.status_code == 500
    assert response.headers["x-request-id"] in response.text
    for leak in ("Traceback", "SELECT", "/srv/", "app.py", "RuntimeError"):
        assert leak not in response.text
    assert response.headers["content-security-policy"]
    assert casefile.child_summary is not explode


def test_should_build_json_errors_in_one_shape(sample_signed_in):
    _pid, clients = sample_signed_in
    body = clients["social_worker"].http.get("/api/children/P0000404").json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "correlation_id"}
    assert error_body(404, "m", "c") == {
        "error": {"status": 404, "code": "not_found", "message": "m", "correlation_id": "c"}
    }


def test_should_show_the_govuk_not_found_page(sample_signed_in):
    _pid, clients = sample_signed_in
    page = clients["social_worker"].get("/no/such/page")
    assert page.status_code == 404 and "If you typed the web address" in page.text


def test_should_return_only_allowed_keys_from_the_api(sample_signed_in):
    pid, clients = sample_signed_in
    child = clients["social_worker"].http.get(f"/api/children/{pid}").json()
    assert set(child) == {"person_id", "display_name", "date_of_birth", "basis", "events"}
    assert set(child["events"][0]) == {
        "id",
        "occurred_on",
        "precision",
        "uncertain",
        "agency",
        "source",
        "event_type",
        "label",
        "summary",
    }


def test_should_refuse_to_change_a_role_through_unexpected_fields(sample_signed_in, sample_engine):
    pid, clients = sample_signed_in
    client = clients["social_worker"]
    client.post(
        f"/children/{pid}/records", {"role": "administrator", "agency": "police", "summary": "x"}
    )
    me = client.http.get("/api/me").json()
    assert (me["role"], me["agency"]) == ("social_worker", "social_care")


def test_should_describe_exactly_the_json_api_in_openapi(sample_signed_in):
    _pid, clients = sample_signed_in
    spec = clients["social_worker"].http.get("/api/openapi.json").json()
    assert sorted(spec["paths"]) == [
        "/api/audit/children/{person_id}",
        "/api/children",
        "/api/children/{person_id}",
        "/api/learning/actions",
        "/api/learning/reviews/{review_id}",
        "/api/me",
    ]
