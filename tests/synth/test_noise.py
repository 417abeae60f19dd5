"""Recording noise is present at the configured rates."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from fullpicture.synth import SynthSummary
from fullpicture.synth.agencies import AGENCIES
from fullpicture.synth.model import Person
from fullpicture.synth.names import NICKNAMES
from fullpicture.synth.noise import IdentityProfile, recorded_identity, swap_day_month, typo


def create_person(**overrides: object) -> Person:
    values: dict[str, object] = {
        "true_id": "T000000100",
        "given_name": "Elizabeth",
        "middle_name": "",
        "family_name": "Smith-Jones",
        "date_of_birth": date(2012, 3, 7),
        "sex": "female",
        "ethnicity": "WBRI",
        "is_child": True,
        "household_id": "H0000001",
        "role": "child",
        "nhs_number": "9434765919",
        "step_family_name": "Taylor",
    }
    values.update(overrides)
    return Person(**values)  # type: ignore[arg-type]


def _share(noise: dict[str, int], source: str, kind: str, whole: str) -> float:
    return noise.get(f"{source}:{kind}", 0) / max(1, noise.get(f"{source}:{whole}", 0))


@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a.source)
def test_should_leave_nhs_numbers_out_at_the_agency_rate(
    sample_moderate_authority: tuple[Path, SynthSummary], agency: type
) -> None:
    _, summary = sample_moderate_authority
    share = _share(summary.noise, agency.source, "nhs_missing", "person_records")
    assert abs(share - (1 - agency.profile.nhs_present)) < 0.05


RECORDING = [a for a in AGENCIES if any("recorded_on" in t.columns for t in a.tables)]


@pytest.mark.parametrize("agency", RECORDING, ids=lambda a: a.source)
def test_should_record_events_late_at_the_agency_rate(
    sample_moderate_authority: tuple[Path, SynthSummary], agency: type
) -> None:
    _, summary = sample_moderate_authority
    assert summary.noise.get(f"{agency.source}:event_rows", 0) >= 300
    share = _share(summary.noise, agency.source, "late", "event_rows")
    assert abs(share - agency.event_noise.late) < 0.03


def test_should_spoil_about_the_configured_share_of_event_rows(
    sample_moderate_authority: tuple[Path, SynthSummary],
) -> None:
    _, summary = sample_moderate_authority
    events = sum(
        v
        for k, v in summary.rows.items()
        if not k.endswith(
            (
                "children",
                "relatives",
                "relationships",
                "nominals",
                "associations",
                "patients",
                "pupils",
                "residents",
                "tenancies",
                "household_members",
                "people",
            )
        )
    )
    assert 0.001 < summary.bad_rows / events < 0.004


def test_should_apply_typos_nicknames_and_step_surnames_somewhere(
    sample_moderate_authority: tuple[Path, SynthSummary],
) -> None:
    _, summary = sample_moderate_authority
    for kind in ("typo", "nickname", "step_surname", "dob_swap", "duplicate", "double_barrel"):
        assert sum(v for k, v in summary.noise.items() if k.endswith(f":{kind}")) > 0, kind


def test_should_record_a_nickname_from_the_known_short_forms() -> None:
    rng = random.Random(3)
    profile = IdentityProfile(nickname=1.0, typo=0.0, step_surname=0.0, split_double_barrel=0.0)
    ident = recorded_identity(create_person(), profile, rng)
    assert ident.given_name in NICKNAMES["Elizabeth"]
    assert ident.noise == ("nickname",)


def test_should_record_the_step_parents_surname_and_keep_the_former_one() -> None:
    profile = IdentityProfile(nickname=0.0, typo=0.0, step_surname=1.0)
    ident = recorded_identity(create_person(), profile, random.Random(1))
    assert (ident.family_name, ident.former_family_name) == ("Taylor", "Smith-Jones")


def test_should_split_a_double_barrelled_surname() -> None:
    profile = IdentityProfile(nickname=0.0, typo=0.0, step_surname=0.0, split_double_barrel=1.0)
    ident = recorded_identity(create_person(), profile, random.Random(1))
    assert ident.family_name in ("Smith", "Jones")


def test_should_swap_day_and_month_only_when_both_could_be_a_month() -> None:
    assert swap_day_month(date(2012, 3, 7)) == date(2012, 7, 3)
    assert swap_day_month(date(2012, 3, 17)) is None
    assert swap_day_month(date(2012, 5, 5)) is None


def test_should_make_a_typo_that_changes_the_name() -> None:
    rng = random.Random(9)
    changed = [typo(rng, "Katherine") for _ in range(50)]
    assert sum(1 for c in changed if c != "Katherine") >= 45
