"""What every synthetic agency shares: its tables (extract file + mapping), the files it writes,
its own identifier scheme, and the hooks that report truth and observations.

An agency module declares :class:`TableSpec` objects: the file name, the header the agency's
system uses, and the mapping table (in the :mod:`fullpicture.intake.mapping` format) that reads
it. Writing a row returns nothing; the agency reports every canonical event the row will emit to
the :class:`Recorder`, so that the ground truth follows what the data shows.
"""

from __future__ import annotations

import csv
import random
import re
import zipfile
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook

from fullpicture.synth.model import Household, Observation, Person
from fullpicture.synth.noise import (
    EventNoise,
    Identity,
    IdentityProfile,
    bad_date,
    recorded_identity,
    recorded_on,
)

Cell = str | date | datetime | int | None


@dataclass(frozen=True)
class TableSpec:
    """One kind of file an agency sends, with the mapping table that reads it."""

    name: str
    filename: str
    kind: str
    header: tuple[str, ...]
    columns: dict[str, str]
    required: tuple[str, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    emit: tuple[dict[str, Any], ...] = ()
    sheet: str | None = None
    date_formats: tuple[str, ...] = ()

    def mapping_table(self) -> dict[str, Any]:
        """This table as a mapping ``[[tables]]`` entry."""
        table: dict[str, Any] = {"name": self.name, "kind": self.kind, "match": self.filename}
        if self.sheet:
            table["sheet"] = self.sheet
        if self.date_formats:
            table["date_formats"] = list(self.date_formats)
        table["required"] = list(self.required)
        table["columns"] = dict(self.columns)
        if self.constants:
            table["constants"] = dict(self.constants)
        if self.values:
            table["values"] = {k: dict(v) for k, v in self.values.items()}
        if self.emit:
            table["emit"] = [dict(e) for e in self.emit]
        return table


class Sink:
    """A file being written row by row (CSV of any dialect, or an XLSX sheet)."""

    def __init__(
        self,
        path: Path,
        header: Sequence[str],
        *,
        delimiter: str = ",",
        encoding: str = "utf-8",
        xlsx_sheet: str | None = None,
    ) -> None:
        self.path = path
        self.rows = 0
        self._sheet = xlsx_sheet
        self._handle: IO[str] | None = None
        if xlsx_sheet is not None:
            self._book = Workbook(write_only=True)
            self._ws = self._book.create_sheet(xlsx_sheet)
            self._ws.append(list(header))
        else:
            self._handle = path.open("w", encoding=encoding, newline="", errors="strict")
            self._writer = csv.writer(self._handle, delimiter=delimiter, lineterminator="\r\n")
            self._writer.writerow(header)

    def write(self, row: Sequence[Cell]) -> int:
        """Write one row; return its data row number (1 = the first row after the header)."""
        if self._handle is None:
            self._ws.append(list(row))
        else:
            self._writer.writerow(row)
        self.rows += 1
        return self.rows

    def close(self) -> None:
        """Finish the file (XLSX files are made byte-reproducible)."""
        if self._handle is not None:
            self._handle.close()
            return
        self._book.save(self.path)
        reproducible_zip(self.path)


_FIXED_STAMP = (2025, 4, 30, 0, 0, 0)


def reproducible_zip(path: Path) -> None:
    """Rewrite an XLSX so the same content gives the same bytes (fixed times, fixed order)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-04-30T00:00:00Z", data)
            info = zipfile.ZipInfo(name, date_time=_FIXED_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


@dataclass(frozen=True)
class LocalIds:
    """An agency's own identifier scheme: a keyed permutation, so ids do not reveal the truth."""

    prefix: str
    multiplier: int
    offset: int
    width: int = 10

    def for_person(self, person: Person, copy: int = 0) -> str:
        """The agency's id for ``person``; ``copy`` > 0 gives a duplicate record's id."""
        return self.for_true_id(person.true_id, copy)

    def for_true_id(self, true_id: str, copy: int = 0) -> str:
        """The agency's id for the person ``true_id`` (see :meth:`for_person`)."""
        number = int(true_id[1:]) + copy * 10**self.width // 2  # true numbers stay below half
        modulus = 10**self.width
        return f"{self.prefix}{(number * self.multiplier + self.offset) % modulus:0{self.width}d}"


@dataclass
class Recorder:
    """Collects what the agencies wrote: truth rows, observations, bad rows and counts."""

    person_truth: Callable[[str, str, str], None]
    bad_row: Callable[[str, str, int, str], None]
    observations: list[Observation] = field(default_factory=list)
    noise_counts: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)


