"""The analyst web UI: server-rendered pages on the shared Screener, store and case database.

The HTTP server mounts it at ``/ui`` on its shared state: ``mount_ui(app, state)``. The
names below load on first use, so the CLI and the case database (which import
``sanctio.web.tables`` and ``sanctio.web.users``) do not import FastAPI or the templates.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sanctio.web.app import create_web_app, mount_ui
    from sanctio.web.context import WebContext, WebSettings

__all__ = ["WebContext", "WebSettings", "create_web_app", "mount_ui"]

_HOMES = {
    "create_web_app": "sanctio.web.app",
    "mount_ui": "sanctio.web.app",
    "WebContext": "sanctio.web.context",
    "WebSettings": "sanctio.web.context",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'sanctio.web' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
