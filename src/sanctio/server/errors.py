"""Every error as JSON: ``{"detail": ...}`` like FastAPI's own, with field paths for 422.

A validation error lists each problem with ``field`` (``parties[3].birth_date``), the
raw ``loc``, ``message`` and ``type``. Errors the library raises map to statuses: a
QueryError (a query the Screener refuses) is 422 naming its field, NotFoundError 404,
other SanctioError 400, a full audit backlog 503.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from sanctio.errors import NotFoundError, QueryError, SanctioError
from sanctio.server.audit_writer import AuditUnavailable

__all__ = ["field_path", "install_error_handlers", "query_error_detail"]


def field_path(loc: Sequence[Any]) -> str:
    """``("body", "parties", 3, "name")`` as ``parties[3].name``."""
    path = ""
    for part in loc[1:] if loc and loc[0] in ("body", "query", "path", "header") else loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def query_error_detail(exc: QueryError, prefix: str = "") -> dict[str, str | None]:
    """A QueryError ("birth_date: cannot read ...") as ``{field, message}``."""
    text = str(exc)
    field, sep, message = text.partition(": ")
    if not sep or " " in field:
        return {"field": prefix.rstrip(".") or None, "message": text}
    return {"field": f"{prefix}{field}", "message": message}


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "field": field_path(e.get("loc", ())),
            "loc": list(e.get("loc", ())),
            "message": e.get("msg", ""),
            "type": e.get("type", ""),
        }
        for e in exc.errors()
    ]
    return JSONResponse({"detail": errors}, status_code=422)


async def _query_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueryError)
    return JSONResponse({"detail": [query_error_detail(exc)]}, status_code=422)


async def _sanctio_error(_request: Request, exc: Exception) -> JSONResponse:
    status = 404 if isinstance(exc, NotFoundError) else 400
    return JSONResponse({"detail": str(exc)}, status_code=status)


async def _audit_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        {"detail": f"screening is paused: the audit trail cannot be written ({exc})"},
        status_code=503,
        headers={"Retry-After": "10"},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers above on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(AuditUnavailable, _audit_unavailable)
    app.add_exception_handler(SanctioError, _sanctio_error)
