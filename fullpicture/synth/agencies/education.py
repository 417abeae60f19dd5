"""Education: the local authority's pupil data, as spreadsheets (XLSX) from the schools' MIS.

UPNs with check letters, legal and preferred forenames, real date cells, DfE-style exclusion
categories (SUSP / PERM) and persistent absence by term, a designated safeguarding lead's log.
"""

from __future__ import annotations

from datetime import date, datetime

from fullpicture.synth.agencies.base import Agency, Cell, TableSpec
from fullpicture.synth.identifiers import new_upn, opaque_ref
from fullpicture.synth.model import Episode, Household, Observation, Person
from fullpicture.synth.noise import EventNoise, IdentityProfile

_LOG = {
    "SAFEGUARDING": "education.concern",
    "YOUNG CARER": "education.young_carer_identified",
    "ACHIEVEMENT": "education.achievement",
}

TABLES = (
    TableSpec(
        "pupils",
        "01_pupils.xlsx",
        "person",
        (
            "UPN",
            "Legal Surname",
            "Legal Forename",
            "Preferred Forename",
            "Middle Name(s)",
            "Date of Birth",
            "Gender",
            "Ethnicity",
            "Postcode",
        ),
        {
            "local_id": "UPN",
            "upn": "UPN",
            "family_name": "Legal Surname",
            "given_name": "Legal Forename",
            "known_as": "Preferred Forename",
            "middle_names": "Middle Name(s)",
            "date_of_birth": "Date of Birth",
            "sex": "Gender",
            "ethnicity": "Ethnicity",
            "postcode": "Postcode",
        },
        required=("local_id",),
        values={"sex": {"M": "male", "F": "female"}},
        constants={"is_child": "true"},
        sheet="Pupils",
    ),
    TableSpec(
        "exclusions",
        "02_exclusions.xlsx",
        "event",
        ("UPN", "Start Date", "Category", "Reason", "Sessions"),
        {"subject_local_id": "UPN", "attributes.exclusion_kind": "Category", "summary": "Reason"},
        required=("subject_local_id",),
        values={"attributes.exclusion_kind": {"SUSP": "suspension", "PERM": "permanent"}},
        emit=({"event_type": "education.exclusion", "date": "Start Date"},),
        sheet="Exclusions",
    ),
    TableSpec(
        "persistent_absence",
        "03_persistent_absence.xlsx",
        "event",
        ("UPN", "Term", "Term End", "Sessions Possible", "Sessions Missed", "Percentage Missed"),
        {"subject_local_id": "UPN", "summary": "Term"},
        required=("subject_local_id",),
        emit=({"event_type": "education.persistent_absence", "date": "Term End"},),
        sheet="Persistent absentees",
    ),
    TableSpec(
        "school_moves",
        "04_school_moves.xlsx",
        "event",
        ("UPN", "Previous School URN", "New School URN", "Start Date", "Move Type"),
        {"subject_local_id": "UPN", "summary": "Move Type"},
        required=("subject_local_id",),
        emit=({"event_type": "education.school_move", "date": "Start Date"},),
        sheet="Moves",
    ),
    TableSpec(
        "dsl_log",
        "05_dsl_log.xlsx",
        "event",
        ("Log ID", "UPN", "Date", "Category", "Logged On"),
        {
            "record_id": "Log ID",
            "subject_local_id": "UPN",
            "event_type": "Category",
            "recorded_on": "Logged On",
        },
        required=("subject_local_id", "event_type"),
        values={"event_type": _LOG},
        emit=({"date": "Date"},),
        sheet="Log",
    ),
)


