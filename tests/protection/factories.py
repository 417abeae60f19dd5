"""Factories for the data-protection tests: agreements and children with records."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from fullpicture.protection.isa import Agreement, add_agreement
from tests.web.db import NOW, create_event, create_person


def create_agreement(
    engine: Engine,
    isa_id: str = "ISA-1",
    *,
    parties: tuple[str, ...] = ("health", "police", "social_care"),
    purposes: dict[str, tuple[str, ...]] | None = None,
    bases: tuple[str, ...] = ("ca2004-s11",),
    start: date = date(2026, 1, 1),
    end: date | None = None,
) -> str:
    """Register an agreement (safeguarding: date, type and summary, unless told otherwise)."""
    chosen = purposes or {"safeguarding": ("occurred_on", "event_type", "summary")}
    with engine.begin() as conn:
        add_agreement(
            conn,
            Agreement(
                id=isa_id,
                title=f"Agreement {isa_id}",
                parties=frozenset(parties),
                purposes={p: frozenset(f) for p, f in chosen.items()},
                lawful_bases=frozenset(bases),
                start_date=start,
                end_date=end,
                ended_reason=None,
            ),
            by="test",
            now=NOW,
        )
    return isa_id


def create_two_agency_child(engine: Engine, person_id: str = "P0000001") -> str:
    """A child with a health record and a police record (with an action and a record id)."""
    create_person(engine, person_id, name="Amy Example")
    create_event(
        engine,
        person_id,
        agency="health",
        event_type="health.concern",
        summary="Health visitor worried",
        on=date(2025, 6, 1),
    )
    create_event(
        engine,
        person_id,
        agency="police",
        event_type="police.incident",
        summary="Police attended a disturbance",
        on=date(2025, 7, 1),
    )
    return person_id
