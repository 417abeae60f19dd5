"""Retention: the schedule as data, destruction dates from the store, legal holds, and
destruction of a person's records with a certificate.

A person's records may be destroyed from the ``due_on`` date the schedule gives (kept the day
before, queued on the day and after), unless a legal hold is in place.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.engine import Connection

from fullpicture.errors import NotFoundError, ProtectionError
from fullpicture.protection.tables import legal_hold
from fullpicture.store.schema import event, person, source_person


class RetentionRule(BaseModel):
    """One line of the schedule (see ``retention_schedule.toml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    jurisdiction: str
    record_type: str
    applies_to: list[str] = Field(min_length=1)
    trigger: Literal["birth", "last_record"]
    years: int = Field(ge=1, le=150)
    after_death_years: int | None = Field(default=None, ge=0, le=150)
    death_before_age: int | None = Field(default=None, ge=1, le=150)
    basis: str
    citation: str

    def covers(self, event_types: Sequence[str]) -> bool:
        """True when any of ``event_types`` matches the rule's patterns."""
        return any(fnmatch.fnmatchcase(t, p) for t in event_types for p in self.applies_to)


@dataclass(frozen=True)
class PersonFacts:
    """What the schedule needs to know about a person."""

    date_of_birth: date | None
    died_on: date | None
    last_record_on: date | None
    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """A person's destruction date under the schedule, and whether a hold stops it."""

    person_id: str
    rule_id: str | None
    due_on: date | None
    held: bool
    note: str = ""


def load_schedule(path: Path | None = None) -> list[RetentionRule]:
    """Read and check a schedule file (the packaged one by default).

    Raises:
        ProtectionError: the file cannot be read, or a rule is malformed or repeated.
    """
    try:
        if path is None:
            text = (
                resources.files("fullpicture.protection")
                .joinpath("retention_schedule.toml")
                .read_text(encoding="utf-8")
            )
        else:
            text = path.read_text(encoding="utf-8")
        rules = [RetentionRule(**r) for r in tomllib.loads(text).get("rule", [])]
    except (OSError, tomllib.TOMLDecodeError, ValidationError, TypeError) as exc:
        raise ProtectionError(
            f"The retention schedule {path or 'retention_schedule.toml'} is not valid: {exc}",
            hint="Each [[rule]] needs id, jurisdiction, record_type, applies_to, trigger, years, "
            "basis and citation.",
        ) from None
    ids = [r.id for r in rules]
    if not rules or len(set(ids)) != len(ids):
        raise ProtectionError("The retention schedule is empty or repeats a rule id.")
    return rules


def add_years(day: date, years: int) -> date:
    """Return the same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _died_in_scope(rule: RetentionRule, facts: PersonFacts) -> bool:
    if facts.died_on is None or rule.after_death_years is None:
        return False
    if rule.death_before_age is None:
        return True
    if facts.date_of_birth is None:
        return False
    return facts.died_on < add_years(facts.date_of_birth, rule.death_before_age)


def destruction_date(rule: RetentionRule, facts: PersonFacts) -> date | None:
    """The first day the rule lets the records go (None: the trigger date is unknown)."""
    if _died_in_scope(rule, facts):
        assert facts.died_on is not None and rule.after_death_years is not None
        return add_years(facts.died_on, rule.after_death_years)
    start = facts.date_of_birth if rule.trigger == "birth" else facts.last_record_on
    return None if start is None else add_years(start, rule.years)


def _facts(dob: date | None, rows: Sequence[tuple[str, date]]) -> PersonFacts:
    """Build a person's facts from their date of birth and (event type, latest date) rows."""
    deaths = [last for kind, last in rows if kind == "social_care.child_death"]
    return PersonFacts(
        date_of_birth=dob,
        died_on=deaths[0] if deaths else None,
        last_record_on=max((last for _kind, last in rows), default=None),
        event_types=tuple(sorted(kind for kind, _last in rows)),
    )


def _latest_by_type(conn: Connection, person_ids: Sequence[str] | None) -> dict[str, list[Any]]:
    query = (
        sa.select(source_person.c.person_id, event.c.event_type, sa.func.max(event.c.occurred_on))
        .join(source_person, source_person.c.id == event.c.subject_source_person_id)
        .group_by(source_person.c.person_id, event.c.event_type)
    )
    if person_ids is not None:
        query = query.where(source_person.c.person_id.in_(person_ids))
    found: dict[str, list[Any]] = {}
    for pid, kind, last in conn.execute(query):
        found.setdefault(str(pid), []).append((kind, last))
    return found


def person_facts(conn: Connection, person_id: str) -> PersonFacts:
    """Read a person's date of birth, death, last record and kinds of record from the store.

    Raises:
        NotFoundError: no such person.
    """
    dob = conn.execute(sa.select(person.c.date_of_birth).where(person.c.id == person_id)).first()
    if dob is None:
        raise NotFoundError(f"There is no person {person_id}.")
    return _facts(dob[0], _latest_by_type(conn, [person_id]).get(person_id, []))


def _held_people(conn: Connection) -> set[str]:
    query = sa.select(legal_hold.c.person_id).where(legal_hold.c.lifted_at.is_(None))
    return {str(pid) for pid in conn.execute(query).scalars()}


def is_held(conn: Connection, person_id: str) -> bool:
    """True when a legal hold on the person has not been lifted."""
    return person_id in _held_people(conn)


def _assessed(
    person_id: str, facts: PersonFacts, held: bool, schedule: Sequence[RetentionRule]
) -> Assessment:
    covering = [r for r in schedule if r.covers(facts.event_types)]
    if not covering:
        return Assessment(person_id, None, None, held, "no rule covers these records")
    dated = [(destruction_date(r, facts), r) for r in covering]
    if any(d is None for d, _r in dated):
        unknown = next(r for d, r in dated if d is None)
        return Assessment(person_id, unknown.id, None, held, "the trigger date is unknown")
    due_on, rule = max(((d, r) for d, r in dated if d is not None), key=lambda dr: dr[0])
    return Assessment(person_id, rule.id, due_on, held)


def assess(conn: Connection, person_id: str, schedule: Sequence[RetentionRule]) -> Assessment:
    """Return the person's destruction date: the latest any covering rule gives."""
    facts = person_facts(conn, person_id)
    return _assessed(person_id, facts, is_held(conn, person_id), schedule)


def due_for_destruction(
    conn: Connection, on: date, schedule: Sequence[RetentionRule]
) -> list[Assessment]:
    """Return everyone whose records are due for destruction on ``on`` (held ones flagged).

    Reads the store in three set queries, whatever the number of people.
    """
    latest = _latest_by_type(conn, None)
    held = _held_people(conn)
    people = conn.execute(sa.select(person.c.id, person.c.date_of_birth).order_by(person.c.id))
    found = [
        _assessed(str(pid), _facts(dob, latest.get(str(pid), [])), str(pid) in held, schedule)
        for pid, dob in people
    ]
    return [a for a in found if a.due_on is not None and a.due_on <= on]


def place_hold(conn: Connection, person_id: str, *, reason: str, by: str, now: datetime) -> int:
    """Place a legal hold (an inquiry, litigation, a review); return its id.

    Raises:
        NotFoundError: no such person.
        ProtectionError: no reason given.
    """
    person_facts(conn, person_id)
    if not reason.strip():
        raise ProtectionError("Give the reason for the hold (the inquiry, claim or review).")
    inserted = legal_hold.insert().values(
        person_id=person_id, reason=reason.strip(), placed_by=by, placed_at=now
    )
    return int(conn.execute(inserted.returning(legal_hold.c.id)).scalar_one())


def lift_hold(conn: Connection, hold_id: int, *, by: str, now: datetime) -> None:
    """Lift a legal hold (it stays in the table as a record).

    Raises:
        NotFoundError: no such hold, or it is already lifted.
    """
    done = conn.execute(
        legal_hold.update()
        .where(legal_hold.c.id == hold_id, legal_hold.c.lifted_at.is_(None))
        .values(lifted_by=by, lifted_at=now)
    )
    if done.rowcount != 1:
        raise NotFoundError(f"There is no legal hold {hold_id} in place.")


def certificate_json(certificate: dict[str, Any]) -> str:
    """Return a destruction certificate as JSON."""
    return json.dumps(certificate, default=lambda v: v.isoformat(), indent=2, sort_keys=True)
