"""Sign in and sign out."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from fullpicture.audit.chain import AuditEntry, append_entry
from fullpicture.errors import NotFoundError
from fullpicture.web.context import App, AppState
from fullpicture.web.pages import render
from fullpicture.web.routes.security_keys import KEY_STEP_PATH, open_key_step, set_pending_cookie
from fullpicture.web.security.oidc import FLOW_COOKIE, FLOW_SECONDS, OidcProvider, OidcRefusedError
from fullpicture.web.security.sessions import COOKIE_NAME, create_session, revoke_session
from fullpicture.web.security.throttle import (
    ADDRESS_LIMIT,
    is_locked,
    record_failure,
)
from fullpicture.web.signin import attempt_sign_in, attempt_sso_sign_in
from fullpicture.web.tables import web_user

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py

_FAILED = "Enter a correct user name, password and security code"
_LOCKED = "Too many attempts. Wait 15 minutes, then try again"
_SSO_FAILED = (
    "You could not be signed in with your organisation's account. Try again, or ask your "
    "fullpicture administrator to link your account"
)
_FLOW_PATH = "/sign-in/oidc"
_log = logging.getLogger("fullpicture.web.sso")


def _set_session_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE_NAME, token, secure=True, httponly=True, samesite="strict", path="/")


@router.get("/sign-in")
def sign_in_page(request: Request) -> Response:
    """The sign-in form."""
    return _sign_in_form(request, {}, "")


def _sign_in_form(
    request: Request, errors: dict[str, str], username: str, status: int = 200
) -> Response:
    sso = request.app.state.fp.oidc is not None
    return render(request, "sign-in.html", status=status, errors=errors, username=username, sso=sso)


def _audit_sign_in(app: AppState, conn: Connection, username: str, role: str, agency: str) -> None:
    entry = AuditEntry(username, role, agency, "role", "sign in", "sign-in")
    append_entry(conn, app.audit_key, entry, now=app.now())


@router.post("/sign-in")
def sign_in(
    app: App,
    request: Request,
    username: Annotated[str, Form(max_length=128)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    code: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Check the credentials; on success rotate to a brand-new session (no fixation)."""
    address = request.client.host if request.client else "-"
    with app.engine.begin() as conn:
        outcome = attempt_sign_in(
            conn,
            username,
            password,
            code,
            address,
            app.now(),
            demo_mode=app.settings.demo_mode,
            cipher=app.cipher,
            sso_only=app.web.oidc_enabled and app.web.oidc_required_for_linked_users,
        )
        if outcome.user_id is None:
            status, message = (429, _LOCKED) if outcome.locked else (400, _FAILED)
        elif outcome.needs_key:
            pending = open_key_step(conn, outcome.user_id, app.now())
        else:
            old = request.cookies.get(COOKIE_NAME)
            if old:
                revoke_session(conn, old, app.now())
            token = create_session(conn, outcome.user_id, app.now())
            user = conn.execute(web_user.select().where(web_user.c.id == outcome.user_id)).one()
            _audit_sign_in(app, conn, user.username, user.role, user.agency)
    if outcome.user_id is None:
        return _sign_in_form(request, {"username": message}, username, status)
    if outcome.needs_key:
        return _to_key_step(pending)
    response = RedirectResponse("/", status_code=303)
    _set_session_cookie(response, token)
    return response


def _to_key_step(pending: str) -> Response:
    response = RedirectResponse(KEY_STEP_PATH, status_code=303)
    set_pending_cookie(response, pending)
    return response


def _provider(app: AppState) -> OidcProvider:
    if app.oidc is None:
        raise NotFoundError("Single sign-on is not set up")
    return app.oidc


def _redirect_uri(app: AppState, request: Request) -> str:
    return app.web.oidc_redirect_url or str(request.url_for("sso_callback"))


@router.get(_FLOW_PATH)
def sso_start(app: App, request: Request) -> Response:
    """Send the browser to the organisation's identity provider."""
    provider = _provider(app)
    try:
        flow = provider.start(_redirect_uri(app, request), app.now())
    except OidcRefusedError as refused:
        _log.warning("sso refused: %s", refused.reason)
        return _sign_in_form(request, {"username": _SSO_FAILED}, "", 502)
    response = RedirectResponse(flow.url, status_code=303)
    # Lax, not Strict: the provider's redirect back is a cross-site navigation.
    response.set_cookie(
        FLOW_COOKIE,
        flow.cookie,
        max_age=FLOW_SECONDS,
        secure=True,
        httponly=True,
        samesite="lax",
        path=_FLOW_PATH,
    )
    return response


def _sso_session(app: AppState, request: Request, subject: str, mfa: bool) -> Response | None:
    """Map the subject to an account and open a session (or the security-key step), or log why
    not (no personal data)."""
    address = request.client.host if request.client else "-"
    keys = {f"ip:{address}": ADDRESS_LIMIT}
    with app.engine.begin() as conn:
        outcome = attempt_sso_sign_in(
            conn, subject, mfa, app.now(), demo_mode=app.settings.demo_mode
        )
        if outcome.user_id is None:
            record_failure(conn, keys, app.now())
            _log.warning("sso refused: %s", outcome.reason)
            return None
        if outcome.needs_key:
            return _to_key_step(open_key_step(conn, outcome.user_id, app.now()))
        old = request.cookies.get(COOKIE_NAME)
        if old:
            revoke_session(conn, old, app.now())
        token = create_session(conn, outcome.user_id, app.now())
        user = conn.execute(web_user.select().where(web_user.c.id == outcome.user_id)).one()
        _audit_sign_in(app, conn, user.username, user.role, user.agency)
    response = RedirectResponse("/", status_code=303)
    _set_session_cookie(response, token)
    return response


@router.get(_FLOW_PATH + "/callback", name="sso_callback")
def sso_callback(app: App, request: Request, state: str = "", code: str = "") -> Response:
    """Finish single sign-on: check the provider's answer, then start a fresh session."""
    provider = _provider(app)
    address = request.client.host if request.client else "-"
    with app.engine.begin() as conn:
        locked = is_locked(conn, {f"ip:{address}": ADDRESS_LIMIT}, app.now())
    if locked:
        return _sign_in_form(request, {"username": _LOCKED}, "", 429)
    response: Response | None = None
    try:
        identity = provider.finish(
            request.cookies.get(FLOW_COOKIE), state, code, _redirect_uri(app, request), app.now()
        )
        response = _sso_session(app, request, identity.subject, identity.mfa)
    except OidcRefusedError as refused:
        _log.warning("sso refused: %s", refused.reason)
        with app.engine.begin() as conn:
            record_failure(conn, {f"ip:{address}": ADDRESS_LIMIT}, app.now())
    if response is None:
        response = _sign_in_form(request, {"username": _SSO_FAILED}, "", 400)
    response.delete_cookie(FLOW_COOKIE, secure=True, httponly=True, samesite="lax", path=_FLOW_PATH)
    return response


@router.post("/sign-out")
def sign_out(request: Request, app: App) -> Response:
    """End the session on the server and clear the cookie."""
    token = request.cookies.get(COOKIE_NAME)
    if token:
        with app.engine.begin() as conn:
            revoke_session(conn, token, app.now())
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(COOKIE_NAME, secure=True, httponly=True, samesite="strict", path="/")
    return response
