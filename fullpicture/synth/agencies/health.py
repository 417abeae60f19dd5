"""Health: the community and acute trusts' child health extract, keyed by NHS number.

ISO dates (``yyyy-mm-dd``, arrivals with ``T`` and seconds), a UTF-8 file with a byte-order mark,
NHS Data Dictionary sex codes (1 male, 2 female, 9 indeterminate), local clinic and complaint codes.
"""

from __future__ import annotations

from datetime import date, datetime

from fullpicture.synth.agencies.base import Agency, Cell, LocalIds, TableSpec
from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.model import WINDOW_END, Episode, Household, Observation, Person
from fullpicture.synth.noise import EventNoise, IdentityProfile

DAY = "%Y-%m-%d"
STAMP = "%Y-%m-%dT%H:%M:%S"
_ED_REASON = {
    "INJ": "injury",
    "SH": "self_harm",
    "OD": "overdose",
    "ILL": "illness",
    "OTH": "other",
}
_APPOINTMENT = {"ATT": "health.gp_consultation", "WNB": "health.was_not_brought"}

TABLES = (
    TableSpec(
        "patients",
        "01_patients.csv",
        "person",
        (
            "LOCAL_PATIENT_ID",
            "NHS_NUMBER",
            "GIVEN_NAME",
            "FAMILY_NAME",
            "PREFERRED_NAME",
            "DATE_OF_BIRTH",
            "PERSON_STATED_GENDER_CODE",
            "ETHNIC_CATEGORY",
            "POSTCODE",
        ),
        {
            "local_id": "LOCAL_PATIENT_ID",
            "nhs_number": "NHS_NUMBER",
            "given_name": "GIVEN_NAME",
            "family_name": "FAMILY_NAME",
            "known_as": "PREFERRED_NAME",
            "date_of_birth": "DATE_OF_BIRTH",
            "sex": "PERSON_STATED_GENDER_CODE",
            "postcode": "POSTCODE",
        },
        required=("local_id",),
        values={"sex": {"1": "male", "2": "female", "9": "unknown", "0": "unknown"}},
        constants={"is_child": "true"},
    ),
    TableSpec(
        "ed_attendances",
        "02_ed_attendances.csv",
        "event",
        (
            "ATTENDANCE_ID",
            "LOCAL_PATIENT_ID",
            "ARRIVAL_DATE_TIME",
            "CHIEF_COMPLAINT",
            "DISCHARGE_DESTINATION",
            "RECORDED_DATE",
        ),
        {
            "record_id": "ATTENDANCE_ID",
            "subject_local_id": "LOCAL_PATIENT_ID",
            "attributes.reason": "CHIEF_COMPLAINT",
            "recorded_on": "RECORDED_DATE",
        },
        required=("subject_local_id",),
        values={"attributes.reason": _ED_REASON},
        emit=({"event_type": "health.ed_attendance", "date": "ARRIVAL_DATE_TIME"},),
    ),
    TableSpec(
        "appointments",
        "03_appointments.csv",
        "event",
        (
            "APPOINTMENT_ID",
            "LOCAL_PATIENT_ID",
            "APPOINTMENT_DATE",
            "CLINIC_CODE",
            "ATTENDANCE_STATUS",
        ),
        {
            "record_id": "APPOINTMENT_ID",
            "subject_local_id": "LOCAL_PATIENT_ID",
            "event_type": "ATTENDANCE_STATUS",
            "attributes.appointment_kind": "CLINIC_CODE",
        },
        required=("subject_local_id", "event_type"),
        values={"event_type": _APPOINTMENT},
        emit=({"date": "APPOINTMENT_DATE"},),
    ),
    TableSpec(
        "health_visiting",
        "04_health_visiting.csv",
        "event",
        ("CONTACT_ID", "LOCAL_PATIENT_ID", "CONTACT_DATE", "CONTACT_TYPE"),
        {
            "record_id": "CONTACT_ID",
            "subject_local_id": "LOCAL_PATIENT_ID",
            "summary": "CONTACT_TYPE",
        },
        required=("subject_local_id",),
        emit=({"event_type": "health.health_visitor_contact", "date": "CONTACT_DATE"},),
    ),
    TableSpec(
        "camhs",
        "05_camhs_referrals.csv",
        "event",
        (
            "REFERRAL_ID",
            "LOCAL_PATIENT_ID",
            "REFERRAL_RECEIVED_DATE",
            "ACCEPTED_DATE",
            "DISCHARGE_DATE",
            "TRANSFER_OF_CARE_DATE",
        ),
        {"record_id": "REFERRAL_ID", "subject_local_id": "LOCAL_PATIENT_ID"},
        required=("subject_local_id",),
        emit=(
            {"event_type": "camhs.referral", "date": "REFERRAL_RECEIVED_DATE"},
            {"event_type": "camhs.open", "date": "ACCEPTED_DATE", "optional": True},
            {"event_type": "camhs.discharge", "date": "DISCHARGE_DATE", "optional": True},
            {"event_type": "camhs.transfer", "date": "TRANSFER_OF_CARE_DATE", "optional": True},
        ),
    ),
    TableSpec(
        "substance_misuse",
        "06_substance_misuse.csv",
        "event",
        ("ASSESSMENT_ID", "LOCAL_PATIENT_ID", "ASSESSMENT_DATE"),
        {"record_id": "ASSESSMENT_ID", "subject_local_id": "LOCAL_PATIENT_ID"},
        required=("subject_local_id",),
        emit=({"event_type": "health.substance_misuse", "date": "ASSESSMENT_DATE"},),
    ),
)


