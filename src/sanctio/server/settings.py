"""The service's settings: explicit arguments, or ``SANCTIO_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sanctio.errors import SanctioError

__all__ = ["AUDIT_QUERY_MODES", "ServerSettings"]

AUDIT_QUERY_MODES = ("full", "hash")

# Setting name -> environment variable; every setting can be given either way.
_ENV = {
    "audit_query": "SANCTIO_AUDIT_QUERY",
    "max_body_bytes": "SANCTIO_MAX_BODY_BYTES",
    "max_batch": "SANCTIO_MAX_BATCH",
    "rate_limit": "SANCTIO_RATE_LIMIT",
    "rate_burst": "SANCTIO_RATE_BURST",
    "index_poll_seconds": "SANCTIO_INDEX_POLL_SECONDS",
    "key_cache_seconds": "SANCTIO_KEY_CACHE_SECONDS",
    "audit_batch_size": "SANCTIO_AUDIT_BATCH_SIZE",
    "audit_flush_seconds": "SANCTIO_AUDIT_FLUSH_SECONDS",
    "audit_queue_size": "SANCTIO_AUDIT_QUEUE_SIZE",
}


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """How one service process runs. ``home`` holds the list store and, unless
    ``$SANCTIO_DATABASE_URL`` says otherwise, the case database ``cases.db``."""

    home: Path
    audit_query: str = "full"  # "hash": the audit trail keeps only the query's sha256
    max_body_bytes: int = 4 * 1024 * 1024
    max_batch: int = 1000
    rate_limit: float = 200.0  # parties screened per second per API key (0: no limit)
    rate_burst: int = 1000  # the bucket: a full batch fits in it
    index_poll_seconds: float = 10.0  # how often each process checks for new list versions
    key_cache_seconds: float = 5.0  # a revoked key stops working within this time
    audit_batch_size: int = 500
    audit_flush_seconds: float = 0.2
    audit_queue_size: int = 100_000  # past this, screening answers 503 rather than go unaudited

    def __post_init__(self) -> None:
        if self.audit_query not in AUDIT_QUERY_MODES:
            raise SanctioError(
                f"audit_query: {self.audit_query!r} is not one of {', '.join(AUDIT_QUERY_MODES)}"
            )
        for name in ("max_body_bytes", "max_batch", "rate_burst", "audit_batch_size"):
            if getattr(self, name) < 1:
                raise SanctioError(f"{name}: must be at least 1, not {getattr(self, name)}")
        if self.rate_limit < 0 or self.index_poll_seconds < 0 or self.key_cache_seconds < 0:
            raise SanctioError("rate_limit, index_poll_seconds, key_cache_seconds: must be >= 0")

    @classmethod
    def from_env(cls, home: Path | None = None, **overrides: Any) -> ServerSettings:
        """Settings from ``SANCTIO_*`` variables (``SANCTIO_HOME`` for the home folder),
        then ``overrides``; a malformed value is a SanctioError naming the variable."""
        values: dict[str, Any] = {}
        types = {f.name: f.type for f in fields(cls)}
        for name, variable in _ENV.items():
            raw = os.environ.get(variable)
            if raw is None or raw == "":
                continue
            kind = {"int": int, "float": float}.get(str(types[name]), str)
            try:
                values[name] = kind(raw)
            except ValueError as exc:
                raise SanctioError(f"{variable}: {raw!r} is not a valid {kind.__name__}") from exc
        values.update(overrides)
        chosen = home or Path(os.environ.get("SANCTIO_HOME") or Path.home() / ".sanctio")
        return cls(home=Path(chosen), **values)
