"""Rules and learning on the web: every rule's learning, every item's rules, suggestions by
similarity, and a person's confirm or reject recorded with who and when."""

from fullpicture.learning.browse import link_views
from fullpicture.learning.rules_link import rule_citations, rules_for_item
from tests.web.library import create_signed_in


def test_should_list_every_rule_with_the_learning_behind_it(
    sample_engine, client_request, sample_library
):
    client = create_signed_in(sample_engine, client_request, "practitioner")
    page = client.get("/learning/rules")
    assert page.status_code == 200
    for rule_id in rule_citations():
        assert f'href="/learning/rules/{rule_id}"' in page.text
    assert "Suggest rules" not in page.text  # readers see links, not the managing forms
    rule = client.get("/learning/rules/TIM-1")
    assert rule.status_code == 200 and "The rule cites this learning" in rule.text
    assert client.get("/learning/rules/NOPE-1").status_code == 404


def test_should_suggest_then_let_a_person_confirm_and_reject(
    sample_engine, client_request, sample_library
):
    client = create_signed_in(sample_engine, client_request, "analyst")
    client.get("/learning/rules")
    made = client.post("/learning/suggestions")
    assert made.status_code == 303 and made.headers["location"].startswith("/learning/rules?made=")
    suggested = [
        v.link
        for item in (sample_library["finding"], sample_library["recommendation"])
        for v in link_views(sample_engine, item_id=item)
        if v.link.status == "suggested"
    ]
    assert suggested, "the missing-episode learning should be suggested for a rule"
    first, *rest = suggested
    page = client.get(f"/learning/rules/{first.rule_id}")
    assert "awaiting a decision" in page.text and "Confirm" in page.text
    confirmed = client.post(
        f"/learning/items/{first.item_id}/rules",
        {"rule_id": first.rule_id, "decision": "confirm", "return_to": "rule"},
    )
    assert confirmed.status_code == 303
    assert confirmed.headers["location"] == f"/learning/rules/{first.rule_id}"
    view = next(
        v
        for v in link_views(sample_engine, item_id=first.item_id)
        if v.link.rule_id == first.rule_id
    )
    assert view.link.status == "confirmed" and view.link.decided_by == "lib-analyst"
    assert view.decided_at is not None
    client.post("/learning/suggestions")  # suggesting again keeps the person's decision
    assert first.rule_id in rules_for_item(sample_engine, first.item_id)
    item_page = client.get(f"/learning/items/{first.item_id}")
    assert "lib-analyst" in item_page.text
    if rest:
        client.post(
            f"/learning/items/{rest[0].item_id}/rules",
            {"rule_id": rest[0].rule_id, "decision": "reject", "return_to": "item"},
        )
        assert rest[0].rule_id not in rules_for_item(sample_engine, rest[0].item_id)


def test_should_link_an_item_to_a_rule_directly_and_refuse_bad_requests(
    sample_engine, client_request, sample_library
):
    item = sample_library["second_recommendation"]
    manager = create_signed_in(sample_engine, client_request, "team_manager")
    manager.get(f"/learning/items/{item}")
    linked = manager.post(
        f"/learning/items/{item}/rules", {"rule_id": "SHR-1", "decision": "confirm"}
    )
    assert linked.status_code == 303 and linked.headers["location"] == f"/learning/items/{item}"
    assert rules_for_item(sample_engine, item) == ["SHR-1"]
    unknown = manager.post(
        f"/learning/items/{item}/rules", {"rule_id": "NOPE-1", "decision": "confirm"}
    )
    assert unknown.status_code == 400 and "govuk-error-summary" in unknown.text
    forged = manager.post(
        f"/learning/items/{item}/rules", {"rule_id": "ACC-1", "decision": "confirm"}, csrf=False
    )
    assert forged.status_code == 403
    reader = create_signed_in(sample_engine, client_request, "iro")
    refused = reader.post(
        f"/learning/items/{item}/rules", {"rule_id": "ACC-1", "decision": "confirm"}
    )
    assert refused.status_code == 403
    assert reader.post("/learning/suggestions").status_code == 403
    assert rules_for_item(sample_engine, item) == ["SHR-1"]
