"""The roles of the web application, and which of them see case content or need a second factor."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user does; the route policy (``policy.toml``) is written in these names."""

    PRACTITIONER = "practitioner"
    SOCIAL_WORKER = "social_worker"  # also the lead professional
    IRO = "iro"
    TEAM_MANAGER = "team_manager"
    ANALYST = "analyst"  # pseudonymised aggregates only
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"  # no case content by default


ROLE_LABELS: dict[Role, str] = {
    Role.PRACTITIONER: "Practitioner",
    Role.SOCIAL_WORKER: "Social worker or lead professional",
    Role.IRO: "Independent reviewing officer",
    Role.TEAM_MANAGER: "Team manager",
    Role.ANALYST: "Analyst",
    Role.AUDITOR: "Auditor",
    Role.ADMINISTRATOR: "Administrator",
}

CASE_ROLES: frozenset[Role] = frozenset(
    {Role.PRACTITIONER, Role.SOCIAL_WORKER, Role.IRO, Role.TEAM_MANAGER}
)
"""Roles that may see a child's case content, given a legitimate relationship."""

MULTI_AGENCY_ROLES: frozenset[Role] = frozenset({Role.SOCIAL_WORKER, Role.IRO, Role.TEAM_MANAGER})
"""Case roles that see every agency's records; a practitioner sees their own agency's only."""

SECOND_FACTOR_ROLES: frozenset[Role] = frozenset(
    {Role.TEAM_MANAGER, Role.AUDITOR, Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.IRO}
)
"""Roles for which a TOTP second factor is required at sign-in."""
