"""The child page's chronology: the chronology module's entries (one per incident, with every
source, and gaps in agency contact), scoped to the agencies the user may see, filtered, and cut
into pages of the latest entries so that a page's cost does not grow with the child's history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from markupsafe import Markup, escape
from sqlalchemy.engine import Connection

from fullpicture.chronology.build import DEFAULT_GAP_DAYS, chronology_entries, read_person_records
from fullpicture.chronology.model import Entry, EntryKind, Record, agency_label
from fullpicture.vocabulary import EVENT_TYPES
from fullpicture.web.casefile import VOICE_TYPES, EventFilters

PAGE_SIZE = 50
"""Entries on one page of the chronology (the latest first page; earlier ones on request)."""


@dataclass(frozen=True)
class ChronologyPage:
    """What the child page shows of the chronology."""

    entries: tuple[Entry, ...]  # this page's entries, oldest first
    records: tuple[Record, ...]  # every record matching the filters (timeline, voice, counts)
    total_entries: int
    page: int
    pages: int
    first_number: int  # the number of the page's first entry, counting from the oldest (1-based)
    agencies: tuple[str, ...]  # agencies present (filter choices)
    event_types: tuple[tuple[str, str], ...]  # (type, label) present (filter choices)
    gaps_shown: bool

    @property
    def voice(self) -> list[Record]:
        """The child's wishes and feelings among the records shown."""
        return [r for r in self.records if r.event_type in VOICE_TYPES]


def _matches(record: Record, filters: EventFilters) -> bool:
    if filters.agencies and record.provenance.agency not in filters.agencies:
        return False
    if filters.event_types and record.event_type not in filters.event_types:
        return False
    if filters.date_from and record.occurred_on < filters.date_from:
        return False
    return not (filters.date_to and record.occurred_on > filters.date_to)


_MINIMISED = ("summary", "opinion", "action", "reason_no_action", "significance", "location")


def _minimised(record: Record, approved: frozenset[str]) -> Record:
    """Blank what an information-sharing agreement does not approve for the record's agency."""
    blanked: dict[str, object] = {f: None for f in _MINIMISED if f not in approved}
    if "attributes" not in approved:
        blanked["attributes"] = {}
    if "record_id" not in approved:
        blanked["provenance"] = replace(record.provenance, record_id=None)
    return replace(record, **blanked)  # type: ignore[arg-type]


def _contact_from(shown: Sequence[str], scoped: bool, filters: EventFilters) -> str:
    """Who a gap entry speaks for: every agency only when every agency's records are in view."""
    if not scoped and not filters.agencies:
        return "any agency"
    return ", ".join(agency_label(a) for a in shown) or "the agencies shown"


def child_chronology(
    conn: Connection,
    source_person_ids: Sequence[int],
    agencies: frozenset[str] | None,
    filters: EventFilters,
    page: int = 1,
    *,
    shared_fields: Mapping[str, frozenset[str]] | None = None,
) -> ChronologyPage:
    """Build the child's chronology as the user may see it, and cut out one page.

    Args:
        conn: the audited transaction's connection.
        source_person_ids: the child's agency records.
        agencies: the agencies the access decision allows (None: every agency).
        filters: the user's agency, event type and date filters (applied to records before
            grouping, so an entry shows only records the user asked for).
        page: 1 for the latest ``PAGE_SIZE`` entries, 2 for the ones before, and so on.
        shared_fields: agencies seen only through an information-sharing agreement, with the
            fields it approves; their records keep only those (``ChildAccess.shared_fields``).

    Returns:
        The page; gap entries appear unless an event-type filter is chosen (a gap in one kind of
        record is not a gap in contact).
    """
    everything = read_person_records(conn, source_person_ids, agencies)
    if shared_fields:
        everything = [
            _minimised(r, shared_fields[r.provenance.agency])
            if r.provenance.agency in shared_fields
            else r
            for r in everything
        ]
    present = sorted({r.provenance.agency for r in everything})
    types = sorted({r.event_type for r in everything})
    records = [r for r in everything if _matches(r, filters)]
    shown_agencies = sorted(set(filters.agencies) & set(present)) if filters.agencies else present
    gaps = not filters.event_types
    entries = chronology_entries(
        records,
        gap_days=DEFAULT_GAP_DAYS if gaps else None,
        contact_from=_contact_from(shown_agencies, agencies is not None, filters),
    )
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    end = len(entries) - (page - 1) * PAGE_SIZE
    start = max(0, end - PAGE_SIZE)
    return ChronologyPage(
        entries=tuple(entries[start:end]),
        records=tuple(records),
        total_entries=len(entries),
        page=page,
        pages=pages,
        first_number=start + 1,
        agencies=tuple(present),
        event_types=tuple((t, EVENT_TYPES[t].label if t in EVENT_TYPES else t) for t in types),
        gaps_shown=gaps,
    )


def page_link(person_id: str, filters: EventFilters, raw_dates: dict[str, str], page: int) -> str:
    """The address of another page of the chronology, keeping the filters."""
    params: list[tuple[str, str]] = [("agency", a) for a in filters.agencies]
    params += [("type", t) for t in filters.event_types]
    params += [(k, v) for k, v in raw_dates.items() if v]
    params.append(("page", str(page)))
    return f"/children/{person_id}?{urlencode(params)}#chronology"


def _what_happened(entry: Entry) -> str:
    several = len(entry.records) > 1
    parts: list[str] = []
    for r in entry.records:
        if parts:
            parts.append("<br>")
        parts.append(f"<strong>{escape(r.label)}</strong>")
        if several:
            parts.append(f" ({escape(agency_label(r.provenance.agency))})")
        if r.summary:
            parts.append(f"<br>{escape(r.summary)}")
        if r.action:
            parts.append(f'<br><span class="govuk-body-s">Action: {escape(r.action)}</span>')
    return "".join(parts)


def _sources(entry: Entry) -> str:
    return "<br>".join(
        f"{escape(r.provenance.source)} {escape(r.provenance.record_id or '')}"
        for r in entry.records
    )


def _row(entry: Entry) -> str:
    when = escape(entry.when)
    if entry.kind != EntryKind.EVENT:
        return (
            f'    <tr class="govuk-table__row">\n      <td class="govuk-table__cell">{when}</td>\n'
            f'      <td class="govuk-table__cell app-event--gap" colspan="3"><strong>'
            f"{escape(entry.text)}</strong></td>\n    </tr>\n"
        )
    agencies = escape(", ".join(agency_label(a) for a in entry.agencies))
    return (
        f'    <tr class="govuk-table__row">\n      <td class="govuk-table__cell">{when}</td>\n'
        f'      <td class="govuk-table__cell">{agencies}</td>\n'
        f'      <td class="govuk-table__cell app-event--{escape(entry.valence)}">'
        f"{_what_happened(entry)}</td>\n"
        f'      <td class="govuk-table__cell govuk-body-s">{_sources(entry)}</td>\n    </tr>\n'
    )


def chronology_rows(entries: Sequence[Entry]) -> Markup:
    """The chronology table's rows (``<tr>`` elements, one line per cell), every text escaped.

    Written in Python rather than as a template loop: the page shows up to 50 entries and the
    template's attribute lookups per row cost several times more than this.
    """
    return Markup("".join(_row(entry) for entry in entries))  # nosec B704 - escaped above
