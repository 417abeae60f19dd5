"""Intake: import rate (rows/s, end to end with validation) into SQLite and PostgreSQL.

The data are agency-shaped extracts generated here (``fullpicture.synth`` was not on main when
this benchmark was written): four sources, each with its own column names, codes, delimiter,
encoding and date style, a persons file and an events file, with realistic noise (invalid NHS
numbers, uncertain and month-only dates, unknown people, unmapped codes). The full run has
1,000,000 event rows; ``--quick`` has 20,000.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Result, timed
from fullpicture.intake.identifiers import nhs_check_digit
from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import Mapping, parse_mapping
from fullpicture.store.database import open_store
from fullpicture.store.throwaway import postgres_bindir, throwaway_postgres

FULL_EVENTS = 1_000_000
QUICK_EVENTS = 20_000
EVENTS_PER_PERSON = 20


@dataclass(frozen=True)
class Agency:
    """How one synthetic source shapes its extract."""

    source: str
    agency: str
    delimiter: str
    encoding: str
    date_format: str
    share: float
    codes: dict[str, str]


AGENCIES = (
    Agency(
        "csc", "social_care", ",", "utf-8", "%d/%m/%Y", 0.4,
        {"CON": "social_care.contact", "REF": "social_care.referral",
         "SV": "social_care.statutory_visit", "AS": "social_care.assessment_start"},
    ),
    Agency(
        "police", "police", ";", "utf-8-sig", "%d/%m/%Y %H:%M", 0.25,
        {"DA": "police.domestic_abuse_incident", "MISS": "police.missing_start",
         "INC": "police.incident"},
    ),
    Agency(
        "health", "health", "\t", "utf-8", "%Y-%m-%dT%H:%M:%S", 0.25,
        {"ED": "health.ed_attendance", "WNB": "health.missed_appointment",
         "HV": "health.health_visitor_contact"},
    ),
    Agency(
        "school", "education", "|", "cp1252", "%d-%b-%y", 0.1,
        {"EXC": "education.exclusion", "PA": "education.persistent_absence"},
    ),
)  # fmt: skip


def _mapping(agency: Agency) -> Mapping:
    persons = {
        "name": "persons", "kind": "person", "match": "*persons*", "required": ["local_id"],
        "columns": {"local_id": "Id", "nhs_number": "NHS", "given_name": "First",
                    "family_name": "Last", "date_of_birth": "Born", "sex": "Sex",
                    "postcode": "Postcode"},
    }  # fmt: skip
    events = {
        "name": "events", "kind": "event", "match": "*events*",
        "required": ["record_id", "subject_local_id"],
        "columns": {"record_id": "Ref", "subject_local_id": "Id", "event_type": "Code",
                    "summary": "Note", "author_role": "Role"},
        "values": {"event_type": agency.codes},
        "emit": [{"date": "When"}, {"event_type": "partnership.information_shared",
                                    "date": "Shared", "optional": True}],
    }  # fmt: skip
    document = {"source": agency.source, "agency": agency.agency, "tables": [persons, events]}
    return parse_mapping(document, origin=f"benchmark {agency.source}")


def _nhs(rng: random.Random) -> str:
    while True:
        nine = f"{rng.randrange(400_000_000, 999_999_999):09d}"
        check = nhs_check_digit(nine)
        if check is not None:
            number = nine + str(check)
            return number if rng.random() > 0.03 else number[:9] + str((check + 1) % 10)


def _person_rows(agency: Agency, count: int, rng: random.Random) -> Iterator[list[str]]:
    for n in range(count):
        born = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1975, 2023)}"
        nhs = _nhs(rng) if rng.random() > 0.1 else ""
        sex = rng.choice("MFU")
        yield [
            f"{agency.source[:2].upper()}{n}",
            nhs,
            "Zoë",
            f"Name{n % 997}",
            born,
            sex,
            "CF10 1AA",
        ]


def _when(agency: Agency, rng: random.Random) -> str:
    day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2024)}"
    if agency.date_format.startswith("%Y"):
        return (
            f"{day[6:]}-{day[3:5]}-{day[:2]}T{rng.randint(0, 23):02d}:{rng.choice(('05', '40'))}:00"
        )
    if "%b" in agency.date_format:
        month = ("Jan", "Mar", "May", "Jul", "Sep", "Nov")[int(day[3:5]) % 6]
        return f"{day[:2]}-{month}-{day[8:]}"
    if "%H" in agency.date_format:
        return f"{day} {rng.randint(0, 23):02d}:{rng.choice(('10', '45'))}"
    return rng.choice((day, day, day, "?" + day, day[3:]))  # some uncertain, some month-only


def _event_rows(
    agency: Agency, count: int, persons: int, rng: random.Random
) -> Iterator[list[str]]:
    codes = [*agency.codes, "ZZ"]  # ZZ is unmapped: those rows are quarantined
    prefix = agency.source[:2].upper()
    for n in range(count):
        person = rng.randrange(int(persons * 1.002) + 1)  # a few unknown people
        code = codes[n % len(codes)] if rng.random() < 0.01 else codes[n % (len(codes) - 1)]
        shared = _when(agency, rng) if rng.random() < 0.1 else ""
        yield [
            f"R{n}",
            f"{prefix}{person}",
            code,
            "Seen at home; all well",
            "SW",
            _when(agency, rng),
            shared,
        ]


def _write(path: Path, agency: Agency, header: list[str], rows: Iterator[list[str]]) -> None:
    with path.open("w", encoding=agency.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=agency.delimiter)
        writer.writerow(header)
        writer.writerows(rows)


def write_extracts(folder: Path, events: int, seed: int = 7) -> list[tuple[Agency, list[Path]]]:
    """Write every agency's persons and events files; return them with their agency."""
    rng = random.Random(seed)
    out = []
    for agency in AGENCIES:
        count = int(events * agency.share)
        persons = max(1, count // EVENTS_PER_PERSON)
        person_file, event_file = (
            folder / f"{agency.source}_persons.csv",
            folder / f"{agency.source}_events.csv",
        )
        _write(
            person_file,
            agency,
            ["Id", "NHS", "First", "Last", "Born", "Sex", "Postcode"],
            _person_rows(agency, persons, rng),
        )
        header = ["Ref", "Id", "Code", "Note", "Role", "When", "Shared"]
        _write(event_file, agency, header, _event_rows(agency, count, persons, rng))
        out.append((agency, [person_file, event_file]))
    return out


@dataclass(frozen=True)
class Run:
    """One measured import of every extract."""

    seconds: float
    cpu_seconds: float  # of this process only (not a PostgreSQL server's)
    read: int
    events: int


def _import_all(url: str, extracts: list[tuple[Agency, list[Path]]]) -> Run:
    """Import every extract into a fresh store at ``url``, timing wall clock and CPU."""
    engine = open_store(url)
    read = events = 0
    try:
        cpu = time.process_time()
        with timed() as elapsed:
            for agency, paths in extracts:
                for result in import_files(engine, paths, agency.source, _mapping(agency)):
                    read += result.read
                    events += result.read if result.table == "events" else 0
        return Run(elapsed(), time.process_time() - cpu, read, events)
    finally:
        engine.dispose()


def _result(backend: str, run: Run) -> Result:
    per_cpu = run.read / run.cpu_seconds
    return Result(
        area="intake",
        name=f"import rate, {backend}",
        value=round(run.read / run.seconds),
        unit="rows/s",
        target=">= 50,000 rows/s (SQLite)" if backend == "SQLite" else "",
        data_size=f"{run.events:,} event rows + {run.read - run.events:,} person rows, 4 sources",
        notes=f"{run.seconds:.1f} s wall end to end incl. reading, validation and commit; "
        f"{per_cpu:,.0f} rows per CPU-second of the importing process",
        extra={"seconds": run.seconds, "cpu_seconds": run.cpu_seconds, "rows_per_cpu_s": per_cpu},
    )


def run(quick: bool) -> list[Result]:
    """Measure the import rate on SQLite, and on PostgreSQL when its binaries are installed."""
    events = QUICK_EVENTS if quick else FULL_EVENTS
    results = []
    with tempfile.TemporaryDirectory() as folder:
        extracts = write_extracts(Path(folder), events)
        results.append(_result("SQLite", _import_all(f"sqlite:///{folder}/store.db", extracts)))
        if postgres_bindir() is not None:
            with throwaway_postgres() as server:
                results.append(_result("PostgreSQL", _pg_import(server, extracts)))
    for r in results:
        sys.stdout.write(f"{r.name}: {r.value:,.0f} {r.unit} ({r.data_size}; {r.notes})\n")
    return results


def _pg_import(server: str, extracts: list[tuple[Agency, list[Path]]]) -> Run:
    import sqlalchemy as sa

    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("CREATE DATABASE bench"))
    admin.dispose()
    return _import_all(f"{server}/bench", extracts)
