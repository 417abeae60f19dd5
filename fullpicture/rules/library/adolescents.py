"""G. Adolescents and extra-familial harm: EXT-1, EXT-3, EXT-4. EXT-2 (boys and girls alike) is
met by EXT-1 applying to every child and by the fairness report of ``fullpicture evaluate rules``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis.expr.types as ir

from fullpicture.rules.learning import cite
from fullpicture.rules.patterns import age_below, clusters, mentions_any, of_types
from fullpicture.rules.snapshot import Tables
from fullpicture.rules.spec import Parameter, Requirement, Rule, Severity

_INDICATORS = {
    "education.exclusion": "exclusion",
    "police.missing_start": "missing",
    "health.substance_misuse": "substance misuse",
    "partnership.substance_misuse": "substance misuse",
    "police.incident": "police contact",
    "police.arrest": "police contact",
    "police.charge": "police contact",
    "police.caution": "police contact",
    "partnership.bereavement": "bereavement or separation",
    "partnership.new_older_associates": "new older associates",
}


def _children_only(items: ir.Table, t: Tables) -> ir.Table:
    ppl = t.people.select(c_id="person_id", c_born="date_of_birth")
    j = items.join(ppl, items.person_id == ppl.c_id)
    return j.filter(age_below(j.c_born, j.day_lo, 18)).drop("c_id", "c_born")


def _indicators(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, _INDICATORS)
    ev = ev.mutate(kind=ev.event_type.substitute(_INDICATORS))
    found = clusters(_children_only(ev, t), n=p["kinds"], months=p["months"], distinct="kind")
    sd = of_types(t.events, ["social_care.strategy_discussion"]).select(
        s_pid="person_id", s_hi="day_hi"
    )
    found = found.anti_join(sd, [found.person_id == sd.s_pid, sd.s_hi >= found.anchor_on])
    return found.select("person_id", "anchor_key", "anchor_on", "evidence", "kinds", "last_on")


EXT_1 = Rule(
    id="EXT-1",
    code="EXT-1",
    title="Exploitation indicators: consider a strategy discussion",
    version=1,
    severity=Severity.HIGH,
    looks_for="Three or more different indicators (exclusion, missing, substance misuse, police "
    "contact, bereavement or separation, new older associates) within six months for a child, "
    "with no strategy discussion since the first. A prompt, never a label.",
    why="Criminal exploitation is closely linked to exclusion, going missing, substance misuse, "
    "loss and separation; boys and girls alike.",
    limits="Indicators must be recorded as such; the prompt closes once a strategy discussion is "
    "recorded. The rule applies equally to every child; alert rates by sex and ethnicity are in "
    "the evaluation report (EXT-2).",
    citations=(*cite("EXT-1", "TRI-2019"), *cite("EXT-2", "TRI-2019", "LRLSCB-LR2")),
    parameters=(
        Parameter("kinds", 3, "different indicators"),
        Parameter("months", 6, "window in calendar months"),
    ),
    explanation="{kinds} different exploitation indicators between {anchor_on} and {last_on}; "
    "consider a strategy discussion.",
    build=_indicators,
    requires=(Requirement(tuple(_INDICATORS), "kinds"),),
    windows="Calendar months.",
)


def _shared_refs(t: Tables) -> ir.Table:
    ev = _children_only(t.events, t)
    by_ref = ev.filter(ev.incident_ref.notnull()).mutate(ref="ref:" + ev.incident_ref)
    miss = ev.filter((ev.event_type == "police.missing_start") & ev.location.notnull())
    miss = miss.mutate(ref="missing:" + miss.location.lower() + ":" + miss.day.cast("string"))
    cols = ["event_id", "person_id", "day", "day_lo", "day_hi", "ref"]
    return by_ref.select(*cols).union(miss.select(*cols))


def _peer_cluster(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    refs = _shared_refs(t)
    other = refs.select(o_pid="person_id", o_ref="ref")
    links = refs.join(other, [refs.ref == other.o_ref, refs.person_id != other.o_pid])
    links = links.select("event_id", "person_id", "day_lo", "day_hi", peer=links.o_pid).distinct()
    found = clusters(links, n=p["peers"], days=p["days"], distinct="peer")
    return found.select("person_id", "anchor_key", "anchor_on", "evidence", "kinds", "last_on")


EXT_3 = Rule(
    id="EXT-3",
    code="EXT-3",
    title="Peer cluster: children linked by shared incidents",
    version=1,
    severity=Severity.MEDIUM,
    looks_for="A child linked to two or more other children (a group of three or more) by shared "
    "incidents (the same incident reference) or missing from the same place on the same day, "
    "within 90 days.",
    why="Patterns in adolescent groups need to be seen together to understand the whole picture "
    "of harm.",
    limits="Links need a shared incident reference or the same recorded place of going missing; "
    "the group chronology is the people listed in the evidence.",
    citations=cite("EXT-3", "TRI-2019", "WSCB-BEN-2013"),
    parameters=(
        Parameter("peers", 2, "other children linked"),
        Parameter("days", 90, "window in days"),
    ),
    explanation="Linked with {kinds} other children through shared incidents or missing episodes "
    "between {anchor_on} and {last_on}; consider a group chronology.",
    build=_peer_cluster,
    windows="Fixed days.",
)


def _self_harm(t: Tables, p: Mapping[str, Any]) -> ir.Table:
    ev = of_types(t.events, ["health.ed_attendance", "health.admission"])
    ev = ev.filter(mentions_any(ev.a_reason, ["self_harm", "self-harm", "self harm", "overdose"]))
    found = clusters(_children_only(ev, t), n=p["attendances"], months=p["months"])
    ref = of_types(t.events, ["camhs.referral", "camhs.open", "camhs.transfer"]).select(
        r_pid="person_id", r_hi="day_hi"
    )
    found = found.anti_join(ref, [found.person_id == ref.r_pid, ref.r_hi >= found.anchor_on])
    return found.select("person_id", "anchor_key", "anchor_on", "evidence", "count", "last_on")


EXT_4 = Rule(
    id="EXT-4",
    code="EXT-4",
    title="Self-harm without a mental-health referral",
    version=1,
    severity=Severity.HIGH,
    looks_for="Two or more emergency attendances or admissions for self-harm or overdose within "
    "three months, with no CAMHS referral since the first.",
    why="After infancy, suicide was the most common maltreatment-related death in the reviews.",
    limits="Reads the attendance reason; a referral to a mental-health service other than CAMHS "
    "is not seen.",
    citations=cite("EXT-4", "TRI-2019"),
    parameters=(
        Parameter("attendances", 2, "self-harm attendances"),
        Parameter("months", 3, "window in calendar months"),
    ),
    explanation="{count} self-harm attendances between {anchor_on} and {last_on}; no CAMHS "
    "referral recorded.",
    build=_self_harm,
    requires=(Requirement(("health.ed_attendance", "health.admission"), "attendances"),),
    attributes=("reason",),
    windows="Calendar months.",
)

RULES = (EXT_1, EXT_3, EXT_4)
