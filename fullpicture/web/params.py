"""Parameters shared by the routes, bounded so that no request can overflow the database.

An unbounded ``int`` path parameter lets a request carry a number larger than SQLite's INTEGER
or PostgreSQL's BIGINT, which the driver refuses with a server error; bounded, FastAPI answers
it as a malformed request instead (found by the schemathesis run in tests/web/test_api_schema.py).
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import Path

MAX_ROW_ID: Final = 2**63 - 1
"""The largest id a SQLite INTEGER or a PostgreSQL BIGINT holds."""

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A record's id.")]
"""A record's id in a URL path."""
