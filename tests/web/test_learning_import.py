"""Importing review documents on the web: through the library's own import, showing what was
read; re-uploads add nothing; wrong kinds, sizes and forged requests are refused."""

from pathlib import Path

import sqlalchemy as sa

from fullpicture.learning import tables
from tests.web.library import REVIEW_TEXT, create_signed_in

CORPUS = Path(__file__).resolve().parents[1] / "learning" / "corpus" / "docs"


def _documents(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count()).where(tables.learning_document.c.format != "catalogue")
        ).scalar_one()


def _upload(client, *files: tuple[str, bytes], csrf: bool = True):
    parts = [("documents", (name, data, "application/octet-stream")) for name, data in files]
    return client.post("/learning/import", files=parts, csrf=csrf)


def test_should_import_several_documents_and_show_what_was_read(sample_engine, client_request):
    client = create_signed_in(sample_engine, client_request, "analyst")
    assert client.get("/learning/import").status_code == 200
    docx = (CORPUS / "02-aldcaster-bulletin-two-cases.docx").read_bytes()
    response = _upload(client, ("child-r.txt", REVIEW_TEXT.encode()), ("bulletin.docx", docx))
    assert response.status_code == 200
    page = response.text
    assert "Documents imported" in page and page.count("Added") == 2
    assert "Ashcombe Safeguarding Children Partnership" in page
    assert "Child safeguarding practice review" in page and "Recommendation" in page
    assert "Missing episodes and return interviews" in page  # a theme of the text review
    assert "Aldcaster" in page and _documents(sample_engine) == 2
    with sample_engine.connect() as conn:
        by = conn.execute(sa.select(tables.learning_document.c.imported_by)).scalars().all()
    assert "lib-analyst" in by


def test_should_not_duplicate_a_document_uploaded_again(sample_engine, client_request):
    client = create_signed_in(sample_engine, client_request, "team_manager")
    _upload(client, ("child-r.txt", REVIEW_TEXT.encode()))
    again = _upload(client, ("renamed.txt", REVIEW_TEXT.encode()))
    assert again.status_code == 200 and "Already in the library" in again.text
    assert _documents(sample_engine) == 1


def test_should_refuse_files_that_are_not_review_documents(sample_engine, client_request):
    client = create_signed_in(sample_engine, client_request, "analyst")
    client.get("/learning/import")
    cases = [
        (("tool.exe", b"MZ\x90\x00"), "not a kind of document"),
        (("review.pdf", b"<html>not a pdf</html>"), "not a real PDF"),
        (("notes.txt", b"abc\x00\x01\x02"), "binary data"),
        (("empty.md", b""), "is empty"),
    ]
    for upload, message in cases:
        response = _upload(client, upload)
        assert response.status_code == 400, upload[0]
        assert "govuk-error-summary" in response.text and message in response.text
    # What a browser posts when no file is chosen: one part with an empty file name.
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{client.csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; "
        f'name="documents"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n'
        f"\r\n--{boundary}--\r\n"
    )
    nothing = client.http.post(
        "/learning/import",
        content=body.encode(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert nothing.status_code == 400 and "Select one or more review documents" in nothing.text
    many = _upload(client, *[(f"r{i}.txt", f"Review {i}".encode()) for i in range(21)])
    assert many.status_code == 400 and "at most 20" in many.text
    assert _documents(sample_engine) == 0


def test_should_import_the_readable_documents_and_list_the_others(sample_engine, client_request):
    client = create_signed_in(sample_engine, client_request, "analyst")
    client.get("/learning/import")
    response = _upload(
        client, ("child-r.txt", REVIEW_TEXT.encode()), ("broken.docx", b"PK\x03\x04 not a zip")
    )
    assert response.status_code == 200
    assert "Not imported" in response.text and "broken.docx" in response.text
    assert _documents(sample_engine) == 1


def test_should_refuse_import_to_other_roles_and_without_the_form_token(
    sample_engine, client_request
):
    practitioner = create_signed_in(sample_engine, client_request, "practitioner")
    assert practitioner.get("/learning/import").status_code == 403
    assert _upload(practitioner, ("child-r.txt", REVIEW_TEXT.encode())).status_code == 403
    analyst = create_signed_in(sample_engine, client_request, "analyst")
    forged = _upload(analyst, ("child-r.txt", REVIEW_TEXT.encode()), csrf=False)
    assert forged.status_code == 403 and _documents(sample_engine) == 0
