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
    learning_actions,
    learning_api,
    learning_gaps,
    learning_import,
    learning_report,
    learning_reviews,
    learning_rules,
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
    learning_import.router,
    learning_reviews.router,
    learning_report.router,
    learning_rules.router,
    learning_gaps.router,
    learning_actions.router,
    admin.router,
    sharing.router,
    analytics.router,
    api.router,
    learning_api.router,
]
