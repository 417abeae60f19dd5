"""Guess which vocabulary event type an agency's own code or label means.

Agencies describe the same event in their own words ("MFH - returned", "DNA", "Strat disc"). When
a data manager drafts a mapping for a new export, these hints turn each distinct code into a
suggested event type, to be checked by a person before the first import. Each hint is a set of
words that must all appear (as whole words or word starts) and words that must not; the first
hint that fits wins, so more specific hints come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fullpicture.vocabulary import EVENT_TYPES, Agency


@dataclass(frozen=True, slots=True)
class Hint:
    """Words that, together, name one event type."""

    event_type: str
    all_of: tuple[str, ...]
    none_of: tuple[str, ...] = ()


def _h(event_type: str, words: str, unless: str = "") -> Hint:
    return Hint(event_type, tuple(words.split()), tuple(unless.split()))


# Whole words or word starts ("exclu" fits "exclusion" and "excluded"). Underscores join words
# that must appear together ("return_home" is "return home"). Specific before general.
_HINTS: tuple[Hint, ...] = (
    _h("partnership.return_interview_declined", "return_home interview declin"),
    _h("partnership.return_interview_declined", "rhi declin"),
    _h("partnership.return_interview_offered", "return_home interview offer"),
    _h("partnership.return_interview_offered", "rhi offer"),
    _h("partnership.return_interview_done", "return_home interview"),
    _h("partnership.return_interview_done", "rhi"),
    _h("partnership.return_interview_done", "return interview"),
    _h("police.missing_end", "misper return"),
    _h("police.missing_end", "misper found"),
    _h("police.missing_start", "misper"),
    _h("police.missing_end", "missing return"),
    _h("police.missing_end", "missing found"),
    _h("police.missing_end", "missing located"),
    _h("police.missing_end", "missing end"),
    _h("police.missing_end", "mfh return"),
    _h("police.missing_start", "missing", "interview"),
    _h("police.missing_start", "mfh"),
    _h("police.missing_start", "absent from"),
    _h("police.domestic_abuse_incident", "domestic"),
    _h("police.domestic_abuse_incident", "dv"),
    _h("police.domestic_abuse_incident", "da", "referral"),
    _h("police.exploitation_concern", "exploit"),
    _h("police.exploitation_concern", "cse"),
    _h("police.exploitation_concern", "cce"),
    _h("police.exploitation_concern", "county lines"),
    _h("police.arrest", "arrest"),
    _h("police.charge", "charge"),
    _h("police.caution", "caution"),
    _h("police.notification", "notif"),
    _h("health.was_not_brought", "was_not_brought"),
    _h("health.was_not_brought", "wnb"),
    _h("health.was_not_brought", "dna"),
    _h("health.was_not_brought", "did_not_attend"),
    _h("health.was_not_brought", "missed appoint"),
    _h("health.ed_attendance", "emergency department"),
    _h("health.ed_attendance", "a&e"),
    _h("health.ed_attendance", "a_and_e"),
    _h("health.ed_attendance", "ed", "plan"),
    _h("health.ed_attendance", "ae"),
    _h("health.admission", "admi", "school"),
    _h("health.admission", "inpatient"),
    _h("health.health_visitor_contact", "health visit"),
    _h("health.health_visitor_contact", "hv"),
    _h("health.health_visitor_contact", "new birth visit"),
    _h("health.pregnancy_booking", "booking"),
    _h("health.pregnancy_booking", "antenatal"),
    _h("health.birth", "birth", "visit"),
    _h("health.gp_consultation", "gp"),
    _h("health.substance_misuse", "substance"),
    _h("camhs.discharge", "camhs discharg"),
    _h("camhs.transfer", "camhs transfer"),
    _h("camhs.open", "camhs open"),
    _h("camhs.open", "camhs accept"),
    _h("camhs.referral", "camhs"),
    _h("education.exclusion", "exclu"),
    _h("education.persistent_absence", "persistent absen"),
    _h("education.persistent_absence", "absence"),
    _h("education.school_move", "school move"),
    _h("education.school_move", "school change"),
    _h("education.school_move", "change school"),
    _h("education.young_carer_identified", "young carer", "assess"),
    _h("social_care.young_carer_assessment", "young carer assess"),
    _h("housing.eviction", "evict"),
    _h("housing.eviction", "notice to quit"),
    _h("housing.household_member_joins", "member join"),
    _h("housing.household_member_joins", "joined household"),
    _h("housing.household_member_leaves", "member leav"),
    _h("housing.household_member_leaves", "left household"),
    _h("housing.address_change", "address change"),
    _h("housing.address_change", "change address"),
    _h("housing.address_change", "moved"),
    _h("youth_justice.panel", "panel"),
    _h("youth_justice.intervention", "referral order"),
    _h("youth_justice.intervention", "yro"),
    _h("youth_justice.intervention", "youth_justice"),
    _h("youth_justice.intervention", "out of court"),
    _h("partnership.marac", "marac"),
    _h("partnership.mace", "mace"),
    _h("partnership.professionals_meeting", "professionals meet"),
    _h("partnership.information_shared", "information shar"),
    _h("partnership.information_shared", "info shar"),
    _h("social_care.strategy_discussion", "strat"),
    _h("social_care.section47_end", "s47 end"),
    _h("social_care.section47_end", "section 47 end"),
    _h("social_care.section47_start", "s47"),
    _h("social_care.section47_start", "section 47"),
    _h("social_care.initial_conference", "icpc"),
    _h("social_care.initial_conference", "initial conference"),
    _h("social_care.initial_conference", "initial child protection conference"),
    _h("social_care.review_conference", "rcpc"),
    _h("social_care.review_conference", "review conference"),
    _h("social_care.review_conference", "review child protection conference"),
    _h("social_care.review_conference", "cpp review"),
    _h("social_care.review_conference", "cp review"),
    _h("social_care.cp_plan_end", "cp plan end"),
    _h("social_care.cp_plan_end", "child protection plan end"),
    _h("social_care.cp_plan_end", "cpp end"),
    _h("social_care.cp_plan_start", "cp plan"),
    _h("social_care.cp_plan_start", "child protection plan"),
    _h("social_care.cp_plan_start", "cpp"),
    _h("social_care.cin_plan_end", "cin plan end"),
    _h("social_care.cin_plan_end", "child in need plan end"),
    _h("social_care.cin_plan_start", "cin plan"),
    _h("social_care.cin_plan_start", "child in need plan"),
    _h("social_care.step_down_plan", "step down"),
    _h("social_care.step_down_plan", "step_down"),
    _h("social_care.looked_after_end", "ceased looked after"),
    _h("social_care.looked_after_end", "lac end"),
    _h("social_care.looked_after_end", "care episode end"),
    _h("social_care.looked_after_start", "looked after", "review"),
    _h("social_care.looked_after_start", "became lac"),
    _h("social_care.lac_review", "lac review"),
    _h("social_care.lac_review", "cla review"),
    _h("social_care.lac_review", "looked after review"),
    _h("social_care.placement_end", "placement end"),
    _h("social_care.placement_end", "placement ceas"),
    _h("social_care.placement_start", "placement"),
    _h("social_care.iro_allocated", "iro alloc"),
    _h("social_care.iro_notified", "iro notif"),
    _h("social_care.social_worker_change", "social worker change"),
    _h("social_care.social_worker_change", "change of social worker"),
    _h("social_care.social_worker_change", "sw change"),
    _h("social_care.statutory_visit", "statutory visit"),
    _h("social_care.statutory_visit", "home visit"),
    _h("social_care.statutory_visit", "visit", "health birth"),
    _h("social_care.wishes_and_feelings", "wishes"),
    _h("social_care.escalation_resolved", "escalation resolv"),
    _h("social_care.escalation_raised", "escalat"),
    _h("social_care.risk_assessment_review", "risk assessment review"),
    _h("social_care.risk_assessment", "risk assessment"),
    _h("social_care.assessment_end", "assessment end"),
    _h("social_care.assessment_end", "assessment complet"),
    _h("social_care.assessment_end", "assessment authoris"),
    _h("social_care.assessment_start", "assessment"),
    _h("social_care.case_closure", "clos"),
    _h("social_care.child_request", "request"),
    _h("social_care.contact", "contact", "visitor"),
    _h("social_care.referral", "referral"),
)

_AGENCY_HINTS: dict[Agency, tuple[Hint, ...]] = {
    Agency.HOUSING: (
        _h("housing.household_member_joins", "join"),
        _h("housing.household_member_leaves", "leav"),
        _h("housing.address_change", "move"),
        _h("housing.concern", "asb"),
        _h("housing.concern", "anti social"),
    ),
    Agency.YOUTH_JUSTICE: tuple(
        _h("youth_justice.intervention", word)
        for word in ("ro yro yc ycc dto tri triage intervention order disposal caution").split()
    ),
    Agency.EDUCATION: (
        _h("education.exclusion", "susp"),
        _h("education.exclusion", "perm"),
        _h("education.school_move", "managed move"),
    ),
}
"""Words that mean one thing from one agency ("JOIN" from housing is a household change)."""

_AGENCY_REFERRAL = {Agency.CAMHS: "camhs.referral"}
_AGENCY_GENERAL = {
    Agency.POLICE: "police.incident",
    Agency.HEALTH: "health.concern",
    Agency.EDUCATION: "education.concern",
    Agency.HOUSING: "housing.concern",
}
"""What an unspecific "concern" or "incident" from each agency is recorded as."""
_WORD = re.compile(r"[a-z0-9&]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("a & e", "a&e"))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def _word_fits(word: str, part: str) -> bool:
    """Short parts (codes such as "ed" or "dna") must be the whole word; longer ones may start it."""
    if len(part) <= 3:
        return word == part or _stem(word) == part
    return word.startswith(part)


def _has_phrase(words: list[str], phrase: str) -> bool:
    parts = phrase.split("_")
    span = len(parts)
    for start in range(len(words) - span + 1):
        window = words[start : start + span]
        if all(_word_fits(w, p) for w, p in zip(window, parts, strict=True)):
            return True
    return False


def _fits(hint: Hint, words: list[str]) -> bool:
    if any(_has_phrase(words, word) for word in hint.none_of):
        return False
    return all(_has_phrase(words, word) for word in hint.all_of)


def _by_label(text: str) -> str | None:
    wanted = " ".join(_words(text))
    for name, event_type in EVENT_TYPES.items():
        if wanted in (" ".join(_words(event_type.label)), name, name.split(".", 1)[1]):
            return name
    return None


def guess_event_type(text: str, agency: Agency) -> str | None:
    """Return the vocabulary event type that ``text`` most likely means, or None.

    The text may be a code value ("MFH"), a label ("Missing from home - returned") or a column
    name ("Placement start date"). A vocabulary name or label matches exactly first.

    Args:
        text: the agency's own words.
        agency: the sending agency, to read "referral" as a CAMHS referral from CAMHS.
    """
    words = _words(text)
    found = (
        _by_label(text)
        or _by_hints(words, _AGENCY_HINTS.get(agency, ()))
        or _by_hints(words)
        or _by_hints(_without_numbers(text))
    )
    if found == "social_care.referral" and agency in _AGENCY_REFERRAL:
        return _AGENCY_REFERRAL[agency]
    if found is None and agency in _AGENCY_GENERAL and _general(words):
        return _AGENCY_GENERAL[agency]
    return found


def _without_numbers(text: str) -> list[str]:
    """Words of a numbered code without its number ("DA01" -> "da"), for local code lists."""
    return [re.sub(r"(?<=[a-z])\d+$", "", word) for word in _words(text)]


def _by_hints(words: list[str], hints: tuple[Hint, ...] = _HINTS) -> str | None:
    return next((hint.event_type for hint in hints if _fits(hint, words)), None)


def catch_all(agency: Agency) -> str | None:
    """The event type an agency's unspecific concern or incident is recorded as, if it has one."""
    return _AGENCY_GENERAL.get(agency)


def _general(words: list[str]) -> bool:
    return any(_word_fits(w, p) for w in words for p in ("concern", "incident", "welfare"))
