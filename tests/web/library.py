"""Factories for the learning library's web tests: a synthetic review document (no real
children or partnerships) and a library holding it, built through the library's own import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.learning import tables
from fullpicture.learning.browse import review_items
from fullpicture.learning.library import import_document
from fullpicture.learning.rules_link import load_catalogue
from tests.web.db import create_user

if TYPE_CHECKING:
    from tests.web.conftest import PageClient

REVIEW_TEXT = (
    "Ashcombe Safeguarding Children Partnership\n\n"
    "Child Safeguarding Practice Review: Child R\n\n"
    "Published: 9 May 2024\n\n"
    "Finding 1: Return home interviews were not offered after missing episodes\n\n"
    "R went missing nine times and nobody offered a return home interview.\n\n"
    "Recommendation 1: The Partnership should audit return home interviews\n"
    "every quarter and report to the board.\n\n"
    "Finding 2: Information about domestic abuse was not shared with the school\n\n"
    "Recommendation 2: Police should tell the school after every domestic abuse\n"
    "incident at the home.\n\n"
    "Key learning\n"
    "\u2022 Going missing is a signal of harm, not a\n"
    "  behaviour to be managed.\n"
)


def create_review_file(folder: Path, name: str = "child-r-review.txt") -> Path:
    """Write the synthetic review as a plain-text document and return its path."""
    path = folder / name
    path.write_text(REVIEW_TEXT, encoding="utf-8")
    return path


def create_library(engine: Engine, folder: Path) -> dict[str, int]:
    """Load the catalogue and import the review; return ids of its review and items by role."""
    load_catalogue(engine, embed=False)
    result = import_document(engine, create_review_file(folder), imported_by="test", embed=False)
    with engine.connect() as conn:
        review_id = conn.execute(
            sa.select(tables.learning_review.c.id).where(
                tables.learning_review.c.document_id == result.document_id
            )
        ).scalar_one()
    items = review_items(engine, review_id)
    recommendations = [i.id for i in items if i.kind == "recommendation"]
    findings = [i.id for i in items if i.kind == "finding"]
    return {
        "review": review_id,
        "finding": findings[0],
        "recommendation": recommendations[0],
        "second_recommendation": recommendations[1],
    }


def create_signed_in(
    engine: Engine, make_client: Callable[[], PageClient], role: str
) -> PageClient:
    """A client signed in as a new user with ``role`` (named after the role)."""
    agency = "partnership" if role in ("analyst", "auditor") else "social_care"
    username = f"lib-{role}"
    secret = create_user(engine, username, role, agency=agency)
    client = make_client()
    assert client.sign_in(username, secret).status_code == 303
    return client
