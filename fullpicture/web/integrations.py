"""Where the web pages meet the alerts area: open alerts for a set of children, as the pages
show them (rule title included)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.alerts import list_alerts
from fullpicture.alerts.tables import alert


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


_OPEN_ALERTS = (
    sa.select(alert.c.id, alert.c.person_id, alert.c.rule_id, alert.c.severity, alert.c.explanation)
    .where(alert.c.person_id == sa.bindparam("person_id"), alert.c.status == "open")
    .order_by(alert.c.anchor_on.desc(), alert.c.id)
)


def open_alerts_of(conn: Connection, person_id: str) -> list[dict[str, Any]]:
    """Return one child's open alerts as the child page shows them, read on ``conn`` (the
    page's audited transaction: no second connection per request), newest pattern first."""
    from fullpicture.web.routes.alerts import rule_facts

    rows = conn.execute(_OPEN_ALERTS, {"person_id": person_id})
    return [{**row._asdict(), "title": rule_facts(row.rule_id)["title"]} for row in rows]
