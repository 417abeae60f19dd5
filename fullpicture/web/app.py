"""The application factory: ``create_app(settings)`` builds the FastAPI app with its pages, API,
security middleware and error handling."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
import httpx2
import sqlalchemy as sa
from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from fullpicture.audit.keys import derive_key, load_or_create_key
from fullpicture.config import Settings
from fullpicture.errors import ConfigurationError
from fullpicture.field_keys import FieldCipher, keyring_path, load_or_create_keyring
from fullpicture.store.database import open_store
from fullpicture.web.clock import Clock, system_clock
from fullpicture.web.context import AppState, guard
from fullpicture.web.errors import install_error_handlers
from fullpicture.web.headers import SecureHeaders
from fullpicture.web.pages import create_environment
from fullpicture.web.policy import check_policy_covers
from fullpicture.web.routes import ROUTERS
from fullpicture.web.security.oidc import OidcProvider
from fullpicture.web.settings import WebSettings

log = logging.getLogger("fullpicture.web")
_STATIC = Path(__file__).with_name("static")


def cipher_for(settings: Settings) -> FieldCipher:
    """Return the field cipher over the keyring beside the service's master key file."""
    return FieldCipher(load_or_create_keyring(keyring_path(key_file_for(settings))))


def key_file_for(settings: Settings) -> Path:
    """Return the master key file: the configured one, or ``<data_dir>/secrets/fullpicture.key``."""
    return settings.secret_key_file or settings.data_dir / "secrets" / "fullpicture.key"


def _frontend_dist(web: WebSettings) -> Path:
    dist = web.frontend_dir / "dist" / "govuk"
    if not (dist / "govuk-frontend.min.css").exists():
        raise ConfigurationError(
            f"GOV.UK Frontend is not installed at {web.frontend_dir}.",
            hint="Run `npm ci` in the repository (make setup does it), or set "
            "FULLPICTURE_WEB_FRONTEND_DIR to an installed govuk-frontend package.",
        )
    return dist


def _mount_assets(app: FastAPI, dist: Path) -> None:
    app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")
    app.mount("/static/govuk", StaticFiles(directory=dist), name="govuk")
    app.mount("/static/app", StaticFiles(directory=_STATIC), name="static")


SQLITE_READER_PRAGMAS = ("PRAGMA mmap_size=268435456", "PRAGMA cache_size=-32768")
"""For the web's SQLite connections: pages are read through a memory map (256 MiB) and a larger
page cache (32 MiB per connection), so a child's records spread over a large store cost no
read() calls once warm. Durability settings (WAL, synchronous) stay those of the store."""


def _tune_sqlite_reader(engine: Engine) -> Engine:
    if engine.dialect.name == "sqlite":

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            for pragma in SQLITE_READER_PRAGMAS:
                cursor.execute(pragma)
            cursor.close()

        sa.event.listen(engine, "connect", on_connect)
    return engine


_FROZEN: list[bool] = []


def _freeze_startup_objects() -> None:
    # Once per process: an application built again in the same process (tests) adds nothing.
    if not _FROZEN:
        gc.freeze()
        gc.set_threshold(10_000, *gc.get_threshold()[1:])
        _FROZEN.append(True)


def _limit_route_threads(threads: int) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A lifespan that sets how many threads of the worker run the routes' blocking code.

    Only one thread runs Python at a time; each extra thread adds switching (and, under load,
    uneven waits), while a few keep the worker busy when one waits for the store's write lock.
    The limit is anyio's per-event-loop default, so it is set once the loop runs.

    The objects built at start-up (modules, routes, compiled templates and statements: about
    200,000) are also moved out of the garbage collector's view (``gc.freeze``): they live as
    long as the worker, and a full collection walking all of them every few hundred pages cost
    about 0.15 ms a page on average, as one pause of tens of milliseconds for an unlucky page.
    The youngest generation is collected after 10,000 allocations instead of 700: a page
    allocates several thousand objects that reference counting frees, so at 700 the collector
    ran about once a page (0.15 ms) to find almost nothing.
    """

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        _freeze_startup_objects()
        yield

    return lifespan


def application_routes() -> list[APIRoute]:
    """Every route of the application (routers carry full paths: no prefixes)."""
    return [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]


def create_app(
    settings: Settings,
    *,
    web_settings: WebSettings | None = None,
    engine: Engine | None = None,
    clock: Clock = system_clock,
    oidc_transport: httpx2.BaseTransport | None = None,
) -> FastAPI:
    """Build the web application.

    Args:
        settings: the shared settings (store URL, data folder, demo mode, key file).
        web_settings: the web settings; read from ``FULLPICTURE_WEB_*`` when omitted.
        engine: an open, migrated store; opened from ``settings`` when omitted.
        clock: the UTC clock (injectable so that tests can move time).
        oidc_transport: the HTTP transport to the identity provider (tests inject a fake one).

    Returns:
        The FastAPI application; the JSON API's OpenAPI document is at ``/api/openapi.json``.

    Raises:
        ConfigurationError: the front-end assets are missing, or a route has no policy entry.
    """
    web = web_settings or WebSettings()
    dist = _frontend_dist(web)
    app = FastAPI(
        lifespan=_limit_route_threads(web.route_threads),
        title="fullpicture",
        summary="Multi-agency chronologies and alerts for children's safeguarding.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        dependencies=[Depends(guard)],
    )
    master = load_or_create_key(key_file_for(settings))
    app.state.fp = AppState(
        settings=settings,
        web=web,
        engine=engine or _tune_sqlite_reader(open_store(settings.resolved_database_url())),
        audit_key=derive_key(master, "audit-chain"),
        clock=clock,
        templates=create_environment(),
        cipher=cipher_for(settings),
        oidc=(
            OidcProvider(web, derive_key(master, "oidc-flow"), oidc_transport)
            if web.oidc_enabled
            else None
        ),
    )
    for router in ROUTERS:
        app.include_router(router)
    check_policy_covers(application_routes())
    install_error_handlers(app)
    app.add_middleware(SecureHeaders)
    _mount_assets(app, dist)
    return app


def create_app_from_environment() -> FastAPI:
    """Build the app from the environment (``FULLPICTURE_*``): the factory for uvicorn workers.

    Example: uvicorn --factory fullpicture.web.app:create_app_from_environment --workers 2
    """
    from fullpicture.config import get_settings

    return create_app(get_settings())
