"""docs/rules.md documents every rule, generated from the library (never drifts)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.rules.catalogue_docs import extract, render_catalogue
from fullpicture.rules.library import ALL_RULES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_should_keep_the_rule_catalogue_in_the_docs_current() -> None:
    assert extract(PAGE.read_text(encoding="utf-8")) == render_catalogue(), (
        "docs/rules.md is stale: replace the section between the rules markers with "
        "fullpicture.rules.catalogue_docs.render_catalogue()"
    )


def test_should_document_what_every_rule_looks_for_why_and_its_limits() -> None:
    for rule in ALL_RULES:
        assert rule.looks_for and rule.why and rule.limits and rule.citations, rule.id
        for parameter in rule.parameters:
            assert parameter.description, (rule.id, parameter.name)
