"""Hand-built chronologies for rule tests: a small builder, and helpers that run the rules on
DuckDB (the production path) and, for parity, on another Ibis backend (PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import ibis
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.rules.library import ALL_RULES, all_attributes
from fullpicture.rules.run import compile_rules, run_compiled
from fullpicture.rules.snapshot import (
    PARTICIPANT_SCHEMA,
    PEOPLE_SCHEMA,
    RAW_EVENT_SCHEMA,
    RELATIONSHIP_SCHEMA,
    SnapshotData,
    load_snapshot,
    unbound_tables,
)
from fullpicture.rules.spec import LONDON, resolve_parameters
from fullpicture.store import schema

AS_OF = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

Key = tuple[str, str, str]


@dataclass
class Chronology:
    """A hand-built multi-agency chronology (people, events, relationships, participants)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)

    def person(
        self,
        person_id: str,
        born: date | None = None,
        *,
        sex: str = "female",
        ethnicity: str = "WBRI",
        is_child: bool | None = None,
    ) -> str:
        self.people.append(
            {
                "person_id": person_id,
                "date_of_birth": born,
                "sex": sex,
                "ethnicity": ethnicity,
                "is_child": is_child,
            }
        )
        return person_id

    def event(
        self,
        person_id: str,
        event_type: str,
        when: date | datetime,
        *,
        precision: str | None = None,
        uncertain: bool = False,
        record_id: str | None = None,
        incident_ref: str | None = None,
        location: str | None = None,
        agency: str | None = None,
        **attributes: Any,
    ) -> int:
        """Add an event; a datetime is London local time (naive) or aware."""
        event_id = len(self.events) + 1
        at = None
        if isinstance(when, datetime):
            aware = when if when.tzinfo else when.replace(tzinfo=LONDON)
            at = aware.astimezone(UTC).replace(tzinfo=None)
            day = aware.astimezone(LONDON).date()
        else:
            day = when
        self.events.append(
            {
                "event_id": event_id,
                "person_id": person_id,
                "event_type": event_type,
                "agency": agency or event_type.split(".")[0],
                "source": "test",
                "record_id": record_id,
                "incident_ref": incident_ref,
                "location": location,
                "day": day,
                "occurred_at": at,
                "precision": precision or ("exact" if at else "day"),
                "uncertain": uncertain,
                "attributes": json.dumps(attributes) if attributes else None,
            }
        )
        return event_id

    def relate(
        self,
        from_id: str,
        to_id: str,
        kind: str,
        start: date | None = None,
        end: date | None = None,
    ) -> None:
        """``from_id`` is the ``kind`` of ``to_id`` (e.g. parent of)."""
        self.relationships.append(
            {"from_id": from_id, "to_id": to_id, "kind": kind, "start_date": start, "end_date": end}
        )

    def take_part(self, event_id: int, person_id: str, role: str) -> None:
        self.participants.append({"event_id": event_id, "person_id": person_id, "role": role})

    def snapshot_data(self) -> SnapshotData:
        def table(rows: list[dict[str, Any]], sch: pa.Schema) -> pa.Table:
            return pa.Table.from_pylist(rows, schema=sch)

        return SnapshotData(
            events=table(self.events, RAW_EVENT_SCHEMA),
            people=table(self.people, PEOPLE_SCHEMA),
            relationships=table(self.relationships, RELATIONSHIP_SCHEMA),
            participants=table(self.participants, PARTICIPANT_SCHEMA),
        )

    def write(self, engine: Engine) -> dict[int, int]:
        """Write the chronology into a store; return the store id of each event."""
        now = datetime.now(UTC)
        with engine.begin() as conn:
            ledger_id = conn.execute(
                schema.ledger.insert().values(
                    source="test",
                    filename="test.csv",
                    table_name="t",
                    sha256="0" * 64,
                    status="complete",
                    rows_read=0,
                    rows_stored=0,
                    rows_quarantined=0,
                    imported_by="test",
                    started_at=now,
                    finished_at=now,
                )
            ).inserted_primary_key[0]
            sp_ids = {}
            for i, p in enumerate(self.people):
                conn.execute(
                    schema.person.insert().values(
                        id=p["person_id"],
                        display_name=p["person_id"],
                        created_at=now,
                        date_of_birth=p["date_of_birth"],
                        sex=p["sex"],
                        ethnicity=p["ethnicity"],
                    )
                )
                sp_ids[p["person_id"]] = conn.execute(
                    schema.source_person.insert().values(
                        source="test",
                        agency="social_care",
                        local_id=p["person_id"],
                        ledger_id=ledger_id,
                        row_number=i,
                        person_id=p["person_id"],
                        is_child=p["is_child"],
                        date_of_birth=p["date_of_birth"],
                        updated_at=now,
                    )
                ).inserted_primary_key[0]
            ids = {}
            for e in self.events:
                ids[e["event_id"]] = conn.execute(
                    schema.event.insert().values(
                        source="test",
                        agency=e["agency"],
                        ledger_id=ledger_id,
                        row_number=e["event_id"],
                        record_key=f"e{e['event_id']}",
                        record_id=e["record_id"],
                        incident_ref=e["incident_ref"],
                        location=e["location"],
                        subject_source_person_id=sp_ids[e["person_id"]],
                        event_type=e["event_type"],
                        occurred_on=e["day"],
                        occurred_at=None
                        if e["occurred_at"] is None
                        else e["occurred_at"].replace(tzinfo=UTC),
                        precision=e["precision"],
                        uncertain=e["uncertain"],
                        sequence=0,
                        attributes=e["attributes"],
                    )
                ).inserted_primary_key[0]
            for i, r in enumerate(self.relationships):
                conn.execute(
                    schema.relationship.insert().values(
                        source="test",
                        ledger_id=ledger_id,
                        row_number=i,
                        record_key=f"r{i}",
                        from_source_person_id=sp_ids[r["from_id"]],
                        to_source_person_id=sp_ids[r["to_id"]],
                        kind=r["kind"],
                        start_date=r["start_date"],
                        end_date=r["end_date"],
                    )
                )
            for p in self.participants:
                conn.execute(
                    schema.event_participant.insert().values(
                        event_id=ids[p["event_id"]],
                        source_person_id=sp_ids[p["person_id"]],
                        role=p["role"],
                    )
                )
        return ids


