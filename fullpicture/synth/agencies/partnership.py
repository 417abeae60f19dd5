"""The safeguarding partnership's trackers: the return home interview service (a voluntary
sector provider), MARAC, MACE and professionals' meetings, and the information they share.

Pipe-separated, dates written out (``4 March 2021``), full names in one column, the social care
number as a cross-reference where the worker knew it.
"""

from __future__ import annotations

from datetime import date

from fullpicture.synth.agencies.base import Agency, Cell, LocalIds, TableSpec
from fullpicture.synth.agencies.social_care import SocialCare
from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.model import Episode, Household, Observation, Person
from fullpicture.synth.noise import EventNoise, IdentityProfile

DAY = "%d %B %Y"
_TYPES = {
    "RHI OFFERED": "partnership.return_interview_offered",
    "RHI COMPLETED": "partnership.return_interview_done",
    "RHI DECLINED": "partnership.return_interview_declined",
    "MARAC": "partnership.marac",
    "MACE": "partnership.mace",
    "PROFESSIONALS MEETING": "partnership.professionals_meeting",
    "INFO SHARED": "partnership.information_shared",
    "BEREAVEMENT": "partnership.bereavement",
    "OLDER ASSOCIATES": "partnership.new_older_associates",
    "SUBSTANCE MISUSE": "partnership.substance_misuse",
}
_KIND_TYPE = {
    "rhi_offered": "RHI OFFERED",
    "rhi_done": "RHI COMPLETED",
    "rhi_declined": "RHI DECLINED",
    "marac": "MARAC",
    "mace": "MACE",
    "professionals_meeting": "PROFESSIONALS MEETING",
    "info_shared": "INFO SHARED",
    "bereavement": "BEREAVEMENT",
    "older_associates": "OLDER ASSOCIATES",
    "substance": "SUBSTANCE MISUSE",
}

TABLES = (
    TableSpec(
        "people",
        "01_people.csv",
        "person",
        ("REF", "FULL NAME", "DATE OF BIRTH", "GENDER", "SOCIAL CARE NO", "ADULT/CHILD"),
        {
            "local_id": "REF",
            "full_name": "FULL NAME",
            "date_of_birth": "DATE OF BIRTH",
            "sex": "GENDER",
            "other_id": "SOCIAL CARE NO",
            "is_child": "ADULT/CHILD",
        },
        required=("local_id",),
        values={
            "sex": {"Male": "male", "Female": "female"},
            "is_child": {"Child": "true", "Adult": "false"},
        },
    ),
    TableSpec(
        "contacts",
        "02_contacts.csv",
        "event",
        ("CONTACT REF", "PERSON REF", "TYPE", "DATE", "FROM", "TO", "LINKED REF", "LOGGED"),
        {
            "record_id": "CONTACT REF",
            "subject_local_id": "PERSON REF",
            "event_type": "TYPE",
            "attributes.from_forum": "FROM",
            "attributes.to_forum": "TO",
            "incident_ref": "LINKED REF",
            "recorded_on": "LOGGED",
        },
        required=("subject_local_id", "event_type"),
        values={"event_type": _TYPES},
        emit=({"date": "DATE"},),
    ),
)
_KINDS = frozenset(_KIND_TYPE)


def written_date(day: date) -> str:
    """``4 March 2021``: the day without a leading zero."""
    return f"{day.day} {day:%B %Y}"


class Partnership(Agency):
    """The partnership's return interview, MARAC, MACE and meetings trackers."""

    source = "partnership"
    agency = "partnership"
    system = "Partnership trackers (RHI service, MARAC, MACE)"
    delimiter = "|"
    date_style = "words"
    date_formats = (DAY,)
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.2, typo=0.04, step_surname=0.4, dob_swap=0.02, nhs_present=0.0, duplicate=0.02
    )
    event_noise = EventNoise(late=0.15, bad_row=0.003)
    ids = LocalIds("YP", 5_003, 77_777)

    def household(self, household: Household) -> None:
        episodes = [e for e in household.episodes if e.kind in _KINDS]
        if not episodes:
            return
        for person in household.people:
            if any(e.subject == person.true_id for e in episodes):
                self._person(person)
        self._n = 0
        for e in episodes:
            self._contact(e)

    def _person(self, person: Person) -> None:
        la_number = (
            SocialCare.ids.for_person(person) if person.is_child and self.rng.random() < 0.6 else ""
        )
        for local, ident in self.person_records(person):
            name = f"{ident.given_name} {ident.family_name}"
            dob = written_date(ident.date_of_birth) if self.rng.random() < 0.9 else ""
            self.write_person(
                "people",
                local,
                person,
                [
                    local,
                    name,
                    dob,
                    "Female" if person.sex == "female" else "Male",
                    la_number,
                    "Child" if person.is_child else "Adult",
                ],
            )

    def _contact(self, e: Episode) -> None:
        self._n += 1
        kind = _KIND_TYPE[e.kind]
        source = e.attrs.get("from", "")
        target = e.attrs.get("to", "")
        logged = self.recorded(e.start.date())
        row: list[Cell] = [
            opaque_ref("PC", e.subject, self._n),
            self.subject_id(e.subject),
            kind,
            written_date(e.start.date()),
            source,
            target,
            e.attrs.get("missing_ref", e.ref),
            written_date(logged),
        ]
        attrs = tuple((k, v) for k, v in (("from_forum", source), ("to_forum", target)) if v)
        obs = [
            Observation(
                _TYPES[kind],
                e.subject,
                e.start,
                self.source,
                attrs,
                e.participants,
                e.attrs.get("missing_ref", e.ref),
            )
        ]
        self.write_event("contacts", row, obs, date_index=3, subject_index=1)
