"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from fullpicture.audit.chain import AuditEntry, append_entry
from fullpicture.web.context import App, AppState
from fullpicture.web.pages import render
from fullpicture.web.security.sessions import COOKIE_NAME, create_session, revoke_session
from fullpicture.web.signin import attempt_sign_in
from fullpicture.web.tables import web_user

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py

_FAILED = "Enter a correct user name, password and security code"
_LOCKED = "Too many attempts. Wait 15 minutes, then try again"


def _set_session_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE_NAME, token, secure=True, httponly=True, samesite="strict", path="/")


@router.get("/sign-in")
def sign_in_page(request: Request) -> Response:
    """The sign-in form."""
    return render(request, "sign-in.html", errors={}, username="")


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
        )
        if outcome.user_id is None:
            status, message = (429, _LOCKED) if outcome.locked else (400, _FAILED)
        else:
            old = request.cookies.get(COOKIE_NAME)
            if old:
                revoke_session(conn, old, app.now())
            token = create_session(conn, outcome.user_id, app.now())
            user = conn.execute(web_user.select().where(web_user.c.id == outcome.user_id)).one()
            _audit_sign_in(app, conn, user.username, user.role, user.agency)
    if outcome.user_id is None:
        return render(
            request,
            "sign-in.html",
            status=status,
            errors={"username": message},
            username=username,
        )
    response = RedirectResponse("/", status_code=303)
    _set_session_cookie(response, token)
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
