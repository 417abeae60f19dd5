import io

import pytest
from docx import Document
from pypdf import PdfReader

from fullpicture.chronology import build_chronology
from fullpicture.chronology.views import COLUMNS, View
from fullpicture.errors import FullpictureError
from fullpicture.exports.chronology import export_chronology


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("view", ["working", "court", "review"])
def test_should_write_a_readable_docx(store, sample_family, view):
    data = export_chronology(build_chronology(store, sample_family[0]), view=view, fmt="docx")
    doc = Document(io.BytesIO(data))
    assert [c.text for c in doc.tables[0].rows[0].cells] == list(COLUMNS[View(view)])
    text = _docx_text(data)
    assert "Chronology: Lily Ashdown" in text
    assert "NICHE-991" in text
    assert "No contact from any agency" in text


@pytest.mark.parametrize("view", ["working", "court", "review"])
def test_should_write_a_readable_pdf(store, sample_family, view):
    data = export_chronology(build_chronology(store, sample_family[0]), view=view, fmt="pdf")
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "Lily Ashdown" in text
    assert "NICHE-991" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_should_anonymise_documents(store, sample_family, fmt):
    chronology = build_chronology(store, sample_family[0], household=True)
    data = export_chronology(chronology, view="court", fmt=fmt, anonymise=True)
    text = _docx_text(data) if fmt == "docx" else _pdf_text(data)
    assert "Child A" in text
    for name in ("Lily", "Sharon", "Ashdown"):
        assert name not in text


def test_should_reject_an_unknown_export_format(store, sample_family):
    with pytest.raises(FullpictureError, match="Unknown chronology format"):
        export_chronology(build_chronology(store, sample_family[0]), fmt="odt")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_should_export_a_record_longer_than_a_page(sqlite_store, fmt):
    from tests.factories import create_event, create_person

    pid = create_person(sqlite_store)
    create_event(
        sqlite_store, person_id=pid, summary="Long account of the visit. " * 800 + "THE END"
    )
    data = export_chronology(build_chronology(sqlite_store, pid), fmt=fmt)
    text = _docx_text(data) if fmt == "docx" else _pdf_text(data)
    assert "THE END" in text
