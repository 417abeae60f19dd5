"""The declarative mapping from one agency's extract to the canonical model.

A mapping is a TOML (or JSON) document per source. It names the source and its agency, then one
``[[tables]]`` entry per kind of file the source sends. Each table says which columns hold
which canonical fields, how code values translate (``values``), which date styles to try (``date_formats``)
and, for event tables, which events each row emits (``emit``). See ``docs/mapping.md`` for the full
reference with examples.
"""

from __future__ import annotations

import json
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from fullpicture.errors import MappingError
from fullpicture.vocabulary import Agency

PERSON_FIELDS: tuple[str, ...] = (
    "local_id",
    "nhs_number",
    "upn",
    "other_id",
    "given_name",
    "middle_names",
    "family_name",
    "full_name",
    "known_as",
    "former_family_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "first_language",
    "religion",
    "postcode",
    "address",
    "is_child",
)
"""Canonical fields of a person table. ``full_name`` is split when given instead of the parts."""

ADDRESS_FIELDS: tuple[str, ...] = (
    "record_id",
    "person_local_id",
    "postcode",
    "address",
    "start_date",
    "end_date",
)

RELATIONSHIP_FIELDS: tuple[str, ...] = (
    "record_id",
    "from_local_id",
    "to_local_id",
    "kind",
    "start_date",
    "end_date",
)

EVENT_FIELDS: tuple[str, ...] = (
    "record_id",
    "subject_local_id",
    "event_type",
    "location",
    "summary",
    "opinion",
    "action",
    "reason_no_action",
    "significance",
    "author_role",
    "incident_ref",
    "recorded_on",
    "sequence",
    "participant_local_ids",
    "participant_roles",
)
"""Canonical fields of an event table; dates come from each ``emit`` entry. Any other canonical
name given in ``columns`` under ``attributes.<key>`` is stored in the event's attributes."""


class TableKind(StrEnum):
    """What one row of a table describes."""

    PERSON = "person"
    ADDRESS = "address"
    RELATIONSHIP = "relationship"
    EVENT = "event"


class Emit(BaseModel):
    """One event a row of an event table emits.

    Attributes:
        event_type: a fixed vocabulary name; or omit it and map the ``event_type`` column.
        date: the column holding the event's date (and maybe time).
        time: an optional separate column holding the time of day.
        optional: a blank date means "no such event" instead of a problem with the row.
        attributes: fixed attribute values for this emitted event.
        attribute_columns: attribute key -> source column, for this event only (translated
            through ``values."attributes.<key>"``; a value translated to "" is left out).
        when: source column -> the values (exact, ignoring case; "" for blank) for which the
            row emits this event; every listed column must hold one of its values.
    """

    model_config = ConfigDict(extra="forbid")

    event_type: str | None = None
    date: str
    time: str | None = None
    optional: bool = False
    attributes: dict[str, str] = Field(default_factory=dict)
    attribute_columns: dict[str, str] = Field(default_factory=dict)
    when: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check_when(self) -> Emit:
        for column, accepted in self.when.items():
            if not accepted:
                raise ValueError(f"emit 'when' for {column!r} lists no values: it would never emit")
        return self


class Table(BaseModel):
    """One kind of file a source sends."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: TableKind
    match: str | None = None  # filename glob (case-insensitive); else matched by its columns
    sheet: str | None = None  # XLSX sheet name; the first sheet when omitted
    columns: dict[str, str]  # canonical field -> source column
    required: list[str] = Field(default_factory=list)  # canonical fields that must have a value
    values: dict[str, dict[str, str]] = Field(default_factory=dict)  # field -> code -> canonical
    date_formats: list[str] = Field(default_factory=list)  # strptime formats tried first
    constants: dict[str, str] = Field(default_factory=dict)  # canonical field -> fixed value
    emit: list[Emit] = Field(default_factory=list)
    max_bad_ratio: float | None = Field(default=None, ge=0, le=1)  # circuit breaker, off if None
    key_columns: list[str] = Field(default_factory=list)  # record key when no record_id column

    @model_validator(mode="after")
    def _check_fields(self) -> Table:
        allowed = {
            TableKind.PERSON: PERSON_FIELDS,
            TableKind.ADDRESS: ADDRESS_FIELDS,
            TableKind.RELATIONSHIP: RELATIONSHIP_FIELDS,
            TableKind.EVENT: EVENT_FIELDS,
        }[self.kind]
        for field in [*self.columns, *self.constants]:
            if field not in allowed and not field.startswith("attributes."):
                raise ValueError(f"table {self.name!r}: {field!r} is not a {self.kind} field")
        if self.kind is TableKind.EVENT and not self.emit:
            raise ValueError(f"table {self.name!r}: an event table needs at least one [[emit]]")
        return self


class Mapping(BaseModel):
    """A source's whole mapping."""

    model_config = ConfigDict(extra="forbid")

    source: str
    agency: Agency
    system: str | None = None
    date_formats: list[str] = Field(default_factory=list)  # default for every table
    day_first: bool = True  # ambiguous numeric dates are read day-first (UK) unless false
    tables: list[Table]

    def table(self, name: str) -> Table:
        """Return the table called ``name``."""
        for table in self.tables:
            if table.name == name:
                return table
        raise MappingError(f"Mapping for {self.source!r} has no table {name!r}.")


def parse_mapping(data: dict[str, Any], *, origin: str) -> Mapping:
    """Validate a mapping document already parsed from TOML or JSON.

    Raises:
        MappingError: naming ``origin`` and every problem found.
    """
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise MappingError(
            f"The mapping {origin} is not valid: {problems}.",
            hint="Fix the mapping file; docs/mapping.md describes every key.",
        ) from exc


def load_mapping(path: Path) -> Mapping:
    """Read a mapping from a ``.toml`` or ``.json`` file.

    Raises:
        MappingError: the file cannot be read or is not a valid mapping.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise MappingError(
            f"Could not read the mapping {path}: {exc}.",
            hint="Give a TOML or JSON mapping file (see docs/mapping.md).",
        ) from exc
    return parse_mapping(data, origin=str(path))