class Health(Agency):
    """The NHS trusts' child health records."""

    source = "health"
    agency = "health"
    system = "Child health information system and ED"
    encoding = "utf-8-sig"
    date_style = "iso"
    date_formats = (DAY, STAMP)
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.03,
        typo=0.015,
        step_surname=0.4,
        dob_swap=0.003,
        nhs_present=0.97,
        duplicate=0.01,
    )
    event_noise = EventNoise(late=0.02, bad_row=0.002)
    ids = LocalIds("RXA", 6_007, 4_242)

    def household(self, household: Household) -> None:
        for child in household.children:
            if child.date_of_birth <= date(2025, 3, 31):
                self._patient(child, household)
        self._n = 0
        for e in household.episodes:
            handler = getattr(self, f"_w_{e.kind}", None)
            if handler is not None and self.knows(e.subject):
                handler(e)

    def _patient(self, person: Person, household: Household) -> None:
        for local, ident in self.person_records(person):
            known_as = ident.given_name if ident.given_name != person.given_name else ""
            self.write_person(
                "patients",
                local,
                person,
                [
                    local,
                    ident.nhs_number,
                    person.given_name if known_as else ident.given_name,
                    ident.family_name,
                    known_as,
                    ident.date_of_birth.strftime(DAY),
                    "2" if person.sex == "female" else "1",
                    person.ethnicity[0],
                    household.tenancies[-1].postcode,
                ],
            )

    def _ref(self, prefix: str, e: Episode) -> str:
        self._n += 1
        return opaque_ref(prefix, e.subject, self._n, e.start)

    def _obs(
        self, event_type: str, e: Episode, when: datetime | None = None, **attrs: str
    ) -> Observation:
        return Observation(
            event_type, e.subject, when or e.start, self.source, tuple(sorted(attrs.items()))
        )

    def _w_ed(self, e: Episode) -> None:
        reason = e.attrs["reason"]
        row: list[Cell] = [
            self._ref("ED", e),
            self.subject_id(e.subject),
            e.start.strftime(STAMP),
            reason,
            self.rng.choice(("HOME", "HOME", "ADMIT", "GP")),
            self.recorded(e.start.date()).strftime(DAY),
        ]
        self.write_event(
            "ed_attendances",
            row,
            [self._obs("health.ed_attendance", e, reason=_ED_REASON[reason])],
            date_index=2,
            subject_index=1,
        )

    def _appointment(self, e: Episode, status: str, clinic: str) -> None:
        row: list[Cell] = [
            self._ref("AP", e),
            self.subject_id(e.subject),
            e.start.strftime(DAY),
            clinic,
            status,
        ]
        obs = [self._obs(_APPOINTMENT[status], e, appointment_kind=clinic)]
        self.write_event("appointments", row, obs, date_index=2, subject_index=1)

    def _w_gp(self, e: Episode) -> None:
        self._appointment(e, "ATT", "GP")

    def _w_wnb(self, e: Episode) -> None:
        self._appointment(e, "WNB", e.attrs["clinic"])

    def _w_hv(self, e: Episode) -> None:
        row: list[Cell] = [
            self._ref("HV", e),
            self.subject_id(e.subject),
            e.start.strftime(DAY),
            e.attrs["contact"],
        ]
        self.write_event(
            "health_visiting",
            row,
            [self._obs("health.health_visitor_contact", e)],
            date_index=2,
            subject_index=1,
        )

    def _w_camhs(self, e: Episode) -> None:
        a = e.attrs
        dates = [
            a.get(k, "") if a.get(k, "") and date.fromisoformat(a[k]) <= WINDOW_END else ""
            for k in ("accepted", "discharged", "transferred")
        ]
        row: list[Cell] = [
            self._ref("CAMHS", e),
            self.subject_id(e.subject),
            e.start.strftime(DAY),
            *dates,
        ]
        obs = [self._obs("camhs.referral", e)]
        for key, event_type in (
            ("accepted", "camhs.open"),
            ("discharged", "camhs.discharge"),
            ("transferred", "camhs.transfer"),
        ):
            if a.get(key) and date.fromisoformat(a[key]) <= WINDOW_END:
                obs.append(
                    self._obs(
                        event_type, e, datetime.combine(date.fromisoformat(a[key]), e.start.time())
                    )
                )
        self.write_event("camhs", row, obs, date_index=2, subject_index=1)

    def _w_substance(self, e: Episode) -> None:
        row: list[Cell] = [self._ref("SM", e), self.subject_id(e.subject), e.start.strftime(DAY)]
        self.write_event(
            "substance_misuse",
            row,
            [self._obs("health.substance_misuse", e)],
            date_index=2,
            subject_index=1,
        )
