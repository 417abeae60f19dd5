"""Building ``source_person`` rows from person tables."""

from __future__ import annotations

import json
from typing import Any

from fullpicture.intake.checks import RowCheck
from fullpicture.intake.codes import parse_flag, parse_sex
from fullpicture.intake.context import ImportContext
from fullpicture.intake.dates import ParsedDate
from fullpicture.intake.identifiers import parse_nhs_number, parse_upn
from fullpicture.intake.names import split_full_name
from fullpicture.intake.plan import TablePlan
from fullpicture.intake.postcodes import normalise_postcode
from fullpicture.intake.problems import InvalidValue

_NAME_LIMITS = {
    "given_name": 128,
    "middle_names": 256,
    "family_name": 128,
    "known_as": 128,
    "former_family_name": 128,
}


def _identifiers(check: RowCheck) -> tuple[str | None, str | None, str | None]:
    """Return NHS number, UPN and the other-ids JSON (raw invalid identifiers kept there)."""
    others: dict[str, str] = {}
    nhs = check.parsed("nhs_number", parse_nhs_number)
    if nhs is None and "nhs_number" in check.values:
        others["nhs_number_invalid"] = check.values["nhs_number"]
    upn = check.parsed("upn", parse_upn)
    if upn is None and "upn" in check.values:
        others["upn_invalid"] = check.values["upn"]
    other = check.text("other_id", 256)
    if other is not None:
        others["other_id"] = other
    return nhs, upn, json.dumps(others, ensure_ascii=False) if others else None


def _names(check: RowCheck) -> dict[str, str | None]:
    names = {field: check.name(field, limit) for field, limit in _NAME_LIMITS.items()}
    full = check.text("full_name", 512)
    if full is not None:
        parts = split_full_name(full)
        names["given_name"] = names["given_name"] or parts.given_name
        names["middle_names"] = names["middle_names"] or parts.middle_names
        names["family_name"] = names["family_name"] or parts.family_name
    return names


def _birth(check: RowCheck, plan: TablePlan, ctx: ImportContext) -> ParsedDate | None:
    def parse(text: str) -> ParsedDate:
        found = plan.date(text)
        if found.day > ctx.today:
            raise InvalidValue("a date of birth in the future")
        return found

    return check.parsed("date_of_birth", parse)


def build_person(plan: TablePlan, check: RowCheck, ctx: ImportContext, row: int) -> dict[str, Any]:
    """Return the ``source_person`` row for one checked row (problems collect in ``check``)."""
    nhs, upn, other_ids = _identifiers(check)
    birth = _birth(check, plan, ctx)
    return {
        "source": ctx.source,
        "agency": ctx.agency,
        "local_id": check.key("local_id", 128),
        "ledger_id": ctx.ledger_id,
        "row_number": row,
        "nhs_number": nhs,
        "upn": upn,
        "other_ids": other_ids,
        **_names(check),
        "date_of_birth": birth.day if birth else None,
        "dob_precision": birth.precision.value if birth else None,
        "sex": check.parsed("sex", parse_sex),
        "ethnicity": check.text("ethnicity", 16),
        "first_language": check.text("first_language", 64),
        "religion": check.text("religion", 64),
        "postcode": check.parsed("postcode", normalise_postcode),
        "address": check.text("address", 512),
        "is_child": check.parsed("is_child", parse_flag),
        "updated_at": ctx.started_at,
    }
