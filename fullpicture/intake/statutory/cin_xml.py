"""Reading a CIN census XML file safely and flattening it into the tables a mapping reads.

The census nests ``Message/Children/Child/CINdetails/...``; the mapping model reads flat tables.
Each flattened table has one row per element of one kind (a *record*), so for XML "rows read"
means records: one per ``Child`` in ``children``, one per ``CINdetails`` in ``referrals``, one
per ``Assessments`` in ``assessments`` and so on (see :data:`TABLE_COLUMNS`). Every record carries
the child's ``LAchildID`` and its place in the file (``XMLPath``, e.g. ``Child[3]/CINdetails[1]``).

The XML is parsed with ``defusedxml`` with DTDs forbidden: a census file never needs one, and
refusing them stops entity expansion ("billion laughs") and external entities (file or network
reads) before they happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from fullpicture.intake.readers import RawRow, unreadable

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "children": (
        "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
        "ExpectedPersonBirthDate", "Sex", "PersonDeathDate", "Ethnicity", "Disabilities",
        "XMLPath",
    ),
    "deaths": ("LAchildID", "PersonDeathDate", "XMLPath"),
    "referrals": (
        "LAchildID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
        "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", "XMLPath",
    ),
    "assessments": (
        "LAchildID", "CINreferralDate", "AssessmentActualStartDate",
        "AssessmentInternalReviewDate", "AssessmentAuthorisationDate", "AssessmentFactors",
        "XMLPath",
    ),
    "cin_plans": (
        "LAchildID", "CINreferralDate", "CINPlanStartDate", "CINPlanEndDate", "XMLPath",
    ),
    "section47": (
        "LAchildID", "CINreferralDate", "S47ActualStartDate", "InitialCPCtarget",
        "DateOfInitialCPC", "ICPCnotRequired", "XMLPath",
    ),
    "cp_plans": (
        "LAchildID", "CINreferralDate", "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "XMLPath",
    ),
    "cp_reviews": ("LAchildID", "CPPstartDate", "CPPreviewDate", "XMLPath"),
}  # fmt: skip
"""The flattened tables, in import order (people first), with their columns."""

_MODULES = (
    ("Assessments", "assessments"),
    ("CINPlanDates", "cin_plans"),
    ("Section47", "section47"),
    ("ChildProtectionPlans", "cp_plans"),
)
"""Repeated elements under ``CINdetails`` and the table each becomes."""


@dataclass
class FlatTable:
    """One flattened table: its columns and its records as numbered rows."""

    name: str
    header: list[str]
    rows: list[RawRow] = field(default_factory=list)

    def add(self, record: dict[str, str]) -> None:
        """Append a record (missing columns are blank); rows are numbered from 1."""
        values = [record.get(column, "") for column in self.header]
        self.rows.append(RawRow(len(self.rows) + 1, values))


def _local(tag: str) -> str:
    """The element name without its namespace (``{ns}Child`` -> ``Child``)."""
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element | None, name: str) -> str:
    """The stripped text of the first direct child called ``name``, or "" when absent."""
    if element is None:
        return ""
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _first(element: Element, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _leaves(element: Element) -> dict[str, str]:
    """Direct children holding text, by name (the simple fields of a module)."""
    return {_local(c.tag): (c.text or "").strip() for c in element if len(c) == 0}


def _codes(element: Element | None, group: str, item: str) -> str:
    """Repeated codes such as ``Disabilities/Disability``, comma separated."""
    holder = _first(element, group) if element is not None else None
    if holder is None:
        return ""
    return ",".join((c.text or "").strip() for c in _children(holder, item) if c.text)


class CinFlattener:
    """Collects the flattened tables while the file is read, one ``Child`` at a time."""

    def __init__(self) -> None:
        self.tables = {name: FlatTable(name, list(cols)) for name, cols in TABLE_COLUMNS.items()}
        self.child_count = 0

    def add_child(self, child: Element) -> None:
        """Flatten one ``Child`` element into every table it feeds."""
        self.child_count += 1
        path = f"Child[{self.child_count}]"
        identifiers, characteristics = (
            _first(child, "ChildIdentifiers"),
            _first(child, "ChildCharacteristics"),
        )
        person = _leaves(identifiers) if identifiers is not None else {}
        child_id = person.get("LAchildID", "")
        person["Sex"] = person.get("Sex") or person.get("GenderCurrent", "")
        person["Ethnicity"] = _text(characteristics, "Ethnicity")
        person["Disabilities"] = _codes(characteristics, "Disabilities", "Disability")
        self.tables["children"].add({**person, "XMLPath": path})
        if person.get("PersonDeathDate"):
            self.tables["deaths"].add({**person, "XMLPath": path})
        for number, details in enumerate(_children(child, "CINdetails"), start=1):
            self._add_details(details, child_id, f"{path}/CINdetails[{number}]")

    def _add_details(self, details: Element, child_id: str, path: str) -> None:
        fields = _leaves(details)
        base = {"LAchildID": child_id, "CINreferralDate": fields.get("CINreferralDate", "")}
        self.tables["referrals"].add({**fields, **base, "XMLPath": path})
        for element_name, table in _MODULES:
            for number, module in enumerate(_children(details, element_name), start=1):
                where = f"{path}/{element_name}[{number}]"
                record = {**_leaves(module), **base, "XMLPath": where}
                if table == "assessments":
                    record["AssessmentFactors"] = _codes(
                        module, "FactorsIdentifiedAtAssessment", "AssessmentFactors"
                    )
                self.tables[table].add(record)
                if table == "cp_plans":
                    self._add_reviews(module, base, record.get("CPPstartDate", ""), where)

    def _add_reviews(self, plan: Element, base: dict[str, str], start: str, path: str) -> None:
        reviews = _first(plan, "Reviews")
        if reviews is None:
            return
        for number, review in enumerate(_children(reviews, "CPPreviewDate"), start=1):
            record = {
                "LAchildID": base["LAchildID"],
                "CPPstartDate": start,
                "CPPreviewDate": (review.text or "").strip(),
                "XMLPath": f"{path}/Reviews/CPPreviewDate[{number}]",
            }
            self.tables["cp_reviews"].add(record)


def _events(path: Path) -> Iterator[tuple[str, Element]]:
    """Parse events, translating every refusal or syntax error into one clear file error."""
    try:
        yield from iterparse(str(path), events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise unreadable(
            path,
            f"it declares a DTD or entities, which are refused for safety ({type(exc).__name__})",
            "Export the census XML again without a DOCTYPE; census files never need one.",
        ) from None
    except ParseError as exc:
        raise unreadable(
            path, f"it is not well-formed XML ({exc})", "Export the census XML again."
        ) from None


def flatten_cin_census(path: Path) -> dict[str, FlatTable]:
    """Read a CIN census XML file and return its flattened tables (see :data:`TABLE_COLUMNS`).

    The whole file is read before anything is returned, so a broken file stores nothing.

    Raises:
        UnreadableFileError: missing file, unsafe or malformed XML, or not a CIN census message.
    """
    if not path.is_file():
        raise unreadable(path, "no such file", "Check the path and try again.")
    flattener = CinFlattener()
    depth = 0
    for event, element in _events(path):
        depth += 1 if event == "start" else -1
        if event == "start" and depth == 1 and _local(element.tag) != "Message":
            raise unreadable(
                path,
                f"its root element is <{_local(element.tag)}>, not a CIN census <Message>",
                "Give the CIN census XML file (root <Message> with <Children>).",
            )
        if event == "end" and _local(element.tag) == "Child" and depth == 2:
            flattener.add_child(element)
            element.clear()  # keep memory flat on large census files
    if flattener.child_count == 0:
        raise unreadable(path, "it holds no <Child> elements", "Check the census export.")
    return flattener.tables
