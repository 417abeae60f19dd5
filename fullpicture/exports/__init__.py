"""Exports: files written for people to open (CSV, XLSX, DOCX, PDF), made safe to open."""
