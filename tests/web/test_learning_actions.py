"""Action plans on the web: a recommendation's actions with owner agency, due date, status and
evidence; adding and updating them; and the overdue list (by the application's clock)."""

from fullpicture.learning.actions import list_actions
from tests.web.library import create_signed_in

DUE_PAST = {"due-day": "31", "due-month": "1", "due-year": "2026"}  # the clock says 2 March 2026


def _add(client, item: int, description: str, owner: str = "Police", due=DUE_PAST, **kw):
    return client.post(
        f"/learning/items/{item}/actions",
        {"description": description, "owner": owner, **due},
        **kw,
    )


def test_should_add_an_action_and_list_it_as_overdue_until_done(
    sample_engine, client_request, sample_library
):
    item = sample_library["recommendation"]
    client = create_signed_in(sample_engine, client_request, "analyst")
    client.get(f"/learning/items/{item}")
    added = _add(client, item, "Audit return home interviews")
    assert (
        added.status_code == 303 and added.headers["location"] == f"/learning/items/{item}#actions"
    )
    (action,) = list_actions(sample_engine)
    assert (action.owner_agency, action.status, action.updated_by) == (
        "Police",
        "open",
        "lib-analyst",
    )
    overdue = client.get("/learning/actions?show=overdue")
    assert overdue.status_code == 200 and "Audit return home interviews" in overdue.text
    assert "Overdue" in overdue.text
    edit = client.get(f"/learning/actions/{action.id}")
    assert edit.status_code == 200
    no_evidence = client.post(f"/learning/actions/{action.id}", {"status": "done", **DUE_PAST})
    assert no_evidence.status_code == 400 and 'href="#evidence"' in no_evidence.text
    done = client.post(
        f"/learning/actions/{action.id}",
        {"status": "done", "evidence": "Audit report to the board, May 2026", **DUE_PAST},
    )
    assert done.status_code == 303
    (action,) = list_actions(sample_engine)
    assert action.status == "done" and action.evidence.startswith("Audit report")
    assert "Audit return home interviews" not in client.get("/learning/actions?show=overdue").text
    assert "Audit return home interviews" in client.get("/learning/actions?status=done").text
    _add(client, item, "Brief the school nurses", owner="Health")
    by_owner = client.get("/learning/actions?owner=Health").text
    assert "Brief the school nurses" in by_owner and "Audit return home" not in by_owner


def test_should_explain_what_is_wrong_with_an_action(sample_engine, client_request, sample_library):
    client = create_signed_in(sample_engine, client_request, "team_manager")
    item = sample_library["recommendation"]
    client.get(f"/learning/items/{item}")
    bad = _add(
        client, item, "", owner="", due={"due-day": "31", "due-month": "2", "due-year": "2026"}
    )
    assert bad.status_code == 400
    for field in ("action-description", "owner", "due-day"):
        assert f'href="#{field}"' in bad.text
    finding = _add(client, sample_library["finding"], "Audit")
    assert finding.status_code == 400 and "not a recommendation" in finding.text
    assert list_actions(sample_engine) == []
    _add(client, item, "Audit")
    (action,) = list_actions(sample_engine)
    wrong = client.post(f"/learning/actions/{action.id}", {"status": "finished"})
    assert wrong.status_code == 400 and 'href="#status"' in wrong.text
    assert client.get("/learning/actions/9999").status_code == 404


def test_should_refuse_action_plans_to_other_roles_and_forged_posts(
    sample_engine, client_request, sample_library
):
    item = sample_library["recommendation"]
    reader = create_signed_in(sample_engine, client_request, "iro")
    assert reader.get("/learning/actions").status_code == 403
    assert _add(reader, item, "Audit").status_code == 403
    analyst = create_signed_in(sample_engine, client_request, "analyst")
    assert _add(analyst, item, "Audit", csrf=False).status_code == 403
    assert list_actions(sample_engine) == []


def test_should_serve_actions_and_the_overdue_list_in_the_api(
    sample_engine, client_request, sample_library
):
    client = create_signed_in(sample_engine, client_request, "team_manager")
    client.get(f"/learning/items/{sample_library['recommendation']}")
    _add(client, sample_library["recommendation"], "Audit")
    _add(
        client,
        sample_library["recommendation"],
        "Report",
        due={"due-day": "1", "due-month": "1", "due-year": "2027"},
    )
    everything = client.get("/api/learning/actions").json()
    assert [a["description"] for a in everything] == ["Audit", "Report"]
    overdue = client.get("/api/learning/actions?overdue=true").json()
    assert [(a["description"], a["overdue"]) for a in overdue] == [("Audit", True)]
    reader = create_signed_in(sample_engine, client_request, "practitioner")
    assert reader.get("/api/learning/actions").status_code == 403
