"""What every request shares: the application state, the signed-in user, the request guard
(route policy, session, CSRF) and the audited unit of work for child data."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.routing import APIRoute
from jinja2 import Environment
from sqlalchemy.engine import Connection, Engine

from fullpicture.audit.chain import AuditEntry, append_entry
from fullpicture.config import Settings
from fullpicture.errors import AccessDeniedError, AuditError, FullpictureError, NotFoundError
from fullpicture.field_keys import FieldCipher
from fullpicture.store.schema import person
from fullpicture.web.access import ChildAccess, child_access
from fullpicture.web.clock import Clock
from fullpicture.web.csrf import check_csrf
from fullpicture.web.policy import PUBLIC, allows, load_policy
from fullpicture.web.roles import CASE_ROLES, Role
from fullpicture.web.security.oidc import OidcProvider
from fullpicture.web.security.sessions import COOKIE_NAME, SignedInUser, load_session
from fullpicture.web.security.snooping import (
    ViewingLimits,
    ViewingThrottledError,
    assess_view,
    record_alert,
)
from fullpicture.web.settings import WebSettings

_log = logging.getLogger("fullpicture.web.snooping")


class NotSignedInError(FullpictureError):
    """The route needs a signed-in user and the request has no live session."""


@dataclass
class AppState:
    """The application's long-lived parts, kept on ``app.state.fp``."""

    settings: Settings
    web: WebSettings
    engine: Engine
    audit_key: bytes
    clock: Clock
    templates: Environment
    cipher: FieldCipher  # seals and opens encrypted fields (TOTP secrets)
    audit_lock: threading.Lock = field(default_factory=threading.Lock)
    oidc: OidcProvider | None = None

    def now(self) -> datetime:
        """Return the current UTC time from the application's clock."""
        return self.clock()


def app_state(request: Request) -> AppState:
    """Return the application state of ``request``'s app."""
    state: AppState = request.app.state.fp
    return state


def _route_key(request: Request) -> str:
    route = request.scope.get("route")
    path = route.path_format if isinstance(route, APIRoute) else request.url.path
    return f"{request.method} {path}"


def _session_user(request: Request, app: AppState) -> SignedInUser | None:
    token = request.cookies.get(COOKIE_NAME)
    if not token:
        return None
    with app.engine.begin() as conn:
        return load_session(
            conn,
            token,
            app.now(),
            idle=timedelta(minutes=app.web.idle_timeout_minutes),
            absolute=timedelta(hours=app.web.absolute_timeout_hours),
        )


async def guard(request: Request) -> None:
    """Apply the route policy, load the session and check CSRF, before any route runs.

    Raises:
        AccessDeniedError: the route is undeclared, or the role is not allowed, or CSRF failed.
        NotSignedInError: the route needs a signed-in user.
    """
    app = app_state(request)
    rule = load_policy().get(_route_key(request))
    if rule is None:
        raise AccessDeniedError("This route is not declared in the access policy.")
    user = _session_user(request, app)
    request.state.user = user
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        await check_csrf(request, app.web.allowed_origins, user)
    if rule == PUBLIC:
        return
    if user is None:
        raise NotSignedInError("Sign in to continue.")
    if not allows(rule, user.role):
        refused = AccessDeniedError("Your role does not give access to this page.")
        person_id = request.path_params.get("person_id")
        if person_id is not None:  # a refused attempt at a child's data is audited as denied
            record_denied(
                app, user, str(person_id), "role", purpose=_route_key(request), action="view"
            )
        raise refused


async def signed_in_user(request: Request) -> SignedInUser:
    """Return the signed-in user of a guarded route (a FastAPI dependency).

    ``async`` only so that FastAPI calls it on the event loop: a plain function would be sent to
    the thread pool and back, which costs more than the lookup.
    """
    user: SignedInUser | None = getattr(request.state, "user", None)
    if user is None:
        raise NotSignedInError("Sign in to continue.")
    return user


async def _app_state_dependency(request: Request) -> AppState:
    return app_state(request)  # async: no thread-pool round trip (see signed_in_user)


CurrentUser = Annotated[SignedInUser, Depends(signed_in_user)]
"""The signed-in user, as a route parameter."""
App = Annotated[AppState, Depends(_app_state_dependency)]
"""The application state, as a route parameter."""


def _entry(
    user: SignedInUser,
    basis: str,
    purpose: str,
    action: str,
    subject: str,
    detail: dict[str, Any] | None,
) -> AuditEntry:
    return AuditEntry(
        actor=user.username,
        role=user.role,
        agency=user.agency,
        basis=basis,
        purpose=purpose,
        action=action,
        subject=subject,
        detail=detail or {},
    )


@contextmanager
def _audited_transaction(
    app: AppState, entry_for: Callable[[], AuditEntry]
) -> Iterator[Connection]:
    """Yield a transaction; on leaving, append the audit entry and commit both together.

    The entry is written last so that the store's write lock (SQLite) or the chain head's row
    lock (PostgreSQL) is held only for the append and the commit, not while the page is read and
    rendered. The response is built inside the block but leaves the server only after this
    commit: if the entry cannot be written, AuditError (503) replaces it and nothing is kept.
    """
    with app.engine.connect() as conn:
        try:
            yield conn
            with app.audit_lock:
                append_entry(conn, app.audit_key, entry_for(), now=app.now())
                conn.commit()
        except sa.exc.SQLAlchemyError as exc:
            conn.rollback()
            raise AuditError("The change or its audit entry could not be saved.") from exc
        except BaseException:
            conn.rollback()
            raise


