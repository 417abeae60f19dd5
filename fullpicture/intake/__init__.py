"""Intake: read each agency's files, validate every row, store it or quarantine it with its reasons.

The entry points are :func:`fullpicture.intake.importer.import_file` and
:func:`fullpicture.intake.importer.import_files`; see ``docs/intake.md``.
"""
