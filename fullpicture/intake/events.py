"""Building ``event`` rows from event tables: one event per ``emit`` entry with a date."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from fullpicture.intake.checks import MAX_TEXT, RowCheck
from fullpicture.intake.codes import parse_choice
from fullpicture.intake.context import ImportContext
from fullpicture.intake.dates import ParsedDate
from fullpicture.intake.plan import EmitPlan, TablePlan
from fullpicture.intake.problems import InvalidValue, Problem
from fullpicture.vocabulary import EVENT_TYPES, DatePrecision, ParticipantRole

_ROLES = frozenset(role.value for role in ParticipantRole)
_SIGNIFICANCE = frozenset({"low", "medium", "high"})
_LIST_SEPARATORS = re.compile(r"[;|,]")
_TEXTS = (
    ("record_id", 128),
    ("location", 256),
    ("summary", MAX_TEXT),
    ("opinion", MAX_TEXT),
    ("action", MAX_TEXT),
    ("reason_no_action", MAX_TEXT),
    ("author_role", 64),
    ("incident_ref", 128),
)
"""Free-text fields of an event with their longest allowed value."""
_NO_TEXTS: dict[str, str | None] = {name: None for name, _ in _TEXTS}
_EXACT = DatePrecision.EXACT
_PRECISION_TEXT = {precision: precision.value for precision in DatePrecision}
"""Each precision's stored text (looked up per event: an enum's ``value`` is slower)."""


@lru_cache(maxsize=64)
def _wanted_texts(wanted: frozenset[str]) -> tuple[tuple[str, int], ...]:
    """The free-text fields a table can fill (worked out once per table, not per row)."""
    return tuple((name, limit) for name, limit in _TEXTS if name in wanted)


@dataclass
class BuiltEvents:
    """The events one row emits and the participants to attach (record key -> pairs; only the
    events that have participants are listed)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    participants: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def row_key(values: list[str]) -> str:
    """A stable key for a row without a record id: a hash of its values."""
    return "#" + hashlib.sha1("\x1f".join(values).encode(), usedforsecurity=False).hexdigest()[:20]


def resolve_person(check: RowCheck, field_name: str, ctx: ImportContext) -> int | None:
    """Return the ``source_person.id`` of the local id in ``field_name``; unknown ids quarantine."""
    local_id = check.key(field_name, 128)
    if local_id is None:
        return None
    found = ctx.person_ids.get(local_id)
    if found is None:
        check.fail(
            field_name,
            f"unknown person: no person record with this id from {ctx.source!r} "
            "(import the persons file first, or add the person to it)",
            local_id,
        )
    return found


def _event_date(
    plan: TablePlan, emit: EmitPlan, raw: list[str], check: RowCheck
) -> ParsedDate | None:
    column = emit.emit.date
    text = raw[emit.date_at].strip() if emit.date_at < len(raw) else ""
    if not text:
        if not emit.emit.optional:
            check.fail(column, "the event date is blank")
        return None
    if emit.time_at is not None and emit.time_at < len(raw) and raw[emit.time_at].strip():
        text = f"{text} {raw[emit.time_at].strip()}"
    try:
        return plan.date(text)
    except InvalidValue as exc:
        check.fail(column, str(exc), text)
        return None


def _event_type(emit: EmitPlan, check: RowCheck) -> str | None:
    name = emit.emit.event_type or check.values.get("event_type")
    if name is None:
        check.fail("event_type", "no event type: the cell is blank")
        return None
    if name not in EVENT_TYPES:
        check.fail("event_type", "not in the event vocabulary; map it under [values]", name)
        return None
    return name


def _attributes(check: RowCheck, plan: TablePlan, emit: EmitPlan, raw: list[str]) -> str | None:
    values = check.values
    found = {k[11:]: values[k] for k in plan.attribute_fields if k in values}  # "attributes."
    if emit.emit.attributes:
        found.update(emit.emit.attributes)
    if emit.attribute_reads:
        found.update(emit.attributes(raw))
    return _attributes_json(tuple(sorted(found.items()))) if found else None


@lru_cache(maxsize=8192)
def _attributes_json(items: tuple[tuple[str, str], ...]) -> str:
    """The attributes as JSON; cached, since rows repeat the same codes many times."""
    return json.dumps(dict(items), ensure_ascii=False)


