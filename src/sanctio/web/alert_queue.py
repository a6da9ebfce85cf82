"""The alert queue: alerts filtered, sorted and paged for the analyst's list.

Monitoring's ``list_alerts`` filters by state, list, assignee and score in one fixed
order; the queue also filters by programme and sorts by any column, so it reads the
alerts table itself (read only) and returns monitoring's own :class:`Alert` records.
Every change to an alert still goes through ``sanctio.monitor.alerts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sanctio.database import Database
from sanctio.monitor.alerts import STATES, UNDECIDED, Alert
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


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(chosen: QueueFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if chosen.state == "undecided":
        conditions.append(alerts.c.state.in_(UNDECIDED))
    elif chosen.state == "awaiting":
        conditions.append(alerts.c.proposed_decision.is_not(None))
    elif chosen.state:
        conditions.append(alerts.c.state == chosen.state)
    if chosen.min_score is not None:
        conditions.append(alerts.c.score >= chosen.min_score)
    if chosen.source:
        conditions.append(alerts.c.source == chosen.source)
    if chosen.programme.strip():
        # programmes are a JSON array of strings: match an element starting with the text
        pattern = f'%"{_escape_like(chosen.programme.strip().upper())}%'
        conditions.append(sa.cast(alerts.c.programs, sa.Text).like(pattern, escape="\\"))
    if chosen.assignee == UNASSIGNED:
        conditions.append(alerts.c.assignee.is_(None))
    elif chosen.assignee:
        conditions.append(alerts.c.assignee == chosen.assignee)
    return conditions


def queue_page(db: Database, chosen: QueueFilter, *, page: int, per_page: int) -> QueuePage:
    """The alerts on page ``page`` (from 1) of the queue, and the count of all that match."""
    chosen.check()
    conditions = _where(chosen)
    column = SORTS[chosen.sort]
    order = [column.desc() if chosen.descending else column.asc(), alerts.c.id]
    with db.read() as connection:
        total = int(
            connection.execute(
                sa.select(sa.func.count()).select_from(alerts).where(*conditions)
            ).scalar_one()
        )
        pages = max(1, -(-total // per_page))
        page = min(max(page, 1), pages)
        rows = connection.execute(
            sa.select(alerts)
            .where(*conditions)
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
