"""Shapes of published summary pages read in heldout14 and heldout15: under a learning
heading, sub-headings that state what the review found in the case, each over its evidence
(synthetic documents, no review text)."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

SUMMARY = """# Serious Case Review: Child Q

## About this review

The board published this summary of the review in May 2019.

## The learning from this review

The sections below set out the main things the review found.

### Nobody asked the grandfather what he saw

He collected Q from school every day, but no professional spoke to him.

### Letters were the only tool the clinic used

The clinic wrote after every missed appointment, although nobody replied.

### Fathers matter

Practitioners should ask about every adult in a child's life.

## The board's recommendations

- The board should issue guidance on children not brought to appointments.
"""


def test_should_read_sentence_headings_under_learning_as_findings_with_their_evidence(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, SUMMARY))
    assert kind_of(items, "Nobody asked the grandfather what he saw") == "finding"
    assert kind_of(items, "Letters were the only tool the clinic used") == "finding"
    finding = next(text for _, text in items if text.startswith("Letters were"))
    assert "nobody replied" in finding  # the paragraph below is the finding's evidence
    assert kind_of(items, "The clinic wrote") is None
    # a heading stating general learning is no finding: its paragraph is the learning
    assert kind_of(items, "Practitioners should ask about every adult") == "key_learning"
    assert kind_of(items, "The sections below") is None
    assert kind_of(items, "The board should issue") == "recommendation"


PAIRS = """# Local Child Safeguarding Practice Review: Child W

## Findings and recommendations

Finding 1. W's absences from school were treated as truancy rather than as a sign of harm.

The school sent letters to the home, which nobody answered.

Recommendation 1. The partnership should revise its guidance on children missing education.

Finding 2. No agency asked W's father about the household.

Schools should ask for the details of every adult at a child's home.

## What went well

The school nurse saw W every week and kept a careful record of what W said.

## What has already happened

- The school now telephones the family on the first day of any absence.
"""


def test_should_read_findings_and_recommendations_as_findings_each_with_what_it_asks(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, PAIRS))
    finding = next(text for kind, text in items if text.startswith("W's absences"))
    assert "nobody answered" in finding  # the finding's explanation joins it
    assert kind_of(items, "The school sent letters") is None
    assert kind_of(items, "The partnership should revise") == "recommendation"
    assert kind_of(items, "Schools should ask for the details") == "recommendation"
    # strengths paired with findings are findings
    assert kind_of(items, "The school nurse saw W") == "finding"


def test_should_read_what_has_already_happened_as_next_steps(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, PAIRS))
    assert kind_of(items, "The school now telephones") == "next_step"
