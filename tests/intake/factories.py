"""Factories for intake tests: files shaped like the worked police mapping."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

EXAMPLE_MAPPING = Path(__file__).parents[2] / "docs" / "examples" / "police.toml"
PERSON_HEADER = [
    "PersonID",
    "NHSNo",
    "Name",
    "AKA",
    "DOB",
    "Gender",
    "Ethnicity",
    "Postcode",
    "Juvenile",
]
EVENT_HEADER = [
    "OccurrenceRef", "PersonID", "Category", "Summary", "Beat", "OfficerRole",
    "Involved", "InvolvedRoles", "DASH", "Reported", "NotifiedCSC",
]  # fmt: skip


def create_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], **kw: str) -> Path:
    """Write a CSV file (UTF-8 unless ``encoding`` is given) and return its path."""
    with path.open("w", encoding=kw.get("encoding", "utf-8"), newline="") as handle:
        writer = csv.writer(handle, delimiter=kw.get("delimiter", ","))
        writer.writerow(header)
        writer.writerows(rows)
    return path


def create_person_row(
    local_id: str, name: str = "Carys Jones", dob: str = "03/05/2012"
) -> list[str]:
    """A good police person row."""
    return [local_id, "", name, "", dob, "F", "W1", "CF10 1AA", "Y"]


def create_event_row(
    ref: str, person: str, category: str = "DA", reported: str = "04/05/2021 22:10"
) -> list[str]:
    """A police occurrence row (good when ``person`` exists and the category is mapped)."""
    return [ref, person, category, "Shouting heard", "B12", "PC", "", "", "H", reported, ""]


def create_persons_file(directory: Path, ids: Sequence[str], name: str = "persons.csv") -> Path:
    """A police persons file with one good row per id."""
    return create_csv(directory / name, PERSON_HEADER, [create_person_row(i) for i in ids])


def create_events_file(
    directory: Path, rows: Sequence[Sequence[str]], name: str = "occurrences.csv"
) -> Path:
    """A police occurrences file."""
    return create_csv(directory / name, EVENT_HEADER, rows)


FLAT_MAPPING = Path(__file__).parents[2] / "docs" / "examples" / "ed-flat.toml"
FLAT_HEADER = [
    "AttendanceRef", "HospitalNo", "NHSNumber", "Forename", "Surname", "DOB", "Gender",
    "Postcode", "Arrived", "Category", "PresentingComplaint", "Outcome",
]  # fmt: skip


def create_attendance_row(
    ref: str,
    patient: str,
    arrived: str = "03/04/2024 22:15",
    postcode: str = "LS6 2AB",
    category: str = "Self harm",
) -> list[str]:
    """One attendance of an ED's flat export, the patient's details on the row."""
    return [
        ref, patient, "9434765919" if patient == "H1" else "", "Amelia", "Hart", "14/02/2012",
        "F", postcode, arrived, category, "Overdose", "Admitted",
    ]  # fmt: skip


def create_attendances_file(
    directory: Path, rows: Sequence[Sequence[str]], name: str = "ed_attendances.csv"
) -> Path:
    """An ED's flat attendances export (matched by both tables of FLAT_MAPPING)."""
    return create_csv(directory / name, FLAT_HEADER, rows)
