"""Children's social care: an SSDA903 / CIN census shaped extract from the case management system.

Dates are ``dd/mm/yyyy``; people have one id scheme (``CHILD`` for children, ``PERSON_ID`` for
relatives, same numbering); codes are the statutory ones (ReferralSource, CategoryOfAbuse, RNE,
LS, PLACE, REASON_PLACE_CHANGE plus a local ``PEERS`` code, REVIEW_CODE, MISSING, SW_REASON).
Workflow steps that the statutory returns do not carry (closures, step-down plans, wishes and
feelings, escalations, risk assessments ...) come in an activities export with local step codes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fullpicture.synth.agencies.base import Agency, Cell, LocalIds, TableSpec
from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.model import Episode, Household, Observation, Person
from fullpicture.synth.noise import EventNoise, IdentityProfile

DATE = "%d/%m/%Y"
_SEX = {"M": "male", "F": "female", "U": "unknown"}
_REL = {
    "MOTH": "parent",
    "FATH": "parent",
    "STEP": "step_parent",
    "PART": "partner_of_parent",
    "SIB": "sibling",
}
_SOURCE_TYPE = {
    "1A": "family",
    "1B": "neighbour",
    "1C": "self",
    "1D": "other",
    "2A": "school",
    "2B": "school",
    "3A": "health",
    "3B": "health",
    "3C": "health",
    "3D": "health",
    "3E": "health",
    "3F": "health",
    "4": "housing",
    "5A": "other",
    "5B": "other",
    "5C": "other_la",
    "5D": "early_help",
    "6": "police",
    "7": "other",
    "8": "other",
    "9": "anonymous",
    "10": "other",
}
_CATEGORY = {
    "NEG": "neglect",
    "EMO": "emotional",
    "PHY": "physical",
    "SAB": "sexual",
    "MUL": "multiple",
}
_PLACE_REASON = {
    "CARPL": "care_plan",
    "CLOSE": "provision_closed",
    "ALLEG": "allegation",
    "STAND": "standards_of_care",
    "APPRR": "approval_removed",
    "CREQB": "carer_request_behaviour",
    "CREQO": "carer_request_other",
    "CHILD": "child_request",
    "LAREQ": "la_request",
    "PLACE": "status_change",
    "CUSTOD": "custody",
    "OTHER": "other",
    "PEERS": "peer_separation",
}
_YN = {"Y": "true", "N": "false"}
_STEPS = {
    "CLOSE": "social_care.case_closure",
    "STEPDOWN": "social_care.step_down_plan",
    "LEADPROF": "social_care.lead_professional",
    "PREVCOMP": "social_care.previous_plan_compliance",
    "IROALLOC": "social_care.iro_allocated",
    "IRONOTE": "social_care.iro_notified",
    "WISHES": "social_care.wishes_and_feelings",
    "CHREQ": "social_care.child_request",
    "SERVPROV": "social_care.service_provided",
    "ESC": "social_care.escalation_raised",
    "ESCRES": "social_care.escalation_resolved",
    "RA": "social_care.risk_assessment",
    "RAREV": "social_care.risk_assessment_review",
    "YC": "social_care.young_carer_identified",
    "YCA": "social_care.young_carer_assessment",
    "INJ": "social_care.serious_injury",
    "DEATH": "social_care.child_death",
}
_KIND_STEP = {
    "closure": "CLOSE",
    "step_down": "STEPDOWN",
    "lead_professional": "LEADPROF",
    "compliance": "PREVCOMP",
    "iro_allocated": "IROALLOC",
    "iro_notified": "IRONOTE",
    "wishes": "WISHES",
    "child_request": "CHREQ",
    "service": "SERVPROV",
    "risk_assessment": "RA",
    "risk_review": "RAREV",
    "young_carer": "YC",
    "young_carer_assessment": "YCA",
    "serious_injury": "INJ",
    "child_death": "DEATH",
}


def _t(
    name: str, filename: str, kind: str, header: tuple[str, ...], columns: dict[str, str], **kw: Any
) -> TableSpec:
    return TableSpec(name, filename, kind, header, columns, **kw)


def _emit(
    date_col: str, event_type: str | None = None, *, optional: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date_col}
    if event_type:
        out["event_type"] = event_type
    if optional:
        out["optional"] = True
    return out


TABLES = (
    _t(
        "children",
        "01_children.csv",
        "person",
        (
            "CHILD",
            "FORENAME",
            "MIDDLE_NAMES",
            "SURNAME",
            "FORMER_SURNAME",
            "SEX",
            "DOB",
            "ETHNIC",
            "UPN",
            "NHS_NUMBER",
            "HOME_POST",
        ),
        {
            "local_id": "CHILD",
            "given_name": "FORENAME",
            "middle_names": "MIDDLE_NAMES",
            "family_name": "SURNAME",
            "former_family_name": "FORMER_SURNAME",
            "sex": "SEX",
            "date_of_birth": "DOB",
            "ethnicity": "ETHNIC",
            "upn": "UPN",
            "nhs_number": "NHS_NUMBER",
            "postcode": "HOME_POST",
        },
        required=("local_id",),
        values={"sex": _SEX},
        constants={"is_child": "true"},
    ),
    _t(
        "relatives",
        "02_relatives.csv",
        "person",
        ("PERSON_ID", "FORENAME", "SURNAME", "SEX", "DOB", "NHS_NUMBER", "ETHNIC"),
        {
            "local_id": "PERSON_ID",
            "given_name": "FORENAME",
            "family_name": "SURNAME",
            "sex": "SEX",
            "date_of_birth": "DOB",
            "nhs_number": "NHS_NUMBER",
            "ethnicity": "ETHNIC",
        },
        required=("local_id",),
        values={"sex": _SEX},
        constants={"is_child": "false"},
    ),
    _t(
        "relationships",
        "03_relationships.csv",
        "relationship",
        ("REL_ID", "PERSON_ID", "CHILD", "RELATIONSHIP", "START_DATE", "END_DATE"),
        {
            "record_id": "REL_ID",
            "from_local_id": "PERSON_ID",
            "to_local_id": "CHILD",
            "kind": "RELATIONSHIP",
            "start_date": "START_DATE",
            "end_date": "END_DATE",
        },
        required=("from_local_id", "to_local_id", "kind"),
        values={"kind": _REL},
    ),
    _t(
        "referrals",
        "04_cin_referrals.csv",
        "event",
        (
            "REFERRAL_ID",
            "CHILD",
            "CINreferralDate",
            "ReferralSource",
            "ReferralNFA",
            "CINclosureDate",
            "ReasonForClosure",
            "RECORDED",
        ),
        {
            "record_id": "REFERRAL_ID",
            "subject_local_id": "CHILD",
            "attributes.source_type": "ReferralSource",
            "attributes.outcome": "ReferralNFA",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id",),
        values={
            "attributes.source_type": _SOURCE_TYPE,
            "attributes.outcome": {"true": "nfa", "false": "assessment"},
        },
        emit=(_emit("CINreferralDate", "social_care.referral"),),
    ),
    _t(
        "assessments",
        "05_assessments.csv",
        "event",
        (
            "ASSESSMENT_ID",
            "CHILD",
            "AssessmentActualStartDate",
            "AssessmentAuthorisationDate",
            "ASSESSMENT_TYPE",
            "FactorsIdentifiedAtAssessment",
            "ASSESSMENT_OUTCOME",
            "PARTICIPANTS",
            "PARTICIPANT_ROLES",
            "RECORDED",
        ),
        {
            "record_id": "ASSESSMENT_ID",
            "subject_local_id": "CHILD",
            "attributes.assessment_kind": "ASSESSMENT_TYPE",
            "attributes.factors": "FactorsIdentifiedAtAssessment",
            "attributes.outcome": "ASSESSMENT_OUTCOME",
            "participant_local_ids": "PARTICIPANTS",
            "participant_roles": "PARTICIPANT_ROLES",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id",),
        values={
            "attributes.assessment_kind": {
                "SA": "single",
                "PN": "parent_needs",
                "YC": "young_carer",
            },
            "attributes.outcome": {"NFA": "nfa", "CINP": "cin_plan", "S47": "s47"},
        },
        emit=(
            _emit("AssessmentActualStartDate", "social_care.assessment_start"),
            _emit("AssessmentAuthorisationDate", "social_care.assessment_end", optional=True),
        ),
    ),
    _t(
        "section47",
        "06_section47.csv",
        "event",
        (
            "S47_ID",
            "CHILD",
            "StrategyDiscussionDate",
            "AgenciesPresent",
            "S47ActualStartDate",
            "S47EndDate",
            "S47Outcome",
            "DateOfInitialCPC",
            "ICPCDecision",
            "RECORDED",
        ),
        {
            "record_id": "S47_ID",
            "subject_local_id": "CHILD",
            "attributes.agencies_present": "AgenciesPresent",
            "attributes.outcome": "S47Outcome",
            "attributes.decision": "ICPCDecision",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id",),
        values={
            "attributes.outcome": {"ICPC": "icpc", "NFA": "no_further_action", "CIN": "cin"},
            "attributes.decision": {"PLAN": "plan", "NOPLAN": "no_plan"},
        },
        emit=(
            _emit("StrategyDiscussionDate", "social_care.strategy_discussion"),
            _emit("S47ActualStartDate", "social_care.section47_start", optional=True),
            _emit("S47EndDate", "social_care.section47_end", optional=True),
            _emit("DateOfInitialCPC", "social_care.initial_conference", optional=True),
        ),
    ),
    _t(
        "cp_plans",
        "07_cp_plans.csv",
        "event",
        (
            "CPP_ID",
            "CHILD",
            "CPPstartDate",
            "CPPendDate",
            "InitialCategoryOfAbuse",
            "NumberOfPreviousCPP",
            "RECORDED",
        ),
        {
            "record_id": "CPP_ID",
            "subject_local_id": "CHILD",
            "attributes.category": "InitialCategoryOfAbuse",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id",),
        values={"attributes.category": _CATEGORY},
        emit=(
            _emit("CPPstartDate", "social_care.cp_plan_start"),
            _emit("CPPendDate", "social_care.cp_plan_end", optional=True),
        ),
    ),
    _t(
        "cp_reviews",
        "08_cp_reviews.csv",
        "event",
        ("CHILD", "CPPreviewDate"),
        {"subject_local_id": "CHILD"},
        required=("subject_local_id",),
        emit=(_emit("CPPreviewDate", "social_care.review_conference"),),
    ),
    _t(
        "cin_plans",
        "09_cin_plans.csv",
        "event",
        ("CHILD", "CINPlanStartDate", "CINPlanEndDate"),
        {"subject_local_id": "CHILD"},
        required=("subject_local_id",),
        emit=(
            _emit("CINPlanStartDate", "social_care.cin_plan_start"),
            _emit("CINPlanEndDate", "social_care.cin_plan_end", optional=True),
        ),
    ),
    _t(
        "episodes",
        "10_episodes.csv",
        "event",
        (
            "EPISODE_ID",
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
            "PL_LOCATION",
            "PLACEMENT_PLANNED",
        ),
        {
            "record_id": "EPISODE_ID",
            "subject_local_id": "CHILD",
            "attributes.placement_type": "PLACE",
            "attributes.reason": "REASON_PLACE_CHANGE",
            "attributes.area": "PL_LOCATION",
            "attributes.planned": "PLACEMENT_PLANNED",
        },
        required=("subject_local_id",),
        values={
            "attributes.reason": _PLACE_REASON,
            "attributes.area": {"IN": "in_area", "OUT": "out_of_area"},
            "attributes.planned": _YN,
        },
        emit=(
            _emit("DECOM", "social_care.placement_start"),
            _emit("DEC", "social_care.placement_end", optional=True),
        ),
    ),
    _t(
        "periods_of_care",
        "11_periods_of_care.csv",
        "event",
        ("CHILD", "POC_START", "LS", "POC_END", "REC"),
        {"subject_local_id": "CHILD", "attributes.legal_status": "LS", "attributes.reason": "REC"},
        required=("subject_local_id",),
        emit=(
            _emit("POC_START", "social_care.looked_after_start"),
            _emit("POC_END", "social_care.looked_after_end", optional=True),
        ),
    ),
    _t(
        "reviews",
        "12_reviews.csv",
        "event",
        ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
        {"subject_local_id": "CHILD", "attributes.participation": "REVIEW_CODE"},
        required=("subject_local_id",),
        emit=(_emit("REVIEW", "social_care.lac_review"),),
    ),
    _t(
        "missing",
        "13_missing.csv",
        "event",
        ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
        {"subject_local_id": "CHILD", "attributes.missing_kind": "MISSING"},
        required=("subject_local_id",),
        values={"attributes.missing_kind": {"M": "missing", "A": "away"}},
        emit=(
            _emit("MIS_START", "police.missing_start"),
            _emit("MIS_END", "police.missing_end", optional=True),
        ),
    ),
    _t(
        "sw_episodes",
        "14_sw_episodes.csv",
        "event",
        ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON", "CHILD_INFORMED"),
        {
            "subject_local_id": "CHILD",
            "attributes.reason": "SW_REASON",
            "attributes.child_told": "CHILD_INFORMED",
        },
        required=("subject_local_id",),
        values={"attributes.child_told": _YN},
        emit=(_emit("SW_DECOM", "social_care.social_worker_change"),),
    ),
    _t(
        "visits",
        "15_visits.csv",
        "event",
        ("VISIT_ID", "CHILD", "VISIT_DATE", "SEEN", "SEEN_ALONE", "RECORDED"),
        {
            "record_id": "VISIT_ID",
            "subject_local_id": "CHILD",
            "attributes.seen": "SEEN",
            "attributes.seen_alone": "SEEN_ALONE",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id",),
        values={"attributes.seen": _YN, "attributes.seen_alone": _YN},
        emit=(_emit("VISIT_DATE", "social_care.statutory_visit"),),
    ),
    _t(
        "activities",
        "16_activities.csv",
        "event",
        (
            "ACTIVITY_ID",
            "CHILD",
            "STEP_TYPE",
            "STEP_DATE",
            "DUE_DATE",
            "OUTCOME",
            "SERVICE",
            "DETAIL",
            "RECORDED",
        ),
        {
            "record_id": "ACTIVITY_ID",
            "subject_local_id": "CHILD",
            "event_type": "STEP_TYPE",
            "attributes.due": "DUE_DATE",
            "attributes.review_due": "DUE_DATE",
            "attributes.outcome": "OUTCOME",
            "attributes.service": "SERVICE",
            "attributes.to_service": "SERVICE",
            "attributes.about": "DETAIL",
            "attributes.topic": "DETAIL",
            "attributes.professional_role": "DETAIL",
            "attributes.raised_by": "DETAIL",
            "recorded_on": "RECORDED",
        },
        required=("subject_local_id", "event_type"),
        values={"event_type": _STEPS},
        emit=(_emit("STEP_DATE"),),
    ),
)


class SocialCare(Agency):
    """The local authority's children's social care case management system."""

    source = "social_care"
    agency = "social_care"
    system = "Case management system (903/CIN style extract)"
    date_style = "slashes"
    date_formats = (DATE,)
    tables = TABLES
    profile = IdentityProfile(
        nickname=0.02,
        typo=0.02,
        step_surname=0.15,
        dob_swap=0.005,
        nhs_present=0.65,
        duplicate=0.012,
    )
    event_noise = EventNoise(late=0.08, bad_row=0.002)
    ids = LocalIds("", 7_919, 1_234_567)

    def household(self, household: Household) -> None:
        involved = sorted(
            {e.subject for e in household.episodes if e.kind in _SC_KINDS and self._ours(e)}
        )
        if not any(household.person(t).is_child for t in involved):
            return
        for person in household.people:
            if person.is_child and person.true_id in involved:
                self._child(person, household.tenancies[-1].postcode)
        for adult in household.adults:
            self._relative(adult)
        self._relationships(household)
        self._counter = 0
        for episode in household.episodes:
            if episode.kind in _SC_KINDS and self._ours(episode) and self.knows(episode.subject):
                self._episode(household, episode)

    @staticmethod
    def _ours(episode: Episode) -> bool:
        if episode.kind == "missing":
            return episode.attrs.get("from") == "care"
        if episode.kind == "young_carer":
            return episode.attrs.get("by") == "social_care"
        return True

    def _child(self, person: Person, postcode: str) -> None:
        for local, ident in self.person_records(person):
            upn = person.upn if person.upn and self.rng.random() < 0.7 else ""
            self.write_person(
                "children",
                local,
                person,
                [
                    local,
                    ident.given_name,
                    ident.middle_name,
                    ident.family_name,
                    ident.former_family_name,
                    "F" if person.sex == "female" else "M",
                    ident.date_of_birth.strftime(DATE),
                    person.ethnicity,
                    upn,
                    ident.nhs_number,
                    postcode,
                ],
            )

    def _relative(self, person: Person) -> None:
        for local, ident in self.person_records(person):
            roll = self.rng.random()
            if roll < 0.81:
                dob = ident.date_of_birth.strftime(DATE)
            elif roll < 0.85:  # an estimate: the year only, marked uncertain
                dob = f"?{ident.date_of_birth.year}"
                self.recorder.noise_counts[f"{self.source}:dob_uncertain_year"] += 1
            else:
                dob = ""
            self.write_person(
                "relatives",
                local,
                person,
                [
                    local,
                    ident.given_name,
                    ident.family_name,
                    "F" if person.sex == "female" else "M",
                    dob,
                    ident.nhs_number,
                    person.ethnicity,
                ],
            )

    def _relationships(self, household: Household) -> None:
        sink = self.sinks["relationships"]
        code = {"mother": "MOTH", "father": "FATH", "step_parent": "STEP", "partner": "PART"}
        children = [c for c in household.children if self.knows(c.true_id)]
        for child in children:
            for adult in household.adults:
                start = adult.moved_in.strftime(DATE) if adult.moved_in else ""
                end = adult.moved_out.strftime(DATE) if adult.moved_out else ""
                self._relationship(
                    [
                        f"REL{sink.rows + 1:07d}",
                        self.local[adult.true_id][0],
                        self.local[child.true_id][0],
                        code[adult.role],
                        start,
                        end,
                    ]
                )
            for sibling in children:
                if sibling is not child:
                    self._relationship(
                        [
                            f"REL{sink.rows + 1:07d}",
                            self.local[sibling.true_id][0],
                            self.local[child.true_id][0],
                            "SIB",
                            "",
                            "",
                        ]
                    )

    def _relationship(self, row: list[Cell]) -> None:
        self.sinks["relationships"].write(row)
        self.recorder.rows[f"{self.source}:relationships"] += 1

    def _id(self, prefix: str, episode: Episode) -> str:
        self._counter += 1
        return f"{prefix}{self.local[episode.subject][0]}{self._counter:03d}"

    def _episode(self, household: Household, e: Episode) -> None:
        handler = getattr(self, f"_w_{e.kind}", None)
        if handler is not None:
            handler(household, e)
        else:
            self._activity(e)

    def _d(self, value: datetime | None) -> str:
        return value.strftime(DATE) if value else ""

    def _rec(self, e: Episode) -> str:
        return self.recorded(e.start.date()).strftime(DATE)

    def _obs(
        self, event_type: str, e: Episode, when: datetime | None = None, **attrs: str
    ) -> Observation:
        return Observation(
            event_type,
            e.subject,
            when or e.start,
            self.source,
            tuple(sorted(attrs.items())),
            e.participants,
            e.ref,
        )

    def _w_referral(self, household: Household, e: Episode) -> None:
        row: list[Cell] = [
            self._id("REF", e),
            self.subject_id(e.subject),
            self._d(e.start),
            e.attrs["source"],
            e.attrs.get("nfa", "false"),
            self._d(e.end),
            e.attrs.get("closure", ""),
            self._rec(e),
        ]
        obs = [self._obs("social_care.referral", e, source_type=_SOURCE_TYPE[e.attrs["source"]])]
        self.write_event("referrals", row, obs, date_index=2, subject_index=1)

    def _w_assessment(self, household: Household, e: Episode) -> None:
        kind = {"single": "SA", "parent_needs": "PN", "young_carer": "YC"}[
            e.attrs.get("kind", "single")
        ]
        outcome = {"nfa": "NFA", "cin_plan": "CINP", "s47": "S47"}.get(
            e.attrs.get("outcome", ""), ""
        )
        people = [self.local[p][0] for p in e.participants if self.knows(p)]
        row: list[Cell] = [
            self._id("ASM", e),
            self.subject_id(e.subject),
            self._d(e.start),
            self._d(e.end),
            kind,
            e.attrs.get("factors", ""),
            outcome,
            ";".join(people),
            ";".join("assessed" for _ in people),
            self._rec(e),
        ]
        obs = [
            self._obs(
                "social_care.assessment_start", e, assessment_kind=e.attrs.get("kind", "single")
            )
        ]
        if e.end:
            obs.append(self._obs("social_care.assessment_end", e, e.end))
        self.write_event("assessments", row, obs, date_index=2, subject_index=1)

    def _w_s47(self, household: Household, e: Episode) -> None:
        icpc = e.attrs.get("icpc", "")
        icpc_day = date.fromisoformat(icpc) if icpc else None
        outcome = {"icpc": "ICPC", "no_further_action": "NFA", "cin": "CIN"}.get(
            e.attrs.get("outcome", ""), ""
        )
        decision = {"plan": "PLAN", "no_plan": "NOPLAN"}.get(e.attrs.get("decision", ""), "")
        row: list[Cell] = [
            self._id("S47", e),
            self.subject_id(e.subject),
            self._d(e.start),
            e.attrs["agencies"],
            self._d(e.start),
            self._d(e.end),
            outcome,
            icpc_day.strftime(DATE) if icpc_day else "",
            decision,
            self._rec(e),
        ]
        obs = [
            self._obs("social_care.strategy_discussion", e, agencies_present=e.attrs["agencies"]),
            self._obs("social_care.section47_start", e),
        ]
        if e.end:
            obs.append(self._obs("social_care.section47_end", e, e.end))
        if icpc_day:
            obs.append(
                self._obs(
                    "social_care.initial_conference", e, datetime.combine(icpc_day, e.start.time())
                )
            )
        self.write_event("section47", row, obs, date_index=2, subject_index=1)

    def _w_strategy(self, household: Household, e: Episode) -> None:
        row: list[Cell] = [
            self._id("S47", e),
            self.subject_id(e.subject),
            self._d(e.start),
            e.attrs["agencies"],
            "",
            "",
            "",
            "",
            "",
            self._rec(e),
        ]
        obs = [
            self._obs("social_care.strategy_discussion", e, agencies_present=e.attrs["agencies"])
        ]
        self.write_event("section47", row, obs, date_index=2, subject_index=1)

    def _w_cp_plan(self, household: Household, e: Episode) -> None:
        row: list[Cell] = [
            self._id("CPP", e),
            self.subject_id(e.subject),
            self._d(e.start),
            self._d(e.end),
            e.attrs["category"],
            e.attrs["previous"],
            self._rec(e),
        ]
        obs = [self._obs("social_care.cp_plan_start", e, category=_CATEGORY[e.attrs["category"]])]
        if e.end:
            obs.append(self._obs("social_care.cp_plan_end", e, e.end))
        self.write_event("cp_plans", row, obs, date_index=2, subject_index=1)

    def _w_cp_review(self, household: Household, e: Episode) -> None:
        self.write_event(
            "cp_reviews",
            [self.subject_id(e.subject), self._d(e.start)],
            [self._obs("social_care.review_conference", e)],
            date_index=1,
            subject_index=0,
        )

    def _w_cin_plan(self, household: Household, e: Episode) -> None:
        obs = [self._obs("social_care.cin_plan_start", e)]
        if e.end:
            obs.append(self._obs("social_care.cin_plan_end", e, e.end))
        self.write_event(
            "cin_plans",
            [self.subject_id(e.subject), self._d(e.start), self._d(e.end)],
            obs,
            date_index=1,
            subject_index=0,
        )

    def _w_placement(self, household: Household, e: Episode) -> None:
        a = e.attrs
        first = not any(
            x.kind == "placement"
            and x.subject == e.subject
            and x.end is not None
            and x.end.date() == e.start.date()
            for x in household.episodes
        )
        home = household.tenancies[-1].postcode
        area = "XB" if a["location"] == "OUT" else "XA"
        row: list[Cell] = [
            self._id("EP", e),
            self.subject_id(e.subject),
            self._d(e.start),
            "S" if first else "P",
            a["ls"],
            "N4",
            a["place"],
            a["provider"],
            self._d(e.end),
            "X1" if e.end else "",
            a.get("reason", ""),
            home,
            f"{area}{self.rng.randrange(1, 20)} {self.rng.randrange(1, 10)}AA",
            opaque_ref("SC", a["place"], e.subject)[:8],
            a["location"],
            a["planned"],
        ]
        obs = [
            self._obs(
                "social_care.placement_start",
                e,
                planned=_YN[a["planned"]],
                area="out_of_area" if a["location"] == "OUT" else "in_area",
                placement_type=a["place"],
            )
        ]
        if e.end:
            obs.append(
                self._obs(
                    "social_care.placement_end",
                    e,
                    e.end,
                    reason=_PLACE_REASON.get(a.get("reason", ""), ""),
                )
            )
        self.write_event("episodes", row, obs, date_index=2, subject_index=1)

    def _w_care_period(self, household: Household, e: Episode) -> None:
        row: list[Cell] = [
            self.subject_id(e.subject),
            self._d(e.start),
            e.attrs["ls"],
            self._d(e.end),
            e.attrs.get("rec", ""),
        ]
        obs = [self._obs("social_care.looked_after_start", e, legal_status=e.attrs["ls"])]
        if e.end:
            obs.append(self._obs("social_care.looked_after_end", e, e.end))
        self.write_event("periods_of_care", row, obs, date_index=1, subject_index=0)

    def _w_lac_review(self, household: Household, e: Episode) -> None:
        dob = household.person(e.subject).date_of_birth.strftime(DATE)
        row: list[Cell] = [
            self.subject_id(e.subject),
            dob,
            self._d(e.start),
            e.attrs["participation"],
        ]
        self.write_event(
            "reviews",
            row,
            [self._obs("social_care.lac_review", e, participation=e.attrs["participation"])],
            date_index=2,
            subject_index=0,
        )

    def _w_missing(self, household: Household, e: Episode) -> None:
        dob = household.person(e.subject).date_of_birth.strftime(DATE)
        row: list[Cell] = [
            self.subject_id(e.subject),
            dob,
            e.attrs["kind"],
            self._d(e.start),
            self._d(e.end),
        ]
        obs = [
            self._obs(
                "police.missing_start",
                e,
                missing_kind="missing" if e.attrs["kind"] == "M" else "away",
            )
        ]
        if e.end:
            obs.append(self._obs("police.missing_end", e, e.end))
        self.write_event("missing", row, obs, date_index=3, subject_index=0)

    def _w_sw_change(self, household: Household, e: Episode) -> None:
        dob = household.person(e.subject).date_of_birth.strftime(DATE)
        row: list[Cell] = [
            self.subject_id(e.subject),
            dob,
            e.attrs["sw_id"],
            self._d(e.start),
            "",
            e.attrs["reason"],
            e.attrs["told"],
        ]
        obs = [self._obs("social_care.social_worker_change", e, child_told=_YN[e.attrs["told"]])]
        self.write_event("sw_episodes", row, obs, date_index=3, subject_index=0)

    def _w_visit(self, household: Household, e: Episode) -> None:
        row: list[Cell] = [
            self._id("V", e),
            self.subject_id(e.subject),
            self._d(e.start),
            e.attrs["seen"],
            e.attrs["alone"],
            self._rec(e),
        ]
        obs = [
            self._obs(
                "social_care.statutory_visit",
                e,
                seen=_YN[e.attrs["seen"]],
                seen_alone=_YN[e.attrs["alone"]],
            )
        ]
        self.write_event("visits", row, obs, date_index=2, subject_index=1)

    def _w_escalation(self, household: Household, e: Episode) -> None:
        due = e.attrs["due"]
        row: list[Cell] = [
            self._id("ACT", e),
            self.subject_id(e.subject),
            "ESC",
            self._d(e.start),
            due,
            "",
            "",
            e.attrs["raised_by"],
            self._rec(e),
        ]
        self.write_event(
            "activities",
            row,
            [self._obs("social_care.escalation_raised", e, due=due)],
            date_index=3,
            subject_index=1,
        )
        if e.end:
            resolved = Episode("escalation_resolved", e.subject, e.end)
            row = [
                self._id("ACT", e),
                self.subject_id(e.subject),
                "ESCRES",
                self._d(e.end),
                "",
                "",
                "",
                "",
                self._rec(resolved),
            ]
            self.write_event(
                "activities",
                row,
                [self._obs("social_care.escalation_resolved", resolved)],
                date_index=3,
                subject_index=1,
            )

    def _activity(self, e: Episode) -> None:
        step = _KIND_STEP[e.kind]
        a = e.attrs
        due = a.get("review_due", "")
        outcome = a.get("outcome", "")
        service = a.get("service", a.get("to_service", ""))
        detail = a.get("about", a.get("topic", a.get("role", "")))
        if e.kind == "iro_notified":
            detail = "placement_move"
        row: list[Cell] = [
            self._id("ACT", e),
            self.subject_id(e.subject),
            step,
            self._d(e.start),
            due,
            outcome,
            service,
            detail,
            self._rec(e),
        ]
        attrs = {
            k: v
            for k, v in (
                ("review_due", due),
                ("outcome", outcome),
                ("service", service),
                ("about", detail),
            )
            if v
        }
        self.write_event(
            "activities",
            row,
            [self._obs(_STEPS[step], e, None, **attrs)],
            date_index=3,
            subject_index=1,
        )


_SC_KINDS = frozenset(
    {
        "referral",
        "closure",
        "assessment",
        "strategy",
        "s47",
        "cp_plan",
        "cp_review",
        "cin_plan",
        "step_down",
        "lead_professional",
        "compliance",
        "care_period",
        "placement",
        "lac_review",
        "iro_allocated",
        "iro_notified",
        "sw_change",
        "visit",
        "wishes",
        "child_request",
        "service",
        "escalation",
        "risk_assessment",
        "risk_review",
        "young_carer",
        "young_carer_assessment",
        "serious_injury",
        "child_death",
        "missing",
    }
)
