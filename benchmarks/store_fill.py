"""Filling a SQLite store quickly from the rules benchmark's generated Arrow tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from fullpicture.rules.snapshot import SnapshotData
from fullpicture.store import schema


def fill_store(engine: Engine, data: SnapshotData) -> list[str]:
    """Insert people, one source person each, events and relationships; return the person ids."""
    now = datetime.now(UTC)
    people = data.people.to_pylist()
    with engine.begin() as conn:
        ledger = conn.execute(
            schema.ledger.insert().values(
                source="bench", filename="bench", table_name="t", sha256="0" * 64,
                status="complete", rows_read=0, rows_stored=0, rows_quarantined=0,
                imported_by="bench", started_at=now, finished_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        conn.execute(schema.person.insert(), [
            {"id": p["person_id"], "display_name": p["person_id"], "created_at": now,
             "date_of_birth": p["date_of_birth"], "sex": p["sex"], "ethnicity": p["ethnicity"]}
            for p in people
        ])  # fmt: skip
        conn.execute(schema.source_person.insert(), [
            {"id": i + 1, "source": "bench", "agency": "social_care", "local_id": p["person_id"],
             "ledger_id": ledger, "row_number": i, "person_id": p["person_id"], "is_child": True,
             "updated_at": now}
            for i, p in enumerate(people)
        ])  # fmt: skip
        sp = {p["person_id"]: i + 1 for i, p in enumerate(people)}
        rows = [
            {"id": e["event_id"] + 1, "source": "bench", "agency": e["agency"], "ledger_id": ledger,
             "row_number": e["event_id"], "record_key": str(e["event_id"]),
             "subject_source_person_id": sp[e["person_id"]], "event_type": e["event_type"],
             "occurred_on": e["day"], "precision": e["precision"], "uncertain": e["uncertain"],
             "occurred_at": None if e["occurred_at"] is None
             else e["occurred_at"].replace(tzinfo=UTC),
             "sequence": 0, "attributes": e["attributes"], "incident_ref": e["incident_ref"]}
            for e in data.events.to_pylist()
        ]  # fmt: skip
        conn.execute(schema.event.insert(), rows)
        rels = data.relationships.to_pylist()
        conn.execute(schema.relationship.insert(), [
            {"source": "bench", "ledger_id": ledger, "row_number": i, "record_key": f"r{i}",
             "from_source_person_id": sp[r["from_id"]], "to_source_person_id": sp[r["to_id"]],
             "kind": r["kind"]}
            for i, r in enumerate(rels)
        ])  # fmt: skip
    return [p["person_id"] for p in people]
