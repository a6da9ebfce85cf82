"""The analyst web UI: server-rendered pages on the shared Screener, store and case database.

The HTTP server mounts it at ``/ui`` on its shared state: ``mount_ui(app, state)``.
"""

from sanctio.web.app import create_web_app, mount_ui
from sanctio.web.context import WebContext, WebSettings

__all__ = ["WebContext", "WebSettings", "create_web_app", "mount_ui"]
