"""What the web UI runs on: the list store, the case database and the current Screener."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sanctio.database import Database
from sanctio.screener import Screener
from sanctio.store import Store
from sanctio.web.throttle import LoginThrottle

__all__ = ["WebContext", "WebSettings"]


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Session and login policy.

    ``session_idle``: seconds a session may go unused; ``session_lifetime``: seconds a
    session lasts at most; ``secure_cookies``: always mark cookies Secure (behind a TLS
    proxy that talks plain HTTP to the server), else only when the request came over https.
    """

    session_idle: float = 30 * 60
    session_lifetime: float = 12 * 60 * 60
    secure_cookies: bool = False
    throttle: LoginThrottle = field(default_factory=LoginThrottle)


@dataclass(frozen=True, slots=True)
class WebContext:
    """The shared state every page reads: ``screener()`` returns the current Screener
    (it changes when new list versions are loaded), ``home`` holds the list store."""

    home: Path
    database: Database
    screener: Callable[[], Screener]
    settings: WebSettings = field(default_factory=WebSettings)
    clock: Callable[[], float] = time.time

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The list store, open for one request."""
        store = Store(self.home)
        try:
            yield store
        finally:
            store.close()
