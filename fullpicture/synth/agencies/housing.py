"""Housing: the council's housing management system (tenancies, household members, changes).

Semicolon-separated, Windows-1252 encoded, dates as ``dd.mm.yyyy``; its own person references;
household members recorded by their relationship to the lead tenant.
"""

from __future__ import annotations

from datetime import date, datetime, time

from fullpicture.synth.agencies.base import Agency, Cell, LocalIds, TableSpec
from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.model import Episode, Household, Observation, Person
from fullpicture.synth.noise import EventNoise, IdentityProfile

DAY = "%d.%m.%Y"
_CHANGES = {
    "JOIN": "housing.household_member_joins",
    "LEAVE": "housing.household_member_leaves",
    "EVICT": "housing.eviction",
    "ASB": "housing.concern",
    "MOVE": "housing.address_change",
}
_RELATION = {
    "PARTNER": "household_member",
    "SON": "household_member",
    "DAUGHTER": "household_member",
    "STEPSON": "household_member",
    "STEPDAUGHTER": "household_member",
    "OTHER": "household_member",
}

TABLES = (
    TableSpec(
        "residents",
        "01_residents.csv",
        "person",
        ("PERSON_REF", "TITLE", "FORENAME", "SURNAME", "DOB", "NI_NUMBER"),
        {
            "local_id": "PERSON_REF",
            "given_name": "FORENAME",
            "family_name": "SURNAME",
            "date_of_birth": "DOB",
        },
        required=("local_id",),
    ),
    TableSpec(
        "tenancies",
        "02_tenancies.csv",
        "address",
        ("TENANCY_REF", "PERSON_REF", "ADDRESS_LINE_1", "POSTCODE", "TENANCY_START", "TENANCY_END"),
        {
            "record_id": "TENANCY_REF",
            "person_local_id": "PERSON_REF",
            "address": "ADDRESS_LINE_1",
            "postcode": "POSTCODE",
            "start_date": "TENANCY_START",
            "end_date": "TENANCY_END",
        },
        required=("person_local_id",),
    ),
    TableSpec(
        "household_members",
        "03_household_members.csv",
        "relationship",
        (
            "MEMBER_REF",
            "PERSON_REF",
            "LEAD_TENANT_REF",
            "RELATIONSHIP_TO_LEAD",
            "DATE_JOINED",
            "DATE_LEFT",
        ),
        {
            "record_id": "MEMBER_REF",
            "from_local_id": "PERSON_REF",
            "to_local_id": "LEAD_TENANT_REF",
            "kind": "RELATIONSHIP_TO_LEAD",
            "start_date": "DATE_JOINED",
            "end_date": "DATE_LEFT",
        },
        required=("from_local_id", "to_local_id", "kind"),
        values={"kind": _RELATION},
    ),
    TableSpec(
        "household_changes",
        "04_household_changes.csv",
        "event",
        ("CHANGE_REF", "PERSON_REF", "CHANGE_TYPE", "EFFECTIVE_DATE", "POSTCODE", "ENTERED_ON"),
        {
            "record_id": "CHANGE_REF",
            "subject_local_id": "PERSON_REF",
            "event_type": "CHANGE_TYPE",
            "attributes.postcode": "POSTCODE",
            "recorded_on": "ENTERED_ON",
        },
        required=("subject_local_id", "event_type"),
        values={"event_type": _CHANGES},
        emit=({"date": "EFFECTIVE_DATE"},),
    ),
)


class Housing(Agency):
    """The council's housing management system (social tenancies only)."""

    source = "housing"
    agency = "housing"
    system = "Housing management system"
    delimiter = ";"
    encoding = "cp1252"
    date_style = "dots"
    date_formats = (DAY,)
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.1, typo=0.03, step_surname=0.5, dob_swap=0.02, nhs_present=0.0, duplicate=0.02
    )
    event_noise = EventNoise(late=0.1, bad_row=0.003)
    ids = LocalIds("HSG", 8_111, 31_337)

    def household(self, household: Household) -> None:
        tenancies = [t for t in household.tenancies if t.social]
        if not tenancies:
            return
        lead = household.people[0]
        for person in household.people:
            self._resident(person)
        self._n = 0
        for tenancy in tenancies:
            for local in self.local[lead.true_id][:1]:
                row: list[Cell] = [
                    opaque_ref("TEN", lead.true_id, self._n),
                    local,
                    tenancy.address,
                    tenancy.postcode,
                    tenancy.start.strftime(DAY),
                    tenancy.end.strftime(DAY) if tenancy.end else "",
                ]
                self.sinks["tenancies"].write(row)
                self.recorder.rows["housing:tenancies"] += 1
                self._n += 1
        self._members(household, lead)
        for e in household.episodes:
            if e.kind in _KINDS and self.knows(e.subject):
                self._change(e, household)
        for tenancy in tenancies[1:]:
            move = Episode("move", lead.true_id, datetime.combine(tenancy.start, time(9)))
            if tenancy.start >= date(2019, 4, 1):
                self._change(move, household, postcode=tenancy.postcode)

    def _resident(self, person: Person) -> None:
        for local, ident in self.person_records(person):
            title = (
                ("Miss" if person.is_child else "Ms")
                if person.sex == "female"
                else ("Master" if person.is_child else "Mr")
            )
            self.write_person(
                "residents",
                local,
                person,
                [
                    local,
                    title,
                    ident.given_name,
                    ident.family_name,
                    ident.date_of_birth.strftime(DAY),
                    "",
                ],
            )

    def _members(self, household: Household, lead: Person) -> None:
        lead_ref = self.local[lead.true_id][0]
        for person in household.people[1:]:
            if person.is_child:
                step = person.step_family_name and self.rng.random() < 0.2
                relation = ("STEP" if step else "") + (
                    "DAUGHTER" if person.sex == "female" else "SON"
                )
            else:
                relation = (
                    "PARTNER" if person.role in ("father", "partner", "step_parent") else "OTHER"
                )
            joined = person.moved_in or person.date_of_birth
            left = person.moved_out
            row: list[Cell] = [
                f"MEM{self.recorder.rows['housing:household_members'] + 1:08d}",
                self.local[person.true_id][0],
                lead_ref,
                relation,
                joined.strftime(DAY),
                left.strftime(DAY) if left else "",
            ]
            self.sinks["household_members"].write(row)
            self.recorder.rows["housing:household_members"] += 1

    def _change(self, e: Episode, household: Household, postcode: str = "") -> None:
        code = {
            "member_joins": "JOIN",
            "member_leaves": "LEAVE",
            "eviction": "EVICT",
            "housing_concern": "ASB",
            "move": "MOVE",
        }[e.kind]
        self._n += 1
        row: list[Cell] = [
            opaque_ref("CHG", e.subject, self._n),
            self.subject_id(e.subject),
            code,
            e.start.strftime(DAY),
            postcode,
            self.recorded(e.start.date()).strftime(DAY),
        ]
        attrs = (("postcode", postcode),) if postcode else ()
        obs = [Observation(_CHANGES[code], e.subject, e.start, self.source, attrs)]
        self.write_event("household_changes", row, obs, date_index=3, subject_index=1)


_KINDS = frozenset({"member_joins", "member_leaves", "eviction", "housing_concern"})
