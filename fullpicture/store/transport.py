"""TLS to the database (security requirement 44): PostgreSQL must use ``sslmode=verify-full``.

``verify-full`` is the only libpq mode that both encrypts and checks that the server's
certificate is for the host named in the URL; ``require`` encrypts but accepts any server, so an
attacker on the path can still read everything. A connection over a Unix-domain socket never
leaves the host and has no TLS to configure, so it is allowed as it is.

Outside production (``FULLPICTURE_ENVIRONMENT=development``, or demo mode) the check can be
switched off explicitly with ``FULLPICTURE_ALLOW_INSECURE_DATABASE=true``; a warning is logged
on every start. In production the switch is refused.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy.engine import make_url

from fullpicture.errors import ConfigurationError

_log = logging.getLogger("fullpicture.store")
REQUIRED_SSLMODE = "verify-full"


def _is_unix_socket(host: str | None, query_host: str | None) -> bool:
    if query_host is not None:
        return query_host.startswith("/")
    return host is None or host.startswith("/")


def tls_problem(url: str) -> str | None:
    """Return why ``url`` is not protected by verified TLS, or None when it is (or need not be).

    The ``sslmode`` comes from the URL's query, else from libpq's ``PGSSLMODE`` environment
    variable, exactly as libpq would pick it.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    query_host = parsed.query.get("host")
    if _is_unix_socket(parsed.host, query_host if isinstance(query_host, str) else None):
        return None
    mode = parsed.query.get("sslmode") or os.environ.get("PGSSLMODE") or "prefer"
    if mode != REQUIRED_SSLMODE:
        return f"the PostgreSQL connection uses sslmode={mode}, not {REQUIRED_SSLMODE}"
    return None


def check_database_transport(url: str, *, allow_insecure: bool, production: bool) -> None:
    """Refuse to use ``url`` unless its transport is verified TLS (or the opt-out applies).

    Args:
        url: the SQLAlchemy URL of the store.
        allow_insecure: ``FULLPICTURE_ALLOW_INSECURE_DATABASE``, the explicit opt-out.
        production: False in development or demo mode, the only places the opt-out counts.

    Raises:
        ConfigurationError: TLS is not verified, and the opt-out is absent or not allowed here.
    """
    problem = tls_problem(url)
    if problem is None:
        return
    if allow_insecure and not production:
        _log.warning("INSECURE: %s (allowed for development or demo only)", problem)
        return
    if allow_insecure:
        raise ConfigurationError(
            f"Refusing to start: {problem}, and FULLPICTURE_ALLOW_INSECURE_DATABASE is not "
            "accepted in production.",
            hint="Add ?sslmode=verify-full (with sslrootcert=<CA file> or sslrootcert=system) to "
            "FULLPICTURE_DATABASE_URL.",
        )
    raise ConfigurationError(
        f"Refusing to start: {problem}; the store would travel unencrypted or unverified.",
        hint="Add ?sslmode=verify-full (with sslrootcert=<CA file> or sslrootcert=system) to "
        "FULLPICTURE_DATABASE_URL. For local development only, set "
        "FULLPICTURE_ENVIRONMENT=development and FULLPICTURE_ALLOW_INSECURE_DATABASE=true.",
    )
