"""A monitoring run: bring every customer's screening up to the current list versions.

Each customer's last screening is recorded (the list versions, its data's content hash,
the threshold). A run sorts customers into three kinds:

- up to date (same versions, data and threshold): nothing to do;
- new or changed customers (or a changed threshold, or ``full=True``): screened against
  every current entity;
- the rest, grouped by the versions they were screened against: screened against only
  the entities added or changed since, with alerts on removed entities closed as delisted.

Customers go in chunks; each chunk's alert changes, audit records and screening records
commit in one transaction, so a run that stops part-way loses nothing and the next run
carries on with the customers not yet done. A chunk skips any customer whose data or
screening record changed while it was screened (another run or an import got there
first): running twice, or two runs at once, screens nobody twice.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.batch import HitRow, InputRow
from sanctio.database import Database
from sanctio.errors import SanctioError
from sanctio.model import Entity
from sanctio.monitor.alerts import Alert
from sanctio.monitor.material import customer_snapshot
from sanctio.monitor.reconcile import CustomerScreening, Finding, apply_screening
from sanctio.monitor.scope import Scope, delta_scope, full_scope
from sanctio.monitor.settings import load_settings
from sanctio.monitor.tables import alerts, customer_screenings, customers, monitor_runs, now
from sanctio.monitor.workers import ChunkScreener, check_workers
from sanctio.screener import Screener
from sanctio.store import ListVersion, Store

__all__ = ["DEFAULT_CHUNK_SIZE", "RunReport", "plan_customers", "run_monitor"]

DEFAULT_CHUNK_SIZE = 500
# A run's chunks take this PostgreSQL advisory lock, so concurrent runs apply in turn
# (SQLite's BEGIN IMMEDIATE already serialises writers).
_RUN_LOCK = 0x5A4E_C710


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a run did: how many customers it screened how, and what changed in the alerts."""

    run_id: int
    versions: dict[str, int]
    counts: dict[str, int]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "run": self.run_id,
            "versions": self.versions,
            "counts": self.counts,
            "seconds": round(self.seconds, 3),
        }


# (customer hash, screened hash, screened versions, screened threshold) as planned
_Planned = tuple[str, str | None, dict[str, int] | None, float | None]
# Each customer with its data's hash and its last screening, if any.
_PLAN_QUERY = sa.select(
    customers.c.id,
    customers.c.content_hash,
    customer_screenings.c.customer_hash,
    customer_screenings.c.versions,
    customer_screenings.c.threshold,
).select_from(customers.outerjoin(customer_screenings))


