"""A synthetic local authority: simulated lives, each agency's extract in its own shape, the
mappings that read them, and the ground truth for measuring linkage and rules.

Use :func:`generate`; ``docs/synth.md`` describes the output and its calibration.
"""

from __future__ import annotations

from fullpicture.synth.generate import SynthSummary, generate

__all__ = ["SynthSummary", "generate"]
