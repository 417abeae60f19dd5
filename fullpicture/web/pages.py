"""Rendering server-side pages with Jinja2 and the GOV.UK Frontend macros."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader
from markupsafe import Markup

from fullpicture.chronology.model import agency_label
from fullpicture.web.roles import ROLE_LABELS, Role

TEMPLATES = Path(__file__).with_name("templates")


def create_environment() -> Environment:
    """Build the Jinja2 environment: our templates, plus ``govuk_frontend_jinja/...`` macros."""
    loader = ChoiceLoader(
        [
            FileSystemLoader(TEMPLATES),
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    # Templates are part of the package: no reload checks (a stat per macro import per page).
    env = Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=1000,
    )
    env.globals["role_label"] = lambda role: ROLE_LABELS.get(Role(role), role)
    env.globals.update(has_alerts=True, has_imports=True, has_linkage=True)
    env.filters["filter_item"] = _agency_item
    env.filters["filter_type_item"] = _type_item
    env.filters["precise_date"] = precise_date
    env.filters["choice"] = _choice
    env.filters["agency_label"] = agency_label
    env.filters["agency_labels"] = agency_labels
    # The layout's GOV.UK skip link and service navigation, rendered once per navigation (they
    # depend only on the role's menu and the active item, never on a child's data).
    env.globals["skip_link"] = lambda: fragment(env, "skip-link.html")
    env.globals["service_navigation"] = lambda nav: fragment(
        env,
        "service-navigation.html",
        items=tuple((item["href"], item["text"], item["active"]) for item in nav),
    )
    return env


def agency_labels(agencies: Iterable[str]) -> str:
    """The agencies' names, comma-separated (one call per chronology row: a Jinja ``map`` and
    ``join`` cost several times more)."""
    return ", ".join(agency_label(a) for a in agencies)


def _agency_item(agency: str, chosen: tuple[str, ...]) -> dict[str, Any]:
    return {"value": agency, "text": agency.replace("_", " "), "checked": agency in chosen}


def _type_item(option: tuple[str, str], chosen: tuple[str, ...]) -> dict[str, Any]:
    return {"value": option[0], "text": option[1], "checked": option[0] in chosen}


def _choice(value: str, chosen: str) -> dict[str, Any]:
    return {"value": value, "text": value.replace("_", " "), "selected": value == chosen}


def precise_date(day: date, precision: str) -> str:
    """Show a date only as precisely as it is known (``May 2021``, ``2021``)."""
    if precision == "year":
        return f"{day:%Y}"
    if precision == "month":
        return f"{day:%B %Y}"
    return f"{day:%d %b %Y}"


@lru_cache(maxsize=512)
def _cached_fragment(
    env: Environment, template: str, context: tuple[tuple[str, Any], ...]
) -> Markup:
    # Safe: the output of an autoescaping Jinja template, not raw input.
    return Markup(env.get_template(template).render(**dict(context)))  # nosec B704


def fragment(env: Environment, template: str, **context: Any) -> Markup:
    """Render a fragment that depends only on ``context`` (hashable values), cached.

    For the parts of a hot page built with the GOV.UK macros whose output repeats from request
    to request (the chronology's filter form): the macros cost more than the rest of the page.
    Never pass anything that depends on the user beyond the values given.
    """
    return _cached_fragment(env, template, tuple(sorted(context.items())))


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` for ``request`` with the signed-in user and CSRF token available."""
    env: Environment = request.app.state.fp.templates
    user = getattr(request.state, "user", None)
    body = env.get_template(template).render(
        user=user,
        csrf_token=user.csrf_token if user is not None else "",
        current_path=request.url.path,
        **context,
    )
    return HTMLResponse(body, status_code=status)
