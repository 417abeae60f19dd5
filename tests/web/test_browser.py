"""Real-browser journeys with Playwright driving Debian's Chromium, an axe-core accessibility
scan of the main pages, and screenshots for docs/screenshots/."""

from __future__ import annotations

import functools
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from fullpicture.config import Settings
from fullpicture.intake.mapping import load_mapping
from fullpicture.intake.registry import register_mapping
from fullpicture.learning.actions import add_action
from fullpicture.store.database import open_store
from fullpicture.web.accounts import find_user_id
from fullpicture.web.app import cipher_for, create_app
from fullpicture.web.security.security_keys import issue_enrolment_code
from fullpicture.web.security.totp import current_code
from tests.intake.factories import EXAMPLE_MAPPING, PERSON_HEADER, create_csv, create_person_row
from tests.web.db import (
    PASSWORD,
    create_alert,
    create_event,
    create_person,
    create_relationship,
    create_user,
)
from tests.web.library import REVIEW_TEXT, create_library

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The kept screenshots in docs/ change only when asked (make screenshots); otherwise a run writes
# them under out/, so the suite never modifies tracked files.
SCREENSHOTS = REPO / (
    "docs/screenshots" if os.environ.get("FULLPICTURE_UPDATE_SCREENSHOTS") else "out/screenshots"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@dataclass
class LiveSite:
    url: str
    secrets: dict[str, str]
    library: dict[str, int]
    enrolment_codes: dict[str, str]

    @property
    def key_url(self) -> str:
        # WebAuthn needs a host name as relying-party id (an IP address is refused); Chromium
        # resolves localhost to loopback itself and counts it as a secure context.
        return self.url.replace("127.0.0.1", "localhost")


def _seed(engine, cipher) -> dict[str, str]:
    user = functools.partial(create_user, cipher=cipher)
    mapping = load_mapping(EXAMPLE_MAPPING)
    register_mapping(engine, mapping)
    amy = create_person(engine, "P0000001", name="Amy Example")
    story = [
        ("social_care", "social_care.referral", date(2023, 3, 2), "Referral from school"),
        ("police", "police.domestic_abuse_incident", date(2023, 5, 14), "Police called to home"),
        ("health", "health.concern", date(2023, 9, 1), "Health visitor concerned about weight"),
        ("education", "education.persistent_absence", date(2024, 1, 20), "Attendance 78%"),
        (
            "social_care",
            "social_care.wishes_and_feelings",
            date(2024, 2, 2),
            "Amy said she wants to stay at her school",
        ),
        ("police", "police.missing_start", date(2024, 4, 6), "Reported missing overnight"),
    ]
    events = [
        create_event(engine, amy, agency=agency, event_type=kind, on=on, summary=summary)
        for agency, kind, on, summary in story
    ]
    create_alert(engine, amy, tuple(events[:4]))
    create_person(engine, "P0000009", name="Parent Example")
    create_relationship(engine, amy, "P0000009", "parent")
    create_person(engine, "P0000002", name="Sealed Child", restricted=True)
    ben = create_person(engine, "P0000003", name="Ben Example")
    create_event(engine, ben, summary="Referral from a neighbour")
    # One social worker per journey: a security code can be used only once.
    return {
        **{
            name: user(engine, name, "social_worker", children=(amy,))
            for name in ("sw", "sw2", "sw3", "sw4", "sw5", "sw6")
        },
        # Administrators and auditors register a key in the browser (a virtual authenticator).
        "aud": user(engine, "aud", "auditor", agency="partnership", with_key=False),
        "admin": user(engine, "admin.user", "administrator", with_key=False),
        "admin2": user(engine, "admin2", "administrator", with_key=False),
        "an": user(engine, "an", "analyst", agency="partnership"),
    }


@pytest.fixture(scope="module")
def live_site(tmp_path_factory) -> Iterator[LiveSite]:
    import uvicorn

    root = tmp_path_factory.mktemp("live")
    engine = open_store(f"sqlite:///{root / 'store.db'}")
    cipher = cipher_for(Settings(data_dir=root))
    secrets = _seed(engine, cipher)
    with engine.begin() as conn:
        codes = {
            name: issue_enrolment_code(conn, find_user_id(conn, name), datetime.now(UTC))
            for name in ("aud", "admin.user", "admin2")
        }
    library = create_library(engine, root)
    add_action(
        engine,
        library["recommendation"],
        "Audit return home interviews",
        owner_agency="Police",
        due_date=date(2025, 12, 31),
        by="an",
    )
    app = create_app(Settings(data_dir=root), engine=engine)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield LiveSite(f"http://127.0.0.1:{port}", secrets, library, codes)
    server.should_exit = True
    thread.join()
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


_used_steps: dict[str, int] = {}


def _fresh_code(secret: str) -> str:
    # Each code may be used once: move to the next 30-second step when this one is spent.
    now = datetime.now(UTC)
    step = int(now.timestamp()) // 30
    if _used_steps.get(secret, -1) >= step:
        step = _used_steps[secret] + 1
        now = datetime.fromtimestamp(step * 30, UTC) + timedelta(seconds=1)
    _used_steps[secret] = step
    return current_code(secret, now)


def _sign_in(page, site: LiveSite, username: str, key: str) -> None:
    page.goto(f"{site.url}/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.fill("#code", _fresh_code(site.secrets[key]))
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{site.url}/")


def _add_virtual_authenticator(page) -> None:
    """A CTAP2 security key in Chromium (DevTools WebAuthn domain) that answers at once."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": False,
                "automaticPresenceSimulation": True,
            }
        },
    )


def _sign_in_with_key(page, site: LiveSite, username: str, *, register: bool) -> None:
    """Password, then the security key (registered first with the enrolment code if asked)."""
    page.goto(f"{site.key_url}/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{site.key_url}/sign-in/security-key")
    if register:
        assert page.locator("h1").inner_text() == "Register your security key"
        page.fill("#enrolment_code", site.enrolment_codes[username])
        page.click("button:has-text('Register security key')")
    else:
        assert page.locator("h1").inner_text() == "Use your security key"
        page.click("button:has-text('Use security key')")
    page.wait_for_url(f"{site.key_url}/")


def test_should_sign_an_administrator_in_with_a_security_key(browser, live_site):
    context = browser.new_context(bypass_csp=True)  # only so that axe-core can be injected
    page = context.new_page()
    _add_virtual_authenticator(page)
    page.goto(f"{live_site.key_url}/sign-in")
    page.fill("#username", "admin2")
    page.fill("#password", PASSWORD)
    page.fill("#code", _fresh_code(live_site.secrets["admin2"]))
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{live_site.key_url}/sign-in/security-key")  # a TOTP code is not enough
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "security-key.png"), full_page=True)
    assert _serious_axe_violations(page) == []
    page.goto(f"{live_site.key_url}/admin/users")
    assert page.locator("h1").inner_text() != "Users"  # no session yet
    _sign_in_with_key(page, live_site, "admin2", register=True)
    page.goto(f"{live_site.key_url}/admin/users")
    assert page.locator("h1").inner_text() == "Users"
    page.click("button:has-text('Sign out')")
    _sign_in_with_key(page, live_site, "admin2", register=False)  # the registered key again
    page.goto(f"{live_site.key_url}/admin/users")
    assert page.locator("h1").inner_text() == "Users"
    context.close()


def _serious_axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',"
        " 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_should_sign_in_with_a_second_factor_open_a_child_and_filter(browser, live_site):
    page = browser.new_page()
    page.goto(f"{live_site.url}/sign-in")
    page.fill("#username", "sw")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    assert page.locator(".govuk-error-summary").is_visible()  # no code, no session
    _sign_in(page, live_site, "sw", "sw")
    page.click("text=Amy Example")
    assert page.locator("h1").inner_text() == "Amy Example"
    assert page.locator("text=Police called to home").is_visible()
    page.check("#agency-3")  # police: agencies are listed alphabetically
    page.click("button:has-text('Apply filters')")
    assert "agency=police" in page.url
    assert page.locator("text=Police called to home").is_visible()
    assert page.locator("text=Health visitor concerned about weight").count() == 0
    page.close()


def test_should_acknowledge_an_alert_with_a_reason(browser, live_site):
    page = browser.new_page()
    _sign_in(page, live_site, "sw6", "sw6")
    page.click("nav >> text=Alerts")
    page.click("table >> text=Accumulating concerns")
    assert page.locator("h1").inner_text() == "Accumulating concerns"
    assert page.locator("text=Police called to home").is_visible()
    page.check("text=Acknowledge")
    page.fill("#reason", "Discussed at the team meeting; strategy discussion booked")
    page.click("button:has-text('Save decision')")
    assert page.locator("text=open to acknowledged").is_visible()
    assert page.locator("td:has-text('strategy discussion booked')").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "alert.png"), full_page=True)
    page.close()


def test_should_break_glass_into_a_record_with_a_reason(browser, live_site):
    page = browser.new_page()
    _sign_in(page, live_site, "sw2", "sw2")
    page.goto(f"{live_site.url}/children/P0000003")
    assert page.locator("h1").inner_text() == "You cannot see this page"
    page.click("text=request emergency access")
    page.fill("#reason", "Police report Ben missing tonight; need history")
    page.fill("#code", _fresh_code(live_site.secrets["sw2"]))
    page.click("button:has-text('Open the record')")
    assert page.locator("h1").inner_text() == "Ben Example"
    assert page.locator("text=break-glass").first.is_visible()
    page.close()


def test_should_refuse_a_restricted_record_as_if_missing(browser, live_site):
    page = browser.new_page()
    _sign_in(page, live_site, "sw3", "sw3")
    restricted = page.goto(f"{live_site.url}/children/P0000002")
    assert restricted.status == 404 and page.locator("h1").inner_text() == "Page not found"
    restricted_body = page.content()
    page.goto(f"{live_site.url}/children/P0000404")
    assert page.content() == restricted_body
    page.close()


def test_should_upload_a_file_with_a_bad_row_and_see_it_quarantined(browser, live_site, tmp_path):
    extract = create_csv(
        tmp_path / "persons.csv", PERSON_HEADER, [create_person_row("PX1"), create_person_row("")]
    )
    page = browser.new_page()
    _sign_in(page, live_site, "sw5", "sw5")
    page.click("text=Import data")
    page.select_option("#source", "police")
    page.set_input_files("#extract", str(extract))
    page.click("button:has-text('Import the file')")
    assert page.locator("h1").inner_text() == "Import of persons.csv"
    counts = page.locator(".govuk-summary-list__value").all_inner_texts()
    assert counts[:3] == ["2", "1", "1"]
    assert page.locator("text=local_id").first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "import-result.png"), full_page=True)
    page.close()


def test_should_import_a_review_document_and_see_what_was_read(browser, live_site, tmp_path):
    document = tmp_path / "second-review.txt"
    document.write_text(REVIEW_TEXT.replace("Child R", "Child S"), encoding="utf-8")
    page = browser.new_page()
    _sign_in(page, live_site, "an", "an")
    page.click("nav >> text=Learning")
    page.click("text=Import reviews")
    page.set_input_files("#documents", str(document))
    page.click("button:has-text('Import the documents')")
    assert page.locator("h1").inner_text() == "Documents imported"
    assert page.locator("text=Child Safeguarding Practice Review: Child S").is_visible()
    page.click("text=Child Safeguarding Practice Review: Child S")
    assert page.locator("h1").inner_text() == "Child Safeguarding Practice Review: Child S"
    assert page.locator("li.app-learning-item").count() == 5
    page.close()


MAIN_PAGES = [
    ("sign-in", None, "/sign-in"),
    ("home", "sw4", "/"),
    ("child", "sw4", "/children/P0000001"),
    ("add-record", "sw4", "/children/P0000001/records/new"),
    ("household", "sw4", "/households/P0000001"),
    ("break-glass", "sw4", "/children/P0000003/break-glass"),
    ("not-found", "sw4", "/children/P0000002"),
    ("audit", "aud", "/audit"),
    ("who-accessed", "aud", "/audit/children/P0000001"),
    ("users", "admin", "/admin/users"),
    ("figures", "an", "/analytics"),
    ("learning", "an", "/learning?q=missing"),
    ("learning-review", "an", "/learning/reviews/{review}"),
    ("learning-item", "an", "/learning/items/{recommendation}"),
    ("learning-report", "an", "/learning/report"),
    ("learning-rules", "an", "/learning/rules"),
    ("learning-rule", "an", "/learning/rules/TIM-1"),
    ("learning-gaps", "an", "/learning/gaps"),
    ("learning-actions", "an", "/learning/actions?show=overdue"),
    ("learning-import", "an", "/learning/import"),
    ("import", "sw4", "/imports"),
    ("alerts", "sw4", "/alerts"),
    ("linkage", "sw4", "/linkage"),
]
USERNAMES = {"sw4": "sw4", "aud": "aud", "admin": "admin.user", "an": "an"}


def test_should_pass_axe_on_the_main_pages_and_keep_screenshots(browser, live_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The scan injects axe-core, which the strict CSP would (rightly) block.
    contexts = {}
    problems = []
    for name, who, path in MAIN_PAGES:
        if who not in contexts:
            contexts[who] = browser.new_context(
                bypass_csp=True, viewport={"width": 1100, "height": 900}
            )
            if who in ("aud", "admin"):
                first = contexts[who].new_page()
                _add_virtual_authenticator(first)
                _sign_in_with_key(first, live_site, USERNAMES[who], register=True)
            elif who is not None:
                _sign_in(contexts[who].new_page(), live_site, USERNAMES[who], who)
        page = contexts[who].new_page()
        base = live_site.key_url if who in ("aud", "admin") else live_site.url
        page.goto(f"{base}{path.format(**live_site.library)}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',"
            " 'wcag21aa', 'wcag22aa', 'best-practice']})"
        )
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((name, violation["id"], violation["nodes"][0]["html"][:120]))
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.close()
    for context in contexts.values():
        context.close()
    assert problems == []
