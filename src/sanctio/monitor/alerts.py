"""Alerts and the analyst's workflow: read, assign, comment, decide, confirm, reopen.

One alert per (customer, listed entity). States:

- ``open``: raised by a screening, nobody on it yet;
- ``in_review``: assigned to someone;
- ``escalated``: sent up for a senior decision;
- ``true_match``: the customer is the listed party (needs a second reviewer: four-eyes);
- ``false_positive``: the customer is not the listed party; re-screenings stay quiet about
  this pair (the good-guy list) until either side changes materially, then it re-opens;
- ``closed``: closed by monitoring with a reason (``delisted``; ``no longer matches``).

Every change goes to the audit trail in the same transaction (subject ``alert:<id>``),
and that trail is the alert's history. Each function takes the case database and the
acting user's name, so the CLI, the web UI and scripts share one set of rules.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio import audit
from sanctio.audit import AuditEvent, AuditRecord
from sanctio.database import Database
from sanctio.errors import NotFoundError
from sanctio.monitor.errors import DecisionError, FourEyesError
from sanctio.monitor.settings import load_settings
from sanctio.monitor.tables import alerts, now

__all__ = [
    "DECISIONS",
    "STATES",
    "Alert",
    "AlertFilter",
    "alert_history",
    "assign",
    "comment",
    "confirm",
    "count_alerts",
    "decide",
    "get_alert",
    "list_alerts",
    "reject",
    "reopen",
]

OPEN, IN_REVIEW, ESCALATED = "open", "in_review", "escalated"
TRUE_MATCH, FALSE_POSITIVE, CLOSED = "true_match", "false_positive", "closed"
STATES = (OPEN, IN_REVIEW, ESCALATED, TRUE_MATCH, FALSE_POSITIVE, CLOSED)
UNDECIDED = (OPEN, IN_REVIEW, ESCALATED)
DECISIONS = (FALSE_POSITIVE, TRUE_MATCH, ESCALATED)
MAX_TEXT = 10_000
MAX_ACTOR = 200
# Column values that take a decision (and a pending proposal) off an alert.
CLEARED_DECISION: dict[str, Any] = {
    "decided_by": None,
    "confirmed_by": None,
    "decision_reason": None,
    "decided_at": None,
    "good_guy": None,
    "proposed_decision": None,
    "proposed_by": None,
    "proposed_reason": None,
}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert as stored: the pair, its state, the last screening's data and decisions."""

    id: int
    customer_id: str
    entity_id: str
    source: str
    state: str
    close_reason: str | None
    active: bool
    score: float
    matched_name: str
    caption: str
    schema: str
    programs: list[str]
    explanation: dict[str, Any]
    list_version: int
    list_as_of: str
    customer_data: dict[str, list[str]]
    entity_data: dict[str, list[str]]
    assignee: str | None
    proposed_decision: str | None
    proposed_by: str | None
    proposed_reason: str | None
    decided_by: str | None
    confirmed_by: str | None
    decision_reason: str | None
    decided_at: str | None
    good_guy: dict[str, Any] | None
    created_at: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    def good_guy_data(self) -> dict[str, Any]:
        """The data a false-positive decision was made on, keyed like the alert's own
        ``customer_data`` and ``entity_data`` (empty when there is no such decision)."""
        if not self.good_guy:
            return {}
        return {"customer_data": self.good_guy["customer"], "entity_data": self.good_guy["entity"]}

    @classmethod
    def from_row(cls, row: Any) -> Alert:
        """An alert from a row of the ``alerts`` table."""
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})


def _lock(connection: Connection, alert_id: int) -> Alert:
    row = connection.execute(
        sa.select(alerts).where(alerts.c.id == alert_id).with_for_update()
    ).first()
    if row is None:
        raise NotFoundError(f"no alert {alert_id}")
    return Alert.from_row(row)


def _check_actor(actor: str) -> str:
    if not isinstance(actor, str) or not actor.strip():
        raise DecisionError("actor: the acting user's name is required")
    if len(actor) > MAX_ACTOR:
        raise DecisionError(f"actor: {len(actor)} characters; the limit is {MAX_ACTOR}")
    return actor.strip()


def _check_text(label: str, text: str | None) -> str:
    if not isinstance(text, str) or not text.strip():
        raise DecisionError(f"{label}: required, and must not be empty")
    if len(text) > MAX_TEXT:
        raise DecisionError(f"{label}: {len(text)} characters; the limit is {MAX_TEXT}")
    return text.strip()


def _change(
    connection: Connection,
    alert: Alert,
    actor: str,
    action: str,
    values: dict[str, Any],
    payload: dict[str, Any],
) -> Alert:
    """Write new column values and the audit record of the change, in one transaction."""
    values = {**values, "updated_at": now()}
    connection.execute(alerts.update().where(alerts.c.id == alert.id).values(values))
    state = values.get("state", alert.state)
    event = {"from_state": alert.state, "to_state": state, **payload}
    audit.append(connection, AuditEvent(actor, action, f"alert:{alert.id}", event))
    return _lock(connection, alert.id)