class Agency(ABC):
    """Base of the synthetic agencies. Subclasses set the class attributes and write rows."""

    source: str = ""
    agency: str = ""
    system: str = ""
    delimiter: str = ","
    encoding: str = "utf-8"
    xlsx: bool = False
    date_style: str = "slashes"
    date_formats: tuple[str, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    profile = IdentityProfile()
    event_noise = EventNoise()
    ids = LocalIds("X", 7, 0)

    def __init__(self, out_dir: Path, recorder: Recorder) -> None:
        folder = out_dir / self.source
        folder.mkdir(parents=True, exist_ok=True)
        self.recorder = recorder
        self.sinks: dict[str, Sink] = {}
        for spec in self.tables:
            self.sinks[spec.name] = Sink(
                folder / spec.filename,
                spec.header,
                delimiter=self.delimiter,
                encoding=self.encoding,
                xlsx_sheet=(spec.sheet or "Sheet1") if self.xlsx else None,
            )
        self.rng = random.Random(0)
        self.local: dict[str, list[str]] = {}

    def mapping(self) -> dict[str, Any]:
        """The whole mapping document for this source."""
        doc: dict[str, Any] = {"source": self.source, "agency": self.agency, "system": self.system}
        doc["date_formats"] = list(self.date_formats)
        doc["day_first"] = True
        doc["tables"] = [spec.mapping_table() for spec in self.tables]
        return doc

    def close(self) -> None:
        """Finish every file."""
        for sink in self.sinks.values():
            sink.close()

    def write_household(self, household: Household, rng: random.Random) -> None:
        """Write what this agency knows about ``household``."""
        self.rng = rng
        self.local = {}
        self.household(household)

    @abstractmethod
    def household(self, household: Household) -> None:
        """Write this agency's rows about ``household`` (each agency's own shape)."""

    # --- people ---------------------------------------------------------------------------

    def person_records(self, person: Person) -> list[tuple[str, Identity]]:
        """The agency's record(s) of ``person``: usually one, sometimes a duplicate."""
        records = [(self.local_id(person, 0), recorded_identity(person, self.profile, self.rng))]
        if self.rng.random() < self.profile.duplicate:
            records.append(
                (self.local_id(person, 1), recorded_identity(person, self.profile, self.rng))
            )
            self.recorder.noise_counts[f"{self.source}:duplicate"] += 1
        for _, identity in records:
            self.recorder.noise_counts[f"{self.source}:person_records"] += 1
            for kind in identity.noise:
                self.recorder.noise_counts[f"{self.source}:{kind}"] += 1
        self.local[person.true_id] = [local for local, _ in records]
        return records

    def local_id(self, person: Person, copy: int) -> str:
        """This agency's id for ``person`` (``copy`` 1 for a duplicate record)."""
        return self.ids.for_person(person, copy)

    def write_person(self, table: str, local_id: str, person: Person, row: Sequence[Cell]) -> None:
        """Write a person row and its truth."""
        self.sinks[table].write(row)
        self.recorder.rows[f"{self.source}:{table}"] += 1
        self.recorder.person_truth(self.source, local_id, person.true_id)

    def subject_id(self, true_id: str) -> str:
        """The local id used for an event about ``true_id`` (duplicates get some events)."""
        ids = self.local[true_id]
        return ids[1] if len(ids) > 1 and self.rng.random() < 0.4 else ids[0]

    def knows(self, true_id: str) -> bool:
        """True when this agency has a person record for ``true_id`` in this household."""
        return true_id in self.local

    # --- events ---------------------------------------------------------------------------

    def recorded(self, occurred: date) -> date:
        """The day this agency recorded an event that happened on ``occurred``."""
        day, late = recorded_on(self.rng, occurred, self.event_noise)
        self.recorder.noise_counts[f"{self.source}:event_rows"] += 1
        if late:
            self.recorder.noise_counts[f"{self.source}:late"] += 1
        return day

    def write_event(
        self,
        table: str,
        row: list[Cell],
        events: Sequence[Observation],
        *,
        date_index: int,
        subject_index: int,
    ) -> None:
        """Write an event row; perhaps spoil it on purpose (then it emits nothing)."""
        sink = self.sinks[table]
        self.recorder.rows[f"{self.source}:{table}"] += 1
        if self.rng.random() < self.event_noise.bad_row:
            if self.rng.random() < 0.7:
                row[date_index] = bad_date(self.rng, self.date_style)
                reason = "invalid_date"
            else:
                row[subject_index] = ""
                reason = "missing_subject"
            number = sink.write(row)
            self.recorder.bad_row(
                self.source, sink.path.name, number + 1, reason
            )  # header is row 1
            self.recorder.noise_counts[f"{self.source}:bad_row"] += 1
            return
        sink.write(row)
        self.recorder.observations.extend(events)

    def observe(self, event_type: str, subject: str, when: datetime, **attrs: str) -> Observation:
        """An observation of a canonical event from this source."""
        return Observation(event_type, subject, when, self.source, tuple(sorted(attrs.items())))
