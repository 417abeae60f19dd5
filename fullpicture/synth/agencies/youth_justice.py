"""Youth justice: the youth offending service's case management extract.

Compact dates (``yyyymmdd``), its own ``YJ`` ids, the Police National Computer number the
service holds for each young person (the same number the police record), interventions after a
caution or a charge, and referral order panels.
"""

from __future__ import annotations

from datetime import date, datetime, time

from fullpicture.synth.agencies.base import Agency, Cell, LocalIds, TableSpec
from fullpicture.synth.identifiers import opaque_ref, pnc_number
from fullpicture.synth.model import WINDOW_END, Episode, Household, Observation
from fullpicture.synth.noise import EventNoise, IdentityProfile

DAY = "%Y%m%d"
_KINDS = {
    "RO": "referral_order",
    "YRO": "youth_rehabilitation_order",
    "YC": "youth_caution",
    "TRI": "triage",
}

TABLES = (
    TableSpec(
        "young_people",
        "01_young_people.csv",
        "person",
        ("YP_ID", "FIRST_NAME", "LAST_NAME", "DOB", "SEX", "PNC_NUMBER"),
        {
            "local_id": "YP_ID",
            "given_name": "FIRST_NAME",
            "family_name": "LAST_NAME",
            "date_of_birth": "DOB",
            "sex": "SEX",
            "other_id": "PNC_NUMBER",
        },
        required=("local_id",),
        values={"sex": {"Male": "male", "Female": "female"}},
        constants={"is_child": "true"},
    ),
    TableSpec(
        "interventions",
        "02_interventions.csv",
        "event",
        ("INTERVENTION_ID", "YP_ID", "TYPE", "START_DATE", "END_DATE", "PANEL_DATE"),
        {
            "record_id": "INTERVENTION_ID",
            "subject_local_id": "YP_ID",
            "attributes.intervention_kind": "TYPE",
        },
        required=("subject_local_id",),
        values={"attributes.intervention_kind": _KINDS},
        emit=(
            {"event_type": "youth_justice.intervention", "date": "START_DATE"},
            {"event_type": "youth_justice.panel", "date": "PANEL_DATE", "optional": True},
        ),
    ),
)


class YouthJustice(Agency):
    """The youth offending service."""

    source = "youth_justice"
    agency = "youth_justice"
    system = "Youth justice case management system"
    date_style = "compact"
    date_formats = (DAY,)
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.15, typo=0.02, step_surname=0.3, dob_swap=0.0, nhs_present=0.0, duplicate=0.01
    )
    event_noise = EventNoise(late=0.05, bad_row=0.003)
    ids = LocalIds("YJ", 9_007, 24_680)

    def household(self, household: Household) -> None:
        episodes = [e for e in household.episodes if e.kind == "yj_intervention"]
        if not episodes:
            return
        for person in household.children:
            if any(e.subject == person.true_id for e in episodes):
                for local, ident in self.person_records(person):
                    sex = "Female" if person.sex == "female" else "Male"
                    row = [
                        local,
                        ident.given_name,
                        ident.family_name,
                        ident.date_of_birth.strftime(DAY),
                        sex,
                        pnc_number(person.true_id, person.date_of_birth),
                    ]
                    self.write_person("young_people", local, person, row)
        for e in episodes:
            self._intervention(e)

    def _intervention(self, e: Episode) -> None:
        a = e.attrs
        panel = date.fromisoformat(a["panel"]) if a.get("panel") else None
        if panel is not None and panel > WINDOW_END:
            panel = None
        row: list[Cell] = [
            opaque_ref("YJI", e.subject, e.start),
            self.subject_id(e.subject),
            a["kind"],
            e.start.strftime(DAY),
            e.end.strftime(DAY) if e.end else "",
            panel.strftime(DAY) if panel else "",
        ]
        attrs = (("intervention_kind", _KINDS[a["kind"]]),)
        obs = [Observation("youth_justice.intervention", e.subject, e.start, self.source, attrs)]
        if panel is not None:
            obs.append(
                Observation(
                    "youth_justice.panel",
                    e.subject,
                    datetime.combine(panel, time(10)),
                    self.source,
                    attrs,
                )
            )
        self.write_event("interventions", row, obs, date_index=3, subject_index=1)