def create_chronology() -> Chronology:
    """An empty chronology to build on."""
    return Chronology()


def run_duckdb(chron: Chronology, as_of: datetime = AS_OF) -> set[Key]:
    """Every finding (rule id, person id, anchor key) of the whole library on DuckDB."""
    con = load_snapshot(chron.snapshot_data(), all_attributes(), as_of)
    try:
        findings, _ = run_compiled(con, compile_rules(ALL_RULES, {}))
    finally:
        con.close()
    return {(f.rule_id, f.person_id, f.anchor_key) for f in findings}


def evidence_duckdb(chron: Chronology, as_of: datetime = AS_OF) -> dict[Key, tuple[int, ...]]:
    con = load_snapshot(chron.snapshot_data(), all_attributes(), as_of)
    try:
        findings, _ = run_compiled(con, compile_rules(ALL_RULES, {}))
    finally:
        con.close()
    return {(f.rule_id, f.person_id, f.anchor_key): tuple(sorted(f.evidence)) for f in findings}


def explanations_duckdb(chron: Chronology, as_of: datetime = AS_OF) -> dict[Key, str]:
    con = load_snapshot(chron.snapshot_data(), all_attributes(), as_of)
    try:
        findings, _ = run_compiled(con, compile_rules(ALL_RULES, {}))
    finally:
        con.close()
    return {(f.rule_id, f.person_id, f.anchor_key): f.explanation for f in findings}


SNAPSHOT_TABLES = ("events", "people", "kin", "participants", "calendar", "context")


def run_ibis_backend(
    backend: Any, chron: Chronology, as_of: datetime = AS_OF
) -> dict[Key, tuple[int, ...]]:
    """Run the same Ibis expressions on another backend, after loading the same snapshot tables."""
    con = load_snapshot(chron.snapshot_data(), all_attributes(), as_of)
    try:
        for name in SNAPSHOT_TABLES:
            # ibis 12's create_table(overwrite=True) emits an empty DROP on PostgreSQL; drop first.
            backend.raw_sql(f'DROP TABLE IF EXISTS "{name}"').close()
            arrow = con.sql(f"SELECT * FROM {name}").to_arrow_table()
            backend.create_table(name, obj=arrow)
    finally:
        con.close()
    tables = unbound_tables(all_attributes())
    out: dict[Key, tuple[int, ...]] = {}
    for rule in ALL_RULES:
        expr = rule.build(tables, resolve_parameters(rule, {}))
        # Compiled by Ibis for PostgreSQL (to_sql applies sqlglot's anti-join rewriting, which the
        # backend's own execute path skips for anti-joins over subqueries in ibis 12).
        cursor = backend.raw_sql(ibis.to_sql(expr, dialect="postgres"))
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        cursor.close()
        for row in rows:
            key = (rule.id, row["person_id"], str(row["anchor_key"]))
            out[key] = tuple(sorted(e for e in row["evidence"] or [] if e is not None))
    return out


def store_event_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(schema.event)).scalar_one())
