"""Flattening an SSDA903 XML return (``EXPSSDA903/CHILD/...``) into the 903 CSV tables.

The XML holds per ``CHILD`` a ``HEADER`` and repeated ``EPISODE``, ``AREVIEW`` and ``AMISSING``
elements. They become the ``header``, ``episodes``, ``reviews`` and ``missing`` tables with the
CSV column names (``CHILDID`` -> ``CHILD``, the placement ``PL`` -> ``PLACE``), so the same
``builtin:ssda903`` mapping reads both forms. One row = one element; ``XMLPath`` says where.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from fullpicture.intake.statutory.xml_elements import FlatTable, children, first, leaves

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "XMLPath"),
    "episodes": (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN", "XMLPath",
    ),
    "reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE", "XMLPath"),
    "missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END", "XMLPath"),
}  # fmt: skip
"""The flattened tables, in import order (people first), with their columns."""

_REPEATED = (("EPISODE", "episodes"), ("AREVIEW", "reviews"), ("AMISSING", "missing"))
_RENAMED = {"CHILDID": "CHILD", "PL": "PLACE"}


def _fields(element: Element | None) -> dict[str, str]:
    return {_RENAMED.get(name, name): value for name, value in leaves(element).items()}


class Ssda903Flattener:
    """Collects the flattened 903 tables while the file is read, one ``CHILD`` at a time."""

    root = "EXPSSDA903"
    record = "CHILD"
    what = "SSDA903"

    def __init__(self) -> None:
        self.tables = {name: FlatTable(name, list(cols)) for name, cols in TABLE_COLUMNS.items()}
        self.child_count = 0

    def add_record(self, child: Element) -> None:
        """Flatten one ``CHILD`` element into every table it feeds."""
        self.child_count += 1
        path = f"CHILD[{self.child_count}]"
        header = _fields(first(child, "HEADER"))
        base = {"CHILD": header.get("CHILD", ""), "DOB": header.get("DOB", "")}
        self.tables["header"].add({**header, "XMLPath": f"{path}/HEADER"})
        for element_name, table in _REPEATED:
            for number, element in enumerate(children(child, element_name), start=1):
                where = f"{path}/{element_name}[{number}]"
                self.tables[table].add({**_fields(element), **base, "XMLPath": where})
