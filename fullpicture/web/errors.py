"""Translating errors into pages and JSON: GOV.UK wording, no stack traces, a correlation id.

JSON errors always have the shape ``{"error": {"status", "code", "message", "correlation_id"}}``
(built by :func:`error_body`, pinned by a test).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from fullpicture.errors import AccessDeniedError, AuditError, FullpictureError, NotFoundError
from fullpicture.web.context import NotSignedInError
from fullpicture.web.pages import render
from fullpicture.web.security.snooping import ViewingThrottledError

log = logging.getLogger("fullpicture.web")

_CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}
_PAGES = {
    400: "error/400.html",
    403: "error/403.html",
    404: "error/404.html",
    405: "error/405.html",
    429: "error/429.html",
    500: "error/500.html",
    503: "error/503.html",
}


def correlation_id(request: Request) -> str:
    """Return the id that ties this request's log lines to what the user was shown."""
    return str(getattr(request.state, "correlation_id", "-"))


def error_body(status: int, message: str, correlation: str) -> dict[str, Any]:
    """Build the one JSON error shape of the API."""
    code = _CODES.get(status, "error")
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "correlation_id": correlation,
        }
    }


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    """Return the page or JSON for an error; 404 pages never vary with what was asked for."""
    if _is_api(request):
        return JSONResponse(error_body(status, message, correlation_id(request)), status)
    return render(
        request,
        _PAGES.get(status, "error/400.html"),
        status=status,
        message=message,
        correlation=correlation_id(request),
    )


async def _not_signed_in(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return error_response(request, 401, "Sign in to continue.")
    return RedirectResponse("/sign-in", status_code=303)


async def _denied(request: Request, exc: Exception) -> Response:
    message = exc.message if isinstance(exc, AccessDeniedError) else "Forbidden"
    return error_response(request, 403, message)


async def _not_found(request: Request, exc: Exception) -> Response:
    # The same message for a missing record and a restricted one: nothing may differ.
    return error_response(request, 404, "Page not found")


async def _throttled(request: Request, exc: Exception) -> Response:
    message = str(exc) if isinstance(exc, ViewingThrottledError) else "Too many requests"
    return error_response(request, 429, message)


async def _audit_failed(request: Request, exc: Exception) -> Response:
    log.error("audit write failed [%s]", correlation_id(request), exc_info=exc)
    return error_response(request, 503, "Sorry, the service is unavailable")


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    if status == 404:
        return await _not_found(request, exc)
    return error_response(request, status, str(getattr(exc, "detail", "Error")))


async def _domain_error(request: Request, exc: Exception) -> Response:
    message = exc.message if isinstance(exc, FullpictureError) else "There is a problem"
    return error_response(request, 400, message)


async def _invalid(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, "There is a problem with the request")


async def unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled error [%s]", correlation_id(request), exc_info=exc)
    return error_response(request, 500, "Sorry, there is a problem with the service")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into a page or JSON, never a traceback."""
    app.add_exception_handler(NotSignedInError, _not_signed_in)
    app.add_exception_handler(AccessDeniedError, _denied)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(AuditError, _audit_failed)
    app.add_exception_handler(ViewingThrottledError, _throttled)
    app.add_exception_handler(FullpictureError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, unexpected_error)
