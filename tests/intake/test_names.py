from __future__ import annotations

import unicodedata

from fullpicture.intake.names import clean_name, split_full_name
from fullpicture.intake.postcodes import normalise_postcode


def test_should_compose_welsh_diacritics_and_keep_them():
    decomposed = unicodedata.normalize("NFD", "Gwenllïan Ŵyn")
    assert clean_name(f"  {decomposed}  ") == "Gwenllïan Ŵyn"


def test_should_split_family_first_and_given_first_names():
    assert split_full_name("JONES, Carys  Ann").family_name == "JONES"
    parts = split_full_name("Carys Ann Jones")
    assert (parts.given_name, parts.middle_names, parts.family_name) == ("Carys", "Ann", "Jones")


def test_should_normalise_postcodes_to_one_space():
    assert normalise_postcode(" cf101aa ") == "CF10 1AA"
    assert normalise_postcode("SW1A 2AA") == "SW1A 2AA"
