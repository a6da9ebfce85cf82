"""What one service process holds: settings, the case database, the index, the audit
writer, the key cache and the rate limiter. Routers reach it as ``request.app.state.sanctio``
(or through the :func:`service` dependency); other packages mounting routers on the app
(the web UI, exposure endpoints) use the same object.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from sanctio.database import Database
from sanctio.screener import Screener
from sanctio.server.audit_writer import AuditWriter
from sanctio.server.index import IndexHolder, LoadedIndex, build_from_store
from sanctio.server.keys import ApiKey, authenticate, hash_key
from sanctio.server.ratelimit import RateLimiter
from sanctio.server.settings import ServerSettings

__all__ = ["KeyCache", "Service", "ServiceState", "service"]

KEY_CACHE_ENTRIES = 10_000


class KeyCache:
    """Valid keys remembered for ``ttl`` seconds, so most requests skip the database.

    Only valid keys are cached (a flood of wrong keys cannot fill memory); a revoked key
    keeps working for at most ``ttl`` seconds in a process that had just seen it.
    """

    def __init__(self, database: Database, ttl: float) -> None:
        self.database = database
        self.ttl = ttl
        self._cache: dict[str, tuple[ApiKey, float]] = {}
        self._lock = threading.Lock()

    def lookup(self, key: str) -> ApiKey | None:
        """The active record of a presented key, or None."""
        digest = hash_key(key)
        now = time.monotonic()
        cached = self._cache.get(digest)
        if cached is not None and cached[1] > now:
            return cached[0]
        record = authenticate(self.database, key)
        with self._lock:
            if record is None:
                self._cache.pop(digest, None)
            elif self.ttl > 0:
                if len(self._cache) >= KEY_CACHE_ENTRIES:
                    self._cache.clear()
                self._cache[digest] = (record, now + self.ttl)
        return record


@dataclass
class ServiceState:
    """The shared objects of one service process."""

    settings: ServerSettings
    database: Database
    index: IndexHolder
    audit: AuditWriter
    keys: KeyCache
    rate_limiter: RateLimiter
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def create(
        cls,
        settings: ServerSettings,
        *,
        database: Database | None = None,
        build: Callable[[Path], Screener] = build_from_store,
    ) -> ServiceState:
        """The state for ``settings``: the home's case database unless one is given;
        ``build`` makes a Screener from the home (tests pass their own)."""
        database = database or Database.for_home(settings.home)
        return cls(
            settings=settings,
            database=database,
            index=IndexHolder(settings.home, poll_seconds=settings.index_poll_seconds, build=build),
            audit=AuditWriter(
                database,
                settings.home,
                batch_size=settings.audit_batch_size,
                flush_seconds=settings.audit_flush_seconds,
                queue_size=settings.audit_queue_size,
            ),
            keys=KeyCache(database, settings.key_cache_seconds),
            rate_limiter=RateLimiter(settings.rate_limit, settings.rate_burst),
        )

    def start(self) -> None:
        """Start the audit writer and the index thread (the first build runs in it)."""
        self.audit.start()
        self.index.start()

    def stop(self) -> None:
        """Stop polling and write every queued audit record."""
        self.index.stop()
        self.audit.close()

    def loaded_index(self) -> LoadedIndex:
        """The index to screen with; 503 while none is loaded."""
        loaded = self.index.current
        if loaded is None:
            reason = self.index.last_error or "the index is being built"
            raise HTTPException(503, f"not ready: {reason}", headers={"Retry-After": "5"})
        return loaded


def service(request: Request) -> ServiceState:
    """The dependency giving a route the process's :class:`ServiceState`."""
    return request.app.state.sanctio


Service = Annotated[ServiceState, Depends(service)]
