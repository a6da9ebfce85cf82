"""A rate limit per API key: a token bucket in each service process.

Each key has a bucket of ``burst`` tokens refilled at ``rate`` tokens a second; a request
takes one token per party it screens (a batch of 300 takes 300). When the bucket is short
the request is refused with the seconds to wait, which the service sends as 429 with
``Retry-After``. The buckets live in the memory of one process: with ``--workers N`` a
client whose connections spread over every worker may reach up to N times the rate.
"""

from __future__ import annotations

import math
import threading
import time

__all__ = ["RateLimiter"]


class RateLimiter:
    """Token buckets by key id; thread-safe."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, key: str, cost: int = 1) -> int:
        """Take ``cost`` tokens: 0 if allowed, else the whole seconds to wait before retrying."""
        if self.rate <= 0:
            return 0
        cost = min(cost, self.burst)  # a batch larger than the bucket needs a full bucket
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                return 0
            self._buckets[key] = (tokens, now)
        return max(1, math.ceil((cost - tokens) / self.rate))
