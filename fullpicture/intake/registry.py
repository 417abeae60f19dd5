"""The mapping registry: a mapping given once is kept in ``source_mapping`` for later imports."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.errors import UnknownSourceError
from fullpicture.intake.mapping import Mapping, parse_mapping
from fullpicture.intake.writing import dialect_insert
from fullpicture.store.schema import source_mapping


def register_mapping_in(conn: Connection, mapping: Mapping) -> None:
    """Store (or replace) ``mapping`` as the source's registered mapping, inside ``conn``."""
    stmt = dialect_insert(conn, source_mapping).values(
        source=mapping.source,
        agency=mapping.agency.value,
        body=mapping.model_dump_json(),
        registered_at=datetime.now(UTC),
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["source"],
            set_={k: stmt.excluded[k] for k in ("agency", "body", "registered_at")},
        )
    )


def register_mapping(engine: Engine, mapping: Mapping) -> None:
    """Store (or replace) ``mapping`` as the registered mapping of its source."""
    with engine.begin() as conn:
        register_mapping_in(conn, mapping)


def find_mapping(conn: Connection, source: str) -> Mapping | None:
    """Return the registered mapping of ``source``, or None."""
    body = conn.execute(
        sa.select(source_mapping.c.body).where(source_mapping.c.source == source)
    ).scalar_one_or_none()
    if body is None:
        return None
    return parse_mapping(json.loads(body), origin=f"registered for {source!r}")


def get_mapping(engine: Engine, source: str) -> Mapping:
    """Return the registered mapping of ``source``.

    Raises:
        UnknownSourceError: no mapping is registered for it.
    """
    with engine.connect() as conn:
        found = find_mapping(conn, source)
    if found is None:
        raise UnknownSourceError(
            f"No mapping is registered for the source {source!r}.",
            hint="Give the source's mapping once with --mapping FILE (see docs/mapping.md).",
        )
    return found
