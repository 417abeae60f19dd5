"""The declared route policy (``policy.toml``): which roles may call each route.

Every route of the application must have an entry; :func:`check_policy_covers` refuses to build
an app with an undeclared route, and the request guard denies anything not declared (deny by
default). Object-level checks (assignment, restriction, break-glass) are in ``access.py``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from fastapi.routing import APIRoute

from fullpicture.errors import ConfigurationError
from fullpicture.web.roles import Role

POLICY_FILE = Path(__file__).with_name("policy.toml")
PUBLIC = "public"
SIGNED_IN = "signed-in"

Rule = str | frozenset[str]


@lru_cache(maxsize=1)
def load_policy(path: Path = POLICY_FILE) -> dict[str, Rule]:
    """Read the policy file: ``"METHOD /path"`` to ``public``, ``signed-in`` or a role list."""
    raw = tomllib.loads(path.read_text())["routes"]
    policy: dict[str, Rule] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            if value not in (PUBLIC, SIGNED_IN):
                raise ConfigurationError(f"Policy entry {key!r} has unknown value {value!r}.")
            policy[key] = value
            continue
        unknown = set(value) - set(Role.__members__.values())
        if unknown:
            raise ConfigurationError(f"Policy entry {key!r} names unknown roles {unknown}.")
        policy[key] = frozenset(value)
    return policy


def route_keys(routes: list[APIRoute]) -> list[str]:
    """Return ``"METHOD /path"`` for every method of every route."""
    return sorted(
        f"{method} {route.path_format}" for route in routes for method in (route.methods or ())
    )


def check_policy_covers(routes: list[APIRoute]) -> None:
    """Raise ConfigurationError naming every route that has no policy entry."""
    missing = [key for key in route_keys(routes) if key not in load_policy()]
    if missing:
        raise ConfigurationError(
            f"Routes without a policy entry: {', '.join(missing)}",
            hint=f"Declare them in {POLICY_FILE}.",
        )


def allows(rule: Rule, role: str) -> bool:
    """Return True when a signed-in user with ``role`` passes ``rule``."""
    return rule in (PUBLIC, SIGNED_IN) or (isinstance(rule, frozenset) and role in rule)
