"""The security-key step of signing in (WebAuthn), for administrators and auditors.

The password step (``POST /sign-in``) opens a pending sign-in and redirects here. The page hands
the ceremony's options to ``/static/app/security-key.js`` in a data attribute (the CSP allows no
inline script); the script calls ``navigator.credentials`` and posts the answer back in an
ordinary form. A user without a key registers one here, with a one-time enrolment code.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

import sqlalchemy as sa
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from fullpicture.audit.chain import AuditEntry, append_entry
from fullpicture.web.context import App, AppState
from fullpicture.web.pages import render
from fullpicture.web.security.security_keys import (
    AUTHENTICATE,
    PENDING_COOKIE,
    PENDING_LIFETIME,
    REGISTER,
    PendingSignIn,
    RelyingParty,
    SecurityKeyRefusedError,
    authentication_options,
    has_security_key,
    peek_pending,
    register_key,
    registration_options,
    start_pending,
    take_pending,
    use_enrolment_code,
    verify_assertion,
)
from fullpicture.web.security.sessions import COOKIE_NAME, create_session, revoke_session
from fullpicture.web.security.throttle import record_failure, throttle_keys
from fullpicture.web.signin import complete_sign_in
from fullpicture.web.tables import web_user

router = APIRouter(include_in_schema=False)

KEY_STEP_PATH = "/sign-in/security-key"
_REFUSED = "Your security key was not accepted. Sign in again"
_EXPIRED = "Your sign-in has expired or was already used. Sign in again"
_log = logging.getLogger("fullpicture.web.security_keys")


def open_key_step(conn: Connection, user_id: int, now: datetime) -> str:
    """Open the pending sign-in for the key step (registration when the user has no key yet)."""
    purpose = AUTHENTICATE if has_security_key(conn, user_id) else REGISTER
    return start_pending(conn, user_id, purpose, now)


def set_pending_cookie(response: Response, token: str) -> None:
    """Attach the pending sign-in cookie (host-only, Secure, HttpOnly, SameSite=Strict)."""
    response.set_cookie(
        PENDING_COOKIE,
        token,
        max_age=int(PENDING_LIFETIME.total_seconds()),
        secure=True,
        httponly=True,
        samesite="strict",
        path="/",
    )


def relying_party(app: AppState, request: Request) -> RelyingParty:
    """The relying party: configured, or this request's own origin and host name."""
    origin = app.web.webauthn_origin or f"{request.url.scheme}://{request.url.netloc}"
    rp_id = app.web.webauthn_rp_id or (urlsplit(origin).hostname or "")
    return RelyingParty(rp_id=rp_id, origin=origin)


def _username(conn: Connection, user_id: int) -> str:
    return str(
        conn.execute(sa.select(web_user.c.username).where(web_user.c.id == user_id)).scalar()
    )


@router.get(KEY_STEP_PATH)
def security_key_page(app: App, request: Request) -> Response:
    """Ask for the security key (or its registration) for the pending sign-in."""
    with app.engine.begin() as conn:
        try:
            pending = peek_pending(conn, request.cookies.get(PENDING_COOKIE), app.now())
        except SecurityKeyRefusedError:
            return _sign_in_again(request, app, _EXPIRED)
        rp = relying_party(app, request)
        if pending.purpose == REGISTER:
            options = registration_options(conn, rp, pending, _username(conn, pending.user_id))
        else:
            options = authentication_options(conn, rp, pending)
    return _key_page(request, pending.purpose, options, {})


def _key_page(
    request: Request, purpose: str, options: str, errors: dict[str, str], status: int = 200
) -> Response:
    return render(
        request,
        "security-key.html",
        status=status,
        purpose=purpose,
        options=options,
        errors=errors,
    )


def _check_answer(
    conn: Connection,
    rp: RelyingParty,
    pending: PendingSignIn,
    answer: str,
    code: str,
    now: datetime,
) -> None:
    if pending.purpose == REGISTER:
        use_enrolment_code(conn, pending.user_id, code, now)
        register_key(conn, rp, pending, answer, now)
    else:
        verify_assertion(conn, rp, pending, answer, now)


@router.post(KEY_STEP_PATH)
def security_key_answer(
    app: App,
    request: Request,
    credential: Annotated[str, Form(max_length=16384)] = "",
    enrolment_code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Check the key's answer to the pending challenge; on success start a fresh session."""
    now = app.now()
    user_id: int | None = None
    try:
        with app.engine.begin() as conn:  # used up in its own transaction: never answered twice
            pending = take_pending(conn, request.cookies.get(PENDING_COOKIE), now)
        user_id = pending.user_id
        with app.engine.begin() as conn:
            rp = relying_party(app, request)
            _check_answer(conn, rp, pending, credential, enrolment_code, now)
            token = _start_session(app, conn, request, pending.user_id)
    except SecurityKeyRefusedError as refused:
        _log.warning("security key refused: %s", refused.reason)
        return _refused(app, request, user_id)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE_NAME, token, secure=True, httponly=True, samesite="strict", path="/")
    response.delete_cookie(PENDING_COOKIE, secure=True, httponly=True, samesite="strict", path="/")
    return response


def _refused(app: AppState, request: Request, user_id: int | None) -> Response:
    """Count the failure (against the user when known, and the address) and start again."""
    address = request.client.host if request.client else "-"
    with app.engine.begin() as conn:
        username = _username(conn, user_id) if user_id is not None else ""
        keys = throttle_keys(username, address)
        if user_id is None:
            keys = {key: limit for key, limit in keys.items() if key.startswith("ip:")}
        record_failure(conn, keys, app.now())
    response = _sign_in_again(request, app, _REFUSED)
    response.delete_cookie(PENDING_COOKIE, secure=True, httponly=True, samesite="strict", path="/")
    return response


def _sign_in_again(request: Request, app: AppState, message: str) -> Response:
    """The sign-in form with ``message`` (400): every key-step failure starts again there."""
    sso = app.oidc is not None
    return render(
        request, "sign-in.html", status=400, errors={"username": message}, username="", sso=sso
    )


def _start_session(app: AppState, conn: Connection, request: Request, user_id: int) -> str:
    old = request.cookies.get(COOKIE_NAME)
    if old:
        revoke_session(conn, old, app.now())
    complete_sign_in(conn, user_id, app.now())
    token = create_session(conn, user_id, app.now())
    user = conn.execute(web_user.select().where(web_user.c.id == user_id)).one()
    entry = AuditEntry(user.username, user.role, user.agency, "role", "sign in", "sign-in")
    append_entry(conn, app.audit_key, entry, now=app.now())
    return token
