"""Security headers on every response, a correlation id per request, and the last-resort 500."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import Response

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


async def secure_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Give the request a correlation id, and every response the security headers.

    Dynamic responses are never cached (they may hold child data); static assets may be.
    """
    from fullpicture.web.errors import unexpected_error

    request.state.correlation_id = secrets.token_hex(8)
    started = time.perf_counter()
    try:
        response = await call_next(request)
    except Exception as exc:
        response = await unexpected_error(request, exc)
    response.headers.update(SECURITY_HEADERS)
    response.headers["X-Request-Id"] = request.state.correlation_id
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    if not request.url.path.startswith(_STATIC_PREFIXES):
        response.headers["Cache-Control"] = "no-store"
    return response
