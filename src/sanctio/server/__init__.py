"""The HTTP API (FastAPI): screening as a service, on the one Screener.

``create_app(ServerSettings.from_env())`` builds the app; ``sanctio serve`` runs it with
uvicorn. Modules: ``settings`` (configuration), ``state`` (what a process holds),
``index`` (the Screener and its atomic swap), ``keys`` and ``auth`` (API keys, roles),
``ratelimit``, ``audit_writer`` (batched audit records), ``middleware`` and ``metrics``,
``errors`` (JSON errors), ``schemas``, and the routers ``screening``, ``yente``, ``data``
and ``system``. Guide: docs/api.md.
"""

from sanctio.server.app import create_app
from sanctio.server.settings import ServerSettings
from sanctio.server.state import ServiceState

__all__ = ["ServerSettings", "ServiceState", "create_app"]
