"""The FastAPI application: :func:`create_app` builds it from settings.

Other packages add their routers to the app this returns (``app.include_router(...)``)
and reach the process's shared objects through ``request.app.state.sanctio`` (a
:class:`~sanctio.server.state.ServiceState`); :func:`create_app` takes extra routers too.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import metadata
from pathlib import Path

from fastapi import APIRouter, FastAPI

from sanctio.screener import Screener
from sanctio.server import data, exposure, screening, system, yente
from sanctio.server.errors import install_error_handlers
from sanctio.server.index import build_from_store
from sanctio.server.metrics import mark_process_dead
from sanctio.server.middleware import ServiceMiddleware
from sanctio.server.settings import ServerSettings
from sanctio.server.state import ServiceState
from sanctio.web import mount_ui

__all__ = ["ROUTERS", "app_from_env", "create_app"]

log = logging.getLogger("sanctio.server")

# The API's own routers, in the order they appear in the OpenAPI document.
ROUTERS: tuple[APIRouter, ...] = (
    screening.router,
    yente.router,
    data.router,
    exposure.router,
    system.router,
)

DESCRIPTION = """Sanctions screening over HTTP: the same Screener as the Python API and the
`sanctio` command. Authenticate with `Authorization: Bearer <key>` (or `ApiKey <key>`, or
`X-API-Key: <key>`); keys are made with `sanctio keys create --role ROLE`. Guide with
curl examples: docs/api.md."""


def create_app(
    settings: ServerSettings,
    *,
    routers: Iterable[APIRouter] = (),
    build: Callable[[Path], Screener] = build_from_store,
    state: ServiceState | None = None,
) -> FastAPI:
    """The service for ``settings``, with the API's routers and any extra ``routers``.

    At start-up the audit writer starts and the index is built in the background
    (``/readyz`` says when it is loaded); at shutdown every queued audit record is
    written. ``build`` makes the Screener from the home folder (tests pass their own);
    ``state`` replaces the whole shared state.
    """
    service_state = state or ServiceState.create(settings, build=build)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        service_state.start()
        try:
            yield
        finally:
            service_state.stop()
            mark_process_dead()

    app = FastAPI(
        title="Sanctio",
        version=metadata.version("sanctio"),
        description=DESCRIPTION,
        lifespan=lifespan,
        # The service exports its own Prometheus metrics; FastAPI's OpenTelemetry stays off.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.sanctio = service_state
    app.add_middleware(ServiceMiddleware, max_body_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    for router in (*ROUTERS, *routers):
        app.include_router(router)
    mount_ui(app, service_state)  # the analyst UI at /ui
    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory``: settings from ``SANCTIO_*`` variables."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return create_app(ServerSettings.from_env())
