"""Damaged inputs for the parser fuzz tests (security requirement 36), shared by every area."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from fullpicture.errors import FullpictureError

NOISE = list(b'",;\t\n\r\x00<>{}[]\\\xff\xfe\xef\xbb\xbf=+-@')
"""Bytes that mean something to CSV, JSON, XML, HTML or an encoding detector."""


@st.composite
def damaged_bytes(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with meaningful bytes inserted and perhaps cut short, or wholly random bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=400))
    data = bytearray(seed)
    for byte in draw(st.lists(st.sampled_from(NOISE) | st.integers(0, 255), max_size=12)):
        data.insert(draw(st.integers(0, len(data))), byte)
    cut = draw(st.integers(0, len(data)))
    return bytes(data[:cut]) if draw(st.booleans()) else bytes(data)


def assert_read_or_refused(read: Callable[[Path], Any], data: bytes, name: str) -> None:
    """Write ``data`` to a file called ``name`` and read it: it must read, or be refused with a
    typed error carrying a message for a person; any other exception fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read(path)
        except FullpictureError as refused:
            assert refused.message
