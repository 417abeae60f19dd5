"""The routers of the web application, one module per area; ``ROUTERS`` lists them all."""

from fastapi import APIRouter

from fullpicture.web.routes import (
    admin,
    alerts,
    analytics,
    api,
    audit,
    auth,
    children,
    exports,
    home,
    imports,
    learning,
    linkage,
    security_keys,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    security_keys.router,
    home.router,
    children.router,
    alerts.router,
    audit.router,
    imports.router,
    linkage.router,
    exports.router,
    learning.router,
    admin.router,
    analytics.router,
    api.router,
]
