"""The analyst web UI: server-rendered pages on the shared Screener, store and case database.

Mount it in the HTTP server: ``app.mount("/ui", create_web_app(WebContext(...)))``.
"""

from sanctio.web.app import create_web_app
from sanctio.web.context import WebContext, WebSettings

__all__ = ["WebContext", "WebSettings", "create_web_app"]
