"""Screening a chunk of customers on one process or several.

Several processes are forked from the one that built the Screener, so they share its
index (copy-on-write) instead of building or unpickling their own; each screens a slice
of the chunk with the batch chunk function, and the slices come back in order.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Sequence
from types import TracebackType

from sanctio.batch import ChunkResult, InputRow, screen_chunk
from sanctio.errors import SanctioError
from sanctio.screener import MAX_LIMIT, Screener

__all__ = ["ChunkScreener", "check_workers"]

# The screener a forked worker inherits (set in the parent just before forking).
_inherited: tuple[Screener, float] | None = None


def _screen_slice(inputs: Sequence[InputRow]) -> ChunkResult:
    assert _inherited is not None, "worker started without a screener"
    screener, threshold = _inherited
    return screen_chunk(screener, inputs, threshold=threshold, limit=MAX_LIMIT)


def check_workers(workers: int) -> int:
    """A usable number of worker processes, or SanctioError."""
    if not isinstance(workers, int) or workers < 1:
        raise SanctioError(f"workers: must be at least 1, not {workers!r}")
    if workers > 1 and "fork" not in multiprocessing.get_all_start_methods():
        raise SanctioError("workers: more than one needs the fork start method (Linux, macOS)")
    return workers


class ChunkScreener:
    """Screens chunks of customer rows with one Screener, on ``workers`` processes.

    Use it as a context manager: the worker processes live until the block ends.
    Returns every alert of every row (up to the Screener's maximum of 1,000 hits a row).
    """

    def __init__(self, screener: Screener, threshold: float, workers: int = 1) -> None:
        self.screener = screener
        self.threshold = threshold
        self.workers = check_workers(workers)
        self._pool: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> ChunkScreener:
        global _inherited
        if self.workers > 1:
            _inherited = (self.screener, self.threshold)
            # As the batch engine does: the collector leaves the shared index alone, so
            # neither its collections nor their cost reach the workers' shared pages.
            gc.collect()
            gc.freeze()
            try:
                self._pool = multiprocessing.get_context("fork").Pool(self.workers)
            finally:
                _inherited = None
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            if error is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None
            gc.unfreeze()

    def screen(self, inputs: Sequence[InputRow]) -> ChunkResult:
        """The alerts and error rows of ``inputs``, in input order."""
        if self._pool is None:
            return screen_chunk(self.screener, inputs, threshold=self.threshold, limit=MAX_LIMIT)
        size = -(-len(inputs) // self.workers)
        slices = [inputs[i : i + size] for i in range(0, len(inputs), size)]
        results = self._pool.map(_screen_slice, slices)
        return ChunkResult(
            rows=sum(r.rows for r in results),
            alert_rows=sum(r.alert_rows for r in results),
            hits=[hit for r in results for hit in r.hits],
            errors=[error for r in results for error in r.errors],
        )
