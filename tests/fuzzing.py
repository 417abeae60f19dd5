"""Damaged inputs for the parser fuzz tests (security requirement 36), shared by every area."""

from __future__ import annotations

from hypothesis import strategies as st

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
