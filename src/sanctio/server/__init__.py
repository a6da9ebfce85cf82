"""The HTTP API (FastAPI): screening as a service, on the one Screener.

``create_app(ServerSettings.from_env())`` builds the app; ``sanctio serve`` runs it with
uvicorn. Modules: ``settings`` (configuration), ``state`` (what a process holds),
``index`` (the Screener and its atomic swap), ``keys`` and ``auth`` (API keys, roles),
``ratelimit``, ``audit_writer`` (batched audit records), ``middleware`` and ``metrics``,
``errors`` (JSON errors), ``schemas``, and the routers ``screening``, ``yente``, ``data``
and ``system``. Guide: docs/api.md.

The names below load on first use, so importing ``sanctio.server.keys`` (as the case
database and the CLI do) does not import FastAPI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sanctio.server.app import create_app
    from sanctio.server.settings import ServerSettings
    from sanctio.server.state import ServiceState

__all__ = ["ServerSettings", "ServiceState", "create_app"]

_HOMES = {
    "create_app": "sanctio.server.app",
    "ServerSettings": "sanctio.server.settings",
    "ServiceState": "sanctio.server.state",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'sanctio.server' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
