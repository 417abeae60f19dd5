"""The information-sharing agreement registry and the agency scope it gives (requirements 5,
27, 28)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.protection.isa import (
    Agreement,
    agreement_for_share,
    end_agreement,
    get_agreement,
    list_agreements,
    shared_fields,
    validate_agreement,
)
from tests.protection.factories import create_agreement

VALID = Agreement(
    id="ISA-9",
    title="Health and police",
    parties=frozenset({"health", "police"}),
    purposes={"safeguarding": frozenset({"occurred_on", "event_type"})},
    lawful_bases=frozenset({"ca2004-s11"}),
    start_date=date(2026, 1, 1),
    end_date=date(2026, 12, 31),
    ended_reason=None,
)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "bad id!"}, "not a usable agreement id"),
        ({"parties": frozenset({"health"})}, "at least two agencies"),
        ({"parties": frozenset({"health", "aliens"})}, "Unknown agency"),
        ({"purposes": {}}, "at least one purpose"),
        ({"purposes": {"marketing": frozenset({"occurred_on", "event_type"})}}, "Unknown purpose"),
        ({"purposes": {"safeguarding": frozenset({"occurred_on", "nhs"})}}, "Unknown field"),
        ({"purposes": {"safeguarding": frozenset({"summary"})}}, "must include occurred_on"),
        ({"lawful_bases": frozenset()}, "at least one lawful basis"),
        ({"lawful_bases": frozenset({"because"})}, "Unknown lawful basis"),
        ({"end_date": date(2025, 1, 1)}, "before the start"),
    ],
)
def test_should_refuse_an_invalid_agreement(change, message):
    with pytest.raises(ProtectionError, match=message):
        validate_agreement(replace(VALID, **change))


def test_should_register_list_and_show_an_agreement(store):
    create_agreement(store)
    with store.connect() as conn:
        assert [a.id for a in list_agreements(conn)] == ["ISA-1"]
        shown = get_agreement(conn, "ISA-1")
    assert shown.parties == {"health", "police", "social_care"}
    assert shown.fields_for("safeguarding") == ("occurred_on", "event_type", "summary")
    with pytest.raises(ProtectionError, match="already exists"):
        create_agreement(store)


def test_should_give_no_other_agency_without_an_agreement(store):
    with store.connect() as conn:
        assert shared_fields(conn, "health", "safeguarding", date(2026, 3, 1)) == {}


def test_should_give_the_approved_fields_only_while_the_agreement_is_in_force(store):
    create_agreement(store, start=date(2026, 1, 1), end=date(2026, 6, 30))
    with store.connect() as conn:
        assert shared_fields(conn, "health", "safeguarding", date(2025, 12, 31)) == {}
        inside = shared_fields(conn, "health", "safeguarding", date(2026, 6, 30))
        assert shared_fields(conn, "health", "safeguarding", date(2026, 7, 1)) == {}
        assert shared_fields(conn, "health", "court", date(2026, 3, 1)) == {}
        assert shared_fields(conn, "education", "safeguarding", date(2026, 3, 1)) == {}
    assert inside == {
        "police": {"occurred_on", "event_type", "summary"},
        "social_care": {"occurred_on", "event_type", "summary"},
    }


def test_should_end_an_agreement_with_a_reason_and_never_extend_it(store):
    create_agreement(store, end=date(2026, 6, 30))
    with store.begin() as conn:
        with pytest.raises(ProtectionError, match="reason"):
            end_agreement(conn, "ISA-1", last_day=date(2026, 3, 1), reason=" ")
        ended = end_agreement(conn, "ISA-1", last_day=date(2026, 9, 1), reason="Superseded")
        assert ended.end_date == date(2026, 6, 30)
        ended = end_agreement(conn, "ISA-1", last_day=date(2026, 3, 1), reason="Superseded")
        assert ended.end_date == date(2026, 3, 1) and ended.ended_reason == "Superseded"
        with pytest.raises(NotFoundError):
            end_agreement(conn, "ISA-X", last_day=date(2026, 3, 1), reason="x")


@pytest.mark.parametrize(
    ("isa_id", "purpose", "basis", "parties", "on", "message"),
    [
        ("", "safeguarding", "ca2004-s11", {"police"}, date(2026, 3, 1), "needs an information"),
        ("ISA-1", "", "ca2004-s11", {"police"}, date(2026, 3, 1), "needs an information"),
        ("ISA-1", "safeguarding", "", {"police"}, date(2026, 3, 1), "needs an information"),
        ("ISA-X", "safeguarding", "ca2004-s11", {"police"}, date(2026, 3, 1), "no information"),
        ("ISA-1", "safeguarding", "ca2004-s11", {"police"}, date(2026, 7, 1), "not in force"),
        ("ISA-1", "court", "ca2004-s11", {"police"}, date(2026, 3, 1), "does not cover"),
        ("ISA-1", "safeguarding", "court-order", {"police"}, date(2026, 3, 1), "does not rest"),
        ("ISA-1", "safeguarding", "ca2004-s11", {"housing"}, date(2026, 3, 1), "not include"),
    ],
)
def test_should_refuse_a_share_the_agreement_does_not_allow(
    store, isa_id, purpose, basis, parties, on, message
):
    create_agreement(store, end=date(2026, 6, 30))
    with store.connect() as conn, pytest.raises(ProtectionError, match=message):
        agreement_for_share(
            conn, isa_id, purpose=purpose, lawful_basis=basis, parties=parties, on=on
        )


def test_should_allow_a_share_within_the_agreement(store):
    create_agreement(store, end=date(2026, 6, 30))
    with store.connect() as conn:
        found = agreement_for_share(
            conn,
            "ISA-1",
            purpose="safeguarding",
            lawful_basis="ca2004-s11",
            parties={"police", "social_care"},
            on=date(2026, 6, 30),
        )
    assert found.id == "ISA-1"