def get_alert(db: Database, alert_id: int) -> Alert:
    """One alert by id; NotFoundError if there is none."""
    with db.read() as connection:
        row = connection.execute(sa.select(alerts).where(alerts.c.id == alert_id)).first()
    if row is None:
        raise NotFoundError(f"no alert {alert_id}")
    return Alert.from_row(row)


def alert_history(db: Database, alert_id: int) -> list[AuditRecord]:
    """Everything that happened to an alert, oldest first, from the audit trail."""
    get_alert(db, alert_id)
    with db.read() as connection:
        return list(audit.records(connection, subjects=[f"alert:{alert_id}"]))


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alerts to list: every field given must hold (None: any)."""

    states: list[str] | tuple[str, ...] | None = None
    customer_id: str | None = None
    entity_id: str | None = None
    source: str | None = None  # the list: ofac-sdn, un ...
    program: str | None = None  # one of the listed entity's programmes: SYRIA ...
    assignee: str | None = None
    min_score: float | None = None
    active: bool | None = None  # alerting at the last screening that covered the pair

    def apply(self, query: sa.Select[Any]) -> sa.Select[Any]:
        """``query`` restricted to the alerts this filter keeps."""
        if self.states:
            unknown = set(self.states) - set(STATES)
            if unknown:
                raise DecisionError(
                    f"state: unknown {', '.join(sorted(unknown))}; use one of {', '.join(STATES)}"
                )
            query = query.where(alerts.c.state.in_(list(self.states)))
        for column, value in (
            (alerts.c.customer_id, self.customer_id),
            (alerts.c.entity_id, self.entity_id),
            (alerts.c.source, self.source),
            (alerts.c.assignee, self.assignee),
            (alerts.c.active, self.active),
        ):
            if value is not None:
                query = query.where(column == value)
        if self.program is not None:
            # programmes are a JSON list of strings; its text holds each one quoted
            quoted = orjson.dumps(self.program).decode()
            query = query.where(
                sa.cast(alerts.c.programs, sa.Text).contains(quoted, autoescape=True)
            )
        if self.min_score is not None:
            query = query.where(alerts.c.score >= self.min_score)
        return query


def list_alerts(db: Database, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[Alert]:
    """Alerts matching every filter given (the fields of :class:`AlertFilter`), highest
    score first, then oldest first."""
    query = AlertFilter(**filters).apply(sa.select(alerts))
    query = query.order_by(alerts.c.score.desc(), alerts.c.id).limit(limit).offset(offset)
    with db.read() as connection:
        return [Alert.from_row(row) for row in connection.execute(query)]


def count_alerts(db: Database, **filters: Any) -> int:
    """How many alerts :func:`list_alerts` would find with the same filters, unpaged."""
    query = AlertFilter(**filters).apply(sa.select(sa.func.count()).select_from(alerts))
    with db.read() as connection:
        return int(connection.execute(query).scalar_one())


def assign(db: Database, alert_id: int, assignee: str | None, actor: str) -> Alert:
    """Give an alert to a reviewer (None takes it back); an open alert goes in review."""
    actor = _check_actor(actor)
    if assignee is not None:
        assignee = _check_actor(assignee)
    with db.begin() as connection:
        alert = _lock(connection, alert_id)
        if alert.state == CLOSED:
            raise DecisionError(
                f"alert {alert_id} is closed ({alert.close_reason}); reopen it first"
            )
        values: dict[str, Any] = {"assignee": assignee}
        if alert.state == OPEN and assignee is not None:
            values["state"] = IN_REVIEW
        payload = {"assignee": assignee, "previous_assignee": alert.assignee}
        return _change(connection, alert, actor, "alert.assigned", values, payload)


def comment(db: Database, alert_id: int, text: str, actor: str) -> Alert:
    """Add a comment to an alert's history."""
    actor = _check_actor(actor)
    text = _check_text("comment", text)
    with db.begin() as connection:
        alert = _lock(connection, alert_id)
        return _change(connection, alert, actor, "alert.commented", {}, {"comment": text})


