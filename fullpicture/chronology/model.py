"""The shape of a chronology: records (one agency's event), entries (one line), and the whole.

A *record* is one event exactly as one agency recorded it, with its provenance. An *entry* is one
line of the chronology: an event entry holds one or more records of the same incident (see
``docs/chronology.md`` for the grouping rule); a gap entry says that no agency had contact for a
while; a household entry says that someone joined or left the household. Nothing is dropped:
every record read for the person is in exactly one event entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from fullpicture.vocabulary import Valence


class EntryKind(StrEnum):
    """What a chronology line is."""

    EVENT = "event"
    GAP = "gap"
    HOUSEHOLD = "household"


@dataclass(frozen=True)
class Provenance:
    """Where a record came from: enough to find the original line in the agency's file."""

    agency: str
    source: str
    system: str | None
    filename: str
    row_number: int
    record_id: str | None
    author_role: str | None
    ledger_id: int

    def describe(self) -> str:
        """One line: agency (system), file and row, record id, author role."""
        text = agency_label(self.agency)
        if self.system:
            text += f" ({self.system})"
        text += f", {self.filename} row {self.row_number}"
        if self.record_id:
            text += f", record {self.record_id}"
        if self.author_role:
            text += f", by {self.author_role}"
        return text


@dataclass(frozen=True)
class Record:
    """One event as one agency recorded it."""

    event_id: int
    event_type: str
    label: str
    valence: str
    occurred_on: date
    precision: str
    uncertain: bool
    occurred_at: datetime | None
    sequence: int
    subject_person_id: str | None
    subject_source_person_id: int
    role: str  # the chronology person's part: "subject", or a participant role
    summary: str | None
    opinion: str | None
    action: str | None
    reason_no_action: str | None
    significance: str | None
    incident_ref: str | None
    location: str | None
    attributes: dict[str, str]
    restricted: bool
    provenance: Provenance


@dataclass(frozen=True)
class Entry:
    """One line of the chronology."""

    kind: EntryKind
    occurred_on: date
    precision: str
    uncertain: bool
    when: str  # the date as printed, e.g. "?3 May 2021", "May 2021"
    records: tuple[Record, ...] = ()
    text: str = ""  # for gap and household entries
    gap_days: int = 0

    @property
    def valence(self) -> str:
        """Concern if any record is a concern, else positive if any is, else neutral."""
        found = {r.valence for r in self.records}
        for valence in (Valence.CONCERN, Valence.POSITIVE):
            if valence in found:
                return valence.value
        return Valence.NEUTRAL.value

    @property
    def agencies(self) -> tuple[str, ...]:
        """The agencies that recorded this entry, in order of first appearance."""
        return tuple(dict.fromkeys(r.provenance.agency for r in self.records))

    @property
    def title(self) -> str:
        """The entry's event labels, each once, joined with '; '."""
        if not self.records:
            return self.text
        return "; ".join(dict.fromkeys(r.label for r in self.records))


@dataclass(frozen=True)
class NamedPerson:
    """A person named in the chronology, with every spelling the records use (for anonymising)."""

    key: str  # person id, or "S<source_person_id>" for a record not yet linked
    display_name: str
    is_child: bool | None
    date_of_birth: date | None
    names: tuple[str, ...]
    is_subject: bool = False


@dataclass(frozen=True)
class MembershipInterval:
    """A period in which someone lived in the household, and what shows it."""

    start: date | None
    end: date | None
    basis: str

    def contains(self, day: date) -> bool:
        """True when ``day`` is inside the period (open ends are unbounded)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class HouseholdMember:
    """Someone who lived with the person, with the periods and the evidence."""

    key: str
    person_id: str | None
    source_person_ids: tuple[int, ...]
    display_name: str
    is_child: bool | None
    date_of_birth: date | None
    relationships: tuple[str, ...]
    intervals: tuple[MembershipInterval, ...]

    def lived_with_on(self, day: date) -> bool:
        """True when any membership interval contains ``day``."""
        return any(i.contains(day) for i in self.intervals)


@dataclass(frozen=True)
class PersonHeader:
    """Who the chronology is about."""

    person_id: str
    display_name: str
    date_of_birth: date | None
    sex: str | None


@dataclass(frozen=True)
class Chronology:
    """A person's (or household's) multi-agency chronology."""

    person: PersonHeader
    household: bool
    entries: tuple[Entry, ...]
    members: tuple[HouseholdMember, ...] = ()
    last_contact: dict[str, date] = field(default_factory=dict)
    people: tuple[NamedPerson, ...] = ()
    gap_threshold_days: int = 180

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record in the chronology, in entry order."""
        return tuple(r for e in self.entries for r in e.records)


_AGENCY_LABELS = {
    "social_care": "Children's social care",
    "police": "Police",
    "health": "Health",
    "education": "Education",
    "housing": "Housing",
    "youth_justice": "Youth justice",
    "camhs": "CAMHS",
    "voluntary": "Voluntary sector",
    "partnership": "Multi-agency",
}


def agency_label(agency: str) -> str:
    """The agency's name as people say it ("Children's social care" for ``social_care``)."""
    return _AGENCY_LABELS.get(agency, agency.replace("_", " ").capitalize())
