"""The JSON API against its own OpenAPI document, with generated requests (schemathesis):
no request, valid or not, gets a server error, and invalid ones are refused (security
requirement 46: ``not_a_server_error`` and ``negative_data_rejection``).

Each operation is driven from schemathesis' Hypothesis strategies directly (its pytest plugin
does not yet load under this pytest), as a signed-in social worker, team manager and auditor in
turn, with one child assigned, another not, and one review in the learning library.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection

from fullpicture.web.security.sessions import COOKIE_NAME
from tests.web.db import create_event, create_person, create_user

EXAMPLES = 15
OPERATIONS = [
    "GET /api/me",
    "GET /api/children",
    "GET /api/children/{person_id}",
    "GET /api/audit/children/{person_id}",
    "GET /api/learning/reviews/{review_id}",
    "GET /api/learning/actions",
]
WITH_PARAMETERS = {label for label in OPERATIONS if "{" in label} | {"GET /api/learning/actions"}
"""Operations that take parameters (the others have no invalid request to generate)."""


ROLES = ("social_worker", "team_manager", "auditor")
"""Between them these roles reach every API route past its access check."""


@pytest.fixture(params=ROLES)
def sample_session(
    request, sample_app: FastAPI, sample_engine, client_request, sample_library
) -> str:  # type: ignore[no-untyped-def]
    """A signed-in user's session token; one assigned child and one other, and a review."""
    for n in (1, 2):
        create_person(sample_engine, f"P000000{n}", name=f"Child {n}")
        create_event(sample_engine, f"P000000{n}")
    secret = create_user(sample_engine, "user", request.param, children=("P0000001",))
    client = client_request()
    assert client.sign_in("user", secret).status_code == 303
    return str(client.http.cookies.get(COOKIE_NAME))


def test_should_describe_every_api_route_in_the_schema(sample_app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", sample_app)
    found = sorted(op.ok().label for op in schema.include(path_regex="^/api/").get_all_operations())
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize(
    ("label", "mode"),
    [(label, GenerationMode.POSITIVE) for label in OPERATIONS]
    + [(label, GenerationMode.NEGATIVE) for label in OPERATIONS if label in WITH_PARAMETERS],
)
def test_should_answer_generated_requests_without_a_server_error(
    sample_app, sample_session, label, mode
):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", sample_app)
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    headers = {"Cookie": f"{COOKIE_NAME}={sample_session}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error, negative_data_rejection])

    check()
