"""Police: nominals, incident-nominal links, missing person reports, custody records and nominal
associations, from a records management system.

Its own shapes: nominal references (``NOM`` + digits), surnames in capitals, date and time of day
(``dd/mm/yyyy HH:MM``), its own incident codes, DASH risk for domestic abuse, and few NHS numbers.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from fullpicture.synth.agencies.base import Agency, Cell, LocalIds, TableSpec
from fullpicture.synth.identifiers import opaque_ref, pnc_number
from fullpicture.synth.model import WINDOW_END, Episode, Household, Observation, Person
from fullpicture.synth.noise import EventNoise, IdentityProfile

STAMP = "%d/%m/%Y %H:%M"
DAY = "%d/%m/%Y"
_INCIDENT_TYPES = {
    "DA01": "police.domestic_abuse_incident",
    "ASB": "police.incident",
    "VIOL": "police.incident",
    "THFT": "police.incident",
    "DRUG": "police.incident",
    "CONC": "police.incident",
    "CSE": "police.exploitation_concern",
    "CCE": "police.exploitation_concern",
}
_ROLES = {
    "VICTIM": "victim",
    "SUSPECT": "alleged_perpetrator",
    "WITNESS": "witness",
    "PRESENT": "witness",
    "INVOLVED": "subject",
}

TABLES = (
    TableSpec(
        "nominals",
        "01_nominals.csv",
        "person",
        (
            "NOMINAL_REF",
            "SURNAME",
            "FORENAME_1",
            "FORENAME_2",
            "DATE_OF_BIRTH",
            "GENDER",
            "PNC_ID",
            "NHS_NO",
            "LAST_KNOWN_POSTCODE",
        ),
        {
            "local_id": "NOMINAL_REF",
            "family_name": "SURNAME",
            "given_name": "FORENAME_1",
            "middle_names": "FORENAME_2",
            "date_of_birth": "DATE_OF_BIRTH",
            "sex": "GENDER",
            "other_id": "PNC_ID",
            "nhs_number": "NHS_NO",
            "postcode": "LAST_KNOWN_POSTCODE",
        },
        required=("local_id",),
        values={"sex": {"M": "male", "F": "female", "U": "unknown"}},
    ),
    TableSpec(
        "associations",
        "02_nominal_links.csv",
        "relationship",
        ("LINK_ID", "NOMINAL_REF", "LINKED_NOMINAL_REF", "LINK_TYPE", "LINK_START"),
        {
            "record_id": "LINK_ID",
            "from_local_id": "NOMINAL_REF",
            "to_local_id": "LINKED_NOMINAL_REF",
            "kind": "LINK_TYPE",
            "start_date": "LINK_START",
        },
        required=("from_local_id", "to_local_id", "kind"),
        values={
            "kind": {
                "ASSOC": "associate",
                "PARTNER": "partner_of_parent",
                "FAMILY": "household_member",
            }
        },
    ),
    TableSpec(
        "incidents",
        "03_incident_nominals.csv",
        "event",
        (
            "LINK_ID",
            "INCIDENT_NO",
            "NOMINAL_REF",
            "INVOLVEMENT",
            "INC_CODE",
            "OCCURRED_FROM",
            "REPORTED",
            "DASH_RISK",
            "EXPLOITATION_TYPE",
            "LOCATION_TYPE",
            "PPN_SUBMITTED",
            "RECORDED",
        ),
        {
            "record_id": "LINK_ID",
            "incident_ref": "INCIDENT_NO",
            "subject_local_id": "NOMINAL_REF",
            "event_type": "INC_CODE",
            "attributes.risk_level": "DASH_RISK",
            "attributes.incident_kind": "INC_CODE",
            "attributes.exploitation_kind": "EXPLOITATION_TYPE",
            "participant_roles": "INVOLVEMENT",
            "location": "LOCATION_TYPE",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id", "event_type"),
        values={
            "event_type": _INCIDENT_TYPES,
            "attributes.risk_level": {"S": "standard", "M": "medium", "H": "high"},
            "attributes.exploitation_kind": {
                "CSE": "sexual",
                "CCE": "criminal",
                "CL": "county_lines",
            },
            "participant_roles": _ROLES,
        },
        emit=(
            {"date": "OCCURRED_FROM"},
            {"event_type": "police.notification", "date": "PPN_SUBMITTED", "optional": True},
        ),
    ),
    TableSpec(
        "missing_persons",
        "04_misper_reports.csv",
        "event",
        (
            "MISPER_REF",
            "NOMINAL_REF",
            "REPORTED_MISSING",
            "FOUND_RETURNED",
            "RISK_GRADING",
            "MISSING_FROM",
            "LINKED_INCIDENT",
        ),
        {
            "record_id": "MISPER_REF",
            "incident_ref": "LINKED_INCIDENT",
            "subject_local_id": "NOMINAL_REF",
            "location": "MISSING_FROM",
        },
        required=("subject_local_id",),
        emit=(
            {
                "event_type": "police.missing_start",
                "date": "REPORTED_MISSING",
                "attributes": {"missing_kind": "missing"},
            },
            {"event_type": "police.missing_end", "date": "FOUND_RETURNED", "optional": True},
        ),
    ),
    TableSpec(
        "custody",
        "05_custody_records.csv",
        "event",
        (
            "CUSTODY_REF",
            "NOMINAL_REF",
            "ARREST_DATETIME",
            "OFFENCE",
            "ARREST_LOCATION",
            "CHARGE_DATE",
            "CAUTION_DATE",
        ),
        {
            "record_id": "CUSTODY_REF",
            "subject_local_id": "NOMINAL_REF",
            "attributes.offence": "OFFENCE",
            "attributes.in_placement": "ARREST_LOCATION",
            "location": "ARREST_LOCATION",
        },
        required=("subject_local_id",),
        values={
            "attributes.in_placement": {
                "CARE HOME/PLACEMENT": "true",
                "HOME ADDRESS": "false",
                "PUBLIC PLACE": "false",
            }
        },
        emit=(
            {"event_type": "police.arrest", "date": "ARREST_DATETIME"},
            {"event_type": "police.charge", "date": "CHARGE_DATE", "optional": True},
            {"event_type": "police.caution", "date": "CAUTION_DATE", "optional": True},
        ),
    ),
)
_POLICE_KINDS = frozenset({"da_incident", "police_incident", "exploitation", "missing", "arrest"})


class Police(Agency):
    """The police force's records management system."""

    source = "police"
    agency = "police"
    system = "Police records management system"
    date_style = "slashes"
    date_formats = (STAMP, DAY)
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.25, typo=0.04, step_surname=0.35, dob_swap=0.02, nhs_present=0.08, duplicate=0.03
    )
    event_noise = EventNoise(late=0.03, bad_row=0.002)
    ids = LocalIds("NOM", 3_001, 98_765)

    def household(self, household: Household) -> None:
        episodes = [e for e in household.episodes if e.kind in _POLICE_KINDS and self._ours(e)]
        if not episodes:
            return
        involved: set[str] = set()
        for e in episodes:
            involved.add(e.subject)
            involved.update(p for p in e.participants if p.startswith(f"T{household.index:07d}"))
            if e.kind == "da_incident":
                involved.add(e.attrs["perpetrator"])
        for person in household.people:
            if person.true_id in involved:
                self._nominal(person, household)
        self._links(household)
        for e in episodes:
            getattr(self, f"_w_{e.kind}")(household, e)

    @staticmethod
    def _ours(e: Episode) -> bool:
        return e.kind != "missing" or e.attrs.get("kind") == "M"

    def _nominal(self, person: Person, household: Household) -> None:
        for local, ident in self.person_records(person):
            adult_or_older = (
                not person.is_child or person.age_on(household.tenancies[-1].start) >= 10
            )
            pnc = (
                pnc_number(person.true_id, person.date_of_birth)
                if adult_or_older and self.rng.random() < 0.6
                else ""
            )
            self.write_person(
                "nominals",
                local,
                person,
                [
                    local,
                    ident.family_name.upper(),
                    ident.given_name,
                    ident.middle_name,
                    ident.date_of_birth.strftime(DAY),
                    "F" if person.sex == "female" else "M",
                    pnc,
                    ident.nhs_number,
                    household.tenancies[-1].postcode,
                ],
            )

    def _links(self, household: Household) -> None:
        """Associations the force records: peers seen together, and a mother's new partner."""
        for child, peer in sorted(set(household.peers)):  # peers live in other households
            if self.knows(child):
                self._link(self.local[child][0], self.ids.for_true_id(peer), "ASSOC")
        mother = household.people[0]
        for adult in household.adults:
            if (
                adult.role in ("partner", "step_parent")
                and self.knows(adult.true_id)
                and self.knows(mother.true_id)
            ):
                self._link(self.local[adult.true_id][0], self.local[mother.true_id][0], "PARTNER")

    def _link(self, first: str, second: str, kind: str) -> None:
        sink = self.sinks["associations"]
        sink.write([f"LNK{sink.rows + 1:08d}", first, second, kind, ""])
        self.recorder.rows["police:associations"] += 1

    def _stamp(self, value: datetime | None) -> str:
        return value.strftime(STAMP) if value else ""

    def _rec(self, e: Episode) -> str:
        return self.recorded(e.start.date()).strftime(DAY)

    def _row(
        self,
        e: Episode,
        subject: str,
        involvement: str,
        code: str,
        risk: str = "",
        ppn: datetime | None = None,
    ) -> None:
        exploitation = {"CSE": "CSE", "CCE": "CCE"}.get(code, "")
        reported = e.start + timedelta(minutes=self.rng.randrange(5, 240))
        incident = e.ref or opaque_ref("INC", e.subject, e.start)
        row: list[Cell] = [
            opaque_ref("L", incident, subject),
            incident,
            self.subject_id(subject),
            involvement,
            code,
            self._stamp(e.start),
            self._stamp(reported),
            risk,
            exploitation,
            "DWELLING" if code == "DA01" else "STREET",
            self._stamp(ppn),
            self._rec(e),
        ]
        attrs: dict[str, str] = {}
        if code == "DA01":
            attrs["risk_level"] = {"S": "standard", "M": "medium", "H": "high"}[risk]
        if code in ("CSE", "CCE"):
            attrs["exploitation_kind"] = "sexual" if code == "CSE" else "criminal"
        obs = [
            Observation(
                _INCIDENT_TYPES[code],
                subject,
                e.start,
                self.source,
                tuple(sorted(attrs.items())),
                e.participants,
                incident,
            )
        ]
        if ppn:
            obs.append(
                Observation("police.notification", subject, ppn, self.source, (), (), incident)
            )
        self.write_event("incidents", row, obs, date_index=5, subject_index=2)

    def _w_da_incident(self, household: Household, e: Episode) -> None:
        risk = {"standard": "S", "medium": "M", "high": "H"}[e.attrs["risk"]]
        ppn = e.start.replace(hour=9, minute=30) + timedelta(days=1 + self.rng.randrange(3))
        self._row(e, e.subject, "VICTIM", "DA01", risk)
        self._row(e, e.attrs["perpetrator"], "SUSPECT", "DA01", risk)
        for child in e.participants:
            self._row(e, child, "PRESENT", "DA01", risk, ppn)

    def _w_police_incident(self, household: Household, e: Episode) -> None:
        code = e.attrs.get("code") or self.rng.choice(("ASB", "VIOL", "THFT", "DRUG", "CONC"))
        role = e.attrs.get("role") or self.rng.choice(("VICTIM", "SUSPECT", "INVOLVED"))
        self._row(e, e.subject, role, code)

    def _w_exploitation(self, household: Household, e: Episode) -> None:
        self._row(e, e.subject, "VICTIM", e.attrs["code"])

    def _w_missing(self, household: Household, e: Episode) -> None:
        where = "CARE PLACEMENT" if e.attrs.get("from") == "care" else "HOME ADDRESS"
        row: list[Cell] = [
            opaque_ref("MP", e.subject, e.start),
            self.subject_id(e.subject),
            self._stamp(e.start),
            self._stamp(e.end),
            self.rng.choice(("LOW", "MEDIUM", "MEDIUM", "HIGH")),
            where,
            e.ref,
        ]
        obs = [
            Observation(
                "police.missing_start",
                e.subject,
                e.start,
                self.source,
                (("missing_kind", "missing"),),
                e.participants,
                e.ref,
            )
        ]
        if e.end:
            obs.append(
                Observation(
                    "police.missing_end", e.subject, e.end, self.source, (), e.participants, e.ref
                )
            )
        self.write_event("missing_persons", row, obs, date_index=2, subject_index=1)

    def _w_arrest(self, household: Household, e: Episode) -> None:
        disposal = e.attrs["disposal"]
        if date.fromisoformat(e.attrs["disposed"]) > WINDOW_END:
            disposal = "pending"  # charged or cautioned after the extract window
        later = datetime.combine(date.fromisoformat(e.attrs["disposed"]), time(11))
        location = (
            "CARE HOME/PLACEMENT"
            if e.attrs["in_placement"] == "Y"
            else self.rng.choice(("HOME ADDRESS", "PUBLIC PLACE"))
        )
        row: list[Cell] = [
            opaque_ref("CUS", e.subject, e.start),
            self.subject_id(e.subject),
            self._stamp(e.start),
            e.attrs["offence"],
            location,
            later.strftime(DAY) if disposal == "charge" else "",
            later.strftime(DAY) if disposal == "caution" else "",
        ]
        in_placement = "true" if location == "CARE HOME/PLACEMENT" else "false"
        obs = [
            Observation(
                "police.arrest",
                e.subject,
                e.start,
                self.source,
                (("in_placement", in_placement), ("offence", e.attrs["offence"])),
            )
        ]
        if disposal in ("charge", "caution"):
            obs.append(
                Observation(
                    f"police.{disposal}",
                    e.subject,
                    later,
                    self.source,
                    (("offence", e.attrs["offence"]),),
                )
            )
        self.write_event("custody", row, obs, date_index=2, subject_index=1)