@contextmanager
def child_unit(
    app: AppState,
    user: SignedInUser,
    person_id: str,
    *,
    purpose: str,
    action: str = "view",
    detail: dict[str, Any] | None = None,
) -> Iterator[tuple[Connection, ChildAccess]]:
    """Check access to a child and yield the transaction to read (or change) it in; exactly one
    audit entry is written with the reads and changes, or none of them counts.

    Raises:
        NotFoundError, AccessDeniedError: from the access decision (nothing is read).
        AuditError: the entry could not be written (shown as 503; no child data leaves).
    """
    decided: list[ChildAccess] = []

    def entry() -> AuditEntry:
        return _entry(user, decided[0].basis, purpose, action, person_id, detail)

    with _audited_transaction(app, entry) as conn:
        # On the unit's own connection (one connection per page, not two): the check commits any
        # alert before the child is read, and a refusal rolls back nothing else.
        _watch_on(conn, app, user, person_id)
        try:
            decided.append(child_access(conn, user, person_id, app.now()))
        except (NotFoundError, AccessDeniedError) as refused:
            why = _refusal(conn, user, person_id, refused)
            _append_denied(app, conn, user, person_id, purpose, action, detail, why)
            raise
        yield conn, decided[0]


def _refusal(
    conn: Connection, user: SignedInUser, person_id: str, refused: FullpictureError
) -> str:
    """Why access was refused, for auditors only (the response never says)."""
    if isinstance(refused, AccessDeniedError):
        return "no relationship" if Role(user.role) in CASE_ROLES else "role"
    exists = conn.execute(sa.select(person.c.id).where(person.c.id == person_id)).first()
    return "restricted" if exists is not None else "not found"


def _append_denied(
    app: AppState,
    conn: Connection,
    user: SignedInUser,
    person_id: str,
    purpose: str,
    action: str,
    detail: dict[str, Any] | None,
    why: str,
) -> None:
    """Commit a denied attempt's entry on ``conn``: basis ``none``, ``outcome: denied``.

    The response to the user does not change (the same 403 or byte-identical 404); if the entry
    cannot be written, the request fails with AuditError like any unaudited access would.
    """
    marked = {
        **(detail or {}),
        "outcome": "denied",
        "refused": why,
    }
    subject = person_id[:64]  # a missing record's id comes from the address: keep it bounded
    with app.audit_lock:
        append_entry(
            conn,
            app.audit_key,
            _entry(user, "none", purpose, action, subject, marked),
            now=app.now(),
        )
        conn.commit()


def record_denied(
    app: AppState,
    user: SignedInUser,
    person_id: str,
    refused: FullpictureError | str,
    *,
    purpose: str,
    action: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Commit the audit entry of a refused attempt on a child outside a child unit (break-glass).

    Args:
        refused: the refusal (its kind is worked out as in a child unit), or why in words.

    Raises:
        AuditError: the entry could not be written.
    """
    with app.engine.connect() as conn:
        try:
            why = refused if isinstance(refused, str) else _refusal(conn, user, person_id, refused)
            _append_denied(app, conn, user, person_id, purpose, action, detail, why)
        except sa.exc.SQLAlchemyError as exc:
            conn.rollback()
            raise AuditError("The audit entry of a refused request could not be saved.") from exc


def watch_child_view(app: AppState, user: SignedInUser, person_id: str) -> None:
    """Refuse (and alert auditors) when opening this child would look like snooping.

    Runs on its own connection before the child is read, so the alert stays recorded although
    the request then fails.

    Raises:
        ViewingThrottledError: a limit of ``ViewingLimits`` would be exceeded.
        AuditError: the audit log could not be read (503, like a failed audit write).
    """
    with app.engine.connect() as conn:
        _watch_on(conn, app, user, person_id)


def _watch_on(conn: Connection, app: AppState, user: SignedInUser, person_id: str) -> None:
    """``watch_child_view`` on ``conn``, which has nothing uncommitted: an alert is committed
    at once, so it stays recorded whatever happens to the rest of the request."""
    limits = ViewingLimits(app.web.snoop_unrelated_per_hour, app.web.snoop_children_per_hour)
    try:
        now = app.now()
        breach = assess_view(conn, user.user_id, user.username, person_id, now, limits)
        if breach is not None:
            if record_alert(conn, user.user_id, user.username, breach, now):
                _log.warning("snooping alert raised: %s", breach.kind)
            conn.commit()
    except sa.exc.SQLAlchemyError as exc:  # no audit log to read: fail closed, as for writes
        raise AuditError("The access log could not be read.") from exc
    if breach is not None:
        raise ViewingThrottledError


@contextmanager
def audited_unit(
    app: AppState,
    user: SignedInUser,
    *,
    purpose: str,
    action: str,
    subject: str = "-",
    detail: dict[str, Any] | None = None,
) -> Iterator[Connection]:
    """Yield a transaction that commits with one audit entry on the basis of the user's role."""
    with _audited_transaction(
        app, lambda: _entry(user, "role", purpose, action, subject, detail)
    ) as conn:
        yield conn


def record_child_attempt(
    app: AppState,
    user: SignedInUser,
    person_id: str,
    *,
    purpose: str,
    action: str,
    detail: dict[str, Any] | None = None,
) -> ChildAccess:
    """Check access to a child and commit the audit entry of an attempted change on its own.

    Used before calling another area's function that owns its transaction (alert transitions,
    imports, linkage decisions): the attempt is logged even if the change then fails.
    """
    with child_unit(app, user, person_id, purpose=purpose, action=action, detail=detail) as (
        _conn,
        access,
    ):
        return access


def record_attempt(
    app: AppState,
    user: SignedInUser,
    *,
    purpose: str,
    action: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Commit the audit entry of an attempted change (on the user's role) on its own."""
    with audited_unit(app, user, purpose=purpose, action=action, detail=detail):
        return  # leaving the unit commits the entry
