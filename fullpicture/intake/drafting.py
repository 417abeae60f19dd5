"""Draft a mapping for a new agency export from the files themselves.

A data manager bringing a new export shape should not start from a blank page. Drafting reads a
sample of each file, recognises what its columns hold (from the header and from the values: valid
NHS numbers, UPNs, postcodes, dates, low-cardinality codes), decides what kind of table each file
is, guesses event types for the agency's codes, and writes a mapping with every guess explained in
a comment. The draft is a starting point that a person checks (``fullpicture mapping check``)
before the first import: codes it cannot place are listed, and rows carrying them are quarantined
with their reason until the mapping says what they mean, so nothing is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fullpicture.errors import MappingError
from fullpicture.intake.dates import parse_date, strptime
from fullpicture.intake.event_hints import catch_all, guess_event_type
from fullpicture.intake.identifiers import parse_nhs_number, parse_upn
from fullpicture.intake.mapping import TableKind
from fullpicture.intake.readers import open_file, parts_of
from fullpicture.vocabulary import EVENT_TYPES, Agency, RelationshipKind

_Test = Callable[[str], bool]
_Guess = Callable[[str], str | None]

SAMPLE_ROWS = 2000
"""Rows read from each file to recognise its columns."""

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_TYPE_WORDS = ("type", "category", "kind", "reason", "activity", "code", "class", "event")
_END_WORDS = ("end", "to", "ceas", "return", "clos", "finish", "discharg", "left", "until", "out")
_CANDIDATE_FORMATS = ("%Y%m%d", "%d%m%Y", "%Y/%m/%d", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f")

# Header words (lower case, letters and digits only) that name each canonical field.
_HEADERS: dict[str, tuple[str, ...]] = {
    "nhs_number": ("nhs", "nhsno", "nhsnumber", "nhsnum"),
    "upn": ("upn", "uniquepupilnumber", "pupilnumber"),
    "given_name": ("forename", "forenames", "firstname", "givenname", "first"),
    "middle_names": ("middlename", "middlenames", "othernames"),
    "family_name": ("surname", "lastname", "familyname"),
    "full_name": ("name", "fullname", "childname", "personname", "patientname", "clientname"),
    "known_as": ("knownas", "aka", "preferredname", "alias"),
    "former_family_name": ("previoussurname", "formersurname", "maidenname", "birthsurname"),
    "date_of_birth": ("dob", "dateofbirth", "birthdate", "bdate", "birthdt"),
    "sex": ("sex", "gender", "gendercode", "sexcode"),
    "ethnicity": ("ethnicity", "ethnic", "ethnicorigin", "ethniccode", "ethnicgroup"),
    "first_language": ("language", "firstlanguage", "mainlanguage", "homelanguage"),
    "religion": ("religion", "faith"),
    "postcode": ("postcode", "pcode", "postalcode", "post"),
    "address": ("address", "addressline1", "address1", "street", "fulladdress"),
    "is_child": ("juvenile", "ischild", "minor", "under18"),
    "summary": (
        "summary",
        "description",
        "details",
        "detail",
        "notes",
        "narrative",
        "text",
        "presentingcomplaint",
        "complaint",
    ),
    "opinion": ("opinion", "assessmentofrisk", "analysis", "professionalview"),
    "action": ("action", "actiontaken", "actions"),
    "location": ("location", "place", "site", "venue", "setting"),
    "author_role": ("authorrole", "recordedbyrole", "staffrole", "workerrole"),
    "recorded_on": (
        "recordedon",
        "recordeddate",
        "dateentered",
        "enteredon",
        "createddate",
        "loggedon",
        "recorded",
        "entered",
        "inputdate",
    ),
    "incident_ref": ("incidentref", "incidentno", "occurrenceno", "crimeref", "crimeno", "logno"),
    "kind": ("relationship", "relation", "reltype", "linktype", "relationshipcode"),
    "start_date": ("startdate", "fromdate", "datefrom", "movedin", "joined", "start", "from"),
    "end_date": ("enddate", "todate", "dateto", "movedout", "left", "end", "to", "until"),
}
_ID_WORDS = ("id", "ref", "no", "number", "key", "code")
_PERSON_WORDS = ("person", "child", "client", "subject", "patient", "pupil", "nominal", "young")
_TO_WORDS = ("child", "young", "pupil", "lead", "linked", "main", "head")
"""Words of the column a relationship points to (the child, the lead tenant, the linked person)."""
_SEX_CODES = {
    "m": "male", "male": "male", "1": "male", "boy": "male", "man": "male",
    "f": "female", "female": "female", "2": "female", "girl": "female", "woman": "female",
    "u": "unknown", "unknown": "unknown", "0": "unknown", "9": "unknown", "not known": "unknown",
    "i": "unknown", "indeterminate": "unknown", "x": "unknown",
}  # fmt: skip
_KIN_CODES = (
    ("step", "step_parent"),
    ("partner", "partner_of_parent"),
    ("boyfriend", "partner_of_parent"),
    ("girlfriend", "partner_of_parent"),
    ("mother", "parent"),
    ("father", "parent"),
    ("parent", "parent"),
    ("mum", "parent"),
    ("dad", "parent"),
    ("brother", "sibling"),
    ("sister", "sibling"),
    ("sibling", "sibling"),
    ("carer", "carer"),
    ("grand", "carer"),
    ("guardian", "carer"),
    ("foster", "carer"),
    ("friend", "associate"),
    ("associate", "associate"),
    ("peer", "associate"),
    ("lodger", "household_member"),
    ("household", "household_member"),
)


@dataclass
class ColumnProfile:
    """What a sample of one column holds."""

    name: str
    key: str  # the header in lower case, letters and digits only
    values: Counter[str] = field(default_factory=Counter)
    rows: int = 0

    @property
    def filled(self) -> int:
        """Rows with a value."""
        return sum(self.values.values())

    def share(self, test: _Test) -> float:
        """The share of the distinct values (weighted by count) that pass ``test``."""
        if not self.values:
            return 0.0
        passed = sum(n for value, n in self.values.items() if test(value))
        return passed / self.filled


@dataclass
class EmitDraft:
    """One event each row emits, and why it was chosen."""

    date: str
    event_type: str | None
    optional: bool
    reason: str


@dataclass
class TableDraft:
    """The drafted mapping of one file, with the reasons for each choice."""

    path: Path
    name: str
    kind: TableKind
    match: str
    columns: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    unplaced: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    emits: list[EmitDraft] = field(default_factory=list)
    key_columns: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    rows_sampled: int = 0
    shares_file: bool = False  # one of the tables of a flat export (see _draft_flat)
    sheet: str | None = None  # the workbook's sheet (the JSON document's array) it reads

    @property
    def complete(self) -> bool:
        """Whether the table is valid as drafted (an event table needs an event to emit)."""
        return self.kind is not TableKind.EVENT or bool(self.emits)


@dataclass
class MappingDraft:
    """A drafted mapping for one source."""

    source: str
    agency: Agency
    day_first: bool
    date_formats: list[str]
    tables: list[TableDraft]
    notes: list[str] = field(default_factory=list)


def header_key(name: str) -> str:
    """Reduce a header to lower-case letters and digits (``"Date of Birth"`` -> ``dateofbirth``)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def profile_file(
    path: Path, sample: int = SAMPLE_ROWS, part: str | None = None
) -> list[ColumnProfile]:
    """Read up to ``sample`` rows of ``path`` (or of its sheet or array ``part``) and count each
    column's values.

    Raises:
        UnreadableFileError: the file cannot be read (as for an import).
    """
    with open_file(path, part) as raw:
        profiles = [ColumnProfile(name, header_key(name)) for name in raw.header]
        for count, row in enumerate(raw.rows):
            if count >= sample:
                break
            for profile, value in zip(profiles, row.values, strict=False):
                profile.rows += 1
                if value.strip():
                    profile.values[value.strip()] += 1
    return profiles


