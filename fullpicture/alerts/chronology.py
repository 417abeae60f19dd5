"""Alerts beside their evidence in a chronology.

:func:`alerts_for_chronology` returns, for each event entry of a built chronology, the alerts
whose evidence includes one of that entry's records, so a view can show each alert next to the
records it rests on (the web app and the chronology renderers call it; the chronology itself does
not depend on the rules).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from fullpicture.alerts.lifecycle import AlertView, list_alerts
from fullpicture.chronology.model import Chronology


def alerts_for_chronology(
    engine: Engine, chronology: Chronology, *, include_closed: bool = False
) -> dict[int, list[AlertView]]:
    """Map each entry's position in ``chronology.entries`` to the alerts resting on its records.

    Args:
        engine: the store.
        chronology: a chronology from :func:`fullpicture.chronology.build_chronology`.
        include_closed: also show alerts the system closed because the pattern no longer holds.

    Returns:
        ``{entry index: [alerts]}`` for entries with at least one alert, alerts in list order.
    """
    by_event: dict[int, list[int]] = {}
    for index, entry in enumerate(chronology.entries):
        for record in entry.records:
            by_event.setdefault(record.event_id, []).append(index)
    if not by_event:
        return {}
    out: dict[int, list[AlertView]] = {}
    for view in list_alerts(engine, event_ids=sorted(by_event)):
        if view.status == "closed" and not include_closed:
            continue
        indexes = sorted({i for e in view.evidence for i in by_event.get(e, [])})
        for index in indexes:
            out.setdefault(index, []).append(view)
    return out
