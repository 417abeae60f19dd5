"""Readers survive arbitrary bytes (security requirement 36): every file either reads or is
refused with a typed error; nothing else escapes. Crashing inputs found here become examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from fullpicture.intake.readers import open_file
from fullpicture.intake.statutory.xml_import import flatten_xml
from tests.fuzzing import assert_read_or_refused, damaged_bytes

SEEDS = {
    ".csv": b'id,name,dob\n1,"A, B",2015-01-01\n2,C,01/02/2015\n',
    ".json": b'[{"id": 1, "name": "A"}, {"id": 2}]',
    ".xlsx": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    ".xml": b'<?xml version="1.0"?><Message><Children><Child><ChildIdentifiers>'
    b"<LAchildID>1</LAchildID></ChildIdentifiers></Child></Children></Message>",
}


def read_all(path: Path) -> None:
    if path.suffix == ".xml":
        flatten_xml(path)
        return
    with open_file(path) as raw:
        for _row in raw.rows:
            pass


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_should_read_or_refuse_any_bytes_with_a_typed_error(suffix):
    @given(data=damaged_bytes(SEEDS[suffix]))
    @example(data=b"")
    @example(data=b"\x00" * 64)
    @example(data=b"\xff\xfe")  # found here: a UTF-16 byte order mark alone crashed the reader
    @example(data=b"\xff\xfe\x00\xd8a")  # and UTF-16 that does not decode
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(data: bytes) -> None:
        assert_read_or_refused(read_all, data, f"extract{suffix}")

    check()