def _passes(parse: Callable[[str], object]) -> _Test:
    def parses(value: str) -> bool:
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return parses


def _is_postcode(value: str) -> bool:
    return bool(_POSTCODE.match(" ".join(value.upper().split())))


def _is_date(day_first: bool = True, fmt: str | None = None) -> _Test:
    if fmt is not None:
        return _passes(lambda value: strptime(value, fmt))
    return _passes(lambda value: parse_date(value, (), day_first))


_NHS = _passes(parse_nhs_number)
_UPN = _passes(parse_upn)


def is_date_column(profile: ColumnProfile, formats: tuple[str, ...] = ()) -> bool:
    """Whether most of the column's values are dates (in a built-in form or one of ``formats``)."""
    if not profile.values:
        return "date" in profile.key
    if profile.share(_is_date()) >= 0.8:
        return True
    return any(profile.share(_is_date(fmt=fmt)) >= 0.8 for fmt in formats)


def _by_header(profiles: list[ColumnProfile], field_name: str) -> ColumnProfile | None:
    words = _HEADERS[field_name]
    exact = [p for p in profiles if p.key in words]
    if exact:
        return exact[0]
    longer = [w for w in words if len(w) >= 4]
    found = next((p for p in profiles if any(w in p.key for w in longer)), None)
    if found is None and field_name in ("start_date", "end_date"):
        suffix = "start" if field_name == "start_date" else "end"
        found = next((p for p in profiles if p.key.endswith(suffix)), None)
    return found


