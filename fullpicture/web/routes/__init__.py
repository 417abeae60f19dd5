"""The routers of the web application, one module per area; ``ROUTERS`` lists them all."""

from fastapi import APIRouter

from fullpicture.web.routes import admin, analytics, api, audit, auth, children, home, imports

ROUTERS: list[APIRouter] = [
    auth.router,
    home.router,
    children.router,
    audit.router,
    imports.router,
    admin.router,
    analytics.router,
    api.router,
]
