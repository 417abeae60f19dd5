"""Shapes read after heldout9's errors: an edited webinar transcript with speakers' turns
("Name 00:01:30"), a publisher's name on a line of its own, and a completed form's closing
request to send it back (synthetic documents written for these tests)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.library import parse_document


def create_document(tmp_path: Path, body: str, name: str = "webinar.md") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _texts(path: Path) -> list[str]:
    return [item.text for review in parse_document(path).reviews for item in review.items]


def test_should_not_take_a_speakers_turn_label_for_learning(tmp_path: Path):
    body = (
        "# Lunchtime session: our audit of missing episodes\n\n"
        "## What the audit found\n\n"
        "Priya 00:03:12\n\n"
        "Return interviews were not offered to children placed out of area, and nobody "
        "checked whether they had happened.\n\n"
        "Tom (audit lead) 00:04:40\n\n"
        "Schools were not told when a child had been missing overnight.\n"
    )
    texts = _texts(create_document(tmp_path, body))
    assert not any("00:0" in text for text in texts)
    assert any(text.startswith("Return interviews were not offered") for text in texts)


def test_should_not_take_a_publishers_name_alone_for_learning(tmp_path: Path):
    body = (
        "# What we learned: a summary for practitioners\n\n"
        "Northbeck and Dale Safeguarding Children Partnership\n\n"
        "## Key learning\n\n"
        "- Ask who else lives in the home and record the answer.\n"
    )
    texts = _texts(create_document(tmp_path, body))
    assert texts == ["Ask who else lives in the home and record the answer."]


def test_should_not_take_a_request_to_return_the_completed_form_for_learning(tmp_path: Path):
    body = (
        "# Team briefing record\n\n"
        "## Any learning for the partnership\n\n"
        "The team found the briefing useful but the case study was too long.\n\n"
        "Thank you. Please return the completed form to the learning and development team.\n"
    )
    texts = _texts(create_document(tmp_path, body))
    assert not any("completed form" in text for text in texts)