def _id_like(profile: ColumnProfile) -> bool:
    key = profile.key
    if any(key in words for name, words in _HEADERS.items() if name != "incident_ref"):
        return False  # "Postcode" or "Gender code" end in "code" but are not ids
    return key.endswith(_ID_WORDS) or key in ("id", "ref", "reference", *_PERSON_WORDS)


def _person_id_columns(profiles: list[ColumnProfile]) -> list[ColumnProfile]:
    """Columns that look like a person's local id, the most person-like first."""
    ids = [p for p in profiles if _id_like(p) and not _is_identifier_field(p)]
    return sorted(ids, key=lambda p: (not any(w in p.key for w in _PERSON_WORDS), p.key != "id"))


def _unique(profile: ColumnProfile) -> bool:
    return bool(profile.values) and len(profile.values) == profile.filled == profile.rows


def _is_identifier_field(profile: ColumnProfile) -> bool:
    return profile.key in _HEADERS["nhs_number"] + _HEADERS["upn"] or profile.share(_NHS) >= 0.8


def _record_id_column(profiles: list[ColumnProfile], taken: set[str]) -> ColumnProfile | None:
    """An id column, not already used, whose values are (almost) all different."""
    for profile in profiles:
        if profile.name in taken or not _id_like(profile) or not profile.values:
            continue
        if len(profile.values) >= 0.95 * profile.filled:
            return profile
    return None


def choose_day_first(profiles: list[ColumnProfile]) -> bool:
    """Read numeric dates day-first unless the values show month-first (a second part above 12)."""
    day_first = month_first = 0
    for profile in profiles:
        for value in profile.values:
            parts = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}", value)
            if parts is None:
                continue
            first, second = int(parts.group(1)), int(parts.group(2))
            day_first += first > 12
            month_first += second > 12
    return not month_first > day_first


def extra_date_formats(profiles: list[ColumnProfile], day_first: bool) -> list[str]:
    """Formats to declare for date-named columns the built-in forms do not read."""
    found: list[str] = []
    for profile in profiles:
        if "date" not in profile.key and "dob" not in profile.key or not profile.values:
            continue
        if profile.share(_is_date(day_first)) >= 0.8:
            continue
        best = max(_CANDIDATE_FORMATS, key=lambda fmt: profile.share(_is_date(fmt=fmt)))
        if profile.share(_is_date(fmt=best)) >= 0.8 and best not in found:
            found.append(best)
    return found


