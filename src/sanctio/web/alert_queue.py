"""The alert queue: alerts filtered, sorted and paged for the analyst's list.

The filters are monitoring's own (:class:`sanctio.monitor.alerts.AlertFilter`: state,
list, programme, assignee, score); the queue adds "awaiting a second reviewer", sorting by
any column and paging, reading the alerts table (read only) into monitoring's
:class:`Alert` records. Every change to an alert goes through ``sanctio.monitor.alerts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sanctio.database import Database
from sanctio.monitor.alerts import STATES, UNDECIDED, Alert, AlertFilter
from sanctio.monitor.errors import DecisionError
from sanctio.monitor.tables import alerts

__all__ = ["SORTS", "QueueFilter", "QueuePage", "alert_sources", "queue_page"]

# Sort key -> column; each sort breaks ties by alert id.
SORTS: dict[str, sa.ColumnElement[Any]] = {
    "score": alerts.c.score,
    "updated": alerts.c.updated_at,
    "created": alerts.c.created_at,
    "customer": alerts.c.customer_id,
    "entity": alerts.c.caption,
    "state": alerts.c.state,
    "assignee": alerts.c.assignee,
}
UNASSIGNED = "-"  # the assignee filter value for alerts nobody holds


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the analyst asked for: ``state`` is a state, ``undecided`` (open, in review,
    escalated), ``awaiting`` (a decision awaits its second reviewer) or empty for all."""

    state: str = "undecided"
    min_score: float | None = None
    source: str = ""
    programme: str = ""
    assignee: str = ""
    sort: str = "score"
    descending: bool = True

    def check(self) -> None:
        """Raise DecisionError for an unknown state or sort."""
        if self.state not in ("", "undecided", "awaiting", *STATES):
            raise DecisionError(f"state: unknown {self.state!r}")
        if self.sort not in SORTS:
            raise DecisionError(f"sort: unknown {self.sort!r}; use one of {', '.join(SORTS)}")


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of the queue and how many alerts match in all."""

    alerts: list[Alert]
    total: int
    page: int
    pages: int


def _select(chosen: QueueFilter, query: sa.Select[Any]) -> sa.Select[Any]:
    """``query`` restricted to the alerts the analyst asked for."""
    states: tuple[str, ...] | None = None
    if chosen.state == "undecided":
        states = UNDECIDED
    elif chosen.state and chosen.state != "awaiting":
        states = (chosen.state,)
    query = AlertFilter(
        states=states,
        source=chosen.source or None,
        program=chosen.programme.strip() or None,
        assignee=None if chosen.assignee in ("", UNASSIGNED) else chosen.assignee,
        min_score=chosen.min_score,
    ).apply(query)
    if chosen.state == "awaiting":
        query = query.where(alerts.c.proposed_decision.is_not(None))
    if chosen.assignee == UNASSIGNED:
        query = query.where(alerts.c.assignee.is_(None))
    return query


def queue_page(db: Database, chosen: QueueFilter, *, page: int, per_page: int) -> QueuePage:
    """The alerts on page ``page`` (from 1) of the queue, and the count of all that match."""
    chosen.check()
    column = SORTS[chosen.sort]
    order = [column.desc() if chosen.descending else column.asc(), alerts.c.id]
    with db.read() as connection:
        total = int(
            connection.execute(
                _select(chosen, sa.select(sa.func.count()).select_from(alerts))
            ).scalar_one()
        )
        pages = max(1, -(-total // per_page))
        page = min(max(page, 1), pages)
        rows = connection.execute(
            _select(chosen, sa.select(alerts))
            .order_by(*order)
            .limit(per_page)
            .offset((page - 1) * per_page)
        ).all()
    return QueuePage([Alert.from_row(r) for r in rows], total, page, pages)


def alert_sources(db: Database) -> list[str]:
    """The lists that alerts have come from, for the queue's filter."""
    with db.read() as connection:
        return list(
            connection.execute(sa.select(alerts.c.source).distinct().order_by(alerts.c.source))
            .scalars()
            .all()
        )
