"""Subject access requests: the register, a complete pack, third-party redaction with logged
reasons (requirements 22 and 23)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from fullpicture.errors import ProtectionError
from fullpicture.protection.disclosure import record_decline
from fullpicture.protection.sar import (
    REASON_THIRD_PARTY,
    build_pack,
    extend_request,
    latest_open_request,
    list_requests,
    open_request,
    pack_json,
    release_third_party,
)
from fullpicture.protection.tables import sar_redaction
from fullpicture.store.schema import event
from tests.factories import (
    create_event,
    create_person,
    create_relationship,
    create_source_person,
    source_person_of,
)

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
CANARIES = ("Canarymum", "Zedwick", "Canaryboy", "Quillon", "Canarysis", "Wexley")


@pytest.fixture
def sample_world(store):
    """Jamie, with records from three agencies, a mother, an unlinked suspect, a friend whose
    event Jamie witnessed, a restricted record and one decision not to share."""
    child = create_person(store, given_name="Jamie", sources=("social_care", "police", "health"))
    mother = create_person(store, given_name="Canarymum", family_name="Zedwick", is_child=False)
    suspect = create_source_person(store, source="police", given_name="Canaryboy",
                                   family_name="Quillon")  # fmt: skip
    friend = create_person(store, given_name="Canarysis", family_name="Wexley", sources=("police",))
    create_relationship(
        store,
        from_source_person_id=source_person_of(store, mother, "social_care"),
        to_source_person_id=source_person_of(store, child, "social_care"),
    )
    ids = [
        create_event(
            store,
            person_id=child,
            source="social_care",
            event_type="social_care.referral",
            summary="Canarymum Zedwick called about Jamie",
        ),  # fmt: skip
        create_event(
            store,
            person_id=child,
            source="police",
            summary="Jamie was with QUILLON",
            participants=((suspect, "suspect"),),
        ),  # fmt: skip
        create_event(
            store,
            person_id=child,
            source="health",
            event_type="health.concern",
            summary="Seen with her mother, Ms Zedwick",
            action="Referred",
        ),  # fmt: skip
        create_event(
            store,
            person_id=friend,
            source="police",
            summary="Canarysis said Jamie saw it",
            participants=((source_person_of(store, child, "police"), "witness"),),
        ),  # fmt: skip
    ]
    secret = create_event(store, person_id=child, source="social_care", summary="Sealed")
    with store.begin() as conn:
        conn.execute(event.update().where(event.c.id == secret).values(restricted=True))
        record_decline(conn, child, recipient="A school", reason="Not needed for their role",
                       by="sw", now=WHEN)  # fmt: skip
        sar = open_request(conn, child, requester="Jamie's guardian",
                           received_on=date(2026, 2, 27), by="dpo", now=WHEN)  # fmt: skip
    return {"child": child, "mother": mother, "events": ids, "secret": secret, "sar": sar}


def test_should_register_a_request_with_its_deadline(store, sample_world):
    with store.connect() as conn:
        [request] = list_requests(conn, open_only=True)
        assert latest_open_request(conn, sample_world["child"]) == sample_world["sar"]
    assert (request["received_on"], request["due_on"]) == (date(2026, 2, 27), date(2026, 3, 27))


def test_should_refuse_a_request_without_requester_or_received_in_the_future(store, sample_world):
    with store.begin() as conn:
        with pytest.raises(ProtectionError, match="Name who made"):
            open_request(conn, sample_world["child"], requester=" ", received_on=date(2026, 3, 1),
                         by="dpo", now=WHEN)  # fmt: skip
        with pytest.raises(ProtectionError, match="future"):
            open_request(conn, sample_world["child"], requester="x", received_on=date(2026, 3, 3),
                         by="dpo", now=WHEN)  # fmt: skip
        with pytest.raises(ProtectionError, match="no open subject access request"):
            latest_open_request(conn, sample_world["mother"])


def test_should_extend_only_when_notified_within_the_first_month(store, sample_world):
    with store.begin() as conn:
        with pytest.raises(ProtectionError, match="Too late"):
            extend_request(conn, sample_world["sar"], notified_on=date(2026, 3, 30), reason="big")
        due = extend_request(conn, sample_world["sar"], notified_on=date(2026, 3, 2), reason="big")
    assert due == date(2026, 5, 27)


def test_should_hold_every_agency_record_and_the_disclosure_history(store, sample_world):
    with store.begin() as conn:
        pack = build_pack(conn, sample_world["sar"], WHEN).content
    assert [e["event_id"] for e in pack["events"]] == sorted(
        [*sample_world["events"], sample_world["secret"]]
    )
    assert {r["agency"] for r in pack["agency_records"]} == {"social_care", "police", "health"}
    assert [(d["decision"], d["recipient"]) for d in pack["disclosures"]] == [
        ("declined", "A school")
    ]
    witnessed = [e for e in pack["events"] if e["role"] == "witness"]
    assert len(witnessed) == 1
    withheld = [e for e in pack["events"] if "withheld" in e]
    assert [e["event_id"] for e in withheld] == [sample_world["secret"]]


def test_should_leave_no_unredacted_third_party_canary(store, sample_world):
    with store.begin() as conn:
        text = pack_json(build_pack(conn, sample_world["sar"], WHEN))
    hits = [c for c in CANARIES if re.search(c, text, re.IGNORECASE)]
    assert hits == []
    assert "Jamie" in text and "Sealed" not in text


def test_should_log_a_reason_for_every_redaction(store, sample_world):
    with store.begin() as conn:
        pack = build_pack(conn, sample_world["sar"], WHEN)
        logged = conn.execute(
            sa.select(sar_redaction.c.location, sar_redaction.c.reason).where(
                sar_redaction.c.sar_id == sample_world["sar"]
            )
        ).all()
    assert len(logged) == pack.redactions == len(pack.content["redactions"]) >= 6
    assert all(reason for _loc, reason in logged)
    assert {loc for loc, reason in logged if reason == REASON_THIRD_PARTY} >= {
        f"event {sample_world['events'][0]} summary",
        f"event {sample_world['events'][1]} summary",
        f"event {sample_world['events'][2]} summary",
        f"event {sample_world['events'][3]} summary",
    }


def test_should_give_a_third_party_marked_releasable(store, sample_world):
    with store.begin() as conn:
        with pytest.raises(ProtectionError, match="reason"):
            release_third_party(conn, sample_world["sar"], sample_world["mother"], reason="",
                                by="dpo", now=WHEN)  # fmt: skip
        release_third_party(conn, sample_world["sar"], sample_world["mother"],
                            reason="The mother consented in writing", by="dpo", now=WHEN)  # fmt: skip
        text = pack_json(build_pack(conn, sample_world["sar"], WHEN))
    assert "Canarymum Zedwick" in text
    assert [c for c in ("Quillon", "Wexley") if re.search(c, text, re.IGNORECASE)] == []
