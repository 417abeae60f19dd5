"""The timeline picture on the child page: one lane per agency, one mark per event, drawn as SVG
on the server (no JavaScript) with a text alternative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fullpicture.web.casefile import ChildEvent

WIDTH, LANE_HEIGHT, LEFT, RIGHT, TOP = 900, 28, 150, 20, 30
COLOURS = {"concern": "#d4351c", "positive": "#00703c", "neutral": "#505a5f"}


@dataclass(frozen=True)
class Mark:
    """One event drawn on the picture."""

    x: float
    y: float
    colour: str
    title: str


@dataclass(frozen=True)
class Timeline:
    """Everything the template needs to draw the SVG."""

    width: int
    height: int
    lanes: list[tuple[str, float]]
    marks: list[Mark]
    ticks: list[tuple[str, float]]
    description: str


def _x(day: date, first: date, span: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * ((day - first).days / span)


def _ticks(first: date, last: date, span: int) -> list[tuple[str, float]]:
    years = range(first.year + 1, last.year + 1)
    return [(str(y), _x(date(y, 1, 1), first, span)) for y in years][-12:]


def build_timeline(events: list[ChildEvent]) -> Timeline | None:
    """Lay out ``events`` by date (x) and agency (y); None when there is nothing to draw."""
    if not events:
        return None
    agencies = sorted({e.agency for e in events})
    lane_y = {a: TOP + i * LANE_HEIGHT + LANE_HEIGHT / 2 for i, a in enumerate(agencies)}
    first, last = events[0].occurred_on, events[-1].occurred_on
    span = max((last - first).days, 1)
    marks = [
        Mark(
            round(_x(e.occurred_on, first, span), 1),
            lane_y[e.agency],
            COLOURS.get(e.valence, COLOURS["neutral"]),
            f"{e.occurred_on:%d %b %Y}: {e.label}",
        )
        for e in events
    ]
    description = (
        f"{len(events)} events from {first:%d %B %Y} to {last:%d %B %Y} across "
        f"{len(agencies)} agencies: " + ", ".join(agencies) + "."
    )
    height = TOP + len(agencies) * LANE_HEIGHT + 10
    return Timeline(
        WIDTH,
        height,
        [(a, lane_y[a]) for a in agencies],
        marks,
        _ticks(first, last, span),
        description,
    )
