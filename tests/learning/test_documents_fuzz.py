"""Review documents survive arbitrary bytes (security requirement 36): each is read or refused
with a typed error, whatever its extension claims."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings

from fullpicture.learning.documents import read_document
from tests.fuzzing import assert_read_or_refused, damaged_bytes

SEEDS = {
    ".txt": b"Rapid review: Child K\n\nFindings\n\n1. The agencies did not share.\n",
    ".md": b"# Review\n\n## Findings\n\n- Information was not shared.\n",
    ".html": b"<html><body><h1>Review</h1><h2>Findings</h2><p>1. Not shared.</p></body></html>",
    ".pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
    ".docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
}


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_should_read_or_refuse_any_document_with_a_typed_error(suffix):
    @given(data=damaged_bytes(SEEDS[suffix]))
    @example(data=b"")
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(data: bytes) -> None:
        assert_read_or_refused(read_document, data, f"review{suffix}")

    check()
