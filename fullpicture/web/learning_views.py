"""What the learning library's pages share: who may manage the library (from the route policy),
the labels of kinds, themes and review types, and a render call that adds both.

Managing (importing, deciding rule links, recording practice changes, action plans) is allowed to
the roles that ``policy.toml`` gives the action-plan route; the pages show their forms and
links only to those roles, so the policy file stays the one place roles are decided.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy.engine import Engine

from fullpicture.learning import tables
from fullpicture.learning.extract import KINDS
from fullpicture.learning.metadata import REVIEW_TYPES
from fullpicture.learning.rules_link import load_catalogue
from fullpicture.learning.themes import taxonomy, theme_label
from fullpicture.web.pages import render
from fullpicture.web.policy import allows, load_policy
from fullpicture.web.security.sessions import SignedInUser

MANAGE_ROUTE = "POST /learning/items/{item_id}/actions"
"""The route whose roles manage the library (the pages offer their forms to these roles)."""


def can_manage(user: SignedInUser | None) -> bool:
    """Whether ``user`` may import, decide rule links, record practice changes and actions."""
    return user is not None and allows(load_policy()[MANAGE_ROUTE], user.role)


def kind_label(kind: str) -> str:
    """The label of an item kind (``key_learning`` -> "Key learning or message")."""
    return KINDS.get(kind, kind.replace("_", " "))


def type_label(review_type: str) -> str:
    """The label of a review type."""
    return REVIEW_TYPES.get(review_type, review_type.replace("_", " "))


def theme_options() -> list[tuple[str, str]]:
    """Every theme as (code, label), in taxonomy order."""
    return [(theme.code, theme.label) for theme in taxonomy()]


def render_learning(
    request: Request, template: str, *, status: int = 200, **context: Any
) -> HTMLResponse:
    """Render a learning page with the manage flag and the label functions available."""
    return render(
        request,
        template,
        status=status,
        manage=can_manage(getattr(request.state, "user", None)),
        kind_label=kind_label,
        type_label=type_label,
        theme_label=theme_label,
        **context,
    )


def ensure_catalogue(engine: Engine) -> None:
    """Load the learning catalogue (and each rule's citations) if the library has none yet.

    Pages that show rules call this so the learning behind the rules is there before anyone has
    imported a document; later catalogue versions are loaded on import and on suggestion.
    """
    doc = tables.learning_document
    with engine.connect() as conn:
        loaded = conn.execute(sa.select(doc.c.id).where(doc.c.format == "catalogue")).first()
    if loaded is None:
        load_catalogue(engine, embed=False)
