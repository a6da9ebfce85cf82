"""Logging in and out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.audit import AuditEvent, append
from sanctio.web.auth import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    ViewerForm,
    clear_cookie,
    set_cookie,
    web_context,
)
from sanctio.web.rendering import page_path, render
from sanctio.web.sessions import end_session, purge_expired, start_session
from sanctio.web.users import authenticate

router = APIRouter()


def safe_next(request: Request, target: str | None) -> str:
    """Where to go after logging in: a page of the UI, never another site."""
    home = page_path(request, "screen_form")
    prefix = request.scope.get("root_path", "") + "/"
    if target and target.startswith(prefix) and not target.startswith("//") and "\\" not in target:
        return target
    return home


def _login_page(
    request: Request,
    *,
    next_page: str,
    error: str | None = None,
    status_code: int = 200,
    name: str = "",
) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request, "login.html", status_code, login_token=token, next_page=next_page, error=error,
        name=name, session=None,
    )  # fmt: skip
    set_cookie(request, response, LOGIN_COOKIE, token)
    return response


@router.get("/login", name="login_form")
def login_form(request: Request, next: str | None = None) -> Response:
    """The login form."""
    return _login_page(request, next_page=safe_next(request, next))


@router.post("/login", name="login")
def login(
    request: Request,
    name: str = Form(..., max_length=200),
    password: str = Form(..., max_length=1024),
    login_token: str = Form(""),
    next: str = Form(""),
) -> Response:
    """Check the name and password; open a session and go on to the page asked for."""
    context = web_context(request)
    db, throttle, now = context.database, context.settings.throttle, context.clock()
    next_page = safe_next(request, next)
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, login_token):
        return _login_page(
            request, next_page=next_page, status_code=403, name=name,
            error="The login form had expired or did not come from this site. Please try again.",
        )  # fmt: skip
    address = request.client.host if request.client else None
    keys = throttle.keys(name, address)
    wait = throttle.retry_after(db, keys, now=now)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        response = _login_page(
            request, next_page=next_page, status_code=429, name=name,
            error=f"Too many failed logins. Try again in {minutes} minute(s).",
        )  # fmt: skip
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    user = authenticate(db, name, password)
    subject = f"user:{name[:64]}"
    if user is None:
        with db.begin() as connection:
            throttle.record_failure(connection, keys, now=now)
            append(
                connection,
                AuditEvent("anonymous", "user.login_failed", subject, {"address": address}),
            )
        return _login_page(
            request, next_page=next_page, status_code=401, name=name,
            error="Wrong name or password, or the account is disabled.",
        )  # fmt: skip
    settings = context.settings
    with db.begin() as connection:
        throttle.clear(connection, keys[0])
        # sessions left to expire (never logged out) go here, not one by one
        purge_expired(
            connection, now=now, idle=settings.session_idle, lifetime=settings.session_lifetime
        )
        token = start_session(connection, user, now=now)
        append(connection, AuditEvent(user.actor, "user.login", subject, {"address": address}))
    response = RedirectResponse(next_page, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token)
    clear_cookie(request, response, LOGIN_COOKIE)
    return response


@router.post("/logout", name="logout")
def logout(request: Request, session: ViewerForm) -> Response:
    """End the session."""
    db = web_context(request).database
    with db.begin() as connection:
        end_session(connection, request.cookies.get(SESSION_COOKIE, ""))
        append(connection, AuditEvent(session.user.actor, "user.logout", session.user.actor))
    response = RedirectResponse(page_path(request, "login_form"), status_code=303)
    clear_cookie(request, response, SESSION_COOKIE)
    return response
