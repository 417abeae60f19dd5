"""The child page: chronology, filters, agency scope, restriction, break-glass, adding records
(requirements 2, 3, 6, 8)."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from fullpicture.web.accounts import find_user_id, unassign_child
from fullpicture.web.security.totp import current_code
from tests.web.db import create_event, create_person, create_relationship, create_user


@pytest.fixture
def sample_child(sample_engine):
    pid = create_person(sample_engine, "P0000001", name="Amy Example")
    create_event(
        sample_engine, pid, summary="Referral from school about bruising", on=date(2024, 2, 1)
    )
    create_event(
        sample_engine,
        pid,
        agency="health",
        event_type="health.concern",
        summary="Health visitor worried",
        on=date(2024, 6, 1),
    )
    create_event(
        sample_engine,
        pid,
        agency="social_care",
        event_type="social_care.wishes_and_feelings",
        summary="Amy said she feels safe",
        on=date(2024, 7, 1),
    )
    create_person(sample_engine, "P0000009", name="Parent Example")
    create_relationship(sample_engine, pid, "P0000009", "parent")
    return pid


def test_should_show_the_multi_agency_chronology_to_an_assigned_social_worker(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/children/{sample_child}")
    assert page.status_code == 200
    assert "Referral from school about bruising" in page.text
    assert "Health visitor worried" in page.text
    assert "Amy said she feels safe" in page.text  # the child's voice
    assert "Parent Example" in page.text  # household
    assert "<svg" in page.text and "Timeline of events by agency" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_should_filter_the_chronology_by_agency_type_and_date(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    by_agency = client.get(f"/children/{sample_child}?agency=health").text
    assert "Health visitor worried" in by_agency and "bruising" not in by_agency
    by_type = client.get(f"/children/{sample_child}?type=social_care.referral").text
    assert "bruising" in by_type and "Health visitor worried" not in by_type
    by_date = client.get(f"/children/{sample_child}?from=2024-05-01&to=2024-06-30").text
    assert "Health visitor worried" in by_date and "bruising" not in by_date


def test_should_show_an_error_summary_for_a_bad_filter_date(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/children/{sample_child}?from=2024-13-45")
    assert page.status_code == 400
    assert "There is a problem" in page.text and 'href="#date-from"' in page.text


def test_should_show_a_practitioner_only_their_own_agency(
    sample_engine, client_request, sample_child
):
    secret = create_user(
        sample_engine, "hv", "practitioner", agency="health", children=(sample_child,)
    )
    client = client_request()
    client.sign_in("hv", secret)
    page = client.get(f"/children/{sample_child}").text
    assert "Health visitor worried" in page and "bruising" not in page


def test_should_refuse_an_unassigned_user_and_offer_break_glass(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/children/{sample_child}")
    assert page.status_code == 403
    assert "bruising" not in page.text and "Amy" not in page.text
    assert f"/children/{sample_child}/break-glass" in page.text


def test_should_answer_restricted_and_missing_records_with_identical_404s(
    sample_engine, client_request
):
    create_person(sample_engine, "P0000005", name="Hidden Child", restricted=True)
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    restricted = client.get("/children/P0000005")
    missing = client.get("/children/P0000404")
    assert restricted.status_code == missing.status_code == 404
    assert restricted.content == missing.content
    api_restricted = client.http.get("/api/children/P0000005").json()
    api_missing = client.http.get("/api/children/P0000404").json()
    api_restricted["error"].pop("correlation_id")
    api_missing["error"].pop("correlation_id")
    assert api_restricted == api_missing
    assert (
        client.get("/children/P0000005/break-glass").content
        == client.get("/children/P0000404/break-glass").content
    )


def test_should_show_a_restricted_record_to_an_assigned_user(sample_engine, client_request):
    create_person(sample_engine, "P0000005", name="Hidden Child", restricted=True)
    secret = create_user(sample_engine, "sw", "social_worker", children=("P0000005",))
    client = client_request()
    client.sign_in("sw", secret)
    assert client.get("/children/P0000005").status_code == 200


def test_should_take_deallocation_into_account_on_the_next_request(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    assert client.get(f"/children/{sample_child}").status_code == 200
    with sample_engine.begin() as conn:
        unassign_child(conn, find_user_id(conn, "sw"), sample_child)
    assert client.get(f"/children/{sample_child}").status_code == 403


def _break_glass(client, pid, reason, secret):
    client.clock.advance(seconds=30)
    return client.post(
        f"/children/{pid}/break-glass",
        {"reason": reason, "code": current_code(secret, client.clock())},
    )


def test_should_open_break_glass_for_sixty_minutes_with_a_reason_and_step_up(
    sample_engine, client_request, sample_child, sample_clock
):
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    short = _break_glass(client, sample_child, "urgent", secret)
    assert short.status_code == 400 and "at least 20 characters" in short.text
    no_step_up = client.post(
        f"/children/{sample_child}/break-glass",
        {"reason": "Police report the child missing tonight", "code": "1"},
    )
    assert no_step_up.status_code == 400
    granted = _break_glass(client, sample_child, "Police report the child missing tonight", secret)
    assert granted.status_code == 303
    page = client.get(f"/children/{sample_child}")
    assert page.status_code == 200 and "break-glass" in page.text
    for _ in range(2):  # stay active so that the session's idle timeout does not end it
        sample_clock.advance(minutes=29)
        assert client.get(f"/children/{sample_child}").status_code == 200
    sample_clock.advance(minutes=3)
    assert client.get(f"/children/{sample_child}").status_code == 403


def test_should_refuse_break_glass_into_a_restricted_record(sample_engine, client_request):
    create_person(sample_engine, "P0000005", name="Hidden Child", restricted=True)
    secret = create_user(sample_engine, "sw", "social_worker")
    client = client_request()
    client.sign_in("sw", secret)
    refused = _break_glass(client, "P0000005", "Police report the child missing tonight", secret)
    assert refused.status_code == 404
    assert client.get("/children/P0000005").status_code == 404


def test_should_add_a_record_and_a_wishes_and_feelings_note(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    assert client.get(f"/children/{sample_child}/records/new").status_code == 200
    saved = client.post(
        f"/children/{sample_child}/records",
        {
            "event-type": "social_care.statutory_visit",
            "occurred-day": "3",
            "occurred-month": "2",
            "occurred-year": "2026",
            "summary": "Visited at home; seen alone",
        },
    )
    assert saved.status_code == 303
    voice = client.post(
        f"/children/{sample_child}/records",
        {
            "voice": "yes",
            "about": "school",
            "occurred-day": "3",
            "occurred-month": "2",
            "occurred-year": "2026",
            "summary": "I like my new teacher",
        },
    )
    assert voice.status_code == 303
    page = client.get(f"/children/{sample_child}").text
    assert "Visited at home; seen alone" in page and "I like my new teacher" in page


def test_should_show_every_problem_when_a_record_form_is_incomplete(
    sample_engine, client_request, sample_child
):
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.post(
        f"/children/{sample_child}/records", {"occurred-day": "31", "occurred-month": "2"}
    )
    assert page.status_code == 400
    for field in ("#event-type", "#occurred-day", "#summary"):
        assert f'href="{field}"' in page.text


def test_should_show_the_household_page(sample_engine, client_request, sample_child):
    secret = create_user(sample_engine, "iro", "iro", children=(sample_child,))
    client = client_request()
    client.sign_in("iro", secret)
    page = client.get(f"/households/{sample_child}")
    assert page.status_code == 200 and "Parent Example" in page.text


def test_should_show_analysts_suppressed_aggregates_without_restricted_records(
    sample_engine, client_request
):
    for i in range(6):
        create_event(
            sample_engine,
            create_person(sample_engine, f"P000010{i}"),
            agency="police",
            event_type="police.incident",
        )
    hidden = create_person(sample_engine, "P0000200", name="Hidden", restricted=True)
    for _ in range(9):
        create_event(sample_engine, hidden, agency="housing", event_type="housing.eviction")
    create_event(
        sample_engine,
        create_person(sample_engine, "P0000300"),
        agency="health",
        event_type="health.concern",
    )
    secret = create_user(sample_engine, "an", "analyst", agency="partnership")
    client = client_request()
    client.sign_in("an", secret)
    page = client.get("/analytics")
    assert page.status_code == 200
    assert "police" in page.text and "housing" not in page.text
    # The single health record is hidden, and so is police (its only neighbour), since the
    # police count could otherwise be worked out from the total of the other list.
    cells = [td.get_text() for td in BeautifulSoup(page.text, "html.parser").select("td")]
    assert cells.count("c") == 4 and "6" not in cells and "1" not in cells
    assert "P00001" not in page.text


def test_should_leave_restricted_people_out_of_the_household(
    sample_engine, client_request, sample_child
):
    create_person(sample_engine, "P0000077", name="Sealed Relative", restricted=True)
    create_relationship(sample_engine, sample_child, "P0000077", "sibling")
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/households/{sample_child}").text
    assert "Parent Example" in page and "Sealed Relative" not in page and "P0000077" not in page


def test_should_search_the_learning_library(sample_engine, client_request):
    from fullpicture.learning.rules_link import load_catalogue

    load_catalogue(sample_engine, embed=False)
    secret = create_user(sample_engine, "an", "analyst", agency="partnership")
    client = client_request()
    client.sign_in("an", secret)
    page = client.get("/learning?q=return+home+interview+missing")
    assert page.status_code == 200 and "TIM-1" in page.text
    assert client.get("/learning?q=%21%21").status_code == 400
    assert "There is a problem" not in client.get("/learning").text


def _row_with(page_text: str, text: str) -> str:
    from bs4 import BeautifulSoup

    rows = BeautifulSoup(page_text, "html.parser").select("#chronology ~ table tbody tr")
    found = [" ".join(r.get_text(" ").split()) for r in rows if text in r.get_text()]
    assert len(found) == 1, f"{len(found)} chronology rows hold {text!r}"
    return found[0]


def test_should_show_one_incident_recorded_by_two_agencies_as_one_entry(
    sample_engine, client_request, sample_child
):
    for agency, kind, summary in (
        ("police", "police.incident", "Officers attended the home"),
        ("health", "health.ed_attendance", "Seen in the emergency department"),
    ):
        create_event(
            sample_engine, sample_child, agency=agency, event_type=kind, summary=summary,
            on=date(2024, 9, 14),
        )  # fmt: skip
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    row = _row_with(client.get(f"/children/{sample_child}").text, "Officers attended the home")
    assert "Seen in the emergency department" in row and "Police" in row and "Health" in row


def test_should_keep_a_shared_incident_to_the_practitioners_own_agency(
    sample_engine, client_request, sample_child
):
    for agency, kind, summary in (
        ("police", "police.incident", "Officers attended the home"),
        ("health", "health.ed_attendance", "Seen in the emergency department"),
    ):
        create_event(
            sample_engine, sample_child, agency=agency, event_type=kind, summary=summary,
            on=date(2024, 9, 14),
        )  # fmt: skip
    secret = create_user(
        sample_engine, "hv", "practitioner", agency="health", children=(sample_child,)
    )
    client = client_request()
    client.sign_in("hv", secret)
    page = client.get(f"/children/{sample_child}").text
    assert "Seen in the emergency department" in page and "Officers attended" not in page


def test_should_show_gaps_in_contact_for_the_agencies_in_view(
    sample_engine, client_request, sample_child
):
    create_event(sample_engine, sample_child, agency="health", event_type="health.concern",
                 summary="Back in contact", on=date(2025, 3, 1))  # fmt: skip
    secret = create_user(sample_engine, "sw", "social_worker", children=(sample_child,))
    client = client_request()
    client.sign_in("sw", secret)
    page = client.get(f"/children/{sample_child}").text
    assert "No contact from any agency for 7 months" in page
    by_type = client.get(f"/children/{sample_child}?type=health.concern").text
    assert "No contact from" not in by_type and "Gaps in agency contact are not shown" in by_type
    secret = create_user(
        sample_engine, "hv", "practitioner", agency="health", children=(sample_child,)
    )
    practitioner = client_request()
    practitioner.sign_in("hv", secret)
    scoped = practitioner.get(f"/children/{sample_child}").text
    assert "No contact from Health for 8 months" in scoped and "any agency" not in scoped


def test_should_show_the_latest_entries_first_and_earlier_ones_page_by_page(
    sample_engine, client_request
):
    from fullpicture.web.chronology_view import PAGE_SIZE

    pid = create_person(sample_engine, "P0000002", name="Long History")
    for n in range(PAGE_SIZE * 2 + 10):
        create_event(sample_engine, pid, summary=f"Visit number {n:03d}",
                     on=date(2020, 1, 1) + (date(2020, 1, 8) - date(2020, 1, 1)) * n)  # fmt: skip
    secret = create_user(sample_engine, "sw", "social_worker", children=(pid,))
    client = client_request()
    client.sign_in("sw", secret)
    latest = client.get(f"/children/{pid}").text
    assert "Visit number 109" in latest and "Visit number 060" in latest
    assert "Visit number 059" not in latest and "Earlier entries" in latest
    assert "Entries 61 to 110 of 110" in latest
    oldest = client.get(f"/children/{pid}?page=3").text
    assert "Visit number 000" in oldest and "Visit number 009" in oldest
    assert "Visit number 010" not in oldest and "Earlier entries" not in oldest
    assert "Later entries" in oldest
    assert client.get(f"/children/{pid}?page=0").status_code == 400
