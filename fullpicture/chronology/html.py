"""Self-contained, accessible HTML pages in a GOV.UK-like style (no external files or scripts)."""

from __future__ import annotations

from html import escape

from fullpicture.chronology.views import EVENT_COLUMN, ChronologyTable, TableRow

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#fff}
a{color:#1d70b8}a:visited{color:#4c2c92}a:hover{color:#003078}
a:focus,input:focus,button:focus{outline:3px solid transparent;background:#fd0;
 box-shadow:0 -2px #fd0,0 4px #0b0c0c;color:#0b0c0c}
.fp-skip{position:absolute;left:-9999px}.fp-skip:focus{position:static}
.fp-header{background:#0b0c0c;color:#fff;padding:10px 30px;border-bottom:10px solid #1d70b8}
.fp-header a{color:#fff;font-weight:700;text-decoration:none;font-size:24px}
.fp-main{max-width:1200px;margin:0 auto;padding:20px 30px 60px}
h1{font-size:36px;margin:30px 0 20px}h2{font-size:27px;margin:30px 0 15px}
.fp-banner{border:5px solid #1d70b8;padding:15px;margin:0 0 20px}
.fp-facts{display:grid;grid-template-columns:max-content auto;gap:5px 20px;margin:0 0 20px}
.fp-facts dt{font-weight:700}.fp-facts dd{margin:0}
table{width:100%;border-collapse:collapse;margin:0 0 30px}
caption{text-align:left;font-weight:700;font-size:24px;margin-bottom:10px}
th,td{text-align:left;vertical-align:top;padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6}
th{font-weight:700}th button{font:inherit;font-weight:700;border:0;background:none;padding:0;
 color:#1d70b8;cursor:pointer;text-decoration:underline}
td.fp-multiline{white-space:pre-line}
.fp-tag{display:inline-block;padding:2px 8px;font-size:16px;font-weight:700;
 text-transform:uppercase;letter-spacing:1px}
.fp-tag--concern{background:#f6d7d2;color:#2a0b06}.fp-tag--positive{background:#cce2d8;color:#005a30}
.fp-tag--neutral{background:#eeefef;color:#383f43}
tr.fp-row--gap td{background:#fff7bf;font-weight:700}tr.fp-row--household td{background:#e8f1f8}
.fp-search{font:inherit;padding:5px;border:2px solid #0b0c0c;width:100%;max-width:30em;margin-bottom:20px}
.fp-footer{border-top:1px solid #b1b4b6;padding:20px 30px;font-size:16px;color:#505a5f}
@media print{.fp-header,.fp-skip,.fp-search{display:none}body{font-size:12pt}}
"""


def page(title: str, body: str, *, script: str = "", home: str | None = None) -> str:
    """Wrap ``body`` (already escaped HTML) in a complete, self-contained page.

    Args:
        title: the page title; also the only ``h1`` should start with it.
        body: the main content.
        script: optional inline script (progressive enhancement only; the page works without it).
        home: link target of the header, when the page belongs to a report.
    """
    brand = f'<a href="{escape(home)}">fullpicture</a>' if home else "<strong>fullpicture</strong>"
    script_tag = f"<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - fullpicture</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        '<a class="fp-skip" href="#main-content">Skip to main content</a>\n'
        f'<header class="fp-header" role="banner">{brand}</header>\n'
        f'<main class="fp-main" id="main-content">\n{body}\n</main>\n'
        '<footer class="fp-footer">Synthetic or official-sensitive data: handle according to '
        f"your organisation's policy.</footer>\n{script_tag}</body>\n</html>\n"
    )


def _tag(valence: str) -> str:
    return f'<strong class="fp-tag fp-tag--{escape(valence)}">{escape(valence)}</strong>'


def _row_html(row: TableRow, event_column: int) -> str:
    ids = " ".join(str(i) for i in row.event_ids)
    cls = f"fp-row fp-row--{row.kind}" + (f" fp-row--{row.valence}" if row.kind == "event" else "")
    cells = []
    for i, cell in enumerate(row.cells):
        text = escape(cell)
        if i == event_column and row.kind == "event" and row.valence != "neutral":
            text = f"{text} {_tag(row.valence)}"
        cells.append(f'<td class="fp-multiline">{text}</td>')
    attr = f' data-event-ids="{ids}"' if ids else ""
    return f'<tr class="{cls}"{attr}>{"".join(cells)}</tr>'


def chronology_sections(table: ChronologyTable) -> str:
    """The chronology's facts, household members and table, as HTML (no page around them)."""
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in table.facts)
    parts = [f'<dl class="fp-facts">{facts}</dl>']
    if table.anonymised:
        parts.insert(0, '<p class="fp-banner">Anonymised: names are replaced by pseudonyms.</p>')
    if table.members:
        rows = "".join(
            f"<tr><td>{escape(n)}</td><td>{escape(r)}</td><td>{escape(p)}</td></tr>"
            for n, r, p in table.members
        )
        parts.append(
            '<table class="fp-household"><caption>Household members over time</caption>'
            '<thead><tr><th scope="col">Name</th><th scope="col">Relationship</th>'
            f'<th scope="col">Lived together</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    body = "\n".join(_row_html(r, EVENT_COLUMN[table.view]) for r in table.rows)
    parts.append(
        f'<table class="fp-chronology" data-view="{table.view.value}">'
        f"<caption>{escape(table.view.value.capitalize())} view</caption>"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
    )
    return "\n".join(parts)


def chronology_page(table: ChronologyTable, *, home: str | None = None, extra: str = "") -> str:
    """A whole HTML page for one chronology; ``extra`` is HTML placed after the heading."""
    body = f"<h1>{escape(table.title)}</h1>\n{extra}\n{chronology_sections(table)}"
    return page(table.title, body, home=home)
