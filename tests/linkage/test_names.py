"""Name handling: normalisation, nickname variants, Soundex and compatibility."""

from __future__ import annotations

from fullpicture.linkage.names import (
    given_names_compatible,
    name_variants,
    normalise_name,
    soundex,
)


def test_should_normalise_accents_case_and_punctuation() -> None:
    assert normalise_name("  Zoë-Anne  O'Brien ") == "zoe anne o brien"
    assert normalise_name("  ") is None


def test_should_find_nickname_variants_from_the_table() -> None:
    assert name_variants("peggy") & name_variants("margaret")
    assert not name_variants("samuel") & name_variants("samantha")
    assert name_variants("sam") & name_variants("samantha")


def test_should_code_similar_surnames_alike() -> None:
    assert soundex("smith") == soundex("smyth") == "S530"
    assert soundex("ashcraft") == "A261"


def test_should_treat_twins_names_as_incompatible() -> None:
    assert not given_names_compatible("chidi", "emeka")
    assert given_names_compatible("jon", "jonathan")


def test_should_not_treat_short_different_names_as_typos() -> None:
    assert not given_names_compatible("kai", "sam")
    assert given_names_compatible("katie", "kttie")
