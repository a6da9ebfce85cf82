"""Account administration (admin role): create accounts, disable them."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.errors import SanctioError
from sanctio.web.auth import Admin, AdminForm, web_context
from sanctio.web.rendering import page_path, render
from sanctio.web.sessions import Session
from sanctio.web.users import ROLES, UserError, create_user, disable_user, list_users

router = APIRouter()


def _page(
    request: Request,
    session: Session,
    *,
    error: str | None = None,
    done: str | None = None,
    status_code: int = 200,
    form: dict[str, str] | None = None,
) -> Response:
    return render(
        request, "users.html", status_code, session=session, section="users",
        users=list_users(web_context(request).database), roles=ROLES, error=error, done=done,
        form=form or {"name": "", "role": "analyst"},
    )  # fmt: skip


@router.get("/admin/users", name="users")
def users_page(request: Request, session: Admin, done: str | None = None) -> Response:
    """Every account, and the form to create one."""
    return _page(request, session, done=done)


@router.post("/admin/users", name="create_user")
def create_user_form(
    request: Request,
    session: AdminForm,
    name: str = Form(..., max_length=64),
    role: str = Form(...),
    password: str = Form(..., max_length=1024),
    password_again: str = Form(..., max_length=1024),
) -> Response:
    """Create an account."""
    form = {"name": name, "role": role}
    try:
        if password != password_again:
            raise UserError("password: the two passwords differ")
        create_user(web_context(request).database, name, role, password, actor=session.user.actor)
    except SanctioError as exc:
        return _page(request, session, error=str(exc), status_code=400, form=form)
    done = f"Account {name} created with the {role} role."
    return RedirectResponse(page_path(request, "users", query={"done": done}), status_code=303)


@router.post("/admin/users/{name}/disable", name="disable_user")
def disable_user_form(request: Request, name: str, session: AdminForm) -> Response:
    """Disable an account (never one's own)."""
    try:
        if name == session.user.name:
            raise UserError("you cannot disable your own account")
        disable_user(web_context(request).database, name, actor=session.user.actor)
    except SanctioError as exc:
        return _page(request, session, error=str(exc), status_code=400)
    done = f"Account {name} disabled; its sessions have ended."
    return RedirectResponse(page_path(request, "users", query={"done": done}), status_code=303)
