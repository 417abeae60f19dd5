"""Calibration: the national figures the generator aims at, and the same measures taken from the
generated lives, so that ``fullpicture synth --report`` can show them side by side.

The synthetic authority is deliberately *enriched*: its N children are the children known to
agencies in a notional authority of ``N x POPULATION_FACTOR`` children. Rates per 10,000 children
are therefore measured per 10,000 of that notional population; shares (re-referral, plan
durations, missing durations, return interviews) need no scaling.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from fullpicture.synth.model import WINDOW_END, WINDOW_START, Episode, Household
from fullpicture.synth.timing import childhood
from fullpicture.synth.workdays import working_days_between

POPULATION_FACTOR = 10
"""Notional children in the authority per simulated child (the cohort is 1 in 10: those known)."""
ENGLAND_CHILDREN = 12_183_000
"""Children aged 0-17 in England, 2025 (402,400 CIN at 330.3 per 10,000)."""


@dataclass(frozen=True)
class Target:
    """One national figure."""

    key: str
    label: str
    national: float
    unit: str  # "per10k" (per year), "per10k_stock" (at 31 March), "share" (%) or "mean"
    tolerance: float  # accepted relative (per10k) or absolute percentage-point (share) gap
    source: str


EES = "https://explore-education-statistics.service.gov.uk"
TARGETS: tuple[Target, ...] = (
    Target(
        "referrals",
        "Referrals per 10,000 children per year",
        632_830 / ENGLAND_CHILDREN * 1e4,
        "per10k",
        0.35,
        f"EES CIN 2025, C1 ({EES}/find-statistics/children-in-need/2025)",
    ),
    Target(
        "re_referral",
        "Referrals within 12 months of a previous referral (%)",
        22.6,
        "share",
        6.0,
        "EES CIN 2025, C1 / a focus on re-referrals",
    ),
    Target(
        "referral_nfa",
        "Referrals with no further action (%)",
        6.5,
        "share",
        3.0,
        "EES CIN 2025, C1",
    ),
    Target(
        "assessment_median",
        "Assessment duration, median working days",
        33.0,
        "mean",
        5.0,
        "EES CIN 2025, C2",
    ),
    Target(
        "s47",
        "Section 47 enquiries per 10,000 per year",
        230_590 / ENGLAND_CHILDREN * 1e4,
        "per10k",
        0.4,
        "EES CIN 2025, C4",
    ),
    Target(
        "icpc",
        "Initial conferences per 10,000 per year",
        72_100 / ENGLAND_CHILDREN * 1e4,
        "per10k",
        0.4,
        "EES CIN 2025, C4",
    ),
    Target(
        "cp_starts",
        "CP plans started per 10,000 per year",
        61_840 / ENGLAND_CHILDREN * 1e4,
        "per10k",
        0.4,
        "EES CIN 2025, D1",
    ),
    Target(
        "cp_stock",
        "On a CP plan at 31 March, per 10,000",
        41.0,
        "per10k_stock",
        0.45,
        "EES CIN 2025, D1 (49,420)",
    ),
    Target(
        "cp_le_3m", "CP plans ending: 3 months or less (%)", 15.9, "share", 6.0, "EES CIN 2025, D7"
    ),
    Target("cp_3_6m", "CP plans ending: 3 to 6 months (%)", 11.0, "share", 6.0, "EES CIN 2025, D7"),
    Target(
        "cp_6_12m", "CP plans ending: 6 to 12 months (%)", 43.5, "share", 8.0, "EES CIN 2025, D7"
    ),
    Target("cp_1_2y", "CP plans ending: 1 to 2 years (%)", 25.2, "share", 8.0, "EES CIN 2025, D7"),
    Target("cp_2y", "CP plans ending: over 2 years (%)", 4.4, "share", 4.0, "EES CIN 2025, D7"),
    Target(
        "cla_starts",
        "Started to be looked after, per 10,000 per year",
        32_270 / ENGLAND_CHILDREN * 1e4,
        "per10k",
        0.45,
        f"EES CLA 2025 ({EES}/find-statistics/children-looked-after-in-england-including-adoptions/2025)",
    ),
    Target(
        "cla_stock",
        "Looked after at 31 March, per 10,000",
        67.0,
        "per10k_stock",
        0.45,
        "EES CLA 2025",
    ),
    Target(
        "placement_instability",
        "In care 2+ years with 3+ placements in the last 2 years (%)",
        23.0,
        "share",
        10.0,
        "EES CLA 2025, data set 2ad311d1",
    ),
    Target(
        "missing_children",
        "Looked-after children who went missing in the year (%)",
        11.0,
        "share",
        6.0,
        "EES CLA 2025 missing data set d8dd7734 (derived)",
    ),
    Target(
        "missing_per_child",
        "Missing incidents per child who went missing",
        6.8,
        "mean",
        2.5,
        "EES CLA 2025 missing data set d8dd7734",
    ),
    Target(
        "missing_le_2d",
        "Missing incidents lasting 2 days or less (%)",
        90.0,
        "share",
        5.0,
        "DfE answer to PQ 187193",
    ),
    Target(
        "rhi_done",
        "Missing episodes followed by a return interview (%)",
        50.0,
        "share",
        10.0,
        "The Children's Society (no national statistic)",
    ),
    Target(
        "rhi_72h",
        "Return interviews held within 72 hours (%)",
        42.0,
        "share",
        12.0,
        "Halford et al. 2023 (48/113 in one force)",
    ),
)
"""What is calibrated, against which national figure."""


def _31_march(year: int) -> date:
    return date(year, 3, 31)


@dataclass
class Measures:
    """Running counts taken from the generated lives (bounded memory)."""

    child_days: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    assessment_days: Counter[int] = field(default_factory=Counter)
    stock_days: Counter[str] = field(
        default_factory=Counter
    )  # child-census-dates on a plan / in care

    def add(self, household: Household) -> None:
        """Take the measures from one simulated household."""
        by_child: dict[str, list[Episode]] = {}
        for e in household.episodes:
            by_child.setdefault(e.subject, []).append(e)
        for child in household.children:
            first, last = childhood(child)
            if first > last:
                continue
            self.child_days += (last - first).days + 1
            self._census_days(first, last)
            self._child(by_child.get(child.true_id, []))

    def _census_days(self, first: date, last: date) -> None:
        for year in range(WINDOW_START.year + 1, WINDOW_END.year + 1):
            if first <= _31_march(year) <= last:
                self.counts["census_children"] += 1

    def _child(self, episodes: list[Episode]) -> None:
        referrals = [e for e in episodes if e.kind == "referral"]
        self.counts["referrals"] += len(referrals)
        self.counts["referral_nfa"] += sum(1 for r in referrals if r.attrs.get("nfa") == "true")
        self.counts["re_referral"] += sum(
            1
            for a, b in zip(referrals, referrals[1:], strict=False)
            if (b.start - a.start).days <= 365
        )
        for e in episodes:
            self._episode(e)
        self._stocks(episodes)
        self._missing(episodes)
        self._instability(episodes)

    def _episode(self, e: Episode) -> None:
        if e.kind == "assessment" and e.end is not None and e.attrs.get("kind") == "single":
            self.assessment_days[working_days_between(e.start.date(), e.end.date())] += 1
        elif e.kind == "s47":
            self.counts["s47"] += 1
            if e.attrs.get("icpc"):
                self.counts["icpc"] += 1
        elif e.kind == "cp_plan":
            self.counts["cp_starts"] += 1
            if e.end is not None:
                self.counts["cp_ended"] += 1
                self.counts[_plan_band((e.end - e.start).days)] += 1
        elif e.kind == "care_period":
            self.counts["cla_starts"] += 1

    def _stocks(self, episodes: list[Episode]) -> None:
        for year in range(WINDOW_START.year + 1, WINDOW_END.year + 1):
            census = _31_march(year)
            for kind, key in (("cp_plan", "cp_stock"), ("care_period", "cla_stock")):
                if any(
                    e.kind == kind
                    and e.start.date() <= census
                    and (e.end is None or e.end.date() > census)
                    for e in episodes
                ):
                    self.counts[key] += 1

    def _missing(self, episodes: list[Episode]) -> None:
        missing = [e for e in episodes if e.kind == "missing" and e.attrs.get("from") == "care"]
        for e in missing:
            self.counts["missing_incidents"] += 1
            if e.end is not None and (e.end - e.start) <= timedelta(days=2):
                self.counts["missing_le_2d"] += 1
        refs = {e.ref for e in missing}
        done = [e for e in episodes if e.kind == "rhi_done" and e.attrs.get("missing_ref") in refs]
        self.counts["rhi_done"] += len(done)
        ends = {e.ref: e.end for e in missing if e.end is not None}
        for d in done:
            back = ends.get(d.attrs["missing_ref"])
            if back is not None and d.start - back <= timedelta(hours=72):
                self.counts["rhi_72h"] += 1
        care = [e for e in episodes if e.kind == "care_period"]
        for year in range(WINDOW_START.year, WINDOW_END.year):
            first, last = date(year, 4, 1), date(year + 1, 3, 31)
            if any(
                c.start.date() <= last and (c.end is None or c.end.date() >= first) for c in care
            ):
                self.counts["cla_year_children"] += 1
                if any(first <= e.start.date() <= last for e in missing):
                    self.counts["missing_year_children"] += 1
                    self.counts["missing_year_incidents"] += sum(
                        1 for e in missing if first <= e.start.date() <= last
                    )

    def _instability(self, episodes: list[Episode]) -> None:
        census = WINDOW_END
        care = [
            e
            for e in episodes
            if e.kind == "care_period"
            and e.start.date() <= census - timedelta(days=730)
            and e.end is None
        ]
        if not care:
            return
        self.counts["in_care_2y"] += 1
        recent = [
            e
            for e in episodes
            if e.kind == "placement"
            and (e.end is None or e.end.date() >= census - timedelta(days=730))
        ]
        if len(recent) >= 3:
            self.counts["unstable_2y"] += 1

    def values(self) -> dict[str, float]:
        """The generated value of every target (per 10,000 of the notional population, or %)."""
        years = self.child_days / 365.25
        notional = years * POPULATION_FACTOR
        census = max(1, self.counts["census_children"]) * POPULATION_FACTOR
        c = self.counts

        def per10k(key: str) -> float:
            return c[key] / notional * 1e4 if notional else 0.0

        def share(part: str, whole: str) -> float:
            return 100 * c[part] / c[whole] if c[whole] else 0.0

        return {
            "referrals": per10k("referrals"),
            "re_referral": share("re_referral", "referrals"),
            "referral_nfa": share("referral_nfa", "referrals"),
            "assessment_median": _median(self.assessment_days),
            "s47": per10k("s47"),
            "icpc": per10k("icpc"),
            "cp_starts": per10k("cp_starts"),
            "cp_stock": c["cp_stock"] / census * 1e4,
            "cla_stock": c["cla_stock"] / census * 1e4,
            "cp_le_3m": share("cp_le_3m", "cp_ended"),
            "cp_3_6m": share("cp_3_6m", "cp_ended"),
            "cp_6_12m": share("cp_6_12m", "cp_ended"),
            "cp_1_2y": share("cp_1_2y", "cp_ended"),
            "cp_2y": share("cp_2y", "cp_ended"),
            "cla_starts": per10k("cla_starts"),
            "placement_instability": share("unstable_2y", "in_care_2y"),
            "missing_children": share("missing_year_children", "cla_year_children"),
            "missing_per_child": c["missing_year_incidents"] / c["missing_year_children"]
            if c["missing_year_children"]
            else 0.0,
            "missing_le_2d": share("missing_le_2d", "missing_incidents"),
            "rhi_done": share("rhi_done", "missing_incidents"),
            "rhi_72h": share("rhi_72h", "rhi_done"),
        }


def _plan_band(days: int) -> str:
    if days <= 91:
        return "cp_le_3m"
    if days <= 182:
        return "cp_3_6m"
    if days <= 365:
        return "cp_6_12m"
    return "cp_1_2y" if days <= 730 else "cp_2y"


def _median(histogram: Counter[int]) -> float:
    total = sum(histogram.values())
    if not total:
        return 0.0
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen * 2 >= total:
            return float(value)
    return 0.0


def within(target: Target, value: float) -> bool:
    """True when ``value`` is within the target's tolerance."""
    if target.unit in ("per10k", "per10k_stock"):
        return abs(value - target.national) <= target.tolerance * target.national
    return abs(value - target.national) <= target.tolerance
