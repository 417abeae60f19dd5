"""The controlled vocabulary: agencies, event types, relationships and codes, named once.

Every event stored by fullpicture has one ``event_type`` from :data:`EVENT_TYPES`. An event type is a
dotted name ``<area>.<what>``; its :class:`EventType` entry says which agency area it belongs to,
whether it is a concern, a positive (protective) record or neutral practice, and which keys its
``attributes`` may carry. The rules in ``fullpicture.rules`` and the learning catalogue's patterns
are all expressed over these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Agency(StrEnum):
    """The kinds of agency that send records."""

    SOCIAL_CARE = "social_care"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    HOUSING = "housing"
    YOUTH_JUSTICE = "youth_justice"
    CAMHS = "camhs"
    VOLUNTARY = "voluntary"
    PARTNERSHIP = "partnership"  # multi-agency forums (MARAC, MACE, professionals' meetings)


class Valence(StrEnum):
    """Whether an event is a concern, a positive (protective) record, or neutral practice."""

    CONCERN = "concern"
    POSITIVE = "positive"
    NEUTRAL = "neutral"


class DatePrecision(StrEnum):
    """How precisely an event's time is known."""

    EXACT = "exact"  # date and time of day
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Sex(StrEnum):
    """Recorded sex, as in the statutory returns (M/F/U)."""

    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class RelationshipKind(StrEnum):
    """How two people are related, from the first person's side (``from`` is the ``kind`` of ``to``)."""

    PARENT = "parent"
    STEP_PARENT = "step_parent"
    PARTNER_OF_PARENT = "partner_of_parent"
    SIBLING = "sibling"
    HOUSEHOLD_MEMBER = "household_member"
    CARER = "carer"
    ASSOCIATE = "associate"  # peer or associate, e.g. in exploitation concerns


class ParticipantRole(StrEnum):
    """The part a person plays in an event."""

    SUBJECT = "subject"
    PARENT = "parent"
    CARER = "carer"
    HOUSEHOLD_MEMBER = "household_member"
    VICTIM = "victim"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    WITNESS = "witness"
    ASSOCIATE = "associate"
    PROFESSIONAL = "professional"
    ASSESSED = "assessed"  # a person included in an assessment


@dataclass(frozen=True)
class EventType:
    """One entry of the event vocabulary.

    Attributes:
        name: dotted name, ``<area>.<what>``.
        agency: the agency area that usually records it.
        valence: concern, positive or neutral.
        label: short plain-English label for chronologies.
        attributes: the keys its ``attributes`` may carry, with their meaning.
    """

    name: str
    agency: Agency
    valence: Valence
    label: str
    attributes: tuple[tuple[str, str], ...] = ()


_SC, _PO, _HE, _ED = Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION
_HO, _YJ, _CA, _PA = Agency.HOUSING, Agency.YOUTH_JUSTICE, Agency.CAMHS, Agency.PARTNERSHIP
_C, _P, _N = Valence.CONCERN, Valence.POSITIVE, Valence.NEUTRAL

_REFERRAL_ATTRS = (
    (
        "source_type",
        "who referred: family, self, school, health, police, housing, neighbour, "
        "anonymous, other_la, early_help, other",
    ),
    ("outcome", "nfa, assessment, early_help, signposted, strategy"),
)
_PLAN_ATTRS = (("category", "neglect, physical, sexual, emotional, multiple"),)
_PLACEMENT_ATTRS = (
    ("planned", "true if planned, false for an emergency or unplanned move"),
    ("reason", "reason for the move or the end (903 REASON_PLACE_CHANGE or free text)"),
    ("placement_type", "903 PLACE code or local placement type"),
    ("area", "local authority area or postcode district of the placement"),
)

