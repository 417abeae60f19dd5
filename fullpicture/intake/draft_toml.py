"""Write a drafted mapping as commented TOML that a person reads, corrects and keeps.

Every choice carries its reason as a comment, codes the draft could not place are listed with
their counts, and columns it did not read are named, so the reviewer sees what an import would
store and what it would not.
"""

from __future__ import annotations

import json

from fullpicture.intake.drafting import MappingDraft, TableDraft

_UNPLACED_SHOWN = 40


def _string(value: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if bare else _string(name)


def _strings(values: list[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def render_draft(draft: MappingDraft) -> str:
    """Return the draft as TOML text; ``load_mapping`` reads it back unchanged in meaning."""
    files = ", ".join(dict.fromkeys(t.path.name for t in draft.tables))
    lines = [
        f"# Draft mapping for {draft.source!r}, written by `fullpicture mapping draft` from",
        f"# {files}. Check every guess before the first",
        "# import: `fullpicture mapping check FILE --mapping THIS_FILE` shows what would be stored.",
        *(f"# Note: {note}" for note in draft.notes),
        f"source = {_string(draft.source)}",
        f"agency = {_string(draft.agency.value)}",
        f"day_first = {'true' if draft.day_first else 'false'}",
    ]
    if draft.date_formats:
        lines.append(f"date_formats = {_strings(draft.date_formats)}")
    for table in draft.tables:
        if table.complete:
            lines.extend(_table_lines(table))
        else:
            lines.extend(_left_out(table))
    return "\n".join(lines) + "\n"


def _left_out(table: TableDraft) -> list[str]:
    """A table the draft could not finish, commented out so that the mapping stays valid."""
    head = [
        "",
        f"# {table.path.name} is left out: no column was recognised as the date of a known event.",
        "# Write its [[tables.emit]] entries by hand, then remove the leading '# ' below.",
    ]
    return head + [f"# {line}" if line else "#" for line in _table_lines(table)[1:]]


def _table_lines(table: TableDraft) -> list[str]:
    what = f"one row is one {table.kind}"
    if table.shares_file:
        what = (
            f"a flat export, read as its people and as its events (tables sharing the match); "
            f"this table takes each row's {table.kind}"
        )
    lines = [
        "",
        f"# From {table.path.name} ({table.rows_sampled} rows sampled): {what}.",
        "[[tables]]",
        f"name = {_string(table.name)}",
        f'kind = "{table.kind}"',
        f"match = {_string(table.match)}",
    ]
    if table.sheet is not None:
        lines.append(f"sheet = {_string(table.sheet)}")
    if table.required:
        lines.append(f"required = {_strings(table.required)}")
    if table.key_columns:
        lines.append(
            "# No reference column: a row is known by these columns (re-imports update it)."
        )
        lines.append(f"key_columns = {_strings(table.key_columns)}")
    lines.extend(["", "[tables.columns]"])
    for field_name, column in table.columns.items():
        lines.append(f"{_key(field_name)} = {_string(column)}  # {table.reasons[field_name]}")
    if table.unread:
        lines.append(f"# Not read (not stored): {', '.join(table.unread)}")
    for field_name, codes in table.values.items():
        lines.extend(_values_lines(table, field_name, codes))
    for field_name in table.unplaced:
        if field_name not in table.values:
            lines.extend(_values_lines(table, field_name, {}))
    for emit in table.emits:
        lines.extend(_emit_lines(emit.date, emit.event_type, emit.optional, emit.reason))
    return lines


def _values_lines(table: TableDraft, field_name: str, codes: dict[str, str]) -> list[str]:
    lines = ["", f"[tables.values.{_key(field_name)}]"]
    lines.extend(f"{_string(code)} = {_string(value)}" for code, value in codes.items())
    unplaced = table.unplaced.get(field_name, [])
    if unplaced:
        lines.append(
            f"# Not placed ({len(unplaced)} codes): rows with these are quarantined until mapped."
        )
        for code, count in unplaced[:_UNPLACED_SHOWN]:
            lines.append(f'# {_string(code)} = "?"  # {count} rows in the sample')
        if len(unplaced) > _UNPLACED_SHOWN:
            lines.append(f"# ... and {len(unplaced) - _UNPLACED_SHOWN} more")
    return lines


def _emit_lines(date: str, event_type: str | None, optional: bool, reason: str) -> list[str]:
    lines = ["", f"# {reason}", "[[tables.emit]]"]
    if event_type is not None:
        lines.append(f"event_type = {_string(event_type)}")
    lines.append(f"date = {_string(date)}")
    if optional:
        lines.append("optional = true")
    return lines
