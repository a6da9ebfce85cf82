"""What the web UI runs on: the list store, the case database and the current Screener."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sanctio.database import Database
from sanctio.errors import SanctioError
from sanctio.screener import Screener
from sanctio.store import Store
from sanctio.web.throttle import LoginThrottle

if TYPE_CHECKING:
    from sanctio.server.state import ServiceState

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

    @classmethod
    def from_env(cls) -> WebSettings:
        """Settings from ``SANCTIO_UI_SESSION_IDLE`` and ``SANCTIO_UI_SESSION_LIFETIME``
        (seconds) and ``SANCTIO_UI_SECURE_COOKIES`` (1 or true), defaults for the rest."""
        values: dict[str, float | bool] = {}
        for name, variable in (
            ("session_idle", "SANCTIO_UI_SESSION_IDLE"),
            ("session_lifetime", "SANCTIO_UI_SESSION_LIFETIME"),
        ):
            raw = os.environ.get(variable, "")
            if raw:
                try:
                    values[name] = float(raw)
                except ValueError:
                    raise SanctioError(f"{variable}: {raw!r} is not a number of seconds") from None
                if values[name] <= 0:
                    raise SanctioError(f"{variable}: must be more than 0 seconds, not {raw}")
        secure = os.environ.get("SANCTIO_UI_SECURE_COOKIES", "").strip().lower()
        values["secure_cookies"] = secure in ("1", "true", "yes")
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class WebContext:
    """The shared state every page reads: ``screener()`` returns the current Screener
    (it changes when new list versions are loaded), ``home`` holds the list store."""

    home: Path
    database: Database
    screener: Callable[[], Screener]
    settings: WebSettings = field(default_factory=WebSettings)
    clock: Callable[[], float] = time.time

    @classmethod
    def for_service(cls, state: ServiceState) -> WebContext:
        """The UI's view of the HTTP service's shared state: the same store, database and
        index (the screener swaps with the service's when new list versions load)."""
        return cls(
            home=state.settings.home,
            database=state.database,
            screener=lambda: state.loaded_index().screener,
            settings=WebSettings.from_env(),
        )

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The list store, open for one request."""
        store = Store(self.home)
        try:
            yield store
        finally:
            store.close()
