"""Where the web pages meet the alerts area: open alerts for a set of children, as the pages
show them (rule title included)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from fullpicture.alerts import list_alerts


def open_alerts_for(engine: Engine, person_ids: list[str]) -> list[dict[str, Any]]:
    """Return the open alerts of ``person_ids`` (the caller has checked access to each)."""
    from fullpicture.web.routes.alerts import rule_facts

    if len(person_ids) == 1:
        alerts = list_alerts(engine, person_id=person_ids[0], status="open")
    else:
        wanted = set(person_ids)
        alerts = [a for a in list_alerts(engine, status="open") if a.person_id in wanted]
    return [
        {
            "id": a.id,
            "person_id": a.person_id,
            "rule_id": a.rule_id,
            "severity": a.severity,
            "explanation": a.explanation,
            "title": rule_facts(a.rule_id)["title"],
        }
        for a in alerts
    ]