_TYPES: tuple[EventType, ...] = (
    # --- children's social care -------------------------------------------------------------
    EventType("social_care.contact", _SC, _C, "Contact to the front door", _REFERRAL_ATTRS),
    EventType(
        "social_care.referral", _SC, _C, "Referral to children's social care", _REFERRAL_ATTRS
    ),
    EventType(
        "social_care.assessment_start",
        _SC,
        _N,
        "Assessment started",
        (("assessment_kind", "single, pre_birth, young_carer, parent_needs, other"),),
    ),
    EventType(
        "social_care.assessment_end",
        _SC,
        _N,
        "Assessment completed",
        (
            ("assessment_kind", "as for assessment_start"),
            ("outcome", "nfa, cin_plan, s47, early_help, signposted"),
            ("factors", "CIN census factor codes, comma separated"),
        ),
    ),
    EventType(
        "social_care.strategy_discussion",
        _SC,
        _N,
        "Strategy discussion",
        (("agencies_present", "comma-separated agencies that took part"),),
    ),
    EventType("social_care.section47_start", _SC, _N, "Section 47 enquiry started"),
    EventType(
        "social_care.section47_end",
        _SC,
        _N,
        "Section 47 enquiry concluded",
        (("outcome", "icpc, no_further_action, cin"),),
    ),
    EventType(
        "social_care.initial_conference",
        _SC,
        _N,
        "Initial child protection conference",
        (("decision", "plan, no_plan"),),
    ),
    EventType("social_care.review_conference", _SC, _N, "Review child protection conference"),
    EventType("social_care.cp_plan_start", _SC, _C, "Child protection plan started", _PLAN_ATTRS),
    EventType(
        "social_care.cp_plan_end",
        _SC,
        _P,
        "Child protection plan ended",
        (*_PLAN_ATTRS, ("reason", "reason the plan ended")),
    ),
    EventType(
        "social_care.previous_plan_compliance",
        _SC,
        _N,
        "History of compliance with an earlier plan recorded",
    ),
    EventType(
        "social_care.step_down_plan",
        _SC,
        _P,
        "Step-down plan recorded",
        (("to_service", "early_help, cin, universal"),),
    ),
    EventType(
        "social_care.lead_professional",
        _SC,
        _P,
        "Lead professional named",
        (("professional_role", "role of the named lead professional"),),
    ),
    EventType("social_care.cin_plan_start", _SC, _N, "Child in need plan started"),
    EventType("social_care.cin_plan_end", _SC, _N, "Child in need plan ended"),
    EventType(
        "social_care.looked_after_start",
        _SC,
        _C,
        "Started to be looked after",
        (("legal_status", "903 LS code: C1, C2, E1, V2, L1, L2, J1 ..."),),
    ),
    EventType(
        "social_care.looked_after_end",
        _SC,
        _N,
        "Ceased to be looked after",
        (("reason", "903 REC code"),),
    ),
    EventType(
        "social_care.legal_status_change",
        _SC,
        _N,
        "Looked-after legal status changed",
        (("legal_status", "the new 903 LS code"),),
    ),
    EventType("social_care.placement_start", _SC, _N, "Placement started", _PLACEMENT_ATTRS),
    EventType("social_care.placement_end", _SC, _N, "Placement ended", _PLACEMENT_ATTRS),
    EventType(
        "social_care.lac_review",
        _SC,
        _N,
        "Looked-after review",
        (("participation", "903 REVIEW_CODE PN0-PN7"),),
    ),
    EventType("social_care.iro_allocated", _SC, _P, "IRO allocated"),
    EventType(
        "social_care.iro_notified",
        _SC,
        _N,
        "IRO notified of a change",
        (("about", "what the IRO was told about, e.g. placement_move"),),
    ),
    EventType(
        "social_care.social_worker_change",
        _SC,
        _N,
        "Allocated social worker changed",
        (
            ("child_told", "true if the child was told before the change, false if not"),
            ("reason", "903 SW_REASON"),
        ),
    ),
    EventType(
        "social_care.statutory_visit",
        _SC,
        _P,
        "Statutory visit",
        (("seen", "true if the child was seen"), ("seen_alone", "true if seen alone")),
    ),
    EventType(
        "social_care.wishes_and_feelings",
        _SC,
        _P,
        "Child's wishes and feelings recorded",
        (("about", "what the child was asked about"),),
    ),
    EventType(
        "social_care.child_request",
        _SC,
        _N,
        "Child asked for a service or help",
        (("service", "therapy, counselling, contact, move, advocate, other"),),
    ),
    EventType(
        "social_care.service_provided",
        _SC,
        _P,
        "Service provided or referral made",
        (("service", "as for child_request"),),
    ),
    EventType(
        "social_care.escalation_raised",
        _SC,
        _C,
        "Escalation or professional disagreement raised",
        (("due", "date by which it should be resolved"), ("raised_by", "agency or role")),
    ),
    EventType("social_care.escalation_resolved", _SC, _P, "Escalation resolved"),
    EventType(
        "social_care.risk_assessment",
        _SC,
        _N,
        "Risk assessment completed",
        (
            ("review_due", "date the assessment should be reviewed by"),
            ("topic", "exploitation, missing, self_harm, other"),
        ),
    ),
    EventType(
        "social_care.risk_assessment_review",
        _SC,
        _N,
        "Risk assessment reviewed",
        (("review_due", "next review date"),),
    ),
    EventType("social_care.young_carer_identified", _SC, _C, "Identified as a young carer"),
    EventType("social_care.young_carer_assessment", _SC, _P, "Young carer's assessment"),
    EventType(
        "social_care.case_closure",
        _SC,
        _N,
        "Case closed",
        (
            ("outcome", "nfa, signposted, early_help, universal, transferred"),
            ("signposted_to", "agency the family was signposted to"),
            ("reason", "CIN census ReasonForClosure RC1-RC9"),
        ),
    ),
    EventType(
        "social_care.transfer_in",
        _SC,
        _N,
        "Transferred in from another area",
        (("from_area", "previous local authority"),),
    ),
    EventType("social_care.records_received", _SC, _P, "Previous area's records received"),
    EventType("social_care.referrer_feedback", _SC, _P, "Outcome fed back to the referrer"),
    EventType("social_care.child_death", _SC, _C, "Death of a child"),
    EventType("social_care.serious_injury", _SC, _C, "Serious injury to a child"),
    # --- police -------------------------------------------------------------------------------
    EventType(
        "police.incident",
        _PO,
        _C,
        "Police incident",
        (("incident_kind", "local incident category"), ("in_placement", "true if in a placement")),
    ),
    EventType(
        "police.domestic_abuse_incident",
        _PO,
        _C,
        "Domestic abuse incident",
        (("risk_level", "DASH: standard, medium, high"),),
    ),
    EventType(
        "police.missing_start",
        _PO,
        _C,
        "Reported missing",
        (("missing_kind", "missing or away (903 M/A)"),),
    ),
    EventType("police.missing_end", _PO, _N, "Returned or found"),
    EventType(
        "police.exploitation_concern",
        _PO,
        _C,
        "Exploitation concern",
        (("exploitation_kind", "sexual, criminal, county_lines, trafficking"),),
    ),
    EventType(
        "police.arrest",
        _PO,
        _C,
        "Arrested",
        (("offence", "offence"), ("in_placement", "true/false")),
    ),
    EventType("police.charge", _PO, _C, "Charged", (("offence", "offence"),)),
    EventType("police.caution", _PO, _C, "Cautioned", (("offence", "offence"),)),
    EventType("police.notification", _PO, _C, "Police notification to children's services"),
    # --- health -------------------------------------------------------------------------------
    EventType(
        "health.ed_attendance",
        _HE,
        _C,
        "Emergency department attendance",
        (("reason", "injury, self_harm, illness, overdose, other"),),
    ),
    EventType("health.admission", _HE, _C, "Hospital admission", (("reason", "reason"),)),
    EventType("health.birth", _HE, _N, "Birth"),
    EventType(
        "health.pregnancy_booking",
        _HE,
        _N,
        "Pregnancy booked",
        (("due_date", "expected date of delivery"), ("risk_factors", "recorded risk factors")),
    ),
    EventType(
        "health.was_not_brought",
        _HE,
        _C,
        "Missed appointment (was not brought)",
        (("appointment_kind", "kind of appointment"),),
    ),
    EventType("health.health_visitor_contact", _HE, _P, "Health visitor contact"),
    EventType("health.gp_consultation", _HE, _N, "GP consultation"),
    EventType("health.substance_misuse", _HE, _C, "Substance misuse noted"),
    EventType("health.concern", _HE, _C, "Safeguarding concern raised by health"),
    EventType("camhs.referral", _CA, _P, "Referral to CAMHS"),
    EventType("camhs.open", _CA, _P, "Open to CAMHS"),
    EventType("camhs.discharge", _CA, _N, "Discharged from CAMHS"),
    EventType("camhs.transfer", _CA, _P, "CAMHS care transferred or continued after a move"),
    # --- education ----------------------------------------------------------------------------
    EventType(
        "education.exclusion",
        _ED,
        _C,
        "Exclusion",
        (("exclusion_kind", "suspension or permanent"),),
    ),
    EventType("education.persistent_absence", _ED, _C, "Persistent absence"),
    EventType("education.school_move", _ED, _N, "Changed school"),
    EventType("education.young_carer_identified", _ED, _C, "School identified a young carer"),
    EventType("education.concern", _ED, _C, "Safeguarding concern raised by school"),
    EventType("education.achievement", _ED, _P, "Achievement or positive progress"),
    # --- housing ------------------------------------------------------------------------------
    EventType(
        "housing.address_change",
        _HO,
        _N,
        "Moved address",
        (("postcode", "new postcode"), ("area", "local authority area")),
    ),
    EventType("housing.household_member_joins", _HO, _N, "Household member joined"),
    EventType("housing.household_member_leaves", _HO, _N, "Household member left"),
    EventType("housing.eviction", _HO, _C, "Eviction"),
    EventType("housing.concern", _HO, _C, "Concern raised by housing"),
    # --- youth justice ------------------------------------------------------------------------
    EventType(
        "youth_justice.intervention",
        _YJ,
        _N,
        "Youth justice intervention",
        (("intervention_kind", "kind of intervention"),),
    ),
    EventType("youth_justice.panel", _YJ, _N, "Youth justice panel"),
    # --- multi-agency forums and information sharing ------------------------------------------
    EventType("partnership.marac", _PA, _C, "Discussed at MARAC"),
    EventType("partnership.mace", _PA, _C, "Discussed at MACE"),
    EventType("partnership.professionals_meeting", _PA, _N, "Professionals' meeting"),
    EventType(
        "partnership.information_shared",
        _PA,
        _P,
        "Information shared between forums",
        (("from_forum", "forum or agency sharing"), ("to_forum", "forum or agency receiving")),
    ),
    EventType("partnership.return_interview_offered", _PA, _P, "Return home interview offered"),
    EventType("partnership.return_interview_done", _PA, _P, "Return home interview completed"),
    EventType("partnership.return_interview_declined", _PA, _N, "Return home interview declined"),
    EventType("partnership.substance_misuse", _PA, _C, "Substance misuse concern"),
    EventType("partnership.bereavement", _PA, _C, "Bereavement or separation"),
    EventType("partnership.new_older_associates", _PA, _C, "New older associates"),
)

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in _TYPES}
"""Every event type, by name."""

CONCERN_TYPES: frozenset[str] = frozenset(
    {
        "social_care.contact",
        "social_care.referral",
        "police.incident",
        "police.domestic_abuse_incident",
        "police.notification",
        "police.exploitation_concern",
        "health.concern",
        "education.concern",
        "housing.concern",
    }
)
"""Event types that count as a 'concern about the child' for accumulation (ACC-1)."""

DECISION_TYPES: frozenset[str] = frozenset(
    {
        "social_care.placement_start",
        "social_care.cp_plan_start",
        "social_care.cp_plan_end",
        "social_care.lac_review",
        "social_care.initial_conference",
        "social_care.review_conference",
    }
)
"""Event types that are decisions about the child's life (VOI-1)."""

FORUM_TYPES: frozenset[str] = frozenset(
    {
        "partnership.marac",
        "partnership.mace",
        "youth_justice.panel",
        "social_care.lac_review",
        "social_care.initial_conference",
        "social_care.review_conference",
    }
)
"""Event types that are multi-agency forums (SHR-2)."""


def is_event_type(name: str) -> bool:
    """Return True when ``name`` is in the controlled vocabulary."""
    return name in EVENT_TYPES
