"""Administration of users, roles, assignments and record restriction (no case content)."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from fullpicture.errors import NotFoundError
from fullpicture.vocabulary import Agency
from fullpicture.web.accounts import (
    AccountError,
    add_user,
    assign_child,
    set_restricted,
    unassign_child,
    update_user,
)
from fullpicture.web.context import (
    App,
    AppState,
    CurrentUser,
    audited_unit,
)
from fullpicture.web.pages import render
from fullpicture.web.params import RowId
from fullpicture.web.roles import Role
from fullpicture.web.security.security_keys import (
    KeySummary,
    issue_enrolment_code,
    list_keys,
    revoke_key,
)
from fullpicture.web.security.totp import provisioning_uri
from fullpicture.web.tables import assignment, web_user

router = APIRouter(include_in_schema=False)  # pages; the API is in api.py

_CHOICES: dict[str, Any] = {"roles": [r.value for r in Role], "agencies": [a.value for a in Agency]}


@router.get("/admin/users")
def users_page(
    user: CurrentUser,
    app: App,
    request: Request,
) -> Response:
    """Every user with role, agency and status."""
    with app.engine.connect() as conn:
        users = conn.execute(web_user.select().order_by(web_user.c.username)).all()
    return render(request, "admin-users.html", users=users, errors={})


@router.get("/admin/users/new")
def new_user_page(request: Request) -> Response:
    """The form to add a user."""
    return render(request, "admin-user-new.html", errors={}, values={}, **_CHOICES)


@router.post("/admin/users")
def create_user(
    user: CurrentUser,
    app: App,
    request: Request,
    username: Annotated[str, Form(max_length=128)] = "",
    display_name: Annotated[str, Form(alias="display-name", max_length=256)] = "",
    role: Annotated[str, Form(max_length=32)] = "",
    agency: Annotated[str, Form(max_length=32)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Create the user; show the TOTP secret once."""
    values = {"username": username, "display-name": display_name, "role": role, "agency": agency}
    try:
        with audited_unit(
            app,
            user,
            purpose="add user",
            action="change",
            detail={"username": username, "role": role},
        ) as conn:
            created = add_user(
                conn,
                username=username,
                display_name=display_name,
                role=role,
                agency=agency,
                password=password,
                now=app.now(),
                cipher=app.cipher,
            )
    except AccountError as exc:
        return render(
            request,
            "admin-user-new.html",
            status=400,
            values=values,
            errors={"username": exc.message},
            **_CHOICES,
        )
    uri = provisioning_uri(created.totp_secret, username) if created.totp_secret else None
    return render(request, "admin-user-created.html", created=created, uri=uri)


def _load_user(app: AppState, user_id: int) -> tuple[sa.Row[tuple[object, ...]], list[str]]:
    with app.engine.connect() as conn:
        row = conn.execute(web_user.select().where(web_user.c.id == user_id)).one_or_none()
        if row is None:
            raise NotFoundError("Page not found")
        children = conn.execute(
            sa.select(assignment.c.person_id).where(assignment.c.user_id == user_id)
        ).scalars()
        return row, [str(c) for c in children]


def _keys(app: AppState, user_id: int) -> list[KeySummary]:
    with app.engine.connect() as conn:
        return list_keys(conn, user_id)


@router.get("/admin/users/{user_id}")
def user_page(request: Request, user_id: RowId, app: App) -> Response:
    """One user: change role, agency or status; assignments (by person id); security keys."""
    row, children = _load_user(app, user_id)
    return render(request, "admin-user.html", account=row, children=children, errors={},
                  keys=_keys(app, user_id), **_CHOICES)  # fmt: skip


@router.post("/admin/users/{user_id}/security-keys/{key_id}/revoke")
def revoke_security_key(user: CurrentUser, app: App, user_id: RowId, key_id: RowId) -> Response:
    """Remove a lost or retired security key; the user's live sessions end at once."""
    _load_user(app, user_id)
    with audited_unit(app, user, purpose="revoke security key", action="change",
                      detail={"user_id": user_id, "key_id": key_id}) as conn:  # fmt: skip
        revoke_key(conn, user_id, key_id, app.now())
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


