"""Rectification keeps history and lists the recipients to tell (requirement 24)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.protection.destruction import delete_person_records
from fullpicture.protection.disclosure import ShareRequest, share_records
from fullpicture.protection.rectification import (
    RectificationRequest,
    mark_notified,
    open_notices,
    rectification_history,
    rectify,
)
from fullpicture.protection.tables import rectification, rectification_notice
from fullpicture.store.schema import event, source_person
from tests.protection.factories import create_agreement
from tests.web.db import create_event, create_person

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)


def _share(conn, isa_id: str, recipient: str, agency: str) -> int:
    request = ShareRequest("P0000001", isa_id, "safeguarding", "ca2004-s11", recipient, agency,
                           "social_care", "sw")  # fmt: skip
    return share_records(conn, request, WHEN).disclosure_id


@pytest.fixture
def sample_shared_child(store):
    """A child with a police and a health event, shared three ways."""
    create_person(store, "P0000001", name="Amy Example")
    police = create_event(store, "P0000001", agency="police", event_type="police.incident",
                          summary="Police attended at 14 Low Road", on=date(2025, 7, 1))  # fmt: skip
    health = create_event(store, "P0000001", agency="health", event_type="health.concern",
                          summary="Health visitor worried", on=date(2025, 6, 1))  # fmt: skip
    create_agreement(store, "ISA-1", parties=("police", "social_care"))
    create_agreement(store, "ISA-2", parties=("education", "police", "social_care"),
                     purposes={"safeguarding": ("occurred_on", "event_type")})  # fmt: skip
    create_agreement(store, "ISA-3", parties=("health", "social_care"))
    with store.begin() as conn:
        seeded = {
            "ppu": _share(conn, "ISA-1", "Northshire Police PPU", "police"),
            "school": _share(conn, "ISA-2", "Low Road Primary DSL", "education"),
            "hv": _share(conn, "ISA-3", "Health visiting team", "health"),
        }
    return store, police, health, seeded


def _request(target_id: int, **change: object) -> RectificationRequest:
    values: dict[str, object] = {
        "person_id": "P0000001",
        "target": "event",
        "target_id": target_id,
        "field": "summary",
        "value": "Police attended at 41 Low Road",
        "reason": "The address was mistyped; the parent showed the tenancy.",
        "requested_by": "the child's mother",
        "by": "sw",
    }
    values.update(change)
    return RectificationRequest(**values)  # type: ignore[arg-type]


def test_should_list_exactly_the_recipients_whose_share_carried_the_field(sample_shared_child):
    store, police, _, seeded = sample_shared_child
    with store.begin() as conn:
        done = rectify(conn, _request(police), LATER)
    told = {(n.basis, n.disclosure_id, n.recipient) for n in done.notices}
    assert told == {
        ("disclosure", seeded["ppu"], "Northshire Police PPU"),
        ("source", None, "police-test (the record's source)"),
    }


def test_should_correct_the_record_and_keep_the_value_before_and_after(sample_shared_child):
    store, police, _, _ = sample_shared_child
    with store.begin() as conn:
        done = rectify(conn, _request(police), LATER)
        stored = conn.execute(sa.select(event.c.summary).where(event.c.id == police)).scalar()
        [history] = rectification_history(conn, "P0000001")
    assert stored == "Police attended at 41 Low Road"
    assert (history.before, history.after) == (
        {"summary": "Police attended at 14 Low Road"},
        {"summary": "Police attended at 41 Low Road"},
    )
    assert (history.id, history.requested_by, history.made_by) == (
        done.id,
        "the child's mother",
        "sw",
    )


def test_should_make_a_corrected_date_exact_to_the_day_and_keep_its_old_precision(
    sample_shared_child,
):
    store, _, health, seeded = sample_shared_child
    with store.begin() as conn:
        conn.execute(event.update().where(event.c.id == health).values(precision="month"))
        done = rectify(conn, _request(health, field="occurred_on", value="2025-06-14"), LATER)
    assert done.before == {"occurred_on": "2025-06-01", "precision": "month", "uncertain": False}
    assert done.after == {"occurred_on": "2025-06-14", "precision": "day", "uncertain": False}
    assert {n.disclosure_id for n in done.notices} == {seeded["hv"], None}  # not the school


def test_should_tell_only_the_source_when_an_agency_record_of_the_person_is_corrected(
    sample_shared_child,
):
    store, _, _, _ = sample_shared_child
    with store.begin() as conn:
        record = conn.execute(
            sa.select(source_person.c.id).where(source_person.c.agency == "police")
        ).scalar_one()
        done = rectify(conn, _request(record, target="person_record", field="postcode",
                                      value="nr1  4ab"), LATER)  # fmt: skip
    assert done.after == {"postcode": "NR1 4AB"}
    assert [n.basis for n in done.notices] == ["source"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"field": "event_type"}, "cannot be corrected"),
        ({"field": "ledger_id"}, "cannot be corrected"),
        ({"reason": "typo"}, "at least 10 characters"),
        ({"target": "ledger"}, "not a record that can be corrected"),
        ({"field": "occurred_on", "value": "3 May"}, "YYYY-MM-DD"),
        ({"field": "occurred_on", "value": ""}, "must keep a date"),
        ({"value": "Police attended at 14 Low Road"}, "already holds"),
        ({"requested_by": " "}, "who asked"),
    ],
)
def test_should_refuse_a_correction_that_is_not_acceptable_and_change_nothing(
    sample_shared_child, change, message
):
    store, police, _, _ = sample_shared_child
    with store.connect() as conn, pytest.raises(ProtectionError, match=message):
        rectify(conn, _request(police, **change), LATER)
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(rectification)).scalar() == 0


def test_should_not_find_another_person_s_record(sample_shared_child):
    store, police, _, _ = sample_shared_child
    create_person(store, "P0000002")
    with store.begin() as conn, pytest.raises(NotFoundError, match="has no event"):
        rectify(conn, _request(police, person_id="P0000002"), LATER)


def test_should_close_a_notice_once_the_recipient_was_told(sample_shared_child):
    store, police, _, _ = sample_shared_child
    with store.begin() as conn:
        done = rectify(conn, _request(police), LATER)
        first = done.notices[0]
        mark_notified(conn, first.id, "sw", LATER)
        again = mark_notified(conn, first.id, "someone else", WHEN)
        remaining = open_notices(conn)
    assert (again.notified_by, again.notified_at is not None) == ("sw", True)
    assert [n.id for n in remaining] == [n.id for n in done.notices[1:]]
    with store.begin() as conn, pytest.raises(NotFoundError):
        mark_notified(conn, 999, "sw", LATER)


def test_should_delete_corrections_with_the_person_s_records(sample_shared_child):
    store, police, _, _ = sample_shared_child
    with store.begin() as conn:
        rectify(conn, _request(police), LATER)
        counts = delete_person_records(conn, "P0000001")
    assert (counts["rectification"], counts["rectification_notice"]) == (1, 2)
    with store.connect() as conn:
        for table in (rectification, rectification_notice):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
