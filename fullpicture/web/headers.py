"""Security headers on every response, a correlation id per request, and the last-resort 500."""

from __future__ import annotations

import secrets
import time

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

_STATIC_PREFIXES = ("/assets/", "/static/")


class SecureHeaders:
    """ASGI middleware: a correlation id per request, and the security headers on every response.

    Dynamic responses are never cached (they may hold child data); static assets may be. The
    ``Server-Timing`` header gives the time from the request's arrival here to the response's
    start (for a child page, after its audit entry is committed). An error the routes leave
    unhandled becomes the last-resort 500, with the headers too.

    Written as plain ASGI rather than with ``BaseHTTPMiddleware``: that wrapper runs the app in a
    task group and streams the response through a memory channel, which cost more CPU per page
    than everything this middleware does.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        scope.setdefault("state", {})["correlation_id"] = secrets.token_hex(8)
        static = str(scope["path"]).startswith(_STATIC_PREFIXES)
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                _add_headers(message, scope, started, static)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if response_started:  # too late for an error page: let the server close it
                raise
            from fullpicture.web.errors import unexpected_error

            response = await unexpected_error(Request(scope), exc)
            await response(scope, receive, send_with_headers)


def _add_headers(message: Message, scope: Scope, started: float, static: bool) -> None:
    headers = MutableHeaders(scope=message)
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    headers["X-Request-Id"] = scope["state"]["correlation_id"]
    headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    if not static:
        headers["Cache-Control"] = "no-store"