def decide(db: Database, alert_id: int, decision: str, reason: str, actor: str) -> Alert:
    """Decide an undecided alert: ``false_positive``, ``true_match`` or ``escalated``.

    A decision listed in the ``four_eyes`` setting (always ``true_match``) is only
    proposed: it takes effect when a different reviewer calls :func:`confirm`.
    A final false positive puts the pair on the good-guy list with the data it was
    decided on. Raises DecisionError for an unknown decision, an empty reason, or an
    alert that is already decided, closed or awaiting confirmation.
    """
    actor = _check_actor(actor)
    if decision not in DECISIONS:
        raise DecisionError(f"decision: unknown {decision!r}; use one of {', '.join(DECISIONS)}")
    reason = _check_text("reason", reason)
    four_eyes = load_settings(db).four_eyes
    with db.begin() as connection:
        alert = _lock(connection, alert_id)
        if alert.proposed_decision:
            raise DecisionError(
                f"alert {alert_id} awaits confirmation of {alert.proposed_decision} proposed "
                f"by {alert.proposed_by}; confirm or reject that first"
            )
        if alert.state not in UNDECIDED:
            detail = f" ({alert.close_reason})" if alert.state == CLOSED else ""
            raise DecisionError(
                f"alert {alert_id} is {alert.state}{detail}, not open; reopen it to decide again"
            )
        if decision == ESCALATED:
            if alert.state == ESCALATED:
                raise DecisionError(f"alert {alert_id} is already escalated")
            values = {"state": ESCALATED}
            return _change(connection, alert, actor, "alert.escalated", values, {"reason": reason})
        if decision in four_eyes:
            values = {
                "proposed_decision": decision,
                "proposed_by": actor,
                "proposed_reason": reason,
            }
            payload = {"decision": decision, "reason": reason}
            return _change(connection, alert, actor, "alert.proposed", values, payload)
        return _finalise(connection, alert, decision, reason, decided_by=actor, confirmed_by=None)


def _finalise(
    connection: Connection,
    alert: Alert,
    decision: str,
    reason: str,
    *,
    decided_by: str,
    confirmed_by: str | None,
) -> Alert:
    values: dict[str, Any] = {
        "state": decision,
        "decided_by": decided_by,
        "confirmed_by": confirmed_by,
        "decision_reason": reason,
        "decided_at": now(),
        "proposed_decision": None,
        "proposed_by": None,
        "proposed_reason": None,
        "good_guy": (
            {"customer": alert.customer_data, "entity": alert.entity_data}
            if decision == FALSE_POSITIVE
            else None
        ),
    }
    actor = confirmed_by or decided_by
    action = "alert.confirmed" if confirmed_by else "alert.decided"
    payload = {"decision": decision, "reason": reason, "decided_by": decided_by}
    return _change(connection, alert, actor, action, values, payload)


def confirm(db: Database, alert_id: int, actor: str, reason: str | None = None) -> Alert:
    """Confirm a proposed decision as the second reviewer (four-eyes).

    Raises FourEyesError when ``actor`` proposed it, DecisionError when nothing awaits
    confirmation.
    """
    actor = _check_actor(actor)
    with db.begin() as connection:
        alert = _lock(connection, alert_id)
        if not alert.proposed_decision or not alert.proposed_by:
            raise DecisionError(f"alert {alert_id} has no decision awaiting confirmation")
        if alert.proposed_by == actor:
            raise FourEyesError(
                f"alert {alert_id}: {actor} proposed {alert.proposed_decision} and cannot "
                "confirm it; a second, different reviewer must"
            )
        text = alert.proposed_reason or ""
        if reason and reason.strip():
            text = f"{text} / confirmed: {_check_text('reason', reason)}"
        return _finalise(
            connection,
            alert,
            alert.proposed_decision,
            text,
            decided_by=alert.proposed_by,
            confirmed_by=actor,
        )


def reject(db: Database, alert_id: int, reason: str, actor: str) -> Alert:
    """Turn down (or, as its proposer, withdraw) a decision awaiting confirmation; the
    alert stays undecided, in review."""
    actor = _check_actor(actor)
    reason = _check_text("reason", reason)
    with db.begin() as connection:
        alert = _lock(connection, alert_id)
        if not alert.proposed_decision:
            raise DecisionError(f"alert {alert_id} has no decision awaiting confirmation")
        values = {
            "state": IN_REVIEW if alert.state == OPEN else alert.state,
            "proposed_decision": None,
            "proposed_by": None,
            "proposed_reason": None,
        }
        payload = {
            "decision": alert.proposed_decision,
            "proposed_by": alert.proposed_by,
            "reason": reason,
        }
        return _change(connection, alert, actor, "alert.rejected", values, payload)


def reopen(db: Database, alert_id: int, reason: str, actor: str) -> Alert:
    """Send a decided or closed alert back to open (new information, a mistaken decision).
    A false positive leaves the good-guy list."""
    actor = _check_actor(actor)
    reason = _check_text("reason", reason)
    with db.begin() as connection:
        alert = _lock(connection, alert_id)
        if alert.state in UNDECIDED:
            raise DecisionError(f"alert {alert_id} is {alert.state}: it is not decided or closed")
        values = {"state": OPEN, "close_reason": None, **CLEARED_DECISION}
        return _change(connection, alert, actor, "alert.reopened", values, {"reason": reason})
