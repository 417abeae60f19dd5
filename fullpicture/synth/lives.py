"""The simulated lives of a block of households over the window 2019-04-01 to 2025-03-31.

Household events come first (partners joining and leaving, domestic abuse and MARAC, evictions),
then each child's social care journey, universal services and adolescence, then the peer groups
that join adolescents across households (shared incidents and going missing together), and last
the follow-ups that need the whole picture (CAMHS after an out-of-area move, siblings after
serious harm). Everything is censored at the end of the window.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from fullpicture.synth.care import PRACTICE as CARE_PRACTICE
from fullpicture.synth.care import CareJourney
from fullpicture.synth.childhood import Adolescence, Childhood
from fullpicture.synth.identifiers import opaque_ref
from fullpicture.synth.looked_after import PRACTICE as LAC_PRACTICE
from fullpicture.synth.looked_after import LookedAfter
from fullpicture.synth.model import WINDOW_END, WINDOW_START, Episode, Household, Person
from fullpicture.synth.timing import at, childhood, poisson

DA_INCIDENTS_PER_YEAR: dict[str, float] = {
    "low": 0.01,
    "moderate": 0.08,
    "high": 0.35,
    "severe": 0.7,
}
"""Police-recorded domestic abuse incidents per household-year while a partner is present."""


def household_rng(seed: int, index: int, stream: str) -> random.Random:
    """An independent, reproducible random stream for one household and purpose."""
    return random.Random(f"{seed}:{index}:{stream}")


def simulate_block(households: list[Household], seed: int) -> None:
    """Fill in the episodes of every household in the block (in place)."""
    for household in households:
        rng = household_rng(seed, household.index, "life")
        _household_life(household, rng)
    _peer_groups(households, random.Random(f"{seed}:block:{households[0].index}"))
    for household in households:
        _censor(household)


def _household_life(household: Household, rng: random.Random) -> None:
    _membership(household, rng)
    _domestic_abuse(household, rng)
    cares: dict[str, LookedAfter] = {}
    for child in household.children:
        care = LookedAfter(household, child, rng)
        cares[child.true_id] = care
        CareJourney(household, child, rng, care).run()
        _emergency_entry(household, child, rng, care)
        life = Childhood(household, child, rng, care)
        life.run()
        if care.periods and child.age_on(care.periods[0][0]) >= 10 and rng.random() < 0.45:
            Adolescence(life).camhs(care.periods[0][0] + timedelta(days=rng.randrange(20, 200)))
    _young_parents(household, rng)
    _serious_harm(household, rng)
    _camhs_on_moves(household, rng)


def _living(person: Person, day: date) -> bool:
    return (person.moved_in is None or person.moved_in <= day) and (
        person.moved_out is None or person.moved_out > day
    )


def _membership(household: Household, rng: random.Random) -> None:
    lead = household.people[0]
    for adult in household.adults:
        if adult.moved_in and adult.moved_in >= WINDOW_START:
            household.episodes.append(
                Episode("member_joins", adult.true_id, at(adult.moved_in, rng), ref=lead.true_id)
            )
        if adult.moved_out and adult.moved_out >= WINDOW_START:
            household.episodes.append(
                Episode("member_leaves", adult.true_id, at(adult.moved_out, rng), ref=lead.true_id)
            )
            if adult.role == "father":
                for child in household.children:
                    if rng.random() < 0.3 and child.age_on(adult.moved_out) >= 10:
                        household.episodes.append(
                            Episode("bereavement", child.true_id, at(adult.moved_out, rng))
                        )
    if household.adversity in ("high", "severe") and rng.random() < 0.08:
        day = WINDOW_START + timedelta(days=rng.randrange(2000))
        household.episodes.append(Episode("eviction", lead.true_id, at(day, rng)))
    for _ in range(
        poisson(
            rng, {"low": 0.02, "moderate": 0.1, "high": 0.3, "severe": 0.5}[household.adversity]
        )
    ):
        day = WINDOW_START + timedelta(days=rng.randrange(2190))
        household.episodes.append(Episode("housing_concern", lead.true_id, at(day, rng)))


def _domestic_abuse(household: Household, rng: random.Random) -> None:
    victim = household.people[0]
    partners = [a for a in household.adults if a.role != "mother"]
    rate = DA_INCIDENTS_PER_YEAR[household.adversity]
    for partner in partners:
        first = max(WINDOW_START, partner.moved_in or WINDOW_START)
        last = min(WINDOW_END, partner.moved_out or WINDOW_END)
        if first >= last:
            continue
        for _ in range(poisson(rng, rate * (last - first).days / 365)):
            day = first + timedelta(days=rng.randrange((last - first).days))
            _da_incident(household, rng, victim, partner, day)


def _da_incident(
    household: Household, rng: random.Random, victim: Person, partner: Person, day: date
) -> None:
    when = at(day, rng, office=False)
    present = tuple(
        c.true_id for c in household.children if c.date_of_birth <= day and c.age_on(day) < 18
    )
    risk = rng.choices(("standard", "medium", "high"), (0.6, 0.3, 0.1))[0]
    ref = opaque_ref("DA", victim.true_id, when)
    household.episodes.append(
        Episode(
            "da_incident",
            victim.true_id,
            when,
            attrs={"risk": risk, "perpetrator": partner.true_id},
            participants=present,
            ref=ref,
        )
    )
    if risk != "high" or day + timedelta(days=40) > WINDOW_END:
        return
    marac = at(day + timedelta(days=rng.randrange(7, 28)), rng)
    household.episodes.append(
        Episode("marac", victim.true_id, marac, participants=present, ref=ref)
    )
    if rng.random() < CARE_PRACTICE["marac_shared"]:
        for child in present:
            household.episodes.append(
                Episode(
                    "info_shared",
                    child,
                    marac + timedelta(days=rng.randrange(1, 7)),
                    attrs={"from": "marac", "to": "child_protection"},
                )
            )


def _emergency_entry(
    household: Household, child: Person, rng: random.Random, care: LookedAfter
) -> None:
    """Entries to care not preceded by a plan: emergencies and adolescents accommodated."""
    first, last = childhood(child)
    if first > last:
        return
    rate = {"low": 0.0006, "moderate": 0.0035, "high": 0.014, "severe": 0.04}[household.adversity]
    if child.age_on(first) >= 13 or child.age_on(last) >= 15:
        rate *= 2.2
    if rng.random() < rate * ((last - first).days / 365):
        day = first + timedelta(days=rng.randrange(max(1, (last - first).days)))
        care.enter(day, route="emergency" if rng.random() < 0.5 else "accommodated")
    already = {"low": 0.003, "moderate": 0.03, "high": 0.12, "severe": 0.25}[household.adversity]
    earliest = max(child.date_of_birth + timedelta(days=30), WINDOW_START - timedelta(days=4 * 365))
    if earliest < WINDOW_START and rng.random() < already:
        care.enter(
            earliest + timedelta(days=rng.randrange((WINDOW_START - earliest).days)), route="plan"
        )


def _young_parents(household: Household, rng: random.Random) -> None:
    """A mother under 18 when a child is in the household: her own needs assessed, or not (FAM-2)."""
    mother = household.people[0]
    eighteenth = mother.eighteenth()
    born = min((c.date_of_birth for c in household.children), default=None)
    if born is None or eighteenth <= max(WINDOW_START, born):
        return
    if rng.random() < CARE_PRACTICE["young_parent_assessed"]:
        start = max(WINDOW_START, born) + timedelta(days=rng.randrange(10, 120))
        if start < eighteenth:
            household.episodes.append(
                Episode(
                    "assessment",
                    mother.true_id,
                    at(start, rng),
                    at(start + timedelta(days=30), rng),
                    {"kind": "parent_needs", "factors": "4A", "outcome": "cin_plan"},
                )
            )


def _serious_harm(household: Household, rng: random.Random) -> None:
    """A baby seriously injured (rarely, in severe adversity) and what happens for siblings (CPP-3)."""
    if household.adversity != "severe" or len(household.children) < 2 or rng.random() >= 0.06:
        return
    baby = max(household.children, key=lambda c: c.date_of_birth)
    first, last = childhood(baby)
    if first > last:
        return
    day = first + timedelta(days=rng.randrange(max(1, min(365, (last - first).days))))
    kind = "child_death" if rng.random() < 0.15 else "serious_injury"
    household.episodes.append(Episode(kind, baby.true_id, at(day, rng)))
    household.episodes.append(
        Episode("ed", baby.true_id, at(day, rng, office=False), attrs={"reason": "INJ"})
    )
    for sibling in household.children:
        if sibling is baby or not (childhood(sibling)[0] <= day <= childhood(sibling)[1]):
            continue
        if rng.random() < CARE_PRACTICE["sibling_enquiry"]:
            household.episodes.append(
                Episode(
                    "strategy",
                    sibling.true_id,
                    at(day + timedelta(days=rng.randrange(0, 5)), rng),
                    attrs={"agencies": "social_care,police,health"},
                )
            )


def _camhs_on_moves(household: Household, rng: random.Random) -> None:
    """A child open to CAMHS moved out of area: CAMHS care transferred, or lost (SHR-4)."""
    for episode in household.episodes:
        if episode.kind != "camhs" or not episode.attrs.get("accepted"):
            continue
        opened = date.fromisoformat(episode.attrs["accepted"])
        closed = (
            date.fromisoformat(episode.attrs["discharged"])
            if episode.attrs.get("discharged")
            else WINDOW_END
        )
        for move in household.episodes:
            if (
                move.kind == "placement"
                and move.subject == episode.subject
                and move.attrs.get("location") == "OUT"
                and opened <= move.start.date() < closed
            ):
                if rng.random() < LAC_PRACTICE["camhs_transfer_on_move"]:
                    episode.attrs["transferred"] = (
                        move.start.date() + timedelta(days=rng.randrange(3, 25))
                    ).isoformat()
                break


def _peer_groups(households: list[Household], rng: random.Random) -> None:
    """Group adolescents at risk across the block; each group shares incidents (EXT-3)."""
    at_risk = [
        (hh, episode.subject)
        for hh in households
        for episode in hh.episodes
        if episode.kind == "exploitation"
    ]
    members: list[tuple[Household, str]] = []
    seen: set[str] = set()
    for hh, tid in at_risk:
        if tid not in seen:
            seen.add(tid)
            members.append((hh, tid))
    rng.shuffle(members)
    for start in range(0, len(members) - 2, 4):
        group = members[start : start + rng.choice((3, 4))]
        if len(group) >= 3:
            _group_incidents(group, rng)


def _group_incidents(group: list[tuple[Household, str]], rng: random.Random) -> None:
    ids = [tid for _, tid in group]
    for hh, tid in group:
        hh.peers.extend((tid, other) for other in ids if other != tid)
    day = WINDOW_START + timedelta(days=rng.randrange(60, 2100))
    for n in range(rng.randrange(1, 4)):
        when = at(day + timedelta(days=20 * n), rng, office=False)
        ref = opaque_ref("GRP", ids[0], when)
        kind = "police_incident" if n % 2 == 0 else "missing"
        for hh, tid in group:
            end = when + timedelta(hours=rng.uniform(3, 30)) if kind == "missing" else None
            attrs = (
                {"kind": "M", "from": "home", "code": "ASB"}
                if kind == "missing"
                else {"code": "ASB", "role": "SUSPECT"}
            )
            hh.episodes.append(
                Episode(
                    kind,
                    tid,
                    when,
                    end,
                    attrs,
                    participants=tuple(o for o in ids if o != tid),
                    ref=ref,
                )
            )


_CARRIED_OVER = frozenset({"care_period", "placement", "sw_change"})
"""Episodes that began before the window and are still open at its start stay in the extracts."""


def _censor(household: Household) -> None:
    """Drop what lies after the window and open what ends after it."""
    kept: list[Episode] = []
    limit = datetime.combine(WINDOW_END, datetime.max.time())
    for episode in household.episodes:
        if episode.start > limit:
            continue
        if episode.start.date() < WINDOW_START and not (
            episode.kind in _CARRIED_OVER
            and (episode.end is None or episode.end.date() >= WINDOW_START)
        ):
            continue
        if episode.end is not None and episode.end > limit:
            episode.end = None
        kept.append(episode)
    kept.sort(key=lambda e: (e.start, e.kind, e.subject))
    household.episodes = kept