def guess_kind(profiles: list[ColumnProfile]) -> TableKind:
    """What one row of the file describes, from the columns it has."""
    has = {name: _by_header(profiles, name) is not None for name in _HEADERS}
    kin = any(p.values and p.share(lambda c: _kin_code(c) is not None) >= 0.6 for p in profiles)
    if (has["kind"] or kin) and len(_person_id_columns(profiles)) >= 2:
        return TableKind.RELATIONSHIP
    if has["family_name"] or has["given_name"] or has["full_name"]:
        return TableKind.PERSON
    other_dates = [
        p for p in profiles if _event_date(p, ()) and p.key not in _HEADERS["recorded_on"]
    ]
    if has["date_of_birth"] and not other_dates:
        return TableKind.PERSON
    if (has["postcode"] or has["address"]) and (has["start_date"] or has["end_date"]):
        return TableKind.ADDRESS
    return TableKind.EVENT


def is_flat(profiles: list[ColumnProfile]) -> bool:
    """Whether each row is an event carrying its person's details (a flat export).

    Names or a date of birth beside other event dates, with a person column whose values repeat
    (the same person on several rows), as in an ED attendance list with the patient's name and
    NHS number on every attendance.
    """
    if guess_kind(profiles) is not TableKind.PERSON:
        return False
    dates = [p for p in profiles if _event_date(p, ()) and p.key not in _HEADERS["recorded_on"]]
    people = [p for p in profiles if _id_like(p) or _is_identifier_field(p)]
    return bool(dates) and any(p.values and not _unique(p) for p in people)


def table_name(path: Path) -> str:
    """A table name from the file name, without dates or sequence numbers."""
    stem = re.sub(r"[^a-z0-9]+", "_", path.stem.lower())
    stem = re.sub(r"(_\d+)+$", "", stem)
    stem = re.sub(r"^(\d+_?)+", "", stem).strip("_")
    return stem or "table"


def draft_mapping(
    paths: list[Path], *, source: str, agency: Agency, sample: int = SAMPLE_ROWS
) -> MappingDraft:
    """Draft a mapping for ``source`` from its files.

    Files of the same shape (the same name apart from dates and numbers) share one table.

    Raises:
        MappingError: no files were given.
        UnreadableFileError: a file cannot be read.
    """
    if not paths:
        raise MappingError("No files to draft a mapping from.", hint="Name one or more files.")
    profiled = _profiled(paths, sample)
    every = [p for _, _, profiles in profiled for p in profiles]
    day_first = choose_day_first(every)
    formats = extra_date_formats(every, day_first)
    # People first (as imported), so the other files' person columns can be recognised by
    # holding the person files' local ids.
    ordered = sorted(profiled, key=lambda f: guess_kind(f[2]) is not TableKind.PERSON)
    person_ids: set[str] = set()
    tables = []
    for path, part, profiles in ordered:
        if is_flat(profiles):
            drafted = _draft_flat(path, profiles, agency, tuple(formats))
        else:
            drafted = [_draft_table(path, profiles, agency, tuple(formats), person_ids)]
        for table in drafted:
            if part is not None:  # one of a workbook's sheets (a document's arrays)
                table.sheet, table.name = part, f"{table.name}_{table_name(Path(part))}"
            if table.kind is TableKind.PERSON:
                person_ids |= _local_ids(table, profiles)
        tables.extend(drafted)
    return MappingDraft(source, agency, day_first, formats, tables, _notes(tables, day_first))


def _profiled(paths: list[Path], sample: int) -> list[tuple[Path, str | None, list[ColumnProfile]]]:
    """Each file's (or each of its sheets') column profiles; files of the same shape (the same
    name apart from dates and numbers) once, and sheets without data rows left out."""
    profiled: dict[tuple[str, str | None], tuple[Path, str | None, list[ColumnProfile]]] = {}
    for path in paths:
        for part in parts_of(path):
            key = (table_name(path), part)
            if key not in profiled:
                profiles = profile_file(path, sample, part)
                if part is None or any(p.rows for p in profiles):
                    profiled[key] = (path, part, profiles)
    return list(profiled.values())


