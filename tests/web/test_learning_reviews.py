"""The library's reviews on the web: the list, a review's items in document order with their
provenance and themes, and an item's page (forms only for the roles that manage the library)."""

from bs4 import BeautifulSoup

from tests.web.library import create_signed_in


def test_should_list_reviews_and_show_one_with_its_items_in_order(
    sample_engine, client_request, sample_library
):
    client = create_signed_in(sample_engine, client_request, "practitioner")
    listing = client.get("/learning/reviews")
    assert listing.status_code == 200
    assert "Child Safeguarding Practice Review: Child R" in listing.text
    assert f'href="/learning/reviews/{sample_library["review"]}"' in listing.text
    page = client.get(f"/learning/reviews/{sample_library['review']}")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    items = [" ".join(li.get_text().split()) for li in soup.select("li.app-learning-item")]
    assert [i.split(" ", 1)[0] for i in items] == [
        "Finding",
        "Recommendation",
        "Finding",
        "Recommendation",
        "Key",
    ]
    assert (
        "paragraph 4" in items[0] and "Themes: Missing episodes and return interviews" in items[0]
    )
    assert "For: Police." in items[3] and "Follows item 3." in items[3]
    assert "Ashcombe Safeguarding Children Partnership" in page.text
    assert "child-r-review.txt" in page.text


def test_should_show_an_item_without_managing_forms_to_readers(
    sample_engine, client_request, sample_library
):
    reader = create_signed_in(sample_engine, client_request, "social_worker")
    page = reader.get(f"/learning/items/{sample_library['recommendation']}")
    assert page.status_code == 200
    assert "The Partnership should audit return home interviews" in page.text
    assert "Rules that implement it" in page.text and "No rule implements" in page.text
    assert BeautifulSoup(page.text, "html.parser").find("main").find_all("form") == []
    assert "Import reviews" not in page.text and "Action plan" not in page.text
    manager = create_signed_in(sample_engine, client_request, "team_manager")
    managed = manager.get(f"/learning/items/{sample_library['recommendation']}")
    assert 'action="/learning/items/' in managed.text and "Add an action" in managed.text
    assert "Import reviews" in managed.text


def test_should_answer_not_found_for_a_missing_review_or_item(
    sample_engine, client_request, sample_library
):
    client = create_signed_in(sample_engine, client_request, "auditor")
    assert client.get("/learning/reviews/9999").status_code == 404
    assert client.get("/learning/items/9999").status_code == 404


def test_should_serve_a_review_and_its_items_in_the_api(
    sample_engine, client_request, sample_library
):
    client = create_signed_in(sample_engine, client_request, "practitioner")
    body = client.get(f"/api/learning/reviews/{sample_library['review']}").json()
    assert body["partnership"] == "Ashcombe Safeguarding Children Partnership"
    kinds = [item["kind"] for item in body["items"]]
    assert kinds == ["finding", "recommendation", "finding", "recommendation", "key_learning"]
    assert body["items"][1]["follows"] == body["items"][0]["id"]
    assert "missing" in body["items"][0]["themes"]
    missing = client.get("/api/learning/reviews/9999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
