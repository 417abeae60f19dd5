"""Views of a chronology as a table: working, court (PD12A-style) and review (composite).

Every renderer (text, HTML, CSV, JSON, DOCX, PDF) takes a :class:`ChronologyTable`, so the views
say *what* is shown and the renderers only say *how*. Anonymising happens here, once, on every
piece of text the table holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from fullpicture.chronology.anonymise import Anonymiser
from fullpicture.chronology.dates import format_when
from fullpicture.chronology.model import (
    Chronology,
    Entry,
    EntryKind,
    MembershipInterval,
    Provenance,
    Record,
    agency_label,
)
from fullpicture.errors import FullpictureError

_Names = dict[str, str] | None  # person key -> name, in household chronologies only


class View(StrEnum):
    """The chronology views."""

    WORKING = "working"
    COURT = "court"
    REVIEW = "review"


COLUMNS: dict[View, tuple[str, ...]] = {
    View.WORKING: ("Date", "What happened", "Details", "Significance", "Sources"),
    View.COURT: (
        "Date",
        "Source / author",
        "Event",
        "Significance / relevance to the child",
        "Page / document reference",
    ),
    View.REVIEW: ("Date", "Composite account", "Agencies", "References"),
}


EVENT_COLUMN = {View.WORKING: 1, View.COURT: 2, View.REVIEW: 1}
"""The column that names the event, where renderers mark concern or positive."""


@dataclass(frozen=True)
class TableRow:
    """One line of a rendered chronology."""

    kind: str  # event | gap | household
    valence: str
    cells: tuple[str, ...]
    provenance: tuple[Provenance, ...]
    event_ids: tuple[int, ...]


@dataclass(frozen=True)
class ChronologyTable:
    """A chronology laid out for one view, ready to render."""

    title: str
    view: View
    person_id: str
    anonymised: bool
    facts: tuple[tuple[str, str], ...]  # heading facts: date of birth, last contact per agency ...
    members: tuple[tuple[str, str, str], ...]  # household: name, relationship, periods
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]


def marked_cells(table: ChronologyTable, row: TableRow) -> tuple[str, ...]:
    """The row's cells with "[concern]" or "[positive]" after the event, for formats without
    colour or tags (plain text, Word, PDF)."""
    if row.kind != "event" or row.valence not in ("concern", "positive"):
        return row.cells
    column = EVENT_COLUMN[table.view]
    cells = list(row.cells)
    cells[column] = f"{cells[column]} [{row.valence}]"
    return tuple(cells)


def parse_view(name: str) -> View:
    """The view called ``name``; a clear error for anything else."""
    try:
        return View(name)
    except ValueError:
        raise FullpictureError(
            f"Unknown chronology view {name!r}.",
            hint=f"Use one of: {', '.join(v.value for v in View)}.",
        ) from None


def build_table(
    chronology: Chronology, view: str = "working", anonymise: bool = False
) -> ChronologyTable:
    """Lay ``chronology`` out for ``view``, replacing names when ``anonymise`` is set.

    Args:
        chronology: a chronology from :func:`fullpicture.chronology.build_chronology`.
        view: ``working``, ``court`` or ``review``.
        anonymise: replace every name (headings and free text) with a stable pseudonym.

    Returns:
        The table every renderer works from.
    """
    chosen = parse_view(view)
    hide: Callable[[str], str] = Anonymiser(chronology.people).apply if anonymise else str
    # In a household chronology, other people's records say whose they are.
    names = (
        {p.key: p.display_name for p in chronology.people if not p.is_subject}
        if chronology.household
        else None
    )
    rows = tuple(_row(entry, chosen, hide, names) for entry in chronology.entries)
    who = hide(chronology.person.display_name)
    kind = "Household chronology" if chronology.household else "Chronology"
    return ChronologyTable(
        title=f"{kind}: {who} ({chronology.person.person_id})",
        view=chosen,
        person_id=chronology.person.person_id,
        anonymised=anonymise,
        facts=_facts(chronology, anonymise),
        members=tuple(
            (
                hide(m.display_name),
                hide(", ".join(m.relationships) or "lives with"),
                hide(_periods(m.intervals)),
            )
            for m in chronology.members
        ),  # fmt: skip
        columns=COLUMNS[chosen],
        rows=rows,
    )


def _facts(chronology: Chronology, anonymise: bool) -> tuple[tuple[str, str], ...]:
    facts: list[tuple[str, str]] = []
    born = chronology.person.date_of_birth
    if born is not None and not anonymise:
        facts.append(("Date of birth", format_when(born, "day")))
    entries = [e for e in chronology.entries if e.kind == EntryKind.EVENT]
    facts.append(("Entries", f"{len(entries)} ({len(chronology.records)} agency records)"))
    for agency, day in chronology.last_contact.items():
        facts.append((f"Last contact: {agency_label(agency)}", format_when(day, "day")))
    return tuple(facts)


def _periods(intervals: tuple[MembershipInterval, ...]) -> str:
    parts = []
    for i in intervals:
        begin = format_when(i.start, "day") if i.start else "unknown start"
        finish = format_when(i.end, "day") if i.end else "no recorded end"
        parts.append(f"{begin} to {finish} ({i.basis})")
    return "; ".join(parts)


def _row(entry: Entry, view: View, hide: Callable[[str], str], names: _Names) -> TableRow:
    if entry.kind != EntryKind.EVENT:
        blank = [""] * (len(COLUMNS[view]) - 2)
        return TableRow(entry.kind.value, "neutral", (entry.when, hide(entry.text), *blank), (), ())
    build = {View.WORKING: _working, View.COURT: _court, View.REVIEW: _review}[view]
    cells = tuple(hide(c) for c in build(entry, names))
    return TableRow(
        entry.kind.value,
        entry.valence,
        cells,
        tuple(_hidden_provenance(r.provenance, hide) for r in entry.records),
        tuple(r.event_id for r in entry.records),
    )


def _hidden_provenance(p: Provenance, hide: Callable[[str], str]) -> Provenance:
    # File names, record ids and roles are free text too: a file may be named after a family.
    return replace(
        p,
        filename=hide(p.filename),
        record_id=hide(p.record_id) if p.record_id else None,
        author_role=hide(p.author_role) if p.author_role else None,
        system=hide(p.system) if p.system else None,
    )


def _what(entry: Entry) -> str:
    title = entry.title
    roles = {r.role for r in entry.records if r.role != "subject"}
    if roles and all(r.role != "subject" for r in entry.records):
        title += f" (as {', '.join(sorted(roles)).replace('_', ' ')})"
    return title


_YES_NO = {"true": "yes", "false": "no", "True": "yes", "False": "no"}


def record_details(record: Record) -> str:
    """The record's account: facts, opinion (labelled), action or why none, attributes."""
    parts = []
    if record.summary:
        parts.append(record.summary)
    if record.opinion:
        parts.append(f"Opinion: {record.opinion}")
    if record.action:
        parts.append(f"Action: {record.action}")
    if record.reason_no_action:
        parts.append(f"No action because: {record.reason_no_action}")
    if record.location:
        parts.append(f"Where: {record.location}")
    if record.attributes:
        parts.append(
            "; ".join(
                f"{k.replace('_', ' ')}: {_YES_NO.get(v, v)}" for k, v in record.attributes.items()
            )
        )
    if record.restricted:
        parts.append("(restricted record)")
    return " ".join(parts)


