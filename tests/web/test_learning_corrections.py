"""Correcting what import read, on the web: an item's kind, themes and withdrawal, a review's
type and year; kept with who, when and why, audited, and refused to other roles and forged
posts."""

import sqlalchemy as sa

from fullpicture.audit.tables import audit_entry
from fullpicture.learning.browse import get_item, get_review
from fullpicture.learning.corrections import corrections_of
from fullpicture.learning.search import search
from tests.web.library import create_signed_in


def _purposes(engine) -> list[str]:
    with engine.connect() as conn:
        return [row.purpose for row in conn.execute(sa.select(audit_entry.c.purpose))]


def test_should_correct_an_items_kind_and_themes_and_show_the_history(
    sample_engine, client_request, sample_library
):
    item = sample_library["finding"]
    client = create_signed_in(sample_engine, client_request, "analyst")
    page = client.get(f"/learning/items/{item}")
    assert page.status_code == 200 and 'action="/learning/items/' in page.text
    saved = client.post(
        f"/learning/items/{item}/correction",
        {"kind": "key_learning", "themes": ["missing", "supervision"], "reason": "A message"},
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/learning/items/{item}#correction"
    corrected = get_item(sample_engine, item)
    assert (corrected.kind, corrected.themes) == ("key_learning", ["missing", "supervision"])
    (kind, themes) = corrections_of(sample_engine, "item", item)
    assert (kind.field, kind.before, kind.corrected_by) == ("kind", "finding", "lib-analyst")
    assert themes.field == "themes" and themes.reason == "A message"
    shown = client.get(f"/learning/items/{item}").text
    assert "Corrections made" in shown and "A message" in shown
    assert "correct learning item" in _purposes(sample_engine)


def test_should_withdraw_an_item_from_search_and_mark_it_on_the_review(
    sample_engine, client_request, sample_library
):
    item = sample_library["finding"]
    client = create_signed_in(sample_engine, client_request, "team_manager")
    client.get(f"/learning/items/{item}")
    current = get_item(sample_engine, item)
    form = {"kind": current.kind, "themes": current.themes, "withdrawn": "yes"}
    assert client.post(f"/learning/items/{item}/correction", form).status_code == 303
    assert item not in [hit.item_id for hit in search(sample_engine, "return home", rerank=False)]
    review = client.get(f"/learning/reviews/{sample_library['review']}").text
    assert "Withdrawn" in review


def test_should_explain_a_correction_it_cannot_make(sample_engine, client_request, sample_library):
    item = sample_library["finding"]
    client = create_signed_in(sample_engine, client_request, "analyst")
    client.get(f"/learning/items/{item}")
    bad = client.post(f"/learning/items/{item}/correction", {"kind": "opinion"})
    assert bad.status_code == 400 and "Unknown item kind" in bad.text
    assert corrections_of(sample_engine, "item", item) == []


def test_should_correct_a_reviews_type_and_year(sample_engine, client_request, sample_library):
    review = sample_library["review"]
    client = create_signed_in(sample_engine, client_request, "analyst")
    page = client.get(f"/learning/reviews/{review}")
    assert page.status_code == 200
    before = get_review(sample_engine, review)
    form = {
        "title": before.title,
        "review_type": "rapid_review",
        "partnership": before.partnership,
        "year": "2023",
        "reason": "The cover says rapid review",
    }
    assert client.post(f"/learning/reviews/{review}/correction", form).status_code == 303
    after = get_review(sample_engine, review)
    assert (after.review_type, after.year) == ("rapid_review", 2023)
    bad = client.post(f"/learning/reviews/{review}/correction", {**form, "year": "20x3"})
    assert bad.status_code == 400 and "Enter the year as four digits" in bad.text


def test_should_refuse_corrections_to_other_roles_and_forged_posts(
    sample_engine, client_request, sample_library
):
    item = sample_library["finding"]
    reader = create_signed_in(sample_engine, client_request, "practitioner")
    page = reader.get(f"/learning/items/{item}")
    assert page.status_code == 200 and "/correction" not in page.text
    assert (
        reader.post(f"/learning/items/{item}/correction", {"kind": "key_learning"}).status_code
        == 403
    )
    analyst = create_signed_in(sample_engine, client_request, "analyst")
    analyst.get(f"/learning/items/{item}")
    forged = analyst.post(
        f"/learning/items/{item}/correction", {"kind": "key_learning"}, csrf=False
    )
    assert forged.status_code == 403
    assert get_item(sample_engine, item).kind == "finding"
