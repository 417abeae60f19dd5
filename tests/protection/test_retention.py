"""Retention as data: the schedule, vectors of destruction dates, the queue, legal holds and
destruction with a certificate (requirements 25 and, in part, 26)."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from fullpicture.errors import ProtectionError
from fullpicture.protection.destruction import destroy_and_scrub, destroy_person
from fullpicture.protection.retention import (
    PersonFacts,
    destruction_date,
    due_for_destruction,
    lift_hold,
    load_schedule,
    place_hold,
)
from fullpicture.protection.tables import destruction_certificate
from fullpicture.store.schema import event, event_participant, person, source_person
from tests.factories import create_event, create_person, create_relationship, source_person_of

VECTORS = tomllib.loads((Path(__file__).parent / "retention_vectors.toml").read_text())["vector"]
SCHEDULE = load_schedule()
CANARY = "Canarywipe"


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: f"{v['rule']}-{v['expected']}")
def test_should_give_the_destruction_date_of_every_vector(vector):
    rule = next(r for r in SCHEDULE if r.id == vector["rule"])
    assert rule.jurisdiction == vector["jurisdiction"]
    facts = PersonFacts(
        date_of_birth=vector.get("date_of_birth"),
        died_on=vector.get("died_on"),
        last_record_on=vector.get("last_record_on"),
        event_types=(),
    )
    expected = None if vector["expected"] == "none" else vector["expected"]
    assert destruction_date(rule, facts) == expected


def test_should_cite_a_source_and_a_basis_for_every_rule():
    assert all(r.citation and r.basis and r.record_type for r in SCHEDULE)


def test_should_refuse_a_malformed_schedule(tmp_path):
    bad = tmp_path / "schedule.toml"
    bad.write_text('[[rule]]\nid = "x"\ntrigger = "whenever"\n')
    with pytest.raises(ProtectionError, match="not valid"):
        load_schedule(bad)


@pytest.fixture
def sample_leaver(store):
    """A care leaver of social care only, born 2 March 2001: due on 2 March 2026."""
    pid = create_person(store, given_name=CANARY, date_of_birth=date(2001, 3, 2))
    create_event(store, person_id=pid, source="social_care", event_type="social_care.referral",
                 occurred_on=date(2015, 4, 1), summary=f"{CANARY} referred")  # fmt: skip
    return pid


@pytest.mark.parametrize(
    ("on", "queued"),
    [(date(2026, 3, 1), False), (date(2026, 3, 2), True), (date(2026, 3, 3), True)],
)
def test_should_keep_the_day_before_and_queue_from_the_day(store, sample_leaver, on, queued):
    with store.connect() as conn:
        due = due_for_destruction(conn, on, SCHEDULE)
    assert [a.person_id for a in due] == ([sample_leaver] if queued else [])
    if queued:
        assert (due[0].rule_id, due[0].due_on) == ("childrens-social-care", date(2026, 3, 2))


def test_should_keep_records_as_long_as_the_longest_rule(store, sample_leaver):
    create_event(store, person_id=sample_leaver, source="police", occurred_on=date(2024, 1, 1))
    with store.connect() as conn:
        assert due_for_destruction(conn, date(2029, 12, 31), SCHEDULE) == []
        [due] = due_for_destruction(conn, date(2030, 1, 1), SCHEDULE)
    assert (due.rule_id, due.due_on) == ("other-agencies", date(2030, 1, 1))


def test_should_refuse_to_destroy_before_the_records_are_due(store, sample_leaver):
    with store.begin() as conn, pytest.raises(ProtectionError, match="not due"):
        destroy_person(conn, sample_leaver, SCHEDULE, by="dpo", now=_at(date(2026, 3, 1)))


def test_should_block_destruction_under_a_legal_hold(store, sample_leaver):
    with store.begin() as conn:
        hold = place_hold(
            conn, sample_leaver, reason="Public inquiry", by="dpo", now=_at(date(2026, 1, 1))
        )
        [due] = due_for_destruction(conn, date(2026, 3, 3), SCHEDULE)
        assert due.held
        with pytest.raises(ProtectionError, match="legal hold"):
            destroy_person(conn, sample_leaver, SCHEDULE, by="dpo", now=_at(date(2026, 3, 3)))
        assert conn.execute(sa.select(person.c.id).where(person.c.id == sample_leaver)).first()
        lift_hold(conn, hold, by="dpo", now=_at(date(2026, 3, 3)))
        destroy_person(conn, sample_leaver, SCHEDULE, by="dpo", now=_at(date(2026, 3, 3)))


def test_should_destroy_the_records_and_derived_rows_and_write_a_certificate(store, sample_leaver):
    friend = create_person(store, given_name="Friend", date_of_birth=date(2010, 1, 1))
    create_relationship(
        store,
        from_source_person_id=source_person_of(store, friend, "social_care"),
        to_source_person_id=source_person_of(store, sample_leaver, "social_care"),
        kind="sibling",
    )
    theirs = create_event(
        store, person_id=friend, source="social_care", summary="Friend's own record",
        participants=((source_person_of(store, sample_leaver, "social_care"), "witness"),),
    )  # fmt: skip
    with store.begin() as conn:
        certificate = destroy_person(
            conn, sample_leaver, SCHEDULE, by="dpo", now=_at(date(2026, 3, 2))
        )
        mine = sa.select(source_person.c.id).where(source_person.c.person_id == sample_leaver)
        left = conn.execute(mine).all()
        events = conn.execute(sa.select(event.c.id)).scalars().all()
        links = conn.execute(sa.select(sa.func.count()).select_from(event_participant)).scalar()
        stored = conn.execute(sa.select(destruction_certificate)).one()
    assert left == [] and events == [theirs] and links == 0
    assert certificate["counts"]["event"] == 1 and certificate["counts"]["person"] == 1
    assert certificate["counts"]["relationship"] == 1
    assert (stored.person_id, stored.rule_id, stored.destroyed_by) == (
        sample_leaver,
        "childrens-social-care",
        "dpo",
    )
    assert stored.due_on == date(2026, 3, 2) and "25th birthday" in stored.citation


def test_should_leave_no_canary_bytes_in_the_sqlite_file_or_wal(sqlite_store, sqlite_url):
    pid = create_person(sqlite_store, given_name=CANARY, date_of_birth=date(2001, 3, 2))
    create_event(sqlite_store, person_id=pid, source="social_care",
                 event_type="social_care.referral", summary=f"{CANARY} referred")  # fmt: skip
    destroy_and_scrub(sqlite_store, pid, SCHEDULE, by="dpo", now=_at(date(2026, 3, 2)))
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    files = [p for p in path.parent.glob(path.name + "*") if p.is_file()]
    assert files
    assert [p.name for p in files if CANARY.encode() in p.read_bytes()] == []
