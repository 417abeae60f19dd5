"""The ground truth files: who every source record really is, who the people are, where the
learning catalogue's patterns hold, and which rows were spoilt on purpose."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from fullpicture.synth.model import Household

PERSONS_HEADER = ("source", "local_id", "true_id")
PEOPLE_HEADER = (
    "true_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "is_child",
    "household_id",
)
PATTERNS_HEADER = ("code", "true_id", "start", "end", "detail")
BAD_ROWS_HEADER = ("source", "file", "row", "reason")


class TruthWriter:
    """Streams the truth files under ``DIR/truth/``."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._handles: list[IO[str]] = []
        self.persons = self._open(folder / "persons.csv", PERSONS_HEADER)
        self.people = self._open(folder / "people.csv", PEOPLE_HEADER)
        self.patterns = self._open(folder / "patterns.csv", PATTERNS_HEADER)
        self.counterparts = self._open(folder / "counterparts.csv", PATTERNS_HEADER)
        self.bad_rows = self._open(folder / "bad_rows.csv", BAD_ROWS_HEADER)
        self.persons_written = 0

    def _open(self, path: Path, header: tuple[str, ...]) -> Any:
        handle = path.open("w", encoding="utf-8", newline="")
        self._handles.append(handle)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        return writer

    def person(self, source: str, local_id: str, true_id: str) -> None:
        """A source person record and the true person it is."""
        self.persons.writerow((source, local_id, true_id))
        self.persons_written += 1

    def bad_row(self, source: str, file: str, row: int, reason: str) -> None:
        """A row spoilt on purpose; ``row`` counts the header as row 1 (as the intake does)."""
        self.bad_rows.writerow((source, f"{source}/{file}", row, reason))

    def household(self, household: Household) -> None:
        """The true people of ``household``."""
        for p in household.people:
            self.people.writerow(
                (
                    p.true_id,
                    p.given_name,
                    p.family_name,
                    p.date_of_birth.isoformat(),
                    p.sex,
                    p.ethnicity,
                    "true" if p.is_child else "false",
                    household.household_id,
                )
            )

    def close(self) -> None:
        """Finish every file."""
        for handle in self._handles:
            handle.close()
