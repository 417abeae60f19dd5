"""The browsable static HTML report: an index of children and one chronology page per child.

The report is plain files (no server, no external assets): ``index.html`` lists the children with
their agencies and counts (and open alerts) in a table that a small
inline script makes searchable and sortable; ``people/<id>.html`` holds each child's working
chronology and household, linking back to the index and to household members who have pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.alerts.tables import alert
from fullpicture.chronology import PersonSummary, build_chronology, list_people
from fullpicture.chronology.html import chronology_sections, page
from fullpicture.chronology.model import agency_label
from fullpicture.chronology.views import build_table

_INDEX_SCRIPT = """
(function(){
var table=document.getElementById('people'),input=document.getElementById('search');
var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
input.addEventListener('input',function(){var q=input.value.toLowerCase();
rows.forEach(function(r){r.hidden=q&&r.textContent.toLowerCase().indexOf(q)<0;});});
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
var b=document.createElement('button');b.type='button';b.textContent=th.textContent;
th.textContent='';th.appendChild(b);b.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending';
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');
rows.sort(function(x,y){var a=x.cells[i].dataset.sort||x.cells[i].textContent,
c=y.cells[i].dataset.sort||y.cells[i].textContent,n=parseFloat(a)-parseFloat(c);
var d=isNaN(n)?a.localeCompare(c):n;return asc?d:-d;});
rows.forEach(function(r){body.appendChild(r);});});});
})();
"""


def write_report(
    engine: Engine, out_dir: Path, *, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Write the static HTML report of every child in the store.

    Args:
        engine: the store.
        out_dir: folder to write into (created; files written before are replaced).
        progress: called with (pages done, pages in all) as child pages are written.

    Returns:
        The path of ``index.html``.
    """
    people_dir = out_dir / "people"
    people_dir.mkdir(parents=True, exist_ok=True)
    children = [p for p in list_people(engine) if p.is_child is not False]
    alerts = alert_counts(engine)
    with_pages = {p.person_id for p in children}
    for done, child in enumerate(children, start=1):
        html = _child_page(engine, child, with_pages)
        (people_dir / f"{child.person_id}.html").write_text(html, encoding="utf-8")
        if progress is not None:
            progress(done, len(children))
    index = out_dir / "index.html"
    index.write_text(_index_page(children, alerts), encoding="utf-8")
    return index


def alert_counts(engine: Engine) -> dict[str, int]:
    """Alerts still needing attention (open or acknowledged) per person."""
    query = (
        sa.select(alert.c.person_id, sa.func.count())
        .where(alert.c.status.in_(("open", "acknowledged")))
        .group_by(alert.c.person_id)
    )
    with engine.connect() as conn:
        return {row[0]: int(row[1]) for row in conn.execute(query)}


def _child_page(engine: Engine, child: PersonSummary, with_pages: set[str]) -> str:
    chronology = build_chronology(engine, child.person_id, household=True)
    table = build_table(chronology, "working")
    links = [
        f'<li><a href="{escape(m.person_id)}.html">{escape(m.display_name)}</a></li>'
        for m in chronology.members
        if m.person_id in with_pages
    ]
    nav = '<p><a href="../index.html">Back to all children</a></p>'
    if links:
        nav += (
            '<nav aria-label="Children in the household"><h2>Children in the household</h2>'
            f"<ul>{''.join(links)}</ul></nav>"
        )
    body = f"<h1>{escape(table.title)}</h1>\n{nav}\n{chronology_sections(table)}"
    return page(table.title, body, home="../index.html")


def _cell(text: str, sort: str | None = None) -> str:
    attr = f' data-sort="{escape(sort)}"' if sort is not None else ""
    return f"<td{attr}>{escape(text)}</td>"


def _index_page(children: Sequence[PersonSummary], alerts: dict[str, int]) -> str:
    columns = ["Id", "Name", "Date of birth", "Agencies", "Records", "Events", "Open alerts"]
    rows = []
    for p in children:
        born = p.date_of_birth.isoformat() if p.date_of_birth else ""
        cells = [
            f'<td><a href="people/{escape(p.person_id)}.html">{escape(p.person_id)}</a></td>',
            _cell(p.display_name),
            _cell(p.date_of_birth.strftime("%-d %b %Y") if p.date_of_birth else "", born),
            _cell(", ".join(agency_label(a) for a in p.agencies)),
            _cell(str(p.records)),
            _cell(str(p.events)),
            _cell(str(alerts.get(p.person_id, 0))),
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    body = (
        "<h1>Children</h1>\n"
        f"<p>{len(children)} {'child' if len(children) == 1 else 'children'} with "
        "multi-agency chronologies.</p>\n"
        '<label for="search">Search by id, name or agency</label><br>\n'
        '<input class="fp-search" id="search" type="search" autocomplete="off">\n'
        f'<table id="people"><caption>Children</caption><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table>"
    )
    return page("Children", body, script=_INDEX_SCRIPT)
