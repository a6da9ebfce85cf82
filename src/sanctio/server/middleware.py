"""The ASGI layer around every request: request id, body-size limit, metrics.

Written as plain ASGI (no per-request task or body copy) because it runs on every call.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctio.server.metrics import REQUEST_SECONDS, REQUESTS

__all__ = ["ServiceMiddleware"]

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the request body is larger than the limit of {limit} bytes")


class ServiceMiddleware:
    """Gives each request an id (``X-Request-ID``, the client's if well-formed), refuses
    bodies over ``max_body_bytes`` with 413 (by Content-Length, and by counting the bytes
    of a chunked body), and counts requests and their latency by route."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope["headers"])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        limit = self.max_body_bytes
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            receive = _refusing_receive(limit)
        else:
            receive = _counting_receive(receive, limit)

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)


def _refusing_receive(limit: int) -> Receive:
    async def receive() -> Message:
        raise _too_large(limit)

    return receive


def _counting_receive(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def counted() -> Any:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit)
        return message

    return counted
