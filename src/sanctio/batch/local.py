"""The local engine: chunks screened on every core by worker processes that share the
parent's Screener.

The parent builds the Screener once, then forks the workers: the index (tens to hundreds
of MB) is not copied or pickled but shared copy-on-write. ``gc.freeze()`` before the
fork moves every existing object out of the collector's reach, so collections in a worker
do not write to (and so copy) the shared pages; only pages a worker really writes to (the
reference counts of objects it touches) become its own. Chunks travel to the workers and
results back as small pickles; at most two chunks per worker are in flight, so memory
stays flat whatever the input size.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from sanctio.batch.chunk import ChunkResult, ScreenOptions
from sanctio.batch.errors import BatchError
from sanctio.batch.records import InputRow
from sanctio.screener import Screener

__all__ = ["LocalEngine", "default_workers"]

IN_FLIGHT_PER_WORKER = 2
_PR_SET_PDEATHSIG = 1

# The Screener the workers screen with: set in the parent just before the fork, inherited.
_shared_screener: Screener | None = None


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init_worker() -> None:
    """In each worker: leave Ctrl-C to the parent, and die with it (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the line above
        os._exit(1)


def _screen_shared(rows: list[InputRow], options: ScreenOptions) -> ChunkResult:
    assert _shared_screener is not None, "worker started without the parent's Screener"
    return options.screen(_shared_screener, rows)


class LocalEngine:
    """Screens chunks in order, in ``workers`` forked processes (in this process when
    ``workers`` is 1). Use as a context manager: leaving it stops the workers."""

    def __init__(self, screener: Screener, options: ScreenOptions, workers: int) -> None:
        if workers < 1:
            raise BatchError(f"workers: must be at least 1, not {workers}")
        self.screener = screener
        self.options = options
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        global _shared_screener
        if self.workers > 1:
            _shared_screener = self.screener
            gc.collect()
            gc.freeze()
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
            )
            # Fork every worker now, before the caller starts threads (a progress bar).
            self._pool.submit(int).result()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        global _shared_screener
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            _shared_screener = None
            gc.unfreeze()

    def map(self, chunks: Iterable[list[InputRow]]) -> Iterator[tuple[list[InputRow], ChunkResult]]:
        """Each chunk with its result, in input order."""
        if self._pool is None:
            for chunk in chunks:
                yield chunk, self.options.screen(self.screener, chunk)
            return
        pending: deque[tuple[list[InputRow], Future[ChunkResult]]] = deque()
        limit = IN_FLIGHT_PER_WORKER * self.workers
        try:
            for chunk in chunks:
                pending.append((chunk, self._pool.submit(_screen_shared, chunk, self.options)))
                while len(pending) >= limit:
                    chunk_done, future = pending.popleft()
                    yield chunk_done, future.result()
            while pending:
                chunk_done, future = pending.popleft()
                yield chunk_done, future.result()
        except BrokenProcessPool:
            raise BatchError(
                "a worker process died (killed, or out of memory); the chunks finished "
                "before are kept: run again to continue"
            ) from None
