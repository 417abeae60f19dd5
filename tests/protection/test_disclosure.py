"""Sharing under an agreement: minimised columns, the disclosure log, decisions not to share
(requirements 27 and 28)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from fullpicture.errors import ProtectionError
from fullpicture.protection.disclosure import (
    ShareRequest,
    disclosure_history,
    minimised_csv,
    record_decline,
    share_records,
)
from tests.protection.factories import create_agreement, create_two_agency_child

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _request(**change: str) -> ShareRequest:
    values = {
        "person_id": "P0000001",
        "isa_id": "ISA-1",
        "purpose": "safeguarding",
        "lawful_basis": "ca2004-s11",
        "recipient": "Northshire Police public protection unit",
        "recipient_agency": "police",
        "sharer_agency": "social_care",
        "by": "sw",
    }
    values.update(change)
    return ShareRequest(**values)


def test_should_export_exactly_the_approved_columns_for_the_purpose(store):
    create_two_agency_child(store)
    create_agreement(store, parties=("police", "social_care"))
    with store.begin() as conn:
        shared = share_records(conn, _request(), WHEN)
    rows = list(csv.reader(io.StringIO(shared.body.decode("utf-8"))))
    assert rows[0] == ["occurred_on", "event_type", "summary"]
    # Only the agreement's parties' records: the police record, not the health one.
    assert rows[1:] == [["2025-07-01", "police.incident", "Police attended a disturbance"]]
    assert shared.records == 1


def test_should_fail_an_export_with_a_column_that_is_not_approved():
    row = {"occurred_on": "2025-07-01", "event_type": "police.incident", "opinion": "x"}
    with pytest.raises(ProtectionError, match="not approved opinion"):
        minimised_csv([row], ["occurred_on", "event_type"])


def test_should_log_the_share_with_its_recipient_agreement_purpose_and_basis(store):
    create_two_agency_child(store)
    create_agreement(store)
    with store.begin() as conn:
        share_records(conn, _request(), WHEN)
        history = disclosure_history(conn, "P0000001")
    assert [
        (h["decision"], h["recipient"], h["isa_id"], h["purpose"], h["lawful_basis"])
        for h in history
    ] == [
        (
            "shared",
            "Northshire Police public protection unit",
            "ISA-1",
            "safeguarding",
            "ca2004-s11",
        )
    ]
    assert history[0]["fields"] == ["occurred_on", "event_type", "summary"]


@pytest.mark.parametrize(
    "change",
    [{"isa_id": ""}, {"purpose": ""}, {"lawful_basis": ""}, {"recipient": " "}],
)
def test_should_refuse_a_share_without_agreement_purpose_basis_or_recipient(store, change):
    create_two_agency_child(store)
    create_agreement(store)
    with store.begin() as conn:
        with pytest.raises(ProtectionError):
            share_records(conn, _request(**change), WHEN)
        assert disclosure_history(conn, "P0000001") == []


def test_should_block_a_share_under_an_expired_agreement(store):
    create_two_agency_child(store)
    create_agreement(store, end=date(2026, 3, 1))
    with store.begin() as conn:
        with pytest.raises(ProtectionError, match="not in force on 2026-03-02"):
            share_records(conn, _request(), WHEN)
        share_records(conn, _request(), datetime(2026, 3, 1, 23, 0, tzinfo=UTC))


def test_should_record_a_decision_not_to_share_with_its_reason(store):
    with store.begin() as conn:
        with pytest.raises(ProtectionError, match="reason"):
            record_decline(conn, "P0000001", recipient="A school", reason="no", by="sw", now=WHEN)
        record_decline(
            conn,
            "P0000001",
            recipient="A school",
            reason="Sharing would place the child at greater risk",
            by="sw",
            now=WHEN,
        )
        history = disclosure_history(conn, "P0000001")
    assert [(h["decision"], h["recipient"], h["reason"]) for h in history] == [
        ("declined", "A school", "Sharing would place the child at greater risk")
    ]