def _local_ids(table: TableDraft, profiles: list[ColumnProfile]) -> set[str]:
    column = table.columns.get("local_id")
    return {v for p in profiles if p.name == column for v in p.values}


def _notes(tables: list[TableDraft], day_first: bool) -> list[str]:
    notes = [] if day_first else ["Dates such as 05/03/2021 read month-first (US order)."]
    if not any(t.kind is TableKind.PERSON for t in tables):
        notes.append(
            "No person file was given: events, addresses and relationships need their people "
            "imported first (from a person file of the same source), or they are quarantined "
            "as 'unknown person'."
        )
    return notes


def _draft_table(
    path: Path,
    profiles: list[ColumnProfile],
    agency: Agency,
    formats: tuple[str, ...],
    person_ids: set[str],
) -> TableDraft:
    kind = guess_kind(profiles)
    stem = table_name(path)
    draft = TableDraft(path, stem, kind, f"*{stem}*", rows_sampled=max(p.rows for p in profiles))
    drafters = {
        TableKind.PERSON: _draft_person,
        TableKind.ADDRESS: _draft_address,
        TableKind.RELATIONSHIP: _draft_relationship,
        TableKind.EVENT: _draft_event,
    }
    drafters[kind](draft, profiles, agency, formats, person_ids)
    used = set(draft.columns.values()) | {e.date for e in draft.emits} | set(draft.key_columns)
    draft.unread = [p.name for p in profiles if p.name not in used]
    return draft


def _draft_flat(
    path: Path, profiles: list[ColumnProfile], agency: Agency, formats: tuple[str, ...]
) -> list[TableDraft]:
    """Two tables reading one flat export: its people (one row per event: a person's later
    rows update the same person) and its events, sharing the file's ``match`` glob."""
    stem, rows = table_name(path), max(p.rows for p in profiles)
    person = TableDraft(path, f"{stem}_people", TableKind.PERSON, f"*{stem}*", rows_sampled=rows)
    person.shares_file = True
    repeating = [p for p in _person_id_columns(profiles) if not _unique(p)]
    if repeating:
        column = repeating[0]
        _take(person, "local_id", column, f"header {column.name!r} (a person id, repeated)")
    _draft_person(person, profiles, agency, formats, set())
    event = TableDraft(path, stem, TableKind.EVENT, f"*{stem}*", rows_sampled=rows)
    event.shares_file = True
    _draft_event(event, profiles, agency, formats, _local_ids(person, profiles))
    used = {e.date for e in event.emits} | set(event.key_columns)
    used |= set(person.columns.values()) | set(event.columns.values())
    person.unread = event.unread = [p.name for p in profiles if p.name not in used]
    return [person, event]


def _take(draft: TableDraft, field_name: str, profile: ColumnProfile, reason: str) -> None:
    if profile.name in draft.columns.values() or field_name in draft.columns:
        return
    draft.columns[field_name] = profile.name
    filled = f"{profile.filled} of {profile.rows}" if profile.rows else "empty in the sample"
    draft.reasons[field_name] = f"{reason}; filled in {filled}"


_DATE_FIELDS = ("date_of_birth", "start_date", "end_date", "recorded_on")


def _take_by_header(
    draft: TableDraft, profiles: list[ColumnProfile], names: tuple[str, ...]
) -> None:
    for name in names:
        found = _by_header(profiles, name)
        if found is not None and (name in _DATE_FIELDS or not is_date_column(found)):
            _take(draft, name, found, f"header {found.name!r}")


