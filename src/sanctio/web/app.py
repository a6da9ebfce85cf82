"""The web UI as an ASGI application, mounted by the server at ``/ui``.

``create_web_app(context)`` builds it on the shared state (list store, case database,
current Screener); the HTTP API's ``create_app`` mounts it, so both run in one process
on one Screener. Pages are server-rendered; every response carries a strict Content
Security Policy (no inline script or style) and is never cached unless it is a static file.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sanctio.errors import NotFoundError, SanctioError
from sanctio.web.auth import CsrfError, ForbiddenError, LoginRequiredError
from sanctio.web.context import WebContext
from sanctio.web.pages import alerts, audit, entities, lists, login, screening, users
from sanctio.web.rendering import page_path, render
from sanctio.web.warmup import start_warmup

if TYPE_CHECKING:
    from sanctio.server.state import ServiceState

__all__ = ["UI_PATH", "create_web_app", "mount_ui"]

UI_PATH = "/ui"

STATIC_DIR = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_web_app(context: WebContext) -> FastAPI:
    """The analyst UI on ``context``; mount it (``app.mount("/ui", create_web_app(...))``)."""
    app = FastAPI(title="Sanctio analyst UI", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = context
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (login, screening, entities, lists, alerts, audit, users):
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        return RedirectResponse(page_path(request, "screen_form"), status_code=303)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if "/static/" not in request.url.path:
            response.headers["Cache-Control"] = "no-store"
        return response

    _add_error_pages(app)
    return app


def mount_ui(app: FastAPI, state: ServiceState) -> None:
    """Serve the UI from the HTTP service's ``app`` at ``/ui`` on its shared state, send
    visitors of ``/`` to it, and warm its caches whenever a new index loads."""
    app.mount(UI_PATH, create_web_app(WebContext.for_service(state)))
    start_warmup(state)

    @app.get("/", include_in_schema=False)
    def root() -> Response:
        return RedirectResponse(f"{UI_PATH}/", status_code=307)


def _error_page(request: Request, status_code: int, title: str, message: str) -> Response:
    return render(
        request,
        "error.html",
        status_code,
        title=title,
        message=message,
        session=getattr(request.state, "session", None),
    )


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(LoginRequiredError)
    async def login_required(request: Request, _exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            target = page_path(request, "screen_form")
        login_page = page_path(request, "login_form")
        return RedirectResponse(f"{login_page}?{urlencode({'next': target})}", status_code=303)

    @app.exception_handler(ForbiddenError)
    async def forbidden(request: Request, exc: Exception) -> Response:
        return _error_page(request, 403, "Not allowed", str(exc))

    @app.exception_handler(CsrfError)
    async def csrf_failed(request: Request, _exc: Exception) -> Response:
        message = (
            "The form was refused: it had expired or did not come from this site. "
            "Go back, reload the page and try again."
        )
        return _error_page(request, 403, "Form refused", message)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error_page(request, 404, "Not found", str(exc))

    @app.exception_handler(SanctioError)
    async def bad_request(request: Request, exc: Exception) -> Response:
        return _error_page(request, 400, "Cannot do that", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
            for e in exc.errors()
        )
        return _error_page(request, 400, "Invalid input", problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        title = "Not ready yet" if exc.status_code == 503 else "Error"
        response = _error_page(request, exc.status_code, title, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response
