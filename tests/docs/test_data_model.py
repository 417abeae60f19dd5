"""docs/data-model.md carries the event vocabulary generated from fullpicture/vocabulary.py.

Regenerate it with ``FULLPICTURE_UPDATE_DOCS=1 uv run pytest tests/docs``.
"""

from __future__ import annotations

import os
from pathlib import Path

from fullpicture.vocabulary import EVENT_TYPES, ParticipantRole, RelationshipKind

DOC = Path(__file__).parents[2] / "docs" / "data-model.md"
START, END = "<!-- vocabulary:start -->", "<!-- vocabulary:end -->"


def render_vocabulary() -> str:
    """The vocabulary tables in Markdown, in vocabulary order."""
    lines = [
        "| Event type | Agency | Kind | Label | Attributes |",
        "|---|---|---|---|---|",
    ]
    for event in EVENT_TYPES.values():
        attributes = "; ".join(f"`{key}`: {meaning}" for key, meaning in event.attributes) or "-"
        lines.append(
            f"| `{event.name}` | {event.agency} | {event.valence} | {event.label} | {attributes} |"
        )
    lines += ["", "Relationship kinds: " + ", ".join(f"`{k}`" for k in RelationshipKind) + "."]
    lines += ["", "Participant roles: " + ", ".join(f"`{r}`" for r in ParticipantRole) + "."]
    return "\n".join(lines)


def _with_table(text: str) -> str:
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{render_vocabulary()}\n{END}{after}"


def test_should_keep_the_documented_vocabulary_true_to_the_code():
    text = DOC.read_text(encoding="utf-8")
    if os.environ.get("FULLPICTURE_UPDATE_DOCS") == "1":
        DOC.write_text(_with_table(text), encoding="utf-8")
        text = DOC.read_text(encoding="utf-8")
    assert START in text and END in text
    assert text == _with_table(text), "run FULLPICTURE_UPDATE_DOCS=1 uv run pytest tests/docs"


def test_should_show_the_worked_example_mapping_unchanged_in_the_mapping_reference():
    reference = (DOC.parent / "mapping.md").read_text(encoding="utf-8")
    example = (DOC.parent / "examples" / "police.toml").read_text(encoding="utf-8")
    assert f"```toml\n{example}```" in reference