def _draft_person(
    draft: TableDraft,
    profiles: list[ColumnProfile],
    agency: Agency,
    formats: tuple[str, ...],
    person_ids: set[str],
) -> None:
    del agency, formats, person_ids
    _take_identifiers(draft, profiles)
    ids = sorted(_person_id_columns(profiles), key=lambda p: not _unique(p))
    if ids:
        _take(draft, "local_id", ids[0], f"header {ids[0].name!r} (an id column)")
    else:
        _identifier_as_local_id(draft, profiles)
    names = ("given_name", "middle_names", "family_name", "known_as", "former_family_name")
    _take_by_header(draft, profiles, names)
    if "family_name" not in draft.columns:
        _take_by_header(draft, profiles, ("full_name",))
    rest = ("date_of_birth", "sex", "ethnicity", "first_language", "religion", "address")
    _take_by_header(draft, profiles, (*rest, "is_child"))
    _take_postcode(draft, profiles)
    _sex_values(draft, profiles)
    draft.required = ["local_id"]


def _identifier_as_local_id(draft: TableDraft, profiles: list[ColumnProfile]) -> None:
    """With no local id column, the agency knows its people by their UPN or NHS number."""
    for field_name in ("upn", "nhs_number"):
        column = draft.columns.get(field_name)
        if column is not None:
            draft.columns["local_id"] = column
            draft.reasons["local_id"] = f"no local id column: {column!r} ({field_name}) is the key"
            return


def _take_identifiers(draft: TableDraft, profiles: list[ColumnProfile]) -> None:
    for profile in profiles:
        if profile.key in _HEADERS["nhs_number"] or profile.share(_NHS) >= 0.8:
            _take(draft, "nhs_number", profile, "valid NHS numbers (mod-11 check digit)")
        elif profile.key in _HEADERS["upn"] or profile.share(_UPN) >= 0.8:
            _take(draft, "upn", profile, "valid UPNs (check letter)")


def _take_postcode(draft: TableDraft, profiles: list[ColumnProfile]) -> None:
    for profile in profiles:
        if profile.values and profile.share(_is_postcode) >= 0.8:
            _take(draft, "postcode", profile, "UK postcodes")
            return
    _take_by_header(draft, profiles, ("postcode",))


def _sex_values(draft: TableDraft, profiles: list[ColumnProfile]) -> None:
    column = draft.columns.get("sex")
    if column is None:
        return
    profile = next(p for p in profiles if p.name == column)
    _code_values(draft, "sex", profile, lambda code: _SEX_CODES.get(code.lower()))


def _code_values(draft: TableDraft, field_name: str, profile: ColumnProfile, guess: _Guess) -> None:
    """Translate each distinct code of a column, listing the ones no guess places."""
    placed: dict[str, str] = {}
    unplaced: list[tuple[str, int]] = []
    for code, count in profile.values.most_common():
        found = guess(code)
        if found is None:
            unplaced.append((code, count))
        elif found != code:
            placed[code] = found
    if placed:
        draft.values[field_name] = placed
    if unplaced:
        draft.unplaced[field_name] = unplaced


def _draft_address(
    draft: TableDraft,
    profiles: list[ColumnProfile],
    agency: Agency,
    formats: tuple[str, ...],
    person_ids: set[str],
) -> None:
    del agency, formats
    _take_subject(draft, profiles, person_ids, "person_local_id")
    _take_postcode(draft, profiles)
    _take_by_header(draft, profiles, ("address", "start_date", "end_date"))
    record = _record_id_column(profiles, set(draft.columns.values()))
    if record is not None:
        _take(draft, "record_id", record, f"header {record.name!r}, a different value per row")
    draft.required = ["person_local_id"]


def _take_subject(
    draft: TableDraft, profiles: list[ColumnProfile], person_ids: set[str], field_name: str
) -> None:
    """The column naming the row's person: the id column whose values are known people."""
    if person_ids:
        best = max(profiles, key=lambda p: sum(n for v, n in p.values.items() if v in person_ids))
        if any(v in person_ids for v in best.values):
            _take(draft, field_name, best, f"{best.name!r} holds the person file's local ids")
            return
    ids = _person_id_columns(profiles)
    if ids:
        _take(draft, field_name, ids[0], f"header {ids[0].name!r} (a person id column)")