def run_monitor(
    db: Database,
    store: Store,
    actor: str,
    *,
    full: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> RunReport:
    """Screen every customer whose last screening is out of date; see the module text.

    ``full`` screens every customer against everything (after a Sanctio upgrade, say).
    ``workers`` processes screen each chunk (forked: they share the index).
    ``progress(done, total)`` is called after each chunk.
    """
    started = time.perf_counter()
    check_workers(workers)
    settings = load_settings(db)
    versions = {v.source: v for v in store.current_versions()}
    if not versions:
        raise SanctioError("no lists imported yet: run `sanctio update` first")
    target = {source: v.id for source, v in versions.items()}
    run_id = _start(db, actor, full, target)
    counts: Counter[str] = Counter()
    try:
        with db.read() as connection:
            groups, counts["customers_up_to_date"] = plan_customers(
                connection, target, settings.threshold, full
            )
        total, done = sum(len(planned) for _, planned in groups), 0
        for from_versions, planned in groups:
            if from_versions is None:
                scope = full_scope(store, versions)
            else:
                scope = delta_scope(store, from_versions, versions)
            with _screener(scope, settings.threshold, workers) as screener:
                for chunk in _chunks(planned, chunk_size):
                    _screen_chunk(
                        db, chunk, scope, screener, actor, run_id, settings.threshold, counts
                    )
                    done += len(chunk)
                    if progress:
                        progress(done, total)
    except BaseException as exc:
        try:
            _finish(db, run_id, actor, "failed", counts, f"{type(exc).__name__}: {exc}")
        except Exception as also:  # the database may be what failed: keep the first error
            exc.add_note(f"the run could not be recorded as failed: {also}")
        raise
    _finish(db, run_id, actor, "finished", counts, None)
    return RunReport(run_id, target, dict(counts), time.perf_counter() - started)


def _start(db: Database, actor: str, full: bool, target: dict[str, int]) -> int:
    with db.begin() as connection:
        result = connection.execute(
            monitor_runs.insert().values(
                actor=actor,
                full=full,
                status="running",
                versions=target,
                counts={},
                started_at=now(),
            )
        )
        run_id = int(result.inserted_primary_key[0])
        payload = {"full": full, "versions": target}
        audit.append(
            connection, AuditEvent(actor, "monitor.run.started", f"monitor-run:{run_id}", payload)
        )
    return run_id


def _finish(
    db: Database, run_id: int, actor: str, status: str, counts: Counter[str], error: str | None
) -> None:
    with db.begin() as connection:
        connection.execute(
            monitor_runs.update()
            .where(monitor_runs.c.id == run_id)
            .values(status=status, counts=dict(counts), finished_at=now(), error=error)
        )
        payload = {"counts": dict(counts), "error": error}
        audit.append(
            connection, AuditEvent(actor, f"monitor.run.{status}", f"monitor-run:{run_id}", payload)
        )


def plan_customers(
    connection: Connection, target: dict[str, int], threshold: float, full: bool
) -> tuple[list[tuple[dict[str, int] | None, list[tuple[str, _Planned]]]], int]:
    """Customers to screen, grouped: first those to screen fully (key None), then one
    group per set of versions screened against; and how many are up to date."""
    fully: list[tuple[str, _Planned]] = []
    by_versions: dict[tuple[tuple[str, int], ...], list[tuple[str, _Planned]]] = {}
    up_to_date = 0
    for row in connection.execute(_PLAN_QUERY.order_by(customers.c.id)):
        planned: _Planned = (row.content_hash, row.customer_hash, row.versions, row.threshold)
        screened = {str(k): int(v) for k, v in (row.versions or {}).items()}
        if full or row.customer_hash != row.content_hash or row.threshold != threshold:
            fully.append((row.id, planned))
        elif screened == target:
            up_to_date += 1
        else:
            by_versions.setdefault(tuple(sorted(screened.items())), []).append((row.id, planned))
    groups: list[tuple[dict[str, int] | None, list[tuple[str, _Planned]]]] = []
    if fully:
        groups.append((None, fully))
    groups.extend((dict(key), planned) for key, planned in by_versions.items())
    return groups, up_to_date


@contextmanager
def _screener(scope: Scope, threshold: float, workers: int) -> Iterator[ChunkScreener | None]:
    """A screener over the scope's entities (None when there are none to screen)."""
    if not scope.entities:
        yield None
        return
    screener = Screener(scope.entities, versions=list(scope.versions.values()), threshold=threshold)
    with ChunkScreener(screener, threshold, workers) as chunk_screener:
        yield chunk_screener


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _screen_chunk(
    db: Database,
    chunk: Sequence[tuple[str, _Planned]],
    scope: Scope,
    screener: ChunkScreener | None,
    actor: str,
    run_id: int,
    threshold: float,
    counts: Counter[str],
) -> None:
    planned = dict(chunk)
    with db.read() as connection:
        rows = connection.execute(
            sa.select(customers.c.id, customers.c.record, customers.c.content_hash).where(
                customers.c.id.in_(list(planned))
            )
        ).all()
    # Changed since the plan: left for the next run, which screens them fully.
    rows = [row for row in rows if row.content_hash == planned[row.id][0]]
    hits: dict[str, list[HitRow]] = {row.id: [] for row in rows}
    failed: dict[str, str] = {}
    if screener is not None:
        inputs = [InputRow(n, row.id, record=row.record) for n, row in enumerate(rows, 1)]
        result = screener.screen(inputs)
        for hit in result.hits:
            hits[hit.input_id].append(hit)
        failed = {error.input_id: error.error for error in result.errors}
    by_id: dict[str, Entity] = {e.id: e for e in scope.entities} if screener else {}
    screenings = [
        CustomerScreening(
            row.id,
            row.content_hash,
            customer_snapshot(row.record),
            tuple(Finding(by_id[h.entity_id], h) for h in hits[row.id]),
        )
        for row in rows
        if row.id not in failed
    ]
    with db.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_RUN_LOCK)))
        current = _current_plans(connection, list(planned))
        still = {
            customer_id for customer_id, plan in planned.items() if current.get(customer_id) == plan
        }
        todo = [s for s in screenings if s.customer_id in still]
        failures = {customer_id: e for customer_id, e in failed.items() if customer_id in still}
        counts["customers_skipped"] += len(planned) - len(todo) - len(failures)
        counts["customers_failed"] += len(failures)
        existing = _alerts_of(connection, [s.customer_id for s in todo])
        events = [
            AuditEvent(
                actor,
                "customer.screening_failed",
                f"customer:{customer_id}",
                {"run": run_id, "error": error},
            )
            for customer_id, error in failures.items()
        ]
        described = scope.describe()
        for screening in todo:
            events += apply_screening(
                connection, screening, scope, existing.get(screening.customer_id, {}),
                actor=actor, run_id=run_id, counts=counts,
            )  # fmt: skip
            payload = {
                "run": run_id,
                **described,
                "threshold": threshold,
                "alerts": [[f.entity.id, f.hit.score] for f in screening.findings],
            }
            events.append(
                AuditEvent(actor, "customer.screened", f"customer:{screening.customer_id}", payload)
            )
            counts[f"customers_{scope.mode}"] += 1
        audit.append_many(connection, events)
        _record_screenings(connection, todo, scope.versions, threshold, run_id)


def _current_plans(connection: Connection, ids: list[str]) -> dict[str, _Planned]:
    rows = connection.execute(_PLAN_QUERY.where(customers.c.id.in_(ids)))
    return {r.id: (r.content_hash, r.customer_hash, r.versions, r.threshold) for r in rows}


def _alerts_of(connection: Connection, ids: list[str]) -> dict[str, dict[str, Alert]]:
    found: dict[str, dict[str, Alert]] = {}
    if not ids:
        return found
    query = sa.select(alerts).where(alerts.c.customer_id.in_(ids)).with_for_update()
    for row in connection.execute(query):
        found.setdefault(row.customer_id, {})[row.entity_id] = Alert.from_row(row)
    return found


def _record_screenings(
    connection: Connection,
    screenings: list[CustomerScreening],
    versions: dict[str, ListVersion] | Any,
    threshold: float,
    run_id: int,
) -> None:
    if not screenings:
        return
    ids = [s.customer_id for s in screenings]
    connection.execute(
        customer_screenings.delete().where(customer_screenings.c.customer_id.in_(ids))
    )
    stamp = now()
    target = {source: v.id for source, v in versions.items()}
    connection.execute(
        customer_screenings.insert(),
        [
            {
                "customer_id": s.customer_id,
                "customer_hash": s.customer_hash,
                "threshold": threshold,
                "versions": target,
                "screened_at": stamp,
                "run_id": run_id,
            }
            for s in screenings
        ],
    )
