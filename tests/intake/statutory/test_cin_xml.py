from __future__ import annotations

import pytest

from fullpicture.errors import UnreadableFileError
from fullpicture.intake.statutory.xml_import import flatten_xml
from tests.intake.statutory.factories import CIN_CHILD_ONE, create_cin_census

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Message [
  <!ENTITY a "lol">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<Message><Children><Child><ChildIdentifiers><LAchildID>&d;</LAchildID></ChildIdentifiers>
</Child></Children></Message>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Message [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Message><Children><Child><ChildIdentifiers><LAchildID>&secret;</LAchildID></ChildIdentifiers>
</Child></Children></Message>
"""


def _rows(table):
    return [dict(zip(table.header, row.values, strict=True)) for row in table.rows]


def test_should_flatten_one_record_per_element_into_each_table(tmp_path):
    tables = flatten_xml(create_cin_census(tmp_path / "census.xml"))
    counts = {name: len(table.rows) for name, table in tables.items()}
    assert counts == {
        "children": 2,
        "deaths": 1,
        "referrals": 2,
        "assessments": 2,
        "cin_plans": 1,
        "section47": 1,
        "cp_plans": 1,
        "cp_reviews": 2,
    }


def test_should_carry_the_child_id_codes_and_the_place_in_the_file(tmp_path):
    tables = flatten_xml(create_cin_census(tmp_path / "census.xml"))
    first, second = _rows(tables["children"])
    assert (first["LAchildID"], first["Sex"], first["Disabilities"]) == ("K1001", "F", "NONE")
    assert (second["Sex"], second["UPNunknown"]) == ("1", "UN7")  # GenderCurrent before 2024/25
    [assessment, _] = _rows(tables["assessments"])
    assert assessment["AssessmentFactors"] == "3A,16A"
    assert assessment["XMLPath"] == "Child[1]/CINdetails[1]/Assessments[1]"
    assert [r["CPPstartDate"] for r in _rows(tables["cp_reviews"])] == ["2023-05-24"] * 2


def test_should_read_elements_in_a_namespace(tmp_path):
    path = create_cin_census(tmp_path / "census.xml", [CIN_CHILD_ONE])
    text = path.read_text(encoding="utf-8").replace("<Message>", '<Message xmlns="urn:x-cin">')
    path.write_text(text, encoding="utf-8")
    assert _rows(flatten_xml(path)["children"])[0]["LAchildID"] == "K1001"


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "external"])
def test_should_refuse_entity_declarations_safely_with_a_clear_message(tmp_path, text):
    path = tmp_path / "census.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableFileError) as caught:
        flatten_xml(path)
    assert "refused for safety" in caught.value.message
    assert "DOCTYPE" in caught.value.hint


def test_should_refuse_malformed_xml_naming_where(tmp_path):
    path = create_cin_census(tmp_path / "census.xml", [CIN_CHILD_ONE.replace("</Child>", "")])
    with pytest.raises(UnreadableFileError) as caught:
        flatten_xml(path)
    assert "not well-formed XML" in caught.value.message and "line" in caught.value.message


def test_should_refuse_xml_that_is_not_a_statutory_return(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<Invoices><Invoice/></Invoices>", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="not a CIN census <Message> or an SSDA903"):
        flatten_xml(path)


def test_should_refuse_a_census_without_children(tmp_path):
    with pytest.raises(UnreadableFileError, match="no <Child>"):
        flatten_xml(create_cin_census(tmp_path / "census.xml", []))
