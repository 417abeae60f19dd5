"""The learning commands end to end."""

import json

from typer.testing import CliRunner

from fullpicture.cli import _register, app

runner = CliRunner()


def test_should_import_search_and_report_from_the_command_line(
    sqlite_url, sample_text_review, tmp_path
):
    _register()
    db = ["--database", sqlite_url]
    first = runner.invoke(app, ["learning", "import", str(sample_text_review), "--no-embed", *db])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["learning", "import", str(sample_text_review), "--json", *db])
    assert json.loads(again.output)[0]["already_imported"] is True
    found = runner.invoke(app, ["learning", "search", "return interviews", "--json", *db])
    assert json.loads(found.output)[0]["kind"] in {"finding", "recommendation"}
    reviews = runner.invoke(app, ["learning", "reviews", "--json", *db])
    titles = [r["title"] for r in json.loads(reviews.output)]
    assert "Child Safeguarding Practice Review: Child T" in titles
    assert any(t.startswith("Learning catalogue") for t in titles)
    report = runner.invoke(app, ["learning", "report", "--out", str(tmp_path / "r"), *db])
    assert report.exit_code == 0 and (tmp_path / "r" / "learning-report.html").exists()


def test_should_explain_a_missing_file_without_a_traceback(sqlite_url, tmp_path):
    _register()
    result = runner.invoke(
        app, ["learning", "import", str(tmp_path / "nope.pdf"), "--database", sqlite_url]
    )
    assert result.exit_code == 2


def test_should_import_the_rest_of_a_folder_and_exit_2_naming_the_unreadable_ones(
    sqlite_url, sample_text_review, tmp_path
):
    _register()
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "review.txt").write_bytes(sample_text_review.read_bytes())
    (folder / "damaged [draft].pdf").write_bytes(b"not a PDF at all")
    result = runner.invoke(
        app, ["learning", "import", str(folder), "--no-embed", "--json", "--database", sqlite_url]
    )
    assert result.exit_code == 2
    assert [row["items"] for row in json.loads(result.stdout)] == [3]
    assert "Could not import 1 of 2 document(s)" in result.stderr
    assert "damaged [draft].pdf" in result.stderr and "What to do:" in result.stderr


def test_should_print_document_text_with_brackets_verbatim(sqlite_url, tmp_path):
    _register()
    path = tmp_path / "brackets.txt"
    path.write_text(
        "Key learning\n\u2022 Record what [/] the child [bold]said.\n", encoding="utf-8"
    )
    db = ["--database", sqlite_url]
    assert runner.invoke(app, ["learning", "import", str(path), "--no-embed", *db]).exit_code == 0
    found = runner.invoke(app, ["learning", "search", "child said", *db])
    assert found.exit_code == 0, found.output
    assert "[/] the child [bold]said." in found.output


def test_should_print_figures_per_kind_and_per_theme_for_every_split_with_documents(
    sample_corpus, tmp_path
):
    import shutil

    corpus = tmp_path / "corpus"
    for part in ("docs", "gold"):
        (corpus / part).mkdir(parents=True)
    for name in ("01-northmere-cspr-child-t", "16-tarnley-bulletin-three-cases"):
        shutil.copy(sample_corpus / "gold" / f"{name}.json", corpus / "gold")
        document = json.loads((corpus / "gold" / f"{name}.json").read_text())["document"]
        shutil.copy(sample_corpus / "docs" / document, corpus / "docs")
    _register()
    result = runner.invoke(app, ["evaluate", "learning", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "dev (" in result.output and "heldout (" in result.output
    assert "heldout3" not in result.output  # no documents of it in this corpus
    assert "per theme:" in result.output
    assert "sexual_exploitation: P" in result.output