class Education(Agency):
    """The local authority's education data (school census, attendance, exclusions, DSL log)."""

    source = "education"
    agency = "education"
    system = "Schools' MIS returns"
    xlsx = True
    date_style = "slashes"
    date_formats = ("%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.02, typo=0.01, step_surname=0.5, dob_swap=0.004, nhs_present=0.0, duplicate=0.004
    )
    event_noise = EventNoise(late=0.04, bad_row=0.002)

    def household(self, household: Household) -> None:
        for child in household.children:
            if child.upn:
                self._pupil(child, household)
        self._n = 0
        for e in household.episodes:
            handler = getattr(self, f"_w_{e.kind}", None)
            if handler is not None and self.knows(e.subject):
                handler(e)

    def local_id(self, person: Person, copy: int) -> str:
        """Pupils are keyed by UPN; a duplicate record carries another (valid) UPN."""
        return person.upn if copy == 0 else new_upn(int(person.true_id[1:]) + 500_000_000)

    def _pupil(self, person: Person, household: Household) -> None:
        for local, ident in self.person_records(person):
            preferred = ident.given_name if ident.given_name != person.given_name else ""
            self.write_person(
                "pupils",
                local,
                person,
                [
                    local,
                    ident.family_name,
                    person.given_name,
                    preferred,
                    person.middle_name,
                    ident.date_of_birth,
                    "F" if person.sex == "female" else "M",
                    person.ethnicity,
                    household.tenancies[-1].postcode,
                ],
            )

    def _obs(self, event_type: str, e: Episode, **attrs: str) -> Observation:
        return Observation(
            event_type, e.subject, e.start, self.source, tuple(sorted(attrs.items()))
        )

    def _day(self, e: Episode) -> date:
        return e.start.date()

    def _w_exclusion(self, e: Episode) -> None:
        category = "PERM" if self.rng.random() < 0.03 else "SUSP"
        row: list[Cell] = [
            self.subject_id(e.subject),
            self._day(e),
            category,
            self.rng.choice(("PD", "VA", "DB", "DM", "BU")),
            self.rng.randrange(1, 10),
        ]
        kind = "permanent" if category == "PERM" else "suspension"
        self.write_event(
            "exclusions",
            row,
            [self._obs("education.exclusion", e, exclusion_kind=kind)],
            date_index=1,
            subject_index=0,
        )

    def _w_persistent_absence(self, e: Episode) -> None:
        possible = self.rng.randrange(110, 130)
        missed = int(possible * self.rng.uniform(0.1, 0.45))
        row: list[Cell] = [
            self.subject_id(e.subject),
            e.attrs["term"],
            self._day(e),
            possible,
            missed,
            f"{100 * missed / possible:.1f}",
        ]
        self.write_event(
            "persistent_absence",
            row,
            [self._obs("education.persistent_absence", e)],
            date_index=2,
            subject_index=0,
        )

    def _move(self, e: Episode, kind: str) -> None:
        row: list[Cell] = [
            self.subject_id(e.subject),
            str(100000 + self.rng.randrange(900000)),
            str(100000 + self.rng.randrange(900000)),
            self._day(e),
            kind,
        ]
        self.write_event(
            "school_moves",
            row,
            [self._obs("education.school_move", e)],
            date_index=3,
            subject_index=0,
        )

    def _w_school_move(self, e: Episode) -> None:
        self._move(e, "Phase transfer")

    def _w_school_move_in_year(self, e: Episode) -> None:
        self._move(e, "In-year admission")

    def _log(self, e: Episode, category: str) -> None:
        self._n += 1
        logged = self.recorded(self._day(e))
        row: list[Cell] = [
            opaque_ref("DSL", e.subject, self._n),
            self.subject_id(e.subject),
            self._day(e),
            category,
            datetime.combine(logged, e.start.time()),
        ]
        self.write_event(
            "dsl_log", row, [self._obs(_LOG[category], e)], date_index=2, subject_index=1
        )

    def _w_school_concern(self, e: Episode) -> None:
        self._log(e, "SAFEGUARDING")

    def _w_achievement(self, e: Episode) -> None:
        self._log(e, "ACHIEVEMENT")

    def _w_young_carer(self, e: Episode) -> None:
        if e.attrs.get("by") == "school":
            self._log(e, "YOUNG CARER")
