"""The index a service process screens with, and how new list versions replace it.

Each process builds its own :class:`~sanctio.Screener` from the store's current versions.
A background thread polls the store's current version ids (one small query); when they
change, or when ``POST /v1/admin/update`` asks, it builds a new Screener beside the old
one and swaps it in with one reference assignment. A request reads the reference once
and screens on that index to the end, so requests in flight finish on the old index and
none waits for or fails during the swap. A build that fails leaves the old index serving
and is retried only when the versions change again or after ``RETRY_FAILED_SECONDS``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sanctio.model import Entity
from sanctio.screener import Screener
from sanctio.store import ListVersion, Store

__all__ = ["IndexHolder", "LoadedIndex", "list_age_seconds"]

log = logging.getLogger("sanctio.server")

RETRY_FAILED_SECONDS = 300.0

Fingerprint = tuple[tuple[str, int], ...]  # (source, version id) of every current version


def fingerprint_of(versions: tuple[ListVersion, ...] | list[ListVersion]) -> Fingerprint:
    """What identifies a set of list versions."""
    return tuple(sorted((v.source, v.id) for v in versions))


def list_age_seconds(version: ListVersion, now: datetime) -> float:
    """Seconds since a version's as-of date (the day the publisher's data describes)."""
    as_of = datetime.fromisoformat(version.as_of[:10]).replace(tzinfo=UTC)
    return max(0.0, (now - as_of).total_seconds())


@dataclass(frozen=True)
class LoadedIndex:
    """One built index: the Screener, the versions it holds, and its entities by id."""

    screener: Screener
    loaded_at: datetime
    build_seconds: float
    entities: dict[str, Entity] = field(repr=False)

    @property
    def versions(self) -> tuple[ListVersion, ...]:
        """The list versions screened against."""
        return self.screener.versions

    @property
    def fingerprint(self) -> Fingerprint:
        """The (source, version id) pairs of this index."""
        return fingerprint_of(self.screener.versions)

    def versions_used(self) -> list[dict[str, Any]]:
        """The versions as results and audit records cite them."""
        return [{"source": v.source, "version": v.id, "as_of": v.as_of} for v in self.versions]


def build_from_store(home: Path) -> Screener:
    """The default builder: every current version in the store under ``home``."""
    return Screener.from_store(home)


def warm_up(screener: Screener) -> None:
    """Screen one made-up party, so tables the matcher loads on first use (country names,
    seconds to read) are loaded before the index serves its first request."""
    screener.screen("Warm Up", countries=["Germany"], birth_date="1970")


def read_fingerprint(home: Path) -> Fingerprint:
    """The store's current version ids (one small query)."""
    with Store(home) as store:
        return fingerprint_of(store.current_versions())


class IndexHolder:
    """Owns the current :class:`LoadedIndex` of one process and replaces it when lists change."""

    def __init__(
        self,
        home: Path,
        *,
        poll_seconds: float,
        build: Callable[[Path], Screener] = build_from_store,
    ) -> None:
        self.home = home
        self.poll_seconds = poll_seconds
        self._build = build
        self._current: LoadedIndex | None = None
        self._build_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None
        self.swaps = 0
        self._failed: tuple[Fingerprint, float] | None = None

    @property
    def current(self) -> LoadedIndex | None:
        """The index to screen with, or None before the first build. Read it once per
        request and use that object throughout."""
        return self._current

    @property
    def building(self) -> bool:
        """A build is running."""
        return self._build_lock.locked()

    def start(self) -> None:
        """Build the first index and then poll for new versions, in a background thread."""
        self._thread = threading.Thread(target=self._run, name="sanctio-index", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling (a build in progress finishes in its daemon thread)."""
        self._stop.set()
        self._wake.set()

    def request_refresh(self) -> None:
        """Check the store now instead of at the next poll (after an import)."""
        self._failed = None
        self._wake.set()

    def wait_ready(self, timeout: float) -> bool:
        """Wait until an index is loaded; False on timeout."""
        deadline = time.monotonic() + timeout
        while self._current is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return self._current is not None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.refresh()
            except Exception as exc:  # keep polling whatever went wrong
                log.exception("index refresh failed")
                self.last_error = f"{type(exc).__name__}: {exc}"
            self._wake.wait(self.poll_seconds if self._current is not None else 1.0)
            self._wake.clear()

    def refresh(self) -> bool:
        """Build and swap in a new index if the store's current versions changed; True if
        it swapped. Runs in the calling thread; a concurrent call waits for the first."""
        with self._build_lock:
            wanted = read_fingerprint(self.home)
            loaded = self._current
            if loaded is not None and loaded.fingerprint == wanted:
                return False
            if not wanted:
                self.last_error = "no lists imported: run `sanctio update` first"
                return False
            failed = self._failed
            if (
                failed
                and failed[0] == wanted
                and time.monotonic() - failed[1] < RETRY_FAILED_SECONDS
            ):
                return False
            started = time.perf_counter()
            try:
                screener = self._build(self.home)
                warm_up(screener)
            except Exception as exc:
                self._failed = (wanted, time.monotonic())
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.error("building the index failed; the previous index keeps serving: %s", exc)
                return False
            index = LoadedIndex(
                screener=screener,
                loaded_at=datetime.now(UTC),
                build_seconds=time.perf_counter() - started,
                entities={e.id: e for e in screener.entities},
            )
            self._current = index  # the swap: one reference assignment
            self.swaps += loaded is not None
            self.last_error = None
            self._failed = None
            log.info(
                "index loaded: %d entities from %s in %.1f s",
                len(index.entities),
                ", ".join(f"{s} v{i}" for s, i in index.fingerprint),
                index.build_seconds,
            )
            return True
