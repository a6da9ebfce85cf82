"""Who is asking: the session cookie, the CSRF check on every form, and role checks.

Pages declare what they need as FastAPI dependencies: :func:`viewer` for any logged-in
account, :func:`requires` for a role; a form handler adds ``form=True`` and the form's
``csrf_token`` must then be the session's. Failures raise the exceptions below, which
the app turns into a redirect to the login page or a 403 page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import Response

from sanctio.web.context import WebContext
from sanctio.web.sessions import Session, load_session

__all__ = [
    "LOGIN_COOKIE",
    "SESSION_COOKIE",
    "Admin",
    "AdminForm",
    "AnalystForm",
    "CsrfError",
    "ForbiddenError",
    "LoginRequiredError",
    "ReviewerForm",
    "Viewer",
    "ViewerForm",
    "clear_cookie",
    "requires",
    "set_cookie",
    "viewer",
    "web_context",
]

SESSION_COOKIE = "sanctio_session"
LOGIN_COOKIE = "sanctio_login"  # the login form's own CSRF token, before any session exists
CSRF_FIELD = "csrf_token"


class LoginRequiredError(Exception):
    """No live session: the browser must log in."""


class ForbiddenError(Exception):
    """The account's role does not allow this."""


class CsrfError(Exception):
    """A form arrived without this session's CSRF token."""


def web_context(request: Request) -> WebContext:
    """The UI's shared state."""
    context: WebContext = request.app.state.web
    return context


def viewer(request: Request) -> Session:
    """The logged-in session (dependency for every page)."""
    context = web_context(request)
    settings = context.settings
    session = load_session(
        context.database,
        request.cookies.get(SESSION_COOKIE),
        now=context.clock(),
        idle=settings.session_idle,
        lifetime=settings.session_lifetime,
    )
    if session is None:
        raise LoginRequiredError
    request.state.session = session
    return session


async def form_viewer(request: Request, session: Annotated[Session, Depends(viewer)]) -> Session:
    """The logged-in session, for a form that carries the session's CSRF token."""
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not isinstance(token, str) or not session.csrf_ok(token):
        raise CsrfError
    return session


def requires(role: str, *, form: bool = False) -> Callable[..., Awaitable[Session]]:
    """A dependency: the session of an account with ``role`` (or above); ``form`` also
    checks the CSRF token."""
    base = form_viewer if form else viewer

    # A default, not an annotation: with postponed annotations FastAPI cannot see locals.
    async def check(session: Session = Depends(base)) -> Session:  # noqa: B008
        if not session.user.can(role):
            raise ForbiddenError(f"this needs the {role} role; your account is {session.user.role}")
        return session

    return check


def cookie_path(request: Request) -> str:
    """Cookies are scoped to the UI's mount path."""
    return request.scope.get("root_path") or "/"


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """Set an HttpOnly, SameSite=Lax cookie, Secure over https (or when configured)."""
    secure = web_context(request).settings.secure_cookies or request.url.scheme == "https"
    response.set_cookie(
        name, value, httponly=True, samesite="lax", secure=secure, path=cookie_path(request)
    )


def clear_cookie(request: Request, response: Response, name: str) -> None:
    """Remove a cookie set by :func:`set_cookie`."""
    response.delete_cookie(name, path=cookie_path(request), httponly=True, samesite="lax")


Viewer = Annotated[Session, Depends(viewer)]
"""Any logged-in account (a page parameter type)."""
ViewerForm = Annotated[Session, Depends(form_viewer)]
"""Any logged-in account posting a form with its CSRF token."""
AnalystForm = Annotated[Session, Depends(requires("analyst", form=True))]
"""An analyst (or above) posting a form."""
ReviewerForm = Annotated[Session, Depends(requires("reviewer", form=True))]
"""A reviewer (or admin) posting a form."""
Admin = Annotated[Session, Depends(requires("admin"))]
"""An admin viewing a page."""
AdminForm = Annotated[Session, Depends(requires("admin", form=True))]
"""An admin posting a form."""
