"""Building ``relationship`` and ``address`` rows: both hang off source persons of the source."""

from __future__ import annotations

from typing import Any

from fullpicture.intake.checks import RowCheck
from fullpicture.intake.context import ImportContext
from fullpicture.intake.events import resolve_person, row_key
from fullpicture.intake.plan import TablePlan
from fullpicture.intake.postcodes import normalise_postcode
from fullpicture.vocabulary import RelationshipKind

_KINDS = frozenset(kind.value for kind in RelationshipKind)


def _period(check: RowCheck, plan: TablePlan) -> dict[str, Any]:
    def parse(text: str) -> Any:
        return plan.date(text).day

    return {
        "start_date": check.parsed("start_date", parse),
        "end_date": check.parsed("end_date", parse),
    }


def build_relationship(
    plan: TablePlan, check: RowCheck, ctx: ImportContext, row: int, raw: list[str]
) -> dict[str, Any]:
    """Return the ``relationship`` row for one checked row (problems collect in ``check``).

    The kind is essential: a blank or unknown kind quarantines the row.
    """
    kind = check.key("kind", 32)
    if kind is not None and kind not in _KINDS:
        check.fail(
            "kind",
            f"not a relationship kind ({', '.join(sorted(_KINDS))}); map it under [values]",
            kind,
        )
    from_id = resolve_person(check, "from_local_id", ctx)
    to_id = resolve_person(check, "to_local_id", ctx)
    record_id = check.text("record_id", 128)
    key = (
        record_id or f"{check.values.get('from_local_id')}>{check.values.get('to_local_id')}:{kind}"
    )
    return {
        "source": ctx.source,
        "ledger_id": ctx.ledger_id,
        "row_number": row,
        "record_key": key,
        "from_source_person_id": from_id,
        "to_source_person_id": to_id,
        "kind": kind,
        **_period(check, plan),
    }


def build_address(
    plan: TablePlan, check: RowCheck, ctx: ImportContext, row: int, raw: list[str]
) -> dict[str, Any]:
    """Return the ``address`` row for one checked row (problems collect in ``check``)."""
    person = resolve_person(check, "person_local_id", ctx)
    postcode = check.parsed("postcode", normalise_postcode)
    address = check.text("address", 512)
    if postcode is None and address is None and "postcode" not in check.values:
        check.fail("address", "neither an address nor a postcode is given")
    return {
        "source": ctx.source,
        "source_person_id": person,
        "ledger_id": ctx.ledger_id,
        "row_number": row,
        "record_key": check.text("record_id", 128) or row_key(raw),
        "postcode": postcode,
        "address": address,
        **_period(check, plan),
    }
