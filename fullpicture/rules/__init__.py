"""Explainable rules drawn from case-review learning.

A rule (:class:`fullpicture.rules.spec.Rule`) is metadata, an Ibis expression over the analysis
snapshot (:mod:`fullpicture.rules.snapshot`) and an explanation template. The library lives in
:mod:`fullpicture.rules.library`, one module per area of the learning catalogue; :func:`analyse` in
:mod:`fullpicture.rules.run` runs it and writes alerts.
"""