def _draft_relationship(
    draft: TableDraft,
    profiles: list[ColumnProfile],
    agency: Agency,
    formats: tuple[str, ...],
    person_ids: set[str],
) -> None:
    del agency, formats, person_ids
    record = _record_id_column(profiles, set())
    if record is not None and len(_person_id_columns(profiles)) > 2:
        _take(draft, "record_id", record, f"header {record.name!r}, a different value per row")
    ids = [p for p in _person_id_columns(profiles) if p.name not in draft.columns.values()]
    pointed = [p for p in ids if any(w in p.key for w in _TO_WORDS)]
    to = pointed[0] if pointed else ids[1]
    from_ = next(p for p in ids if p is not to)
    why = "a row reads 'from is the <kind> of to': check the direction"
    _take(draft, "from_local_id", from_, f"header {from_.name!r}; {why}")
    _take(draft, "to_local_id", to, f"header {to.name!r}")
    _take_by_header(draft, profiles, ("kind",))
    if "kind" not in draft.columns:
        kin = max(profiles, key=lambda p: p.share(lambda c: _kin_code(c) is not None))
        _take(draft, "kind", kin, f"values in {kin.name!r} name relationships")
    _take_by_header(draft, profiles, ("start_date", "end_date"))
    kind = next(p for p in profiles if p.name == draft.columns["kind"])
    _code_values(draft, "kind", kind, _kin_code)
    draft.required = ["from_local_id", "to_local_id", "kind"]


def _kin_code(code: str) -> str | None:
    """A relationship kind for a code, from the first person's side.

    Child-side words ("daughter", "stepson") are left for a person: the row then reads the other
    way round, which a value translation cannot express.
    """
    lowered = code.lower()
    if any(word in lowered for word in ("daughter", "son", "child")):
        return None
    if lowered in {kind.value for kind in RelationshipKind}:
        return lowered
    return next((kind for word, kind in _KIN_CODES if word in lowered), None)


def _draft_event(
    draft: TableDraft,
    profiles: list[ColumnProfile],
    agency: Agency,
    formats: tuple[str, ...],
    person_ids: set[str],
) -> None:
    _take_subject(draft, profiles, person_ids, "subject_local_id")
    _take_by_header(draft, profiles, ("incident_ref", "recorded_on"))
    record = _record_id_column(profiles, set(draft.columns.values()))
    if record is not None:
        _take(draft, "record_id", record, f"header {record.name!r}, a different value per row")
    named_as = guess_event_type(draft.name.replace("_", " "), agency)
    type_column = _event_type_column(
        profiles, agency, set(draft.columns.values()), _specific(named_as)
    )
    if type_column is not None:
        _take(draft, "event_type", type_column, f"codes in {type_column.name!r} name events")
        fallback = catch_all(agency) if named_as is not None and not _specific(named_as) else None
        _code_values(
            draft, "event_type", type_column, lambda c: guess_event_type(c, agency) or fallback
        )
    _draft_emits(draft, profiles, agency, formats, named_as)
    if draft.emits and all(e.event_type is not None for e in draft.emits):
        _drop_column(draft, "event_type")
    text = ("summary", "opinion", "action", "location", "author_role")
    _take_by_header(draft, profiles, text)
    draft.required = [f for f in ("subject_local_id", "record_id") if f in draft.columns]
    if "record_id" not in draft.columns:
        draft.key_columns = _key_columns(draft)


def _specific(event_type: str | None) -> str | None:
    """The event type unless it is an agency's catch-all concern or incident."""
    generic = event_type is None or event_type.endswith(("concern", "incident"))
    return None if generic else event_type


def _event_type_column(
    profiles: list[ColumnProfile], agency: Agency, taken: set[str], file_type: str | None
) -> ColumnProfile | None:
    """The column of codes naming each row's event: few distinct values, most of them placed.

    When the file's name already says what its rows are ("ED attendances"), a code column is
    only taken if it places at least half of the rows.
    """
    best: tuple[float, ColumnProfile] | None = None
    for profile in profiles:
        if profile.name in taken or len(profile.values) > 60 or profile.filled < profile.rows / 2:
            continue
        placed = profile.share(lambda code: guess_event_type(code, agency) is not None)
        named = any(w in profile.key for w in _TYPE_WORDS)
        if file_type is not None:
            good = named and placed >= 0.5
        else:
            good = (
                placed >= 0.5
                or (named and placed >= 0.3)
                or (named and catch_all(agency) is not None)
            )
        score = placed + (0.3 if named else 0.0)
        if good and (best is None or score > best[0]):
            best = (score, profile)
    return best[1] if best is not None else None