def _participants(check: RowCheck, ctx: ImportContext) -> list[tuple[int, str]]:
    ids = check.values.get("participant_local_ids")
    if ids is None:
        return []
    locals_ = [part.strip() for part in _LIST_SEPARATORS.split(ids) if part.strip()]
    roles = [r.strip() for r in _LIST_SEPARATORS.split(check.values.get("participant_roles", ""))]
    found: list[tuple[int, str]] = []
    for position, local_id in enumerate(locals_):
        role = (
            roles[position]
            if position < len(roles) and roles[position]
            else roles[-1] or "associate"
        )
        person = ctx.person_ids.get(local_id)
        if person is None or role not in _ROLES:
            what = "unknown person" if person is None else f"unknown role {role!r}"
            check.warnings.append(
                Problem("participant_local_ids", f"participant left out: {what}", local_id)
            )
            continue
        found.append((person, role))
    return list(dict.fromkeys(found))


def _common(check: RowCheck, plan: TablePlan, ctx: ImportContext) -> dict[str, Any]:
    """The fields every event of the row shares."""
    significance = recorded = None
    if "significance" in plan.wanted:
        significance = check.parsed("significance", _significance)
    if "recorded_on" in plan.wanted:
        recorded = check.parsed("recorded_on", plan.date)
    texts = {name: check.text(name, limit) for name, limit in _wanted_texts(plan.wanted)}
    return {
        "source": ctx.source,
        "agency": ctx.agency,
        "system": ctx.system,
        "ledger_id": ctx.ledger_id,
        "subject_source_person_id": resolve_person(check, "subject_local_id", ctx),
        "recorded_on": recorded.day if recorded else None,
        "significance": significance,
        "restricted": False,
        **_NO_TEXTS,
        **texts,
    }


def _significance(text: str) -> str:
    return parse_choice(text.lower(), _SIGNIFICANCE, "significance")


def _sequence(check: RowCheck, plan: TablePlan, row: int) -> int:
    """Same-day order: the mapped sequence column, else the row's position in the file."""
    found = check.parsed("sequence", _integer) if "sequence" in plan.wanted else None
    return row if found is None else found


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidValue("not a whole number") from None


def build_events(
    plan: TablePlan, check: RowCheck, ctx: ImportContext, row: int, raw: list[str]
) -> BuiltEvents:
    """Return the events one checked row emits (problems collect in ``check``)."""
    common = _common(check, plan, ctx)
    common["row_number"] = row
    common["sequence"] = _sequence(check, plan, row)
    participants = _participants(check, ctx)
    base = common["record_id"] or _composite_key(plan, raw) or row_key(raw)
    built = BuiltEvents()
    keys: list[str] = []
    skipped: dict[str, str] = {}
    for emit in plan.emits:
        if emit.conditions and not emit.applies(raw):
            skipped.update(_condition_values(plan, emit, raw))
            continue
        event_type, when = _event_type(emit, check), _event_date(plan, emit, raw, check)
        if event_type is None or when is None:
            continue
        key = f"{base}:{event_type}"
        if key in keys:
            key = f"{key}:{len(built.events)}"
        keys.append(key)
        built.events.append(
            {
                **common,
                "occurred_on": when.day,
                "occurred_at": when.at if when.precision is _EXACT else None,
                "precision": _PRECISION_TEXT[when.precision],
                "uncertain": when.uncertain,
                "record_key": key,
                "event_type": event_type,
                "attributes": _attributes(check, plan, emit, raw),
            }
        )
        if participants:
            built.participants[key] = participants
    if not built.events and not check.problems:
        if skipped:
            found = ", ".join(f"{column}={value!r}" for column, value in skipped.items())
            check.fail("row", f"no event: no emit's 'when' condition holds ({found})", found)
        else:
            check.fail("row", "no event: every date column of the row is blank", "")
    return built


def _condition_values(plan: TablePlan, emit: EmitPlan, raw: list[str]) -> dict[str, str]:
    """The row's values in the columns an emit's ``when`` tests (to explain a skipped row)."""
    return {plan.header[at]: raw[at].strip() if at < len(raw) else "" for at, _ in emit.conditions}


def _composite_key(plan: TablePlan, raw: list[str]) -> str | None:
    """The record key from the table's ``key_columns`` (e.g. child id and start date)."""
    if not plan.key_positions:
        return None
    parts = [raw[at].strip() if at < len(raw) else "" for at in plan.key_positions]
    return ":".join(parts) if all(parts) else None
