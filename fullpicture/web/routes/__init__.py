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
    sharing,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    home.router,
    children.router,
    alerts.router,
    audit.router,
    imports.router,
    linkage.router,
    exports.router,
    learning.router,
    admin.router,
    sharing.router,
    analytics.router,
    api.router,
]
