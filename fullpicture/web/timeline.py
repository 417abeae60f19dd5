"""The timeline picture on the child page: one lane per agency, marks by date, drawn as SVG on
the server (no JavaScript) with a text alternative.

Records that would be drawn on top of each other (same agency, within a few pixels) share one
mark whose tooltip counts them, so the picture's size stays bounded however long the history.
The SVG is written here rather than in the template because it is the page's largest repeated
fragment; every text in it is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from markupsafe import Markup

from fullpicture.chronology.model import Record

WIDTH, LANE_HEIGHT, LEFT, RIGHT, TOP = 900, 28, 150, 20, 30
BUCKET_PX = 6  # marks closer than this in one lane are drawn as one
COLOURS = {"concern": "#d4351c", "positive": "#00703c", "neutral": "#505a5f"}
_RANK = {"concern": 2, "positive": 1, "neutral": 0}


@dataclass(frozen=True)
class Mark:
    """One mark on the picture: one record, or several close together in one lane."""

    x: float
    y: float
    colour: str
    title: str


@dataclass(frozen=True)
class Timeline:
    """Everything needed to draw the SVG."""

    width: int
    height: int
    lanes: list[tuple[str, float]]
    marks: list[Mark]
    ticks: list[tuple[str, float]]
    description: str

    def svg(self) -> Markup:
        """The picture as escaped SVG markup, with its title and description for screen readers."""
        parts = [
            f'<svg class="app-timeline" viewBox="0 0 {self.width} {self.height}" role="img" '
            'aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="timeline-title">Timeline of events by agency</title>'
            f'<desc id="timeline-desc">{escape(self.description)} Red marks are concerns, green '
            "marks are positive records, grey marks are other practice.</desc>"
        ]
        for name, y in self.lanes:
            parts.append(
                f'<line class="app-timeline__lane" x1="{LEFT}" x2="{self.width - RIGHT}" '
                f'y1="{y}" y2="{y}"></line><text class="app-timeline__label" x="5" '
                f'y="{y + 5}">{escape(name.replace("_", " "))}</text>'
            )
        for label, x in self.ticks:
            parts.append(
                f'<line class="app-timeline__lane" x1="{x}" x2="{x}" y1="20" '
                f'y2="{self.height - 5}"></line><text class="app-timeline__label" '
                f'x="{x + 2}" y="16">{label}</text>'
            )
        parts.extend(
            f'<circle cx="{m.x}" cy="{m.y}" r="5" fill="{m.colour}" fill-opacity="0.8">'
            f"<title>{escape(m.title)}</title></circle>"
            for m in self.marks
        )
        parts.append("</svg>")
        return Markup("".join(parts))  # nosec B704 - every text above goes through escape()


def _x(day: date, first: date, span: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * ((day - first).days / span)


def _ticks(first: date, last: date, span: int) -> list[tuple[str, float]]:
    years = range(first.year + 1, last.year + 1)
    return [(str(y), round(_x(date(y, 1, 1), first, span), 1)) for y in years][-12:]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(day: date) -> str:
    """``03 May 2021``, as ``%d %b %Y`` writes it in English, without a strftime per mark."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def _mark(group: list[Record], x: float, y: float) -> Mark:
    first = group[0]
    if len(group) == 1:  # most marks: one record, no ranking or label list to build
        title = f"{_day(first.occurred_on)}: {first.label}"
        return Mark(x, y, COLOURS.get(first.valence, COLOURS["neutral"]), title)
    valence = max((r.valence for r in group), key=lambda v: _RANK.get(v, 0))
    labels = "; ".join(dict.fromkeys(r.label for r in group))
    title = f"{_day(first.occurred_on)} to {_day(group[-1].occurred_on)}: "
    title += f"{len(group)} records ({labels})"
    return Mark(x, y, COLOURS.get(valence, COLOURS["neutral"]), title)


def build_timeline(records: Sequence[Record]) -> Timeline | None:
    """Lay out ``records`` (in date order) by date (x) and agency (y); None when there are none."""
    if not records:
        return None
    agencies = sorted({r.provenance.agency for r in records})
    lane_y = {a: TOP + i * LANE_HEIGHT + LANE_HEIGHT / 2 for i, a in enumerate(agencies)}
    first, last = records[0].occurred_on, records[-1].occurred_on
    span = max((last - first).days, 1)
    buckets: dict[tuple[str, int], list[Record]] = {}
    for record in records:
        column = int(_x(record.occurred_on, first, span) // BUCKET_PX)
        buckets.setdefault((record.provenance.agency, column), []).append(record)
    marks = [
        _mark(group, round(_x(group[0].occurred_on, first, span), 1), lane_y[agency])
        for (agency, _column), group in buckets.items()
    ]
    description = (
        f"{len(records)} records from {first:%d %B %Y} to {last:%d %B %Y} across "
        f"{len(agencies)} agencies: " + ", ".join(a.replace("_", " ") for a in agencies) + "."
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
