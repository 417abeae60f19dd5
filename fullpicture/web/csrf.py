"""CSRF protection: a synchroniser token tied to the server-side session, plus an Origin check.

Every state-changing request must come from an allowed origin (the ``Origin`` header, or the
``Referer`` when a browser omits it); a signed-in request must also carry the session's token in
the ``csrf_token`` form field or the ``X-CSRF-Token`` header, compared in constant time.
"""

from __future__ import annotations

import hmac
from contextlib import AsyncExitStack
from urllib.parse import urlsplit

from fastapi import Request

from fullpicture.errors import AccessDeniedError
from fullpicture.web.security.sessions import SignedInUser

FORM_FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def _origin_of(request: Request) -> str | None:
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return origin
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


async def _submitted_token(request: Request) -> str:
    header = request.headers.get(HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        # Uploaded files are closed when the request ends, even when it is refused afterwards.
        stack = request.scope.get("fastapi_middleware_astack")
        if isinstance(stack, AsyncExitStack):
            stack.push_async_callback(form.close)
        value = form.get(FORM_FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def check_csrf(request: Request, allowed: list[str], user: SignedInUser | None) -> None:
    """Refuse a state-changing request from another origin or without the session's token.

    Raises:
        AccessDeniedError: the origin is missing or foreign, or the token does not match.
    """
    origin = _origin_of(request)
    if origin is None or origin not in (allowed or [_own_origin(request)]):
        raise AccessDeniedError("This request came from another site and was refused.")
    if user is None:
        return  # sign-in: no session yet; the origin check above prevents login CSRF
    submitted = await _submitted_token(request)
    if not hmac.compare_digest(submitted.encode(), user.csrf_token.encode()):
        raise AccessDeniedError("The form has expired. Go back, reload the page and try again.")