@router.post("/admin/users/{user_id}/enrolment-code")
def issue_key_enrolment(request: Request, user: CurrentUser, app: App, user_id: RowId) -> Response:
    """Issue a one-time code (24 hours) with which the user registers a security key at sign-in.

    The code is shown once, on this page; earlier unused codes lapse.
    """
    row, children = _load_user(app, user_id)
    with audited_unit(app, user, purpose="issue security key enrolment code", action="change",
                      detail={"user_id": user_id}) as conn:  # fmt: skip
        code = issue_enrolment_code(conn, user_id, app.now())
    return render(request, "admin-user.html", account=row, children=children, errors={},
                  keys=_keys(app, user_id), enrolment_code=code, **_CHOICES)  # fmt: skip


@router.post("/admin/users/{user_id}")
def change_user(
    user: CurrentUser,
    app: App,
    user_id: RowId,
    role: Annotated[str, Form(max_length=32)] = "",
    agency: Annotated[str, Form(max_length=32)] = "",
    disabled: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Change the user; their live sessions end at once."""
    _load_user(app, user_id)
    with audited_unit(
        app,
        user,
        purpose="change user",
        action="change",
        detail={"user_id": user_id, "role": role, "disabled": disabled},
    ) as conn:
        update_user(
            conn, user_id, role=role, agency=agency, disabled=disabled == "yes", now=app.now()
        )
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


@router.post("/admin/users/{user_id}/assignments")
def add_assignment(
    user: CurrentUser,
    app: App,
    request: Request,
    user_id: RowId,
    person_id: Annotated[str, Form(alias="person-id", max_length=16)] = "",
) -> Response:
    """Assign a child (by person id) to the user."""
    row, children = _load_user(app, user_id)
    try:
        with audited_unit(
            app,
            user,
            purpose="assign child",
            action="change",
            subject=person_id,
            detail={"user_id": user_id},
        ) as conn:
            assign_child(conn, user_id, person_id.strip(), granted_by=user.username, now=app.now())
    except NotFoundError:
        return render(
            request,
            "admin-user.html",
            status=400,
            account=row,
            children=children,
            keys=_keys(app, user_id),
            errors={"person-id": "Enter the id of a person in the store"},
            **_CHOICES,
        )
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


@router.post("/admin/users/{user_id}/assignments/{person_id}/remove")
def remove_assignment(
    user: CurrentUser,
    app: App,
    user_id: RowId,
    person_id: str,
) -> Response:
    """End the user's assignment to the child; it takes effect on their next request."""
    with audited_unit(
        app,
        user,
        purpose="unassign child",
        action="change",
        subject=person_id,
        detail={"user_id": user_id},
    ) as conn:
        unassign_child(conn, user_id, person_id)
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


@router.post("/admin/restrictions")
def change_restriction(
    user: CurrentUser,
    app: App,
    request: Request,
    person_id: Annotated[str, Form(alias="person-id", max_length=16)] = "",
    restricted: Annotated[str, Form(max_length=5)] = "",
    back: Annotated[str, Form(max_length=64)] = "/admin/users",
) -> Response:
    """Restrict a record (or lift the restriction), by person id."""
    try:
        with audited_unit(
            app,
            user,
            purpose="change restriction",
            action="change",
            subject=person_id,
            detail={"restricted": restricted == "yes"},
        ) as conn:
            set_restricted(conn, person_id.strip(), restricted == "yes")
    except NotFoundError:
        with app.engine.connect() as conn:
            users = conn.execute(web_user.select().order_by(web_user.c.username)).all()
        return render(
            request,
            "admin-users.html",
            status=400,
            users=users,
            errors={"person-id": "Enter the id of a person in the store"},
        )
    target = back if back.startswith("/admin/") else "/admin/users"
    return RedirectResponse(target, status_code=303)
