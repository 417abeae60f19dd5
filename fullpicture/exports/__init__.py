"""Exports: safe spreadsheet cells, DOCX and PDF chronologies, and the static HTML report."""
