"""Parameters shared by the routes, bounded so that no request can overflow the database.

An unbounded ``int`` path parameter lets a request carry a number larger than SQLite's INTEGER
or PostgreSQL's BIGINT, which the driver refuses with a server error; bounded, FastAPI answers
it as a malformed request instead (found by the schemathesis run in tests/web/test_api_schema.py).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Final

from fastapi import Path
from pydantic import BeforeValidator

MAX_ROW_ID: Final = 2**63 - 1
"""The largest id a SQLite INTEGER or a PostgreSQL BIGINT holds."""

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A record's id.")]
"""A record's id in a URL path."""

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_text(value: object) -> object:
    """Refuse anything but ``YYYY-MM-DD`` text before pydantic's lax date parsing, which would
    otherwise read a number such as ``0`` or ``1.5e9`` as a Unix timestamp."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("give the date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]
"""A date in a query string, written ``YYYY-MM-DD`` and nothing else."""
