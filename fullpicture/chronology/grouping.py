"""Grouping: the same incident recorded by several agencies becomes one entry with all its sources.

The rule (also in ``docs/chronology.md``): two records are the same incident when

1. both carry the same incident reference (``incident_ref``, compared trimmed and case-insensitive),
   whatever their agencies, dates or types; or
2. they come from *different sources*, are about the *same person*, both name the *same day*
   (day or exact precision, and the same date), and their event types belong to the *same family*
   (:data:`EVENT_FAMILIES`; a type outside every family is a family of its own). When one source
   has several such records that day, only its first (in chronology order) is joined.

Grouping is transitive (records joined through a third one end up together). Nothing is deleted:
each record is in exactly one group, and a group keeps every record with its own provenance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from fullpicture.chronology.dates import is_day_precise
from fullpicture.chronology.model import Record

EVENT_FAMILIES: dict[str, frozenset[str]] = {
    # One harmful incident is seen by police, the emergency department and social care alike.
    "harm_incident": frozenset(
        {
            "police.incident",
            "police.domestic_abuse_incident",
            "health.ed_attendance",
            "health.admission",
            "social_care.serious_injury",
            "social_care.child_death",
        }
    ),
    # A concern raised by one agency arrives at the front door as a contact or referral.
    "concern_report": frozenset(
        {
            "police.notification",
            "health.concern",
            "education.concern",
            "housing.concern",
            "social_care.contact",
            "social_care.referral",
        }
    ),
    "missing": frozenset({"police.missing_start"}),
    "returned": frozenset({"police.missing_end"}),
    "young_carer": frozenset(
        {"social_care.young_carer_identified", "education.young_carer_identified"}
    ),
    "exploitation": frozenset({"police.exploitation_concern", "partnership.mace"}),
    "substance_misuse": frozenset({"health.substance_misuse", "partnership.substance_misuse"}),
}
"""Event types that different agencies use for the same kind of happening."""

_FAMILY_OF = {t: name for name, types in EVENT_FAMILIES.items() for t in types}


def event_family(event_type: str) -> str:
    """The family an event type belongs to (itself when it is in no family)."""
    return _FAMILY_OF.get(event_type, event_type)


class _Groups:
    """Union-find over record positions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, members: Iterable[int]) -> None:
        it = iter(members)
        first = next(it, None)
        if first is None:
            return
        root = self.find(first)
        for other in it:
            self.parent[self.find(other)] = root


def _join_by_incident_ref(records: Sequence[Record], groups: _Groups) -> None:
    by_ref: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        if record.incident_ref and record.incident_ref.strip():
            by_ref[record.incident_ref.strip().casefold()].append(i)
    for members in by_ref.values():
        groups.join(members)


def _join_same_day_family(records: Sequence[Record], groups: _Groups) -> None:
    by_key: dict[tuple[str, str, object], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, record in enumerate(records):
        if not is_day_precise(record.precision):
            continue
        person = record.subject_person_id or f"S{record.subject_source_person_id}"
        key = (person, event_family(record.event_type), record.occurred_on)
        by_key[key][record.provenance.source].append(i)
    for by_source in by_key.values():
        if len(by_source) > 1:  # only records from different sources are joined this way
            # When one source has several such records that day we cannot tell which of them the
            # other agency saw, so only its first joins; the others stay entries of their own.
            groups.join(members[0] for members in by_source.values())


def group_records(records: Sequence[Record]) -> list[list[Record]]:
    """Put the records of the same incident together.

    Args:
        records: the chronology's records, already in chronology order.

    Returns:
        Groups in order of their first record; each group's records keep chronology order.
        Every input record is in exactly one group.
    """
    groups = _Groups(len(records))
    _join_by_incident_ref(records, groups)
    _join_same_day_family(records, groups)
    by_root: dict[int, list[Record]] = {}
    for i, record in enumerate(records):
        by_root.setdefault(groups.find(i), []).append(record)
    return list(by_root.values())
