"""Screening requests go to the audit trail in batches, written by one background thread.

A request hands its events to :meth:`AuditWriter.submit` (a queue put, no database work)
and answers at once; the writer thread appends whatever has queued, up to ``batch_size``
events or ``flush_seconds`` after the first, in one transaction with
:func:`sanctio.audit.append_many`. So hundreds of requests a second cost a few
transactions a second, and a slow database never slows screening.

Nothing is lost on a clean shutdown: :meth:`close` drains the queue. If the database
cannot be written then, the remaining events go to a JSON-lines file in
``$SANCTIO_HOME/audit-spool/`` (written atomically), and the next start appends them to
the trail before anything else. While the database is failing the writer retries; once
``queue_size`` events wait, :meth:`submit` raises :class:`AuditUnavailable` and the
service answers 503 rather than screen without an audit record. A killed process
(SIGKILL, power loss) loses at most the events of its last ``flush_seconds``.
"""

from __future__ import annotations

import logging
import os
import queue
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import orjson

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.database import Database
from sanctio.errors import SanctioError

__all__ = ["AuditUnavailable", "AuditWriter"]

log = logging.getLogger("sanctio.server")

SPOOL_FOLDER = "audit-spool"
CLOSE_ATTEMPTS = 3


class AuditUnavailable(SanctioError):
    """Too many audit events wait for a database that cannot be written."""


class AuditWriter:
    """Batches audit events into the case database from one background thread."""

    def __init__(
        self,
        database: Database,
        home: Path,
        *,
        batch_size: int = 500,
        flush_seconds: float = 0.2,
        queue_size: int = 100_000,
    ) -> None:
        self.database = database
        self.spool = Path(home) / SPOOL_FOLDER
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.queue_size = queue_size
        self._queue: queue.SimpleQueue[AuditEvent] = queue.SimpleQueue()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self.written = 0
        self.last_error: str | None = None

    def start(self) -> None:
        """Append any spooled events, then start the writer thread."""
        self._replay_spool()
        self._thread = threading.Thread(target=self._run, name="sanctio-audit", daemon=True)
        self._thread.start()

    def submit(self, events: Iterable[AuditEvent]) -> None:
        """Queue events for the trail; AuditUnavailable when the backlog is full."""
        events = list(events)
        if self._closing.is_set():
            raise AuditUnavailable("the service is shutting down")
        if self._queue.qsize() + len(events) > self.queue_size:
            raise AuditUnavailable(
                f"{self._queue.qsize()} audit records wait for the database "
                f"({self.last_error or 'writing too slowly'})"
            )
        for event in events:
            self._queue.put(event)

    @property
    def backlog(self) -> int:
        """Events waiting to be written."""
        return self._queue.qsize()

    def close(self, timeout: float = 30.0) -> None:
        """Write every queued event (or spool what cannot be written), then stop."""
        self._closing.set()
        if self._thread is not None:
            self._thread.join(timeout)
        leftover = self._take(self._queue.qsize())
        if leftover:
            self._spool(leftover)

    def _take(self, most: int) -> list[AuditEvent]:
        taken = []
        while len(taken) < most:
            try:
                taken.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return taken

    def _next_batch(self) -> list[AuditEvent]:
        """Wait for an event, then gather more for up to ``flush_seconds``."""
        try:
            first = self._queue.get(timeout=0.1)
        except queue.Empty:
            return []
        batch = [first]
        deadline = time.monotonic() + self.flush_seconds
        while len(batch) < self.batch_size and not self._closing.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                batch.append(self._queue.get(timeout=remaining))
            except queue.Empty:
                break
        batch += self._take(self.batch_size - len(batch))
        return batch

    def _run(self) -> None:
        pending: list[AuditEvent] = []
        failures = 0
        while True:
            if not pending:
                if self._closing.is_set() and self._queue.empty():
                    return
                pending = self._next_batch()
                if not pending:
                    continue
            try:
                self._write(pending)
                pending, failures = [], 0
            except Exception as exc:  # the database is down or locked: retry, then spool
                failures += 1
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.error("audit write failed (attempt %d): %s", failures, self.last_error)
                if self._closing.is_set() and failures >= CLOSE_ATTEMPTS:
                    self._spool(pending + self._take(self._queue.qsize()))
                    return
                time.sleep(min(5.0, 0.1 * 2**failures))

    def _write(self, events: list[AuditEvent]) -> None:
        with self.database.begin() as connection:
            audit.append_many(connection, events)
        self.written += len(events)
        self.last_error = None

    def _spool(self, events: list[AuditEvent]) -> None:
        """Keep events the database would not take in a file, for the next start."""
        self.spool.mkdir(parents=True, exist_ok=True)
        lines = b"".join(orjson.dumps(asdict(e)) + b"\n" for e in events)
        fd, temp = tempfile.mkstemp(dir=self.spool, suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())
        target = self.spool / f"{time.time_ns()}-{os.getpid()}.jsonl"
        os.replace(temp, target)
        log.error("the audit database was unavailable: %d records kept in %s", len(events), target)

    def _replay_spool(self) -> None:
        if not self.spool.is_dir():
            return
        for path in sorted(self.spool.glob("*.jsonl")):
            claimed = path.with_suffix(f".{os.getpid()}.replaying")
            try:
                os.rename(path, claimed)  # atomic: of several starting workers, one replays it
            except FileNotFoundError:
                continue
            lines = claimed.read_bytes().splitlines()
            try:
                self._write([AuditEvent(**orjson.loads(line)) for line in lines])
            except BaseException:
                os.rename(claimed, path)
                raise
            claimed.unlink()
            log.warning("appended %d spooled audit records from %s", len(lines), path)
