"""Assignment, restriction and break-glass against a simple reference model (requirement 2):
a Hypothesis state machine allocates, deallocates, restricts, breaks glass, lets time pass and
views, and after every view the real decision must equal the model's."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from fullpicture.errors import AccessDeniedError, NotFoundError
from fullpicture.store.database import open_store
from fullpicture.store.schema import person
from fullpicture.web.access import child_access, start_break_glass
from fullpicture.web.accounts import assign_child, set_restricted, unassign_child
from fullpicture.web.security.sessions import SignedInUser
from fullpicture.web.tables import assignment, break_glass, web_user
from tests.web.db import NOW

USERS = ("sw", "hv")
CHILDREN = ("P0000001", "P0000002", "P0000003")
REASON = "Police report the child missing tonight"

_ENGINE = None


def _engine():
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = open_store(f"sqlite:///{Path(tempfile.mkdtemp()) / 'model.db'}")
    return _ENGINE


def _reset(engine) -> dict[str, SignedInUser]:
    with engine.begin() as conn:
        for table in (break_glass, assignment, web_user, person):
            conn.execute(table.delete())
        for pid in CHILDREN:
            conn.execute(person.insert().values(id=pid, display_name=pid, created_at=NOW))
        users = {}
        for name, role, agency in (
            ("sw", "social_worker", "social_care"),
            ("hv", "practitioner", "health"),
        ):
            uid = conn.execute(
                web_user.insert()
                .values(username=name, display_name=name, role=role, agency=agency, created_at=NOW)
                .returning(web_user.c.id)
            ).scalar_one()
            users[name] = SignedInUser(uid, name, name, role, agency, "s", "t", None)
    return users


class AccessModel(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.engine = _engine()
        self.users = _reset(self.engine)
        self.now = NOW
        self.assigned: set[tuple[str, str]] = set()
        self.restricted: set[str] = set()
        self.glass: dict[tuple[str, str], object] = {}

    @rule(user=st.sampled_from(USERS), child=st.sampled_from(CHILDREN))
    def allocate(self, user, child):
        with self.engine.begin() as conn:
            assign_child(conn, self.users[user].user_id, child, granted_by="t", now=self.now)
        self.assigned.add((user, child))

    @rule(user=st.sampled_from(USERS), child=st.sampled_from(CHILDREN))
    def deallocate(self, user, child):
        with self.engine.begin() as conn:
            unassign_child(conn, self.users[user].user_id, child)
        self.assigned.discard((user, child))

    @rule(child=st.sampled_from(CHILDREN), flag=st.booleans())
    def restrict(self, child, flag):
        with self.engine.begin() as conn:
            set_restricted(conn, child, flag)
        (self.restricted.add if flag else self.restricted.discard)(child)

    @rule(user=st.sampled_from(USERS), child=st.sampled_from(CHILDREN))
    def break_the_glass(self, user, child):
        expected = "refused" if child in self.restricted else "granted"
        try:
            with self.engine.begin() as conn:
                start_break_glass(conn, self.users[user], child, REASON, self.now)
            outcome = "granted"
        except NotFoundError:
            outcome = "refused"
        assert outcome == expected
        if outcome == "granted":
            self.glass[(user, child)] = self.now + timedelta(minutes=60)

    @rule(minutes=st.integers(min_value=1, max_value=90))
    def tick(self, minutes):
        self.now += timedelta(minutes=minutes)

    def _model(self, user: str, child: str) -> str:
        mine = (user, child) in self.assigned
        if child in self.restricted and not mine:
            return "404"
        if mine:
            return "assignment"
        ends = self.glass.get((user, child))
        return "break-glass" if ends is not None and ends > self.now else "403"

    @rule(user=st.sampled_from(USERS), child=st.sampled_from(CHILDREN))
    def view(self, user, child):
        try:
            with self.engine.connect() as conn:
                actual = child_access(conn, self.users[user], child, self.now).basis
        except NotFoundError:
            actual = "404"
        except AccessDeniedError:
            actual = "403"
        assert actual == self._model(user, child)


def test_should_match_the_reference_model_over_many_runs():
    run = settings(max_examples=200, stateful_step_count=40, deadline=None)(AccessModel)
    run.TestCase().runTest()


@pytest.fixture(autouse=True, scope="module")
def _dispose():
    yield
    if _ENGINE is not None:
        _ENGINE.dispose()