def _draft_emits(
    draft: TableDraft,
    profiles: list[ColumnProfile],
    agency: Agency,
    formats: tuple[str, ...],
    named_as: str | None,
) -> None:
    """One emit per event date: the type from the header, else from the code column.

    A header that says no more than the file's name ("Contact date" in a contacts file) dates
    the event named by the code column, when there is one.
    """
    taken = set(draft.columns.values())
    dates = [p for p in profiles if p.name not in taken and _event_date(p, formats)]
    by_column = "event_type" in draft.columns
    for profile in dates:
        fixed = _event_type_from_header(profile, agency, draft.name)
        plain = fixed is None or fixed == named_as
        if plain and by_column and not any(e.event_type is None for e in draft.emits):
            why = f"date of the event named in {draft.columns['event_type']!r}"
            draft.emits.append(EmitDraft(profile.name, None, False, why))
        elif fixed is not None:
            optional = profile.filled < profile.rows or _is_end(profile.key)
            why = f"header {profile.name!r} reads as {EVENT_TYPES[fixed].label!r}"
            draft.emits.append(EmitDraft(profile.name, fixed, optional, why))
    if not draft.emits and dates:
        _fallback_emit(draft, dates[0], agency)


def _event_date(profile: ColumnProfile, formats: tuple[str, ...]) -> bool:
    if profile.key in _HEADERS["date_of_birth"] or "birth" in profile.key:
        return False
    return is_date_column(profile, formats)


def _is_end(key: str) -> bool:
    return any(word in key for word in _END_WORDS if len(word) > 2) or key.endswith("to")


def _event_type_from_header(profile: ColumnProfile, agency: Agency, context: str) -> str | None:
    """An event type named by a date column's header read in the file's context ("CAMHS
    referrals" + "Accepted date"), then alone; start or end by the header's words."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", profile.name)
    words = words.replace("_", " ")
    context = context.replace("_", " ")
    alone = _specific(guess_event_type(words, agency))
    in_context = _specific(guess_event_type(f"{context} {words}", agency))
    found = in_context if alone is None or _area(alone) != _area(in_context) else alone
    if found is None:
        return None
    for start, end in (("_start", "_end"), ("_offered", "_done")):
        if found.endswith(start) and _is_end(profile.key):
            sibling = found.removesuffix(start) + end
            return sibling if sibling in EVENT_TYPES else found
        if found.endswith(end) and not _is_end(profile.key):
            sibling = found.removesuffix(end) + start
            return sibling if sibling in EVENT_TYPES else found
    return found


def _area(event_type: str | None) -> str:
    return (event_type or "").split(".", 1)[0]


def _fallback_emit(draft: TableDraft, profile: ColumnProfile, agency: Agency) -> None:
    from_name = guess_event_type(draft.name.replace("_", " "), agency)
    if from_name is None:
        return
    why = f"the file name {draft.path.name!r} reads as {EVENT_TYPES[from_name].label!r}"
    draft.emits.append(EmitDraft(profile.name, from_name, False, why))


def _drop_column(draft: TableDraft, field_name: str) -> None:
    """Forget a guessed column (every event's type is fixed, so its codes are not needed)."""
    draft.columns.pop(field_name, None)
    draft.reasons.pop(field_name, None)
    draft.values.pop(field_name, None)
    draft.unplaced.pop(field_name, None)


def _key_columns(draft: TableDraft) -> list[str]:
    """With no reference column, a row is known by its person, its dates and its type."""
    keys = [draft.columns[f] for f in ("subject_local_id", "event_type") if f in draft.columns]
    return keys + [e.date for e in draft.emits]
