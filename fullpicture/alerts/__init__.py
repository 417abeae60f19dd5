"""Alerts: what the rules found, with evidence, explanation and a recorded lifecycle."""

from fullpicture.alerts.lifecycle import (
    STATUSES,
    AlertTransitionError,
    AlertView,
    get_alert,
    list_alerts,
    transition_alert,
)

__all__ = [
    "STATUSES",
    "AlertTransitionError",
    "AlertView",
    "get_alert",
    "list_alerts",
    "transition_alert",
]
