"""Authentication and authorisation: which key calls, and may it.

A key is sent as ``Authorization: Bearer <key>``, ``Authorization: ApiKey <key>`` (what
OpenSanctions API clients send) or ``X-API-Key: <key>``; never in the URL, so access logs
cannot hold one. Missing or unknown keys get 401, a role too low gets 403, a key over its
rate gets 429 with ``Retry-After``. Error messages never repeat the key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPBearer

from sanctio.server.keys import ApiKey, Role
from sanctio.server.state import Service, ServiceState

__all__ = [
    "AdminKey",
    "AnalystKey",
    "BatchScreenKey",
    "ScreenKey",
    "actor",
    "charge",
    "presented_key",
    "require",
]

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: <key>")

_SCHEMES = ("bearer", "apikey")


def presented_key(request: Request) -> str | None:
    """The key a request carries, or None."""
    header = request.headers.get("x-api-key")
    if header:
        return header.strip()
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() in _SCHEMES and value.strip():
        return value.strip()
    return None


def actor(key: ApiKey) -> str:
    """How the audit trail names the caller: the key's id, never the key."""
    return f"api-key:{key.id}"


def charge(state: ServiceState, key: ApiKey, cost: int) -> None:
    """Take ``cost`` tokens of the key's rate limit, or raise 429."""
    wait = state.rate_limiter.take(key.id, cost)
    if wait:
        raise HTTPException(
            429,
            f"rate limit of {state.settings.rate_limit:g} parties a second for this key "
            f"exceeded; retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )


def require(role: Role, *, per_request: bool = True) -> Callable[..., ApiKey]:
    """A dependency admitting keys of ``role`` or above, charging one token per request
    (``per_request=False``: the route charges one per party itself, with :func:`charge`).

    It runs on the event loop: a known key is a dictionary look-up; an unknown one is
    one indexed query, the only blocking call, and rare (see :class:`KeyCache`).
    """

    async def dependency(
        request: Request,
        state: Service,
        _bearer_doc: Annotated[object, Security(_bearer)],
        _header_doc: Annotated[object, Security(_header)],
    ) -> ApiKey:
        key = presented_key(request)
        if key is None:
            raise HTTPException(
                401,
                "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        record = state.keys.lookup(key)
        if record is None:
            raise HTTPException(
                401,
                "the API key is not valid or was revoked",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if record.role < role:
            raise HTTPException(
                403, f"this endpoint needs the {role.label} role; the key has {record.role.label}"
            )
        if per_request:
            charge(state, record, 1)
        return record

    return dependency


ScreenKey = Annotated[ApiKey, Depends(require(Role.SCREEN))]
BatchScreenKey = Annotated[ApiKey, Depends(require(Role.SCREEN, per_request=False))]
AnalystKey = Annotated[ApiKey, Depends(require(Role.ANALYST))]
AdminKey = Annotated[ApiKey, Depends(require(Role.ADMIN))]
