"""Safe XML reading shared by the statutory XML returns, and the flattened-table shape.

Files are parsed with ``defusedxml`` with DTDs forbidden: no statutory return needs one, and
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


def local(tag: str) -> str:
    """The element name without its namespace (``{ns}Child`` -> ``Child``)."""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    """The direct children called ``name``."""
    return [child for child in element if local(child.tag) == name]


def first(element: Element | None, name: str) -> Element | None:
    """The first direct child called ``name``, or None."""
    if element is None:
        return None
    found = children(element, name)
    return found[0] if found else None


def text(element: Element | None, name: str) -> str:
    """The stripped text of the first direct child called ``name``, or "" when absent."""
    found = first(element, name)
    return (found.text or "").strip() if found is not None else ""


def leaves(element: Element | None) -> dict[str, str]:
    """Direct children holding text, by name (the simple fields of a module)."""
    if element is None:
        return {}
    return {local(c.tag): (c.text or "").strip() for c in element if len(c) == 0}


def codes(element: Element | None, group: str, item: str) -> str:
    """Repeated codes such as ``Disabilities/Disability``, comma separated."""
    holder = first(element, group)
    if holder is None:
        return ""
    return ",".join((c.text or "").strip() for c in children(holder, item) if c.text)


def safe_events(path: Path) -> Iterator[tuple[str, Element]]:
    """Parse start/end events, turning every refusal or syntax error into one clear file error.

    Raises:
        UnreadableFileError: a DTD or entity declaration, or malformed XML.
    """
    try:
        yield from iterparse(str(path), events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise unreadable(
            path,
            f"it declares a DTD or entities, which are refused for safety ({type(exc).__name__})",
            "Export the XML again without a DOCTYPE; statutory returns never need one.",
        ) from None
    except ParseError as exc:
        raise unreadable(
            path, f"it is not well-formed XML ({exc})", "Export the XML again."
        ) from None
