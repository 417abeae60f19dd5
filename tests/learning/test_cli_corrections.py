"""Correcting what import read, from the command line."""

import json

from typer.testing import CliRunner

from fullpicture.cli import _register, app

runner = CliRunner()


def _item_of_kind(db: list[str], kind: str) -> dict[str, object]:
    found = runner.invoke(app, ["learning", "search", "missing return interviews", "--json", *db])
    hits = json.loads(found.stdout)
    return next(hit for hit in hits if hit["kind"] == kind and hit["filename"] == "review.txt")


def test_should_correct_an_items_kind_and_themes_and_list_the_history(
    sqlite_url, sample_text_review
):
    _register()
    db = ["--database", sqlite_url]
    runner.invoke(app, ["learning", "import", str(sample_text_review), "--no-embed", *db])
    item = _item_of_kind(db, "key_learning")
    args = ["learning", "correct", str(item["item_id"]), "--kind", "finding"]
    args += ["--add-theme", "supervision", "--reason", "It says what happened", "--by", "qa"]
    made = runner.invoke(app, [*args, "--json", *db])
    assert made.exit_code == 0, made.output
    fields = {row["field"]: (row["before"], row["after"]) for row in json.loads(made.stdout)}
    assert fields["kind"] == ("key_learning", "finding")
    assert "supervision" in str(fields["themes"][1]).split()
    history = runner.invoke(app, ["learning", "corrections", "--item", str(item["item_id"]), *db])
    assert "kind: key_learning -> finding by qa (It says what happened)" in history.stdout


def test_should_withdraw_an_item_from_search_and_explain_a_bad_kind(sqlite_url, sample_text_review):
    _register()
    db = ["--database", sqlite_url]
    runner.invoke(app, ["learning", "import", str(sample_text_review), "--no-embed", *db])
    item = _item_of_kind(db, "finding")
    bad = runner.invoke(
        app, ["learning", "correct", str(item["item_id"]), "--kind", "x", "--by", "qa", *db]
    )
    assert bad.exit_code == 2 and "Unknown item kind 'x'" in bad.stderr
    gone = runner.invoke(
        app, ["learning", "correct", str(item["item_id"]), "--withdraw", "--by", "qa", *db]
    )
    assert gone.exit_code == 0, gone.output
    found = runner.invoke(app, ["learning", "search", "missing return interviews", "--json", *db])
    assert item["item_id"] not in [hit["item_id"] for hit in json.loads(found.stdout)]


def test_should_correct_a_reviews_type_and_ask_for_one_target(sqlite_url, sample_text_review):
    _register()
    db = ["--database", sqlite_url]
    runner.invoke(app, ["learning", "import", str(sample_text_review), "--no-embed", *db])
    reviews = json.loads(runner.invoke(app, ["learning", "reviews", "--json", *db]).stdout)
    review = next(r for r in reviews if r["review_type"] != "catalogue")
    args = ["learning", "correct-review", str(review["id"]), "--type", "rapid_review", "--by", "qa"]
    assert runner.invoke(app, [*args, *db]).exit_code == 0
    after = json.loads(runner.invoke(app, ["learning", "reviews", "--json", *db]).stdout)
    assert next(r for r in after if r["id"] == review["id"])["review_type"] == "rapid_review"
    neither = runner.invoke(app, ["learning", "corrections", *db])
    assert neither.exit_code == 2 and "Name one item or one review" in neither.stderr
