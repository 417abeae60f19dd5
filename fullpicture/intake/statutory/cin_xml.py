"""Reading a CIN census XML file safely and flattening it into the tables a mapping reads.

The census nests ``Message/Children/Child/CINdetails/...``; the mapping model reads flat tables.
Each flattened table has one row per element of one kind (a *record*), so for XML "rows read"
means records: one per ``Child`` in ``children``, one per ``CINdetails`` in ``referrals``, one
per ``Assessments`` in ``assessments`` and so on (see :data:`TABLE_COLUMNS`). Every record carries
the child's ``LAchildID`` and its place in the file (``XMLPath``, e.g. ``Child[3]/CINdetails[1]``).

The file is read safely by :mod:`fullpicture.intake.statutory.xml_elements`.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from fullpicture.intake.statutory.xml_elements import (
    FlatTable,
    children,
    codes,
    first,
    leaves,
    text,
)

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


class CinFlattener:
    """Collects the flattened tables while the file is read, one ``Child`` at a time."""

    root = "Message"
    record = "Child"
    what = "CIN census"

    def __init__(self) -> None:
        self.tables = {name: FlatTable(name, list(cols)) for name, cols in TABLE_COLUMNS.items()}
        self.child_count = 0

    def add_record(self, child: Element) -> None:
        """Flatten one ``Child`` element into every table it feeds."""
        self.child_count += 1
        path = f"Child[{self.child_count}]"
        identifiers, characteristics = (
            first(child, "ChildIdentifiers"),
            first(child, "ChildCharacteristics"),
        )
        person = leaves(identifiers) if identifiers is not None else {}
        child_id = person.get("LAchildID", "")
        person["Sex"] = person.get("Sex") or person.get("GenderCurrent", "")
        person["Ethnicity"] = text(characteristics, "Ethnicity")
        person["Disabilities"] = codes(characteristics, "Disabilities", "Disability")
        self.tables["children"].add({**person, "XMLPath": path})
        if person.get("PersonDeathDate"):
            self.tables["deaths"].add({**person, "XMLPath": path})
        for number, details in enumerate(children(child, "CINdetails"), start=1):
            self._add_details(details, child_id, f"{path}/CINdetails[{number}]")

    def _add_details(self, details: Element, child_id: str, path: str) -> None:
        fields = leaves(details)
        base = {"LAchildID": child_id, "CINreferralDate": fields.get("CINreferralDate", "")}
        self.tables["referrals"].add({**fields, **base, "XMLPath": path})
        for element_name, table in _MODULES:
            for number, module in enumerate(children(details, element_name), start=1):
                where = f"{path}/{element_name}[{number}]"
                record = {**leaves(module), **base, "XMLPath": where}
                if table == "assessments":
                    record["AssessmentFactors"] = codes(
                        module, "FactorsIdentifiedAtAssessment", "AssessmentFactors"
                    )
                self.tables[table].add(record)
                if table == "cp_plans":
                    self._add_reviews(module, base, record.get("CPPstartDate", ""), where)

    def _add_reviews(self, plan: Element, base: dict[str, str], start: str, path: str) -> None:
        reviews = first(plan, "Reviews")
        if reviews is None:
            return
        for number, review in enumerate(children(reviews, "CPPreviewDate"), start=1):
            record = {
                "LAchildID": base["LAchildID"],
                "CPPstartDate": start,
                "CPPreviewDate": (review.text or "").strip(),
                "XMLPath": f"{path}/Reviews/CPPreviewDate[{number}]",
            }
            self.tables["cp_reviews"].add(record)
