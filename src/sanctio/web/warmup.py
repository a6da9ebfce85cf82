"""Warming the UI's caches when the service loads a new index, so no page pays for them.

Three things are built once per set of list versions and then kept: the entity captions,
the exposure graph (a few seconds over every list), and each list's diff between its two
latest versions (about a second for the SDN list). A daemon thread watches the service's
index holder and builds them as soon as a new index is live. It holds the service state
only weakly, so a service that is gone (a test's app) lets it end.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import defaultdict
from typing import TYPE_CHECKING

from sanctio.database import Database
from sanctio.exposure.cache import exposure_of
from sanctio.screener import Screener
from sanctio.store import ListVersion, Store
from sanctio.web.entity_view import captions
from sanctio.web.list_diff import default_pair, diff_rows

if TYPE_CHECKING:
    from pathlib import Path

    from sanctio.server.state import ServiceState

__all__ = ["start_warmup", "warm"]

log = logging.getLogger("sanctio.web")
POLL_SECONDS = 2.0


def warm(screener: Screener, home: Path, database: Database) -> None:
    """Build the caches a Screener's pages use, and each list's latest diff."""
    captions(screener)
    exposure_of(screener, database)
    with Store(home) as store:
        by_source: dict[str, list[ListVersion]] = defaultdict(list)
        for version in store.versions():
            by_source[version.source].append(version)
        for versions in by_source.values():
            if len(versions) > 1:
                diff_rows(store, *default_pair(versions))


def start_warmup(state: ServiceState) -> threading.Thread:
    """Warm the caches for each index the service loads, in a daemon thread."""
    ref = weakref.ref(state)

    def run() -> None:
        warmed: weakref.ref[Screener] | None = None
        while True:
            current = ref()
            if current is None:
                return
            index = current.index.current
            if index is not None and (warmed is None or warmed() is not index.screener):
                started = time.perf_counter()
                try:
                    warm(index.screener, current.settings.home, current.database)
                    log.info("web UI caches warmed in %.1f s", time.perf_counter() - started)
                except Exception:  # a page builds what it needs if warming failed
                    log.exception("warming the web UI caches failed")
                warmed = weakref.ref(index.screener)
            del current, index
            time.sleep(POLL_SECONDS)

    thread = threading.Thread(target=run, name="sanctio-web-warmup", daemon=True)
    thread.start()
    return thread
