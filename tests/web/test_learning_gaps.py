"""The gap list on the web: learning no rule or practice change implements, filtered by theme
and kind, and recording a practice change against an item."""

from fullpicture.learning.browse import practice_changes
from tests.web.library import create_signed_in


def _gap_links(text: str) -> set[int]:
    return {
        int(part.split("#", 1)[0])
        for part in text.split('href="/learning/items/')[1:]
        if "#practice-changes" in part.split('"', 1)[0]
    }


def test_should_list_gaps_filtered_by_theme_and_kind(sample_engine, client_request, sample_library):
    client = create_signed_in(sample_engine, client_request, "analyst")
    everything = client.get("/learning/gaps?source=reviews")
    assert everything.status_code == 200
    assert _gap_links(everything.text) == {
        sample_library["finding"],
        sample_library["recommendation"],
        sample_library["second_recommendation"],
        sample_library["finding"] + 2,  # the second finding
        sample_library["second_recommendation"] + 1,  # the key learning
    }
    findings = client.get("/learning/gaps?source=reviews&kind=finding&theme=missing")
    assert _gap_links(findings.text) == {sample_library["finding"]}
    domestic = client.get("/learning/gaps?source=reviews&theme=domestic_abuse&kind=recommendation")
    assert _gap_links(domestic.text) == {sample_library["second_recommendation"]}


def test_should_record_a_practice_change_that_closes_a_gap(
    sample_engine, client_request, sample_library
):
    item = sample_library["finding"]
    client = create_signed_in(sample_engine, client_request, "team_manager")
    client.get(f"/learning/items/{item}")
    empty = client.post(f"/learning/items/{item}/practice-changes", {"description": "  "})
    assert empty.status_code == 400 and "govuk-error-summary" in empty.text
    assert 'href="#change-description"' in empty.text
    saved = client.post(
        f"/learning/items/{item}/practice-changes",
        {"description": "Return home interviews are audited every month"},
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/learning/items/{item}#practice-changes"
    changes = practice_changes(sample_engine, item)
    assert [(c.description, c.recorded_by) for c in changes] == [
        ("Return home interviews are audited every month", "lib-team_manager")
    ]
    assert item not in _gap_links(client.get("/learning/gaps").text)
    assert "audited every month" in client.get(f"/learning/items/{item}").text


def test_should_refuse_the_gap_list_and_changes_to_other_roles_and_forged_posts(
    sample_engine, client_request, sample_library
):
    item = sample_library["finding"]
    reader = create_signed_in(sample_engine, client_request, "social_worker")
    assert reader.get("/learning/gaps").status_code == 403
    form = {"description": "Changed"}
    assert reader.post(f"/learning/items/{item}/practice-changes", form).status_code == 403
    analyst = create_signed_in(sample_engine, client_request, "analyst")
    forged = analyst.post(f"/learning/items/{item}/practice-changes", form, csrf=False)
    assert forged.status_code == 403 and practice_changes(sample_engine, item) == []
    assert analyst.post("/learning/items/9999/practice-changes", form).status_code == 404