def _who(record: Record, names: _Names) -> str:
    """In a household chronology, whose record it is."""
    if names is None:
        return ""
    key = record.subject_person_id or f"S{record.subject_source_person_id}"
    return f"({names[key]}) " if key in names else ""


def _working(entry: Entry, names: _Names) -> list[str]:
    details = [
        f"{_who(r, names)}{record_details(r)}" if len(entry.records) == 1
        else f"{agency_label(r.provenance.agency)}: {_who(r, names)}{record_details(r)}"
        for r in entry.records
    ]  # fmt: skip
    return [
        entry.when,
        _what(entry),
        "\n".join(d for d in details if d.strip()),
        _significance(entry),
        "\n".join(r.provenance.describe() for r in entry.records),
    ]


def _court(entry: Entry, names: _Names) -> list[str]:
    authors = [
        agency_label(r.provenance.agency)
        + (f" ({r.provenance.author_role})" if r.provenance.author_role else "")
        for r in entry.records
    ]
    events = [f"{r.label}: {_who(r, names)}{r.summary or ''}".rstrip(": ") for r in entry.records]
    relevance = [
        " ".join(p for p in (r.opinion, r.action, r.reason_no_action) if p) for r in entry.records
    ]
    return [
        entry.when,
        "\n".join(dict.fromkeys(authors)),
        "\n".join(events),
        "\n".join(p for p in [_significance(entry), *relevance] if p),
        "\n".join(_reference(r.provenance) for r in entry.records),
    ]


def _review(entry: Entry, names: _Names) -> list[str]:
    account = [
        f"{agency_label(r.provenance.agency)}: {r.label}. {_who(r, names)}{record_details(r)}".strip()
        for r in entry.records
    ]  # fmt: skip
    return [
        entry.when,
        "\n".join(account),
        ", ".join(agency_label(a) for a in entry.agencies),
        "\n".join(f"{agency_label(r.provenance.agency)}: {_reference(r.provenance)}" for r in entry.records),
    ]  # fmt: skip


def _reference(p: Provenance) -> str:
    ref = f"{p.filename}, row {p.row_number}"
    return f"{ref}, record {p.record_id}" if p.record_id else ref


def _significance(entry: Entry) -> str:
    levels = [r.significance for r in entry.records if r.significance]
    order = {"high": 0, "medium": 1, "low": 2}
    return min(levels, key=lambda s: order.get(s, 3)) if levels else ""
